"""Benchmark of the shared-passages stage against one jieba pass, in one run.

For each corpus size N it parses the texts once, then times, as medians of several runs
(two corpora per N: `synthetic`, from `bench/synth.py`, whose body lines are all drawn from
the seeds', so that every line is in many texts: stock, not reuse; and `copied`, the same
with every body line made its own, characters shuffled, after which each text copies three
paragraphs from three other texts, as reports copy one another):

  a. the stage as a build runs it from scratch: every text's signature (`reuse.signature`)
     and `reuse.find_reuse` over all of them;
  b. `find_reuse` alone, as an incremental build runs it (the signatures kept);
  c. one `jieba.lcut` pass over the corpus (its dictionary already loaded);

and reports a/c and the stage's cost per text, which should stay flat as N grows.

    python bench/reuse.py                         # N = 1000, 2000, 5000; 3 runs each
    python bench/reuse.py --sizes 1000 10000 --runs 1
"""

from __future__ import annotations

import argparse
import logging
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import jieba  # noqa: E402
from synth import _heading, synthesise  # noqa: E402

from build_corpus.config import Tuning  # noqa: E402
from build_corpus.corpus.reuse import find_reuse, signature  # noqa: E402
from build_corpus.read.sources import read_source  # noqa: E402
from build_corpus.text.outline import parse_text  # noqa: E402

jieba.setLogLevel(logging.WARNING)
TUNING = Tuning()


def copied(folder: Path, seed: int, copies: int = 3) -> None:
    """Make every body line of the corpus in `folder` its own (its characters shuffled), then
    let each text copy `copies` body lines of as many other texts, over lines of its own."""
    rng = random.Random(seed)
    paths = sorted(folder.glob("*.txt"))
    texts = []
    for path in paths:
        lines = path.read_text("utf-8").split("\n")
        for i, line in enumerate(lines):
            if line.strip() and not _heading(line):
                chars = list(line)
                rng.shuffle(chars)
                lines[i] = "".join(chars)
        texts.append(lines)
    bodies = [
        [i for i, line in enumerate(lines) if line.strip() and not _heading(line)]
        for lines in texts
    ]
    for t, lines in enumerate(texts):
        for _ in range(copies):
            source = rng.randrange(len(texts))
            if source != t and bodies[source] and bodies[t]:
                lines[rng.choice(bodies[t])] = texts[source][rng.choice(bodies[source])]
    for path, lines in zip(paths, texts, strict=True):
        path.write_text("\n".join(lines), "utf-8")


def measure(n: int, runs: int, copies: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        synthesise(n, folder)
        if copies:
            copied(folder, n)
        texts = [parse_text(read_source(p)) for p in sorted(folder.glob("*.txt"))]
    whole = "\n".join(unit.text for text in texts for unit in text.units())
    stage, find, cut = [], [], []
    pairs = passages = 0
    for _ in range(runs):
        started = time.perf_counter()
        signatures = {text.name: signature(text) for text in texts}
        made = time.perf_counter()
        reuse = find_reuse(signatures, TUNING.reuse_min_chars, TUNING.reuse_max_texts)
        done = time.perf_counter()
        stage.append(done - started)
        find.append(done - made)
        pairs, passages = len(reuse.pairs), sum(map(len, reuse.passages.values()))
        started = time.perf_counter()
        jieba.lcut(whole)
        cut.append(time.perf_counter() - started)
    med = statistics.median
    return {
        "n": n,
        "corpus": "copied" if copies else "synthetic",
        "chars": len(whole),
        "stage_s": med(stage),
        "find_s": med(find),
        "jieba_s": med(cut),
        "pairs": pairs,
        "passages": passages,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    jieba.initialize()
    print(
        "| N | corpus | characters | stage | find_reuse alone | jieba pass | stage / jieba "
        "| stage per text | pairs | passages |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for copies in (False, True):
        for n in args.sizes:
            r = measure(n, args.runs, copies)
            print(
                f"| {n} | {r['corpus']} | {r['chars']:,} | {r['stage_s']:.2f} s "
                f"| {r['find_s']:.2f} s | {r['jieba_s']:.2f} s "
                f"| **{r['stage_s'] / r['jieba_s']:.2f}** "
                f"| {1000 * r['stage_s'] / n:.2f} ms | {r['pairs']:,} | {r['passages']:,} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
