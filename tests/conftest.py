"""Shared fixtures: the seed corpus, parsed; throw-away projects; a built site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_corpus.annotate import AnnotationState, Annotator, Texts, corpus_annotations, segment
from build_corpus.config import DEFAULT_TUNING, Tuning
from build_corpus.model import Annotations, GlossaryEntry, Occurrence, Parsed, Text, TextAnnotation
from build_corpus.outline import clean_titles, parse_text
from build_corpus.segmentation import Segmenter
from build_corpus.sources import read_source

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEED_FILES = sorted(CORPUS.glob("*.txt"))
GOLDEN = Path(__file__).parent / "golden"
SAMPLES = Path(__file__).parent / "samples"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


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
