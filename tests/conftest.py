"""Shared fixtures: the seed corpus, parsed; throw-away projects; a built site.

Slow tests are marked `slow` here, by one rule (`pytest_collection_modifyitems`), so that
`make test-fast` (`pytest -m "not slow"`) runs the pure unit tests in seconds. A test is slow
when it builds a project or drives a browser: when its own code, a fixture it uses (even
through other fixtures), or a helper function of `tests/` it calls, names one of `BUILDERS`
(`make_project`, `run_cli`, `site_project`, `generate`, `build_fresh`, `build_site`,
`subprocess`, `sync_playwright`), or when it is marked `browser`. So a new test that builds
is slow without anyone listing it. A test slow for another reason takes
`@pytest.mark.slow` in its file (or an entry in `SLOW`); a test the rule calls slow by mistake
is a sign it builds more than it needs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import types
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_corpus.config import DEFAULT_TUNING, Tuning
from build_corpus.incremental.annotate import (
    AnnotationState,
    Annotator,
    Texts,
    corpus_annotations,
    segment,
)
from build_corpus.model import Annotations, GlossaryEntry, Occurrence, Parsed, Text, TextAnnotation
from build_corpus.read.sources import read_source
from build_corpus.text.outline import clean_titles, parse_text
from build_corpus.text.segmentation import Segmenter

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEED_FILES = sorted(CORPUS.glob("*.txt"))
GOLDEN = Path(__file__).parent / "golden"
SAMPLES = Path(__file__).parent / "samples"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"
TESTS = Path(__file__).parent

BUILDERS = frozenset(
    {
        "make_project",  # every project built by a test starts as one
        "run_cli",  # `python -m build_corpus` in a subprocess
        "site_project",
        "generate",  # `pipeline.generate`, `pipeline.build_fresh`: a build in-process
        "build_fresh",
        "build_site",  # MkDocs in-process
        "subprocess",
        "sync_playwright",  # Chromium
    }
)
"""Names whose use makes a test slow (see the module's docstring)."""

SLOW: frozenset[str] = frozenset()
"""Node ids (`tests/test_x.py::test_y`) of tests slow although the rule does not say so."""


def _names(code: types.CodeType) -> set[str]:
    """The global and attribute names `code` and the functions defined inside it use."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def _builds(function, seen: set[int]) -> bool:
    """Whether `function`, or a function of `tests/` it calls by name, names a builder."""
    function = getattr(function, "__func__", function)  # a bound method
    code = getattr(function, "__code__", None)
    if code is None or id(code) in seen or not code.co_filename.startswith(str(TESTS)):
        return False
    seen.add(id(code))
    names = _names(code)
    if names & BUILDERS:
        return True
    scope = getattr(function, "__globals__", {})
    return any(_builds(scope[name], seen) for name in names if callable(scope.get(name)))


def _is_slow(item: pytest.Item) -> bool:
    if item.nodeid in SLOW or item.get_closest_marker("browser"):
        return True
    seen: set[int] = set()
    functions = [getattr(item, "function", None)]
    info = getattr(item, "_fixtureinfo", None)
    for definitions in info.name2fixturedefs.values() if info else ():
        functions += [definition.func for definition in definitions]
    return any(_builds(f, seen) for f in functions if f is not None)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `slow` every test that builds a project or drives a browser (module docstring)."""
    for item in items:
        if not item.get_closest_marker("slow") and _is_slow(item):
            item.add_marker(pytest.mark.slow)


def check_golden(path: Path, actual: str) -> None:
    """Compare `actual` with the golden file; `UPDATE_GOLDEN=1` rewrites it."""
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with UPDATE_GOLDEN=1 and review"
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_texts():
    """The five seeds parsed as the build parses them, by file name."""
    sources = [read_source(p) for p in SEED_FILES]
    evidence = frozenset().union(*(clean_titles(s) for s in sources))
    return {s.name: parse_text(s, evidence) for s in sources}


def make_project(where: Path, corpus: Path = CORPUS) -> Path:
    """A project folder like the repository's, with `corpus` as its corpus."""
    where.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    (where / "docs").mkdir(exist_ok=True)
    for page in (ROOT / "docs").glob("*.md"):
        shutil.copy(page, where / "docs" / page.name)
    shutil.copytree(corpus, where / "corpus", dirs_exist_ok=True)
    (where / "build_corpus").symlink_to(ROOT / "build_corpus")
    return where


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m build_corpus ARGS` in `project`, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "build_corpus", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def site_project(where: Path, corpus: Path = CORPUS) -> Path:
    """A project with `corpus` as its corpus, after `python -m build_corpus site`."""
    project = make_project(where, corpus)
    result = run_cli(project, "site")
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """A project with the seed corpus, after `python -m build_corpus site`."""
    return site_project(tmp_path_factory.mktemp("seed-site"))


class ArticleText(HTMLParser):
    """Text and tags of a page's article, without permalinks, title and metadata line."""

    SKIP_CLASSES = frozenset(
        {
            "headerlink",
            "corpus-meta",
            "corpus-keywords",
            "corpus-annot",
            "corpus-kind",
            "corpus-shared-line",
            "corpus-downloads",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip_depth: int | None = None
        self.in_article = False
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article":
            self.in_article = True
        if not self.in_article:
            return
        self.tags.append((tag, attributes))
        if tag in {"br", "img", "input", "hr", "meta", "link"}:
            return
        self.depth += 1
        classes = set((attributes.get("class") or "").split())
        if self.skip_depth is None and (classes & self.SKIP_CLASSES or tag == "h1"):
            self.skip_depth = self.depth

    def handle_endtag(self, tag):
        if not self.in_article:
            return
        if tag == "article":
            self.in_article = False
            return
        if self.skip_depth == self.depth:
            self.skip_depth = None
        self.depth -= 1

    def handle_data(self, data):
        if self.in_article and self.skip_depth is None:
            self.text.append(data)


def article(html: str) -> ArticleText:
    parser = ArticleText()
    parser.feed(html)
    return parser


def squeeze(text: str) -> str:
    """Text without whitespace: what faithfulness is compared on."""
    return "".join(text.split())


class _Memory(Texts):
    """Texts held in memory, for `annotate`."""

    def __init__(self, texts: list[Text], segmenter: Segmenter) -> None:
        self.inputs = {text.name: Parsed(text, segment(text, segmenter)) for text in texts}

    def input(self, name: str) -> Parsed:
        return self.inputs[name]

    def annotation(self, name: str) -> TextAnnotation:
        raise KeyError(name)  # a first update annotates every text

    def searchable(self, name: str) -> str:
        return "\n".join(u.text for u in self.inputs[name].text.units())


@dataclass
class Annotated:
    """A corpus annotated from scratch, in memory (see `annotate`)."""

    annotations: Annotations
    texts: dict[str, TextAnnotation]
    """Each text's own annotation, by name."""
    occurrences: dict[str, list[Occurrence]]
    """The first occurrences of each phrase (up to the concordance limit)."""


def annotate(
    texts: list[Text],
    glossary: list[GlossaryEntry],
    segmenter: Segmenter,
    tuning: Tuning = DEFAULT_TUNING,
) -> Annotated:
    """Annotate parsed texts from scratch, in memory: the annotation stage alone, as the
    pipeline runs it on a first build."""
    memory = _Memory(texts, segmenter)
    state = AnnotationState.new(tuning)
    update = Annotator(state, glossary, segmenter, memory).update(
        list(memory.inputs), dict(memory.inputs), {}
    )
    annotations = corpus_annotations(state, {e.term: e for e in glossary})
    occurrences = {p: state.occurrences.get(p) for p in annotations.phrases}
    return Annotated(annotations, update.texts, occurrences)
