"""Benchmark: our build against plain MkDocs and a plain jieba pass, in one run.

For each corpus size N (synthetic corpora from `bench/synth.py`) it times,
as medians of several runs:

  a. our whole build, split by stage: `python -m build_corpus generate`
     (read, parse, segment, reuse, phrases, mark, keywords, plan, render, write) and then
     `mkdocs build --strict` of the result (MkDocs plus our search index);
  b. the MkDocs floor: `mkdocs build` of the same texts as plain
     one-page-per-text Markdown, Material theme, search plugin off; with
     the navigation MkDocs makes (every page) up to N = 2,000, and with the
     home page alone in it beyond (every page renders the navigation, so the
     default floor grows as N²: at N = 10,000 it ran for over 12 minutes);
  c. the segmentation floor: one `jieba.lcut` pass over the corpus (jieba's
     dictionary already loaded; its load time is reported apart);

and reports a/b, generation/c, the search index's own time (inside a, as
the MkDocs hook reports it), peak memory (maximum resident set of any of
our processes), the size of site/ and of the search index, per-text costs,
and incremental work: after one text changes (a different one in each
run), the time of a second generation, by stage, and the files it rewrote;
and the time of a generation with nothing changed.

    python bench/run.py                    # N = 5, 100, 1000; 3 runs each
    python bench/run.py --sizes 5 100 --runs 5
    python bench/run.py --report-only      # results.md again from results.json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "bench"))

from synth import synthesise  # noqa: E402

PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
GENERATED = ("texts", "phrases", "keywords", "aspects", "data", "trends", "reuse")

JIEBA_PASS = """
import json, logging, sys, time
from pathlib import Path
import jieba
jieba.setLogLevel(logging.WARNING)
start = time.perf_counter(); jieba.initialize(); load = time.perf_counter() - start
text = "\\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt")))
start = time.perf_counter(); tokens = jieba.lcut(text); cut = time.perf_counter() - start
print(json.dumps({"load": load, "cut": cut, "tokens": len(tokens)}))
"""

PLAIN_MKDOCS = """site_name: plain
theme:
  name: material
  language: zh
  font: false
plugins: []
"""
FULL_NAV_LIMIT = 2000
"""Beyond this many texts the floor's navigation holds the home page only."""


def run_measured(command: list[str], cwd: Path) -> tuple[float, int, str]:
    """Run a command; return (seconds, its own peak resident memory in bytes, its stdout);
    its stderr is kept in `LAST_STDERR`.

    stderr goes to a temporary file, so a chatty child cannot block on a full pipe while
    stdout is read; the child is reaped with wait4 to get its resource usage.
    """
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=errors, text=True
        )
        out = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"failed: {' '.join(command)}\n{errors.read()[-3000:]}")
        errors.seek(0)
        LAST_STDERR[:] = [errors.read()]
    return seconds, usage.ru_maxrss * 1024, out


LAST_STDERR = [""]


def index_seconds(mkdocs_log: str) -> float:
    """The search index's build time, from the hook's line in MkDocs' log."""
    found = re.search(r"search index: .* in ([\d.]+) s", mkdocs_log)
    return float(found[1]) if found else float("nan")


def project(n: int) -> Path:
    """A project folder for N texts: our configuration, hand-written pages, a synthetic corpus."""
    folder = OUT / f"project-{n}"
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "docs").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    for page in (ROOT / "docs").glob("*.md"):
        shutil.copy(page, folder / "docs" / page.name)
    (folder / "build_corpus").symlink_to(ROOT / "build_corpus")
    synthesise(n, folder / "corpus")
    return folder


def plain_project(n: int, corpus: Path) -> Path:
    """The same texts as plain Markdown pages, one per text, for the MkDocs floor."""
    folder = OUT / f"plain-{n}"
    if folder.exists():
        shutil.rmtree(folder)
    docs = folder / "docs"
    docs.mkdir(parents=True)
    nav = "nav:\n  - index.md\n" if n > FULL_NAV_LIMIT else ""
    (folder / "mkdocs.yml").write_text(PLAIN_MKDOCS + nav, encoding="utf-8")
    (docs / "index.md").write_text("# plain\n", encoding="utf-8")
    for path in sorted(corpus.glob("*.txt")):
        paragraphs = [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
        (docs / f"{path.stem}.md").write_text(
            f"# {path.stem}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )
    return folder


def clean(folder: Path) -> None:
    """Remove generated pages, the site and the cache: the next build is a full one."""
    for name in GENERATED:
        shutil.rmtree(folder / "docs" / name, ignore_errors=True)
    shutil.rmtree(folder / "site", ignore_errors=True)
    shutil.rmtree(folder / ".cache", ignore_errors=True)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(n: int, runs: int) -> dict:
    ours = project(n)
    corpus_bytes = sum(p.stat().st_size for p in (ours / "corpus").glob("*.txt"))
    plain = plain_project(n, ours / "corpus")
    generation, mkdocs, floor, cuts, peaks, stages, indexing = [], [], [], [], [], [], []
    generation_peaks: list[int] = []
    for i in range(runs):
        print(f"  N={n} run {i + 1}/{runs}", file=sys.stderr, flush=True)
        clean(ours)
        timings = ours / "timings.json"
        seconds, peak, _ = run_measured(
            [PY, "-m", "build_corpus", "generate", "-q", "--timings", str(timings)], ours
        )
        generation.append(seconds)
        peaks.append(peak)
        generation_peaks.append(peak)
        stages.append(json.loads(timings.read_text()))
        seconds, peak, _ = run_measured(
            [PY, "-m", "mkdocs", "build", "--strict", "-d", str(ours / "site")], ours
        )
        mkdocs.append(seconds)
        indexing.append(index_seconds(LAST_STDERR[0]))
        peaks.append(peak)
        shutil.rmtree(plain / "site", ignore_errors=True)
        seconds, _, _ = run_measured(
            [PY, "-m", "mkdocs", "build", "-d", str(plain / "site")], plain
        )
        floor.append(seconds)
        _, _, out = run_measured([PY, "-c", JIEBA_PASS, str(ours / "corpus")], ours)
        cuts.append(json.loads(out))

    # incremental: one text gains a sentence (a different text each run), generate again;
    # then the text is put back and the corpus rebuilt unmeasured, so that no two texts
    # share the new sentence (which would make it a new phrase of the corpus)
    generate = [PY, "-m", "build_corpus", "generate", "-q", "--timings", str(timings)]
    paths = sorted((ours / "corpus").glob("*.txt"))
    incremental, incremental_stages = [], []
    for i in range(runs):
        changed = paths[(n // 2 + i) % n]
        original = changed.read_bytes()
        changed.write_bytes(original + "新增的一句话，用于基准测试。\n".encode())
        seconds, _, _ = run_measured(generate, ours)
        incremental.append(seconds)
        incremental_stages.append(json.loads(timings.read_text()))
        written = _written(ours)
        changed.write_bytes(original)
        run_measured(generate, ours)
    unchanged, _, _ = run_measured(generate, ours)

    med = statistics.median
    stage_medians = {k: med(s[k] for s in stages) for k in stages[0]}
    total = med(generation) + med(mkdocs)
    index = ours / "site" / "search"
    return {
        "n": n,
        "corpus_mb": corpus_bytes / 1e6,
        "runs": runs,
        "generation_s": med(generation),
        "mkdocs_s": med(mkdocs),
        "build_s": total,
        "mkdocs_floor_s": med(floor),
        "jieba_load_s": med(c["load"] for c in cuts),
        "jieba_pass_s": med(c["cut"] for c in cuts),
        "build_over_floor": total / med(floor),
        "generation_over_jieba": med(generation) / med(c["cut"] for c in cuts),
        "peak_mib": max(peaks) / 2**20,
        "generation_peak_mib": max(generation_peaks) / 2**20,
        "site_mb": folder_size(ours / "site") / 1e6,
        "home_kb": (ours / "site" / "index.html").stat().st_size / 1e3,
        "search_index_s": med(indexing),
        "search_index_mb": folder_size(index) / 1e6,
        "index_over_corpus": folder_size(index) / corpus_bytes,
        "floor_navigation": "home page" if n > FULL_NAV_LIMIT else "every page",
        "stages_s": stage_medians,
        "incremental_s": med(incremental),
        "incremental_over_full": med(incremental) / med(generation),
        "incremental_stages_s": {
            k: med(s[k] for s in incremental_stages) for k in incremental_stages[0]
        },
        "incremental_files_written": written,
        "unchanged_s": unchanged,
    }


def _written(folder: Path) -> str:
    # the generation log is quiet; count files newer than the corpus change instead
    newest = max(p.stat().st_mtime for p in (folder / "corpus").glob("*.txt"))
    files = [p for name in GENERATED for p in (folder / "docs" / name).rglob("*") if p.is_file()]
    return f"{sum(p.stat().st_mtime >= newest for p in files)} of {len(files)}"


def report(results: list[dict]) -> str:
    lines = [
        "| N | corpus | generation | mkdocs (ours) | whole build | MkDocs floor | build / floor "
        "| jieba pass | generation / jieba | peak memory | site/ | home page "
        "| search index (× corpus) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['n']} | {r['corpus_mb']:.2f} MB | {r['generation_s']:.2f} s "
            f"| {r['mkdocs_s']:.2f} s | {r['build_s']:.2f} s | {r['mkdocs_floor_s']:.2f} s "
            f"| **{r['build_over_floor']:.2f}** "
            f"| {r['jieba_pass_s']:.2f} s | **{r['generation_over_jieba']:.2f}** "
            f"| {r['peak_mib']:.0f} MiB ({r.get('generation_peak_mib', float('nan')):.0f} "
            f"generating) | {r['site_mb']:.1f} MB "
            f"| {r.get('home_kb', float('nan')):.0f} KB "
            f"| {r['search_index_mb']:.2f} MB ({r['index_over_corpus']:.2f}) |"
        )
    lines += [
        "",
        "Per text (ms): generation, our MkDocs (search index included), search index, "
        "MkDocs floor (its navigation)",
        "",
    ]
    for r in results:
        keys = ("generation_s", "mkdocs_s", "search_index_s", "mkdocs_floor_s")
        per = [1000 * r.get(k, float("nan")) / r["n"] for k in keys]
        lines.append(
            f"- N = {r['n']}: {per[0]:.1f}, {per[1]:.1f}, {per[2]:.2f}, {per[3]:.1f} "
            f"({r.get('floor_navigation', 'every page')})"
        )
    lines += ["", "Generation stages (s, medians; then ms per text):", ""]
    for r in results:
        stages = ", ".join(f"{k} {v:.2f}" for k, v in r["stages_s"].items())
        per_text = ", ".join(f"{k} {1000 * v / r['n']:.1f}" for k, v in r["stages_s"].items())
        reuse = r["stages_s"].get("reuse")
        against = ""
        if reuse is not None:
            against = f"; shared passages / jieba pass: **{reuse / r['jieba_pass_s']:.2f}**"
        lines.append(f"- N = {r['n']}: {stages}; per text: {per_text}{against}")
    lines += [
        "",
        "Incremental (one text gains a sentence, generation again; median over as many runs,",
        "a different text each time):",
        "",
    ]
    for r in results:
        stages = ", ".join(f"{k} {v:.2f}" for k, v in r["incremental_stages_s"].items())
        lines.append(
            f"- N = {r['n']}: {r['incremental_s']:.2f} s = **{r['incremental_over_full']:.2f}** "
            f"of a full generation; files rewritten by the last: "
            f"{r['incremental_files_written']}; stages: {stages}; "
            f"then with nothing changed: {r['unchanged_s']:.2f} s"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--report-only", action="store_true", help="rewrite results.md from results.json"
    )
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.report_only:
        results = json.loads((OUT / "results.json").read_text(encoding="utf-8"))
    else:
        results = [measure(n, args.runs) for n in args.sizes]
        (OUT / "results.json").write_text(json.dumps(results, indent=1) + "\n", "utf-8")
    text = report(results)
    (OUT / "results.md").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
