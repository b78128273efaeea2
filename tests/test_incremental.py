"""A from-scratch build is the reference (issue 10, point 2).

Every incremental build, whatever happened since the last one (texts added,
removed, renamed or edited, metadata and glossary changed, options changed, the
cache damaged), must write exactly the files a build from scratch writes, byte
for byte. The builds run as a user runs them: `python -m build_corpus` in a
project folder (`conftest.run_cli`).
"""

from __future__ import annotations

import csv
import difflib
import gc
import html
import io
import json
import random
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import opencc
import pytest
import yaml
from conftest import CORPUS, make_project, run_cli

from build_corpus import pipeline
from build_corpus.config import BuildConfig
from build_corpus.read.glossary import DEFAULT_GLOSSARY
from build_corpus.read.sources import read_source
from build_corpus.text.markers import marker_at

GENERATED = ("texts", "phrases", "keywords", "aspects", "data", "trends", "reuse")
CACHE = Path(".cache/build_corpus")
SITE_EPOCH = "1700000000"
CN = "零一二三四五六七八九十"


# --- comparing a project's output with a fresh build's -----------------------------------


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones included), by relative path."""
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def generated(project: Path) -> dict[str, bytes]:
    """The generator's output: docs/texts, docs/phrases, docs/keywords."""
    return {
        f"{name}/{rel}": data
        for name in GENERATED
        for rel, data in tree(project / "docs" / name).items()
    }


def first_difference(expected: bytes, actual: bytes) -> str:
    """Where two versions of a file first differ, line by line, long lines cut around it."""
    old = expected.decode("utf-8", "replace").splitlines()
    new = actual.decode("utf-8", "replace").splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        if tag == "equal":
            continue
        a = old[i1] if i1 < i2 else ""
        b = new[j1] if j1 < j2 else ""
        start = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), 0)
        start = max(0, start - 60)
        return (
            f"  first difference at line {i1 + 1} ({tag}; {i2 - i1} line(s) fresh, "
            f"{j2 - j1} incremental):\n"
            f"  fresh:       …{a[start : start + 160]}…\n"
            f"  incremental: …{b[start : start + 160]}…"
        )
    return "  (no line differs: line ends or a trailing newline)"


def differences(expected: dict[str, bytes], actual: dict[str, bytes]) -> str:
    """'' if the trees are equal, else the differing files and the first difference of one."""
    if expected == actual:
        return ""
    missing = sorted(expected.keys() - actual.keys())
    extra = sorted(actual.keys() - expected.keys())
    changed = sorted(k for k in expected.keys() & actual.keys() if expected[k] != actual[k])
    lines = []
    for label, files in (
        ("missing from the incremental build", missing),
        ("not in the fresh build", extra),
        ("different", changed),
    ):
        if files:
            shown = ", ".join(files[:25]) + (
                f", … ({len(files)} in all)" if len(files) > 25 else ""
            )
            lines.append(f"{label} ({len(files)}): {shown}")
    if changed:
        # a text page or a phrase page says more than an index
        show = next((f for f in changed if "/.bodies/" in f), changed[0])
        lines.append(f"{show}:\n{first_difference(expected[show], actual[show])}")
    return "\n".join(lines)


def fresh_build(where: Path, corpus: Path, *options: str) -> Path:
    """A new project with a copy of `corpus`, built from scratch."""
    if where.exists():
        shutil.rmtree(where)
    project = make_project(where, corpus)
    result = run_cli(project, "generate", "--no-cache", *options)
    assert result.returncode == 0, f"fresh build failed:\n{result.stderr[-3000:]}"
    return project


def cache_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "cache" in line.lower()]


def both(first, second):
    """Run two builds at once (two cores); return their results."""
    with ThreadPoolExecutor(2) as pool:
        a, b = pool.submit(first), pool.submit(second)
        return a.result(), b.result()


# --- a small synthetic corpus from the seeds' own sentences --------------------------------


SEEDS = [read_source(p).text for p in sorted(CORPUS.glob("*.txt"))]
RE_SENTENCE = re.compile(r"[^。！？\n]+[。！？]")
RE_CJK = re.compile(r"[\u4e00-\u9fff]{2,}")


def _strip_marker(line: str) -> str:
    line = line.strip()
    marker = marker_at(line, 0)
    return line[marker.end :] if marker else line


def _runs(text: str) -> list[list[str]]:
    """The sentences of each line of `text`, markers removed."""
    out = []
    for line in text.split("\n"):
        sentences = RE_SENTENCE.findall(_strip_marker(line))
        if len(sentences) >= 3:
            out.append([s.strip() for s in sentences])
    return out


RUNS = [run for text in SEEDS for run in _runs(text)]
TITLES = sorted(
    {
        _strip_marker(line)
        for text in SEEDS
        for line in text.split("\n")
        if line.strip().startswith(tuple(f"{c}、" for c in CN[1:]))
        and len(_strip_marker(line)) <= 16
    }
)


def synthetic_text(rng: random.Random) -> str:
    """About 3–5 KB: a preamble and three numbered sections of the seeds' sentences, each
    with two or three numbered paragraphs."""

    def paragraph(lo: int, hi: int) -> str:
        run = rng.choice(RUNS)
        n = rng.randint(lo, hi)
        start = rng.randrange(max(1, len(run) - n + 1))
        return "".join(run[start : start + n])

    lines = [paragraph(2, 3)]
    for i in range(1, 4):
        lines.append(f"{CN[i]}、{rng.choice(TITLES)}")
        for j in range(1, rng.randint(2, 3) + 1):
            lines.append(f"（{CN[j]}）{paragraph(2, 3)}")
    return "\n".join(lines) + "\n"


def q(value: object) -> str:
    """A YAML scalar (JSON's double-quoted strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Corpus:
    """What the corpus folder holds; `write` puts it there as a user would edit it."""

    texts: dict[str, str] = field(default_factory=dict)
    meta: dict[str, dict[str, object]] = field(default_factory=dict)
    glossary: dict[str, dict[str, object]] = field(default_factory=dict)
    made: int = 0
    """Texts made so far (for fresh names and slugs)."""

    def new_text(self, rng: random.Random, with_meta: bool = True) -> str:
        self.made += 1
        name = f"{self.made:03d}_{rng.randrange(16**6):06x}.txt"
        self.texts[name] = synthetic_text(rng)
        if with_meta:
            self.meta[name] = {
                "slug": f"text-{self.made}",
                "title": f"合成材料{self.made}号对照检查材料",
                "year": 2018 + self.made % 6,
                "role": rng.choice(["市委书记", "区委副书记", "领导班子"]),
                "meeting": "合成民主生活会",
            }
        return name

    def write(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for path in folder.glob("*.txt"):
            if path.name not in self.texts:
                path.unlink()
        for name, text in self.texts.items():
            path = folder / name
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
        meta = ["texts:"]
        for name in sorted(self.meta):
            meta.append(f"  {q(name)}:")
            meta += [f"    {k}: {q(v)}" for k, v in self.meta[name].items()]
        _write_if_changed(folder / "metadata.yml", "\n".join(meta) + "\n")
        terms = ["terms:"]
        for term, entry in self.glossary.items():
            terms.append(f"  {q(term)}:")
            terms += [f"    {k}: {q(v)}" for k, v in entry.items()]
        _write_if_changed(folder / "glossary.yml", "\n".join(terms) + "\n")


def _write_if_changed(path: Path, content: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != content:
        path.write_text(content, encoding="utf-8")


GLOSSARY = yaml.safe_load(DEFAULT_GLOSSARY.read_text(encoding="utf-8"))["terms"]
"""Terms a corpus's own glossary may take up: those of the default one, which it overrides."""
TO_TRADITIONAL = opencc.OpenCC("s2t")


# --- the random steps -------------------------------------------------------------------

PUNCTUATION = "，；、"
NEIGHBOURS = ["坚持", "做到", "落实", "强化", "推动", "始终", "切实", "自觉"]


def body_lines(text: str) -> list[int]:
    """Indexes of the lines long enough to edit inside."""
    return [i for i, line in enumerate(text.split("\n")) if len(line) >= 20]


def chunk(rng: random.Random, n: int) -> str:
    """`n` Chinese characters that stand together in some seed sentence."""
    while True:
        words = RE_CJK.findall(rng.choice(rng.choice(RUNS)))
        words = [w for w in words if len(w) >= n]
        if words:
            word = rng.choice(words)
            start = rng.randrange(len(word) - n + 1)
            return word[start : start + n]


def forms(corpus: Corpus) -> set[str]:
    return {
        form
        for term, entry in corpus.glossary.items()
        for form in (term, *entry.get("variants", []))
    }


def phrases_of(project: Path) -> set[str]:
    """The phrases the last build listed in its phrase index."""
    index = project / "docs/phrases/index.md"
    if not index.is_file():
        return set()
    found = re.findall(
        r'<a class="corpus-phrase" href="[^"]*">([^<]+)</a>', index.read_text("utf-8")
    )
    return {html.unescape(p) for p in found}


def step_add(rng, corpus, options, project):
    with_meta = rng.random() < 0.8
    name = corpus.new_text(rng, with_meta)
    return f"add {name}" + ("" if with_meta else " (no metadata entry)")


def step_remove(rng, corpus, options, project):
    if len(corpus.texts) <= 6:
        return step_add(rng, corpus, options, project)
    name = rng.choice(sorted(corpus.texts))
    del corpus.texts[name]
    corpus.meta.pop(name, None)
    return f"remove {name}"


def step_rename(rng, corpus, options, project):
    name = rng.choice(sorted(corpus.texts))
    corpus.made += 1
    new = f"{corpus.made:03d}_renamed_{name[4:]}"
    corpus.texts[new] = corpus.texts.pop(name)
    if name in corpus.meta:
        corpus.meta[new] = corpus.meta.pop(name)
    return f"rename {name} → {new}"


def step_edit(rng, corpus, options, project):
    name = rng.choice(sorted(corpus.texts))
    lines = corpus.texts[name].split("\n")
    i = rng.choice(body_lines(corpus.texts[name]))
    line = lines[i]
    at = rng.randrange(len(line) // 3, 2 * len(line) // 3)
    new = chunk(rng, rng.randint(2, 4))
    if rng.random() < 0.5:
        lines[i] = line[:at] + new + line[at:]
        what = f"insert {new!r}"
    else:
        n = rng.randint(1, 3)
        what = f"replace {line[at : at + n]!r} by {new!r}"
        lines[i] = line[:at] + new + line[at + n :]
    corpus.texts[name] = "\n".join(lines)
    return f"edit {name}:{i + 1}:{at}: {what}"


def step_next_to_phrase(rng, corpus, options, project):
    """Change the punctuation or the word right next to one occurrence of a phrase."""
    candidates = sorted(forms(corpus) | phrases_of(project))
    sites = []
    for name in sorted(corpus.texts):
        text = corpus.texts[name]
        for phrase in candidates:
            for m in re.finditer(re.escape(phrase), text):
                after = m.end() + 1 if text.startswith(("”", "’"), m.end()) else m.end()
                if after < len(text) and text[after] in PUNCTUATION:
                    sites.append((name, phrase, "after", after))  # the mark after it
                before = m.start() - 1 if text[: m.start()].endswith("“") else m.start()
                if before >= 2 and RE_CJK.fullmatch(text[before - 2 : before]):
                    sites.append((name, phrase, "before", before))  # the two characters before
    if not sites:
        return step_edit(rng, corpus, options, project)
    name, phrase, where, at = rng.choice(sites)
    text = corpus.texts[name]
    if where == "after":
        old = text[at]
        new = rng.choice([p for p in PUNCTUATION if p != old])
        corpus.texts[name] = text[:at] + new + text[at + 1 :]
    else:
        old = text[at - 2 : at]
        new = rng.choice([w for w in NEIGHBOURS if w != old])
        corpus.texts[name] = text[: at - 2] + new + text[at:]
    context = text[max(0, at - len(phrase) - 6) : at + 6]
    return f"next to {phrase!r} in {name} ({where}): {old!r} → {new!r} in …{context}…"


def step_retitle(rng, corpus, options, project):
    named = sorted(corpus.meta)
    if not named:
        return step_add(rng, corpus, options, project)
    name = rng.choice(named)
    corpus.meta[name]["title"] = f"{chunk(rng, 4)}专题民主生活会对照检查材料"
    return f"retitle {name}: {corpus.meta[name]['title']}"


def step_glossary(rng, corpus, options, project):
    glossary = corpus.glossary
    kind = rng.choice(["add", "add-found", "remove", "definition", "variant"])
    if kind == "add" and (pool := sorted(GLOSSARY.keys() - glossary.keys() - forms(corpus))):
        term = rng.choice(pool)
        glossary[term] = dict(GLOSSARY[term])
        return f"glossary: add {term!r}"
    if kind == "remove" and len(glossary) > 3:
        term = rng.choice(sorted(glossary))
        del glossary[term]
        return f"glossary: remove {term!r}"
    if kind == "definition":
        term = rng.choice(sorted(glossary))
        glossary[term]["zh"] = f"{chunk(rng, 6)}。"
        return f"glossary: define {term!r} as {glossary[term]['zh']!r}"
    # a new term or a new variant, in a form that occurs in some text
    taken = forms(corpus)
    while True:
        form = chunk(rng, rng.randint(4, 6))
        if form not in taken:
            break
    if kind == "variant":
        term = rng.choice(sorted(glossary))
        glossary[term]["variants"] = [*glossary[term].get("variants", []), form]
        return f"glossary: variant {form!r} of {term!r}"
    glossary[form] = {"zh": "合成测试词条。", "en": "a test term"}
    return f"glossary: add {form!r}"


def step_option(rng, corpus, options, project):
    which = rng.choice(["--min-texts", "--concordance-limit"])
    options[which] = {
        "--min-texts": {"2": "3", "3": "2"},
        "--concordance-limit": {"100": "3", "3": "100"},
    }[which][options[which]]
    return f"option {which} {options[which]}"


def step_script(rng, corpus, options, project):
    """Put a line of a text into traditional characters (its phrases keep counting, under
    another spelling)."""
    name = rng.choice(sorted(corpus.texts))
    lines = corpus.texts[name].split("\n")
    i = rng.choice(body_lines(corpus.texts[name]))
    lines[i] = TO_TRADITIONAL.convert(lines[i])
    corpus.texts[name] = "\n".join(lines)
    return f"traditional {name}:{i + 1}"


def step_wrap(rng, corpus, options, project):
    """Hard-wrap a text, as a copy from a PDF has it."""
    name = rng.choice(sorted(corpus.texts))
    width = rng.randint(28, 40)
    lines = []
    for line in corpus.texts[name].split("\n"):
        lines += [line[i : i + width] for i in range(0, len(line), width)] or [""]
    corpus.texts[name] = "\n".join(lines)
    return f"hard-wrap {name} at {width}"


STEPS = {
    "add": step_add,
    "remove": step_remove,
    "rename": step_rename,
    "edit": step_edit,
    "next-to-phrase": step_next_to_phrase,
    "retitle": step_retitle,
    "glossary": step_glossary,
    "option": step_option,
    "script": step_script,
    "wrap": step_wrap,
}
EXTRA = ["edit", "edit", "next-to-phrase", "next-to-phrase", "add", "remove", "rename"]


def plan(rng: random.Random, n: int) -> list[str]:
    """`n` step kinds: every kind once, the rest mostly edits, in random order."""
    kinds = [*STEPS, *(rng.choice(EXTRA) for _ in range(n - len(STEPS)))]
    rng.shuffle(kinds)
    return kinds


def compare_sites(incremental: Path, fresh: Path, options: list[str], where: str) -> None:
    """`site` in both projects; site/ must be the same, byte for byte."""
    inc, new = both(
        lambda: run_cli(incremental, "site", *options),
        lambda: run_cli(fresh, "site", "--no-cache", *options),
    )
    assert inc.returncode == 0, f"{where}: incremental site failed:\n{inc.stderr[-3000:]}"
    assert new.returncode == 0, f"{where}: fresh site failed:\n{new.stderr[-3000:]}"
    # sitemap.xml and sitemap.xml.gz carry the build date: SOURCE_DATE_EPOCH fixes it
    problem = differences(tree(fresh / "site"), tree(incremental / "site"))
    assert not problem, f"{where}: site/ differs from a fresh build's:\n{problem}"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_incremental_builds_equal_fresh_ones(tmp_path, monkeypatch, seed):
    """Random steps on ten to twelve small texts; after each, the incremental build's generated
    files equal a fresh build's, byte for byte; so does site/, after every step of the first
    sequence and at the end of the others."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SITE_EPOCH)
    rng = random.Random(seed)
    corpus = Corpus()
    for _ in range(rng.randint(10, 12)):
        corpus.new_text(rng)
    for term in rng.sample(sorted(GLOSSARY), 10):
        corpus.glossary[term] = dict(GLOSSARY[term])
    options = {"--min-texts": "2", "--concordance-limit": "100"}
    source = tmp_path / "corpus"
    corpus.write(source)
    project = make_project(tmp_path / "incremental", source)
    first = run_cli(project, "generate")
    assert first.returncode == 0, first.stderr[-3000:]

    done: list[str] = []
    kinds = plan(rng, rng.randint(10, 12))
    for i, kind in enumerate(kinds, 1):
        what = STEPS[kind](rng, corpus, options, project)
        done.append(f"  {i}. {what}")
        where = f"seed {seed}, step {i} of {len(kinds)} ({what}); steps so far:\n" + "\n".join(done)
        print(f"seed {seed} step {i}: {what}")
        corpus.write(project / "corpus")
        opts = [x for pair in options.items() for x in pair]
        result, fresh = both(
            lambda opts=opts: run_cli(project, "generate", *opts),
            lambda opts=opts: fresh_build(tmp_path / "fresh", project / "corpus", *opts),
        )
        assert result.returncode == 0, (
            f"{where}\nincremental build failed:\n{result.stderr[-3000:]}"
        )
        problem = differences(generated(fresh), generated(project))
        assert not problem, f"{where}\ngenerated files differ from a fresh build's:\n{problem}"
        if seed == 1 or i == len(kinds):  # one sequence compares site/ after every step
            compare_sites(project, fresh, opts, where)


# --- known defects, as the user meets them ------------------------------------------------

SEED_003 = "003_eeed8751cc19b1e4.txt"


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / "corpus" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(project: Path, name: str, sentence: str) -> None:
    path = project / "corpus" / name
    path.write_text(path.read_text(encoding="utf-8") + sentence + "\n", encoding="utf-8")


def build_and_check(project: Path, tmp_path: Path, *options: str):
    """Build in `project` as the user does, and a fresh build of its corpus at the same time;
    return the user's result and what is wrong with it (empty: nothing)."""
    result, fresh = both(
        lambda: run_cli(project, "generate", *options),
        lambda: fresh_build(tmp_path / "fresh", project / "corpus", *options),
    )
    problems = []
    if result.returncode != 0:
        problems.append(f"exit status {result.returncode}")
    if "Traceback" in result.stderr:
        problems.append("a Python traceback")
    if len(cache_lines(result.stderr)) > 1:
        problems.append(f"{len(cache_lines(result.stderr))} lines about the cache")
    diff = differences(generated(fresh), generated(project))
    if diff:
        problems.append(f"output differs from a fresh build's:\n{diff}")
    return result, problems


def report(problems: list[str], result) -> str:
    tail = "\n".join(result.stderr.strip().splitlines()[-12:])
    return "\n".join(problems) + f"\n--- stderr (last lines):\n{tail}"


def test_changing_only_the_punctuation_after_a_formula_updates_its_concordance(tmp_path):
    """Seed 003: `做到“两个维护”，不断提高` becomes `做到“两个维护”；不断提高`. No count changes,
    but every phrase page whose concordance shows that line must show the new one."""
    project = make_project(tmp_path / "p")
    assert run_cli(project, "generate").returncode == 0
    edit(project, SEED_003, "做到“两个维护”，不断提高", "做到“两个维护”；不断提高")
    result, problems = build_and_check(project, tmp_path)
    assert not problems, report(problems, result)


def changed_files(folder: Path, before: dict[str, int]) -> list[Path]:
    """Files of `folder` new or rewritten since `before` (name → mtime)."""
    return sorted(
        p for p in folder.glob("*") if p.is_file() and before.get(p.name) != p.stat().st_mtime_ns
    )


def mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*") if p.is_file()}


def cache_files_of(project: Path, sub: str, name: str, sentence: str) -> list[Path]:
    """The files under the cache's `sub` folder that a build writes for text `name` alone
    (found as a user would: edit the text, build, see what was written)."""
    folder = project / CACHE / sub
    before = mtimes(folder)
    append(project, name, sentence)
    result = run_cli(project, "generate")
    assert result.returncode == 0, result.stderr
    return changed_files(folder, before)


def test_a_lost_text_cache_file_of_an_unchanged_text_is_rebuilt(tmp_path):
    """One file under .cache/build_corpus/texts/ is gone (a backup tool, a disk clean-up):
    the next builds work, say so once, and equal fresh ones; `--no-cache` works too."""
    project = make_project(tmp_path / "p")
    assert run_cli(project, "generate").returncode == 0
    unchanged = "001_d692f105936694d5.txt"
    lost = cache_files_of(project, "texts", unchanged, "这是新增的一句话。")
    assert len(lost) == 1, lost
    lost[0].unlink()

    append(project, SEED_003, "坚决做到两个维护。")
    damaged = tmp_path / "damaged"  # the same state, for --no-cache
    shutil.copytree(project, damaged, symlinks=True)
    result, problems = build_and_check(project, tmp_path)
    if not problems:  # and the build after it
        append(project, SEED_003, "始终增强四个意识。")
        result, problems = build_and_check(project, tmp_path)
        problems = [f"the build after: {p}" for p in problems]
    uncached = run_cli(damaged, "generate", "--no-cache")
    if uncached.returncode != 0 or "Traceback" in uncached.stderr:
        problems.append(f"--no-cache fails:\n{uncached.stderr[-1500:]}")
    assert not problems, report(problems, result)


def test_a_lost_annotation_file_does_not_break_the_build(tmp_path):
    """The annotation file of a text under .cache/build_corpus/annotations/ is gone; the
    user edits that text again and builds."""
    project = make_project(tmp_path / "p")
    assert run_cli(project, "generate").returncode == 0
    lost = cache_files_of(project, "annotations", SEED_003, "这是新增的一句话。")
    assert lost, "the build wrote no annotation file for the edited text"
    for path in lost:
        path.unlink()
    append(project, SEED_003, "始终增强四个意识。")
    result, problems = build_and_check(project, tmp_path)
    assert not problems, report(problems, result)
    # the corpus is read once: what reading it reports is not repeated by the fresh start
    leftovers = [line for line in result.stderr.splitlines() if "removed page leftover" in line]
    assert leftovers and len(leftovers) == len(set(leftovers)), result.stderr


@pytest.mark.parametrize("seed", [1, 3, 4, 29])
def test_random_damage_to_the_cache_is_survived(tmp_path, seed):
    """A few files anywhere under .cache/build_corpus/ deleted or truncated (to half their
    size or to nothing), then a text edited: the build works, warns once at most (once
    exactly when the state it always reads was truncated), and equals a fresh one.
    Seed 1: a text entry and an annotation; 3: two text entries; 4: two annotations;
    29: the state, two annotations and a text entry."""
    rng = random.Random(seed)
    project = make_project(tmp_path / "p")
    assert run_cli(project, "generate").returncode == 0
    files = sorted(p for p in (project / CACHE).rglob("*") if p.is_file())
    damage = []
    for path in rng.sample(files, rng.randint(2, 4)):
        how = rng.choice(["delete", "half", "empty"])
        if how == "delete":
            path.unlink()
        else:
            size = path.stat().st_size // 2 if how == "half" else 0
            with path.open("r+b") as handle:
                handle.truncate(size)
        damage.append(f"{how} {path.relative_to(project)}")
    name = rng.choice(sorted(p.name for p in (project / "corpus").glob("*.txt")))
    append(project, name, "坚决做到两个维护，不断提高政治判断力。")
    result, problems = build_and_check(project, tmp_path)
    state_truncated = any(
        d.endswith("/state.pickle") and not d.startswith("delete") for d in damage
    )
    if state_truncated and not cache_lines(result.stderr):
        problems.append("no warning that the cache (its state) was damaged")
    assert not problems, f"seed {seed}; damage: {damage}; edited {name}\n" + report(
        problems, result
    )


def test_a_build_that_fails_while_rendering_leaves_the_pages_as_they_were(tmp_path, monkeypatch):
    """A page that cannot be rendered (here the first phrase page, made to fail, after the
    indexes and a text page) stops the build before any file is put in place: the generated
    folders hold the last build's files and nothing else (no temporary file), and the next
    build equals a fresh one."""
    project = make_project(tmp_path / "p")
    assert run_cli(project, "generate").returncode == 0
    before = generated(project)
    append(project, SEED_003, "坚决做到两个维护。")  # its text page and phrase pages change
    rendered, render_text_page = [], pipeline.render_text_page

    def text_page(text, meta, *args):
        rendered.append(meta.slug)
        return render_text_page(text, meta, *args)

    def fails(phrase, *args):
        rendered.append(phrase.text)
        raise RuntimeError("cannot render")

    monkeypatch.setattr(pipeline, "render_text_page", text_page)
    monkeypatch.setattr(pipeline, "render_phrase_page", fails)
    monkeypatch.chdir(project)
    with pytest.raises(RuntimeError, match="cannot render"):
        pipeline.generate(BuildConfig())
    assert gc.isenabled() and gc.get_freeze_count() == 0  # the build gave the collector back
    # its text page (and those of texts it now shares a passage with), then the failing
    # phrase page
    *texts, phrase = rendered
    assert "2022-shiweishuji" in texts and phrase == "担当作为", rendered
    assert generated(project) == before
    monkeypatch.undo()
    result, problems = build_and_check(project, tmp_path)
    assert not problems, report(problems, result)


def test_a_text_that_grows_redraws_the_charts_it_changes_and_no_others(tmp_path):
    """Seed 004 is the only text of 2023. A sentence without any phrase appended to it makes
    2023 larger, so every phrase it holds occurs less often per 10,000 characters that year:
    those phrases' pages are rendered again with their new charts. A phrase absent from 2023
    keeps its chart (0 that year), and its page is not rendered again; nor are the pages of
    the texts sharing passages with it, which stay where they were."""
    project = make_project(tmp_path / "p")
    assert run_cli(project, "generate").returncode == 0
    rows = project / "docs" / "data" / ".phrase-rows"
    in_2023 = [p.stem for p in rows.glob("*.csv") if ",2023-banzi-zhutijiaoyu," in p.read_text()]
    assert "liang-ge-wei-hu" in in_2023 and len(in_2023) < len(list(rows.glob("*.csv")))
    body = project / "docs" / "phrases" / ".bodies" / "liang-ge-wei-hu.html"
    before = body.read_text("utf-8")
    trends = (project / "docs" / "trends" / "index.md").read_text("utf-8")
    size = int(re.search(r"字数</th><td></td>(?:<td>\d+</td>)*<td>(\d+)</td></tr>", trends)[1])
    sentence = "附：甲乙丙丁戊己庚辛壬癸。"  # nothing another text has
    append(project, "004_1ba1f5e5e2bd770c.txt", sentence)
    result, problems = build_and_check(project, tmp_path)
    assert not problems, report(problems, result)
    chart = re.compile(r"<title>2023年：每万字 ([\d.]+) 次（共 2 次）</title>")
    old, new = (chart.search(t)[1] for t in (before, body.read_text("utf-8")))
    assert (old, new) == (f"{2e4 / size:.2f}", f"{2e4 / (size + len(sentence)):.2f}")
    # the text's own page, the pages of the phrases it holds and those of the pairs of texts
    # it is one of: no other
    pairs = list((project / "docs" / "reuse").glob("*2023-banzi-zhutijiaoyu*.md"))
    assert f"{1 + len(in_2023) + len(pairs)} pages rendered" in result.stderr


def test_a_site_address_set_later_is_in_every_url_of_the_data(tmp_path):
    """`site_url` set in `mkdocs.yml` after a build: the next build writes it into every URL of
    the data to take away (citations, texts.jsonl, concordances), as a fresh build does."""
    project = make_project(tmp_path / "project", CORPUS)
    assert run_cli(project, "generate").returncode == 0
    before = generated(project)
    assert b'"URL": "texts/' in before["data/cite/2022-shiweishuji.json"]
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("# site_url:", "site_url:"), encoding="utf-8"
    )
    result = run_cli(project, "generate")
    assert result.returncode == 0, result.stderr
    after = generated(project)
    fresh = make_project(tmp_path / "fresh", CORPUS)
    shutil.copy(config, fresh / "mkdocs.yml")
    assert run_cli(fresh, "generate", "--no-cache").returncode == 0
    assert after == generated(fresh), differences(generated(fresh), after)
    address = b"https://example.org/corpus/texts/"
    assert address in after["data/cite/2022-shiweishuji.json"]
    assert address in after["data/cite/2022-shiweishuji.bib"]
    assert after["data/texts.jsonl"].count(address) == 5
    concordance = after["data/concordance/yi-gang-shuang-ze.csv"].decode("utf-8")
    urls = [row["url"] for row in csv.DictReader(io.StringIO(concordance))]
    assert urls and all(u.startswith(address.decode()) for u in urls)
    # the pages themselves do not change
    assert {p: v for p, v in after.items() if not p.startswith("data/")} == {
        p: v for p, v in before.items() if not p.startswith("data/")
    }


def test_a_bug_in_reading_what_was_kept_is_an_error_not_cache_damage(tmp_path, monkeypatch):
    """A bug in what is made of a kept file read whole (here the decoding of a memo entry's
    tokens, made to fail) stops the build with its error: it is not taken for a damaged
    cache, warned about and redone on every build. Damaged bytes still are a miss
    (`test_random_damage_to_the_cache_is_survived`)."""
    from build_corpus.incremental import kept

    project = make_project(tmp_path / "p")
    assert run_cli(project, "generate").returncode == 0
    append(project, SEED_003, "坚决做到两个维护。")  # its last version is read from the memo
    monkeypatch.chdir(project)

    def broken(*args):
        raise TypeError("a bug in decoding")

    monkeypatch.setattr(kept, "unpack_tokens", broken)
    with pytest.raises(TypeError, match="a bug in decoding"):
        pipeline.generate(BuildConfig())


RETUNED = {
    "reuse_min_chars": 30,
    "reuse_max_texts": 2,
    "reuse_pairs": 1,
    "reuse_max_repeats": 1,
    "reuse_listed": 1,
    "concordance_context": 5,
    "frequency_bars": 2,
    "catalogue_texts": 2,
    "label_chars": 4,
    "trend_phrases": 3,
    "search_title_weight": 3,
    "search_whole_word_weight": 5,
    "search_teaser_before": 4,
    "search_teaser_chars": 50,
}
"""A value for each `Tuning` field whose scope keeps the annotation, that changes the seeds'
output (but `SAME_OUTPUT`)."""
SAME_OUTPUT = {"reuse_max_texts"}
"""Fields no value of which changes the seeds' output: in a corpus of fewer than 40 texts, a
shingle in more than half of them is stock whatever `reuse_max_texts` says."""


@pytest.fixture(scope="module")
def tuned_base(tmp_path_factory):
    """The seeds generated with the default tuning, and what that build kept."""
    project = make_project(tmp_path_factory.mktemp("tuned") / "p")
    assert run_cli(project, "generate").returncode == 0
    return project


@pytest.mark.parametrize("name", sorted(RETUNED))
def test_a_field_changes_what_its_scope_says_and_the_build_equals_a_fresh_one(
    tmp_path, tuned_base, name
):
    """Each field of `Tuning` carries its scope. Changed, one of scope `PASSAGES`, `PAGE` or
    `SEARCH` gives a build that parses and annotates nothing again, yet equals a fresh build
    with the new value byte for byte; one of `SEARCH` changes only the search's settings,
    which the site's search manifest then gives the browser."""
    from dataclasses import fields, replace

    from build_corpus.config import CORPUS, DEFAULT_TUNING, PAGE, PASSAGES, SEARCH, TEXT, scope_of
    from build_corpus.layout import SETTINGS_FILE
    from build_corpus.publish.site import build_site

    kept_scopes = {f.name for f in fields(DEFAULT_TUNING) if scope_of(f.name) not in (CORPUS, TEXT)}
    assert set(RETUNED) == kept_scopes  # a new field of these scopes needs a value here
    project = tmp_path / "p"
    shutil.copytree(tuned_base, project, symlinks=True)
    before = generated(project)
    tuned = replace(DEFAULT_TUNING, **{name: RETUNED[name]})

    def config(where: Path) -> BuildConfig:
        return BuildConfig(
            corpus_dir=where / "corpus",
            docs_dir=where / "docs",
            cache_dir=where / ".cache/build_corpus",
            mkdocs_config=where / "mkdocs.yml",
            site_dir=where / "site",
            tuning=tuned,
        )

    report = pipeline.generate(config(project))
    assert (report.changed, report.annotated) == (0, 0), report
    after = generated(project)
    fresh = make_project(tmp_path / "fresh")
    pipeline.build_fresh(config(fresh))
    assert after == generated(fresh)
    changed = {path for path in after.keys() | before.keys() if after.get(path) != before.get(path)}
    assert changed or name in SAME_OUTPUT, f"{name} = {RETUNED[name]} changes nothing"
    scope = scope_of(name)
    assert scope in (PASSAGES, PAGE, SEARCH)
    if scope == SEARCH:
        assert changed == {f"texts/{SETTINGS_FILE}"}
        build_site(project / "mkdocs.yml", project / "site")
        index = json.loads((project / "site/search/search_index.json").read_text("utf-8"))
        assert index["config"]["corpus"]["settings"] == tuned.search_settings()
        assert tuned.search_settings()[name.removeprefix("search_")] == RETUNED[name]
