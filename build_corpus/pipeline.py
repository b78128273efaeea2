"""The build, start to finish, in one place.

Like `mkdocs build`, every text is read and parsed before anything is
rendered, so that each page can be rendered from a consistent whole.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .anchors import slugify
from .annotate import (
    annotate,
    corpus_units,
    glossary_words,
    segment,
    units,
)
from .cache import TextCache, digest
from .config import BuildConfig
from .errors import CorpusError
from .glossary import load_glossary
from .metadata import default_meta, load_metadata
from .model import Annotations, SourceText, Text, TextMeta
from .outline import clean_titles, parse_text
from .output import sync_folder
from .phrases import MiningOptions
from .progress import Progress
from .render_markdown import (
    BODIES,
    KEYWORDS,
    PHRASES,
    TEXTS,
    CorpusIndex,
    Page,
    render_catalogue,
    render_text_page,
)
from .render_phrases import render_keyword_index, render_phrase_index, render_phrase_page
from .render_search import search_documents
from .segmentation import Segmenter
from .sources import read_source

log = logging.getLogger("build_corpus")

CATALOGUE_FILE = ".catalogue.md"
"""Home-page list of texts, included by `docs/index.md`; hidden from MkDocs' page list."""
SEARCH_FILE = ".search-docs.json"
"""Search documents of all texts, merged into the search index by `mkdocs_hooks`."""
USER_DICT_FILE = ".jieba-user-dict.txt"
"""The corpus's jieba user dictionary, also given to Material's search plugin."""


@dataclass
class BuildReport:
    """What a generation did, for the summary line and for tests."""

    texts: list[Text] = field(default_factory=list)
    """Every text built, in file-name order."""
    annotations: Annotations = field(default_factory=Annotations)
    """Phrases, keywords and related sections of the corpus."""
    skipped: list[str] = field(default_factory=list)
    """Files not built (empty), with the reason."""
    written: int = 0
    """Generated files written because they changed."""
    removed: int = 0
    """Stale generated files removed."""
    seconds: float = 0.0
    """Wall time of the generation."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per stage, in the order they ran."""
    cached: int = 0
    """Texts whose parse and tokens came from the cache."""


def generate(config: BuildConfig, progress: Progress | None = None) -> BuildReport:
    """Read the corpus, parse every text, annotate the corpus, write the generated Markdown.

    Every text is read and parsed before any is annotated, and annotated
    before any page is rendered: each page is rendered from a consistent whole.
    """
    progress = progress or Progress(lines=False)
    started = time.perf_counter()
    report = BuildReport()

    paths = corpus_files(config.corpus_dir)
    sources = read_sources(progress.iterate("read", paths), config.corpus_dir, report)
    metas = load_metadata(config.metadata_file, {s.name for s in sources})
    glossary = load_glossary(config.glossary_file)
    metas = complete_metadata(sources, metas, config)
    evidence = frozenset().union(*(clean_titles(s, config) for s in sources))
    segmenter = Segmenter(glossary_words(glossary))
    tokens = parse_and_segment(sources, metas, evidence, segmenter, config, progress, report)
    options = MiningOptions(min_texts=config.min_phrase_texts)
    annotations = annotate(
        report.texts, glossary, segmenter, options, config.concordance_limit, tokens, progress
    )
    report.annotations = annotations

    with progress.stage("render"):
        folders = render_files(report.texts, annotations, segmenter)
    with progress.stage("write", sum(len(files) for files in folders.values()), unit="file"):
        for folder, files in folders.items():
            written, removed = sync_folder(config.docs_dir / folder, files)
            report.written += written
            report.removed += removed
    report.timings = progress.timings
    report.seconds = time.perf_counter() - started
    return report


def parse_and_segment(
    sources: list[SourceText],
    metas: dict[str, TextMeta],
    evidence: frozenset[str],
    segmenter: Segmenter,
    config: BuildConfig,
    progress: Progress,
    report: BuildReport,
) -> list[list[str]]:
    """Parse every source and cut its units into tokens, taking both from the cache when
    nothing they depend on has changed; the texts go into `report`, the tokens are returned.

    Units with the same text share one token list, across texts too.
    """
    cache = TextCache(config.cache_dir)
    context = digest(
        [*sorted(evidence), "|", *segmenter.user_words, "|", repr(config.parser_limits)]
    )
    entries = []
    for source in progress.iterate("parse", sources):
        key = cache.key(source.name, source.text, context)
        entry = cache.load(key)
        if entry is None:
            text, cut = parse_text(source, metas[source.name], evidence, config), None
        else:
            text, cut = entry
            text.meta = metas[source.name]  # metadata may change without the text
        for warning in text.warnings:
            log.warning("%s", warning)
        report.texts.append(text)
        entries.append((key, cut))

    tokens: list[list[str]] = []
    memo: dict[str, list[str]] = {}
    for text, (key, cut) in zip(progress.iterate("segment", report.texts), entries, strict=True):
        text_units = corpus_units([text])
        if cut is None:
            cut = segment(text_units, segmenter, memo)
            cache.store(key, text, cut)
        else:
            cut = [memo.setdefault(cu.unit.text, t) for cu, t in zip(text_units, cut, strict=True)]
        tokens.extend(cut)
    cache.prune()
    report.cached = cache.hits
    return tokens


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The `.txt` files of the corpus folder, by name."""
    if not corpus_dir.is_dir():
        raise CorpusError(corpus_dir, "is not a folder of source texts")
    return sorted(corpus_dir.glob("*.txt"))


def read_sources(paths: Iterable[Path], corpus_dir: Path, report: BuildReport) -> list[SourceText]:
    """Read every source; log removed leftovers, skip empty files."""
    sources = []
    for path in paths:
        source = read_source(path)
        for removal in source.removals:
            log.info(
                "%s:%d:%d: removed page leftover %r",
                source.name,
                removal.line,
                removal.column,
                removal.token,
            )
        if not source.text.strip():
            log.warning("%s: empty file, skipped", path)
            report.skipped.append(f"{source.name}: empty")
            continue
        sources.append(source)
    if not sources:
        raise CorpusError(corpus_dir, "holds no text to build (no non-empty .txt file)")
    return sources


def complete_metadata(
    sources: list[SourceText], metas: dict[str, TextMeta], config: BuildConfig
) -> dict[str, TextMeta]:
    """Metadata for every source: its entry, or a slug from its file name, with a warning."""
    taken = {m.slug for m in metas.values()}
    out = {}
    for source in sources:
        meta = metas.get(source.name)
        if meta is None:
            meta = default_meta(source.name, taken)
            taken.add(meta.slug)
            log.warning("%s: no entry in %s; slug %r", source.name, config.metadata_file, meta.slug)
            wanted = slugify(Path(source.name).stem)
            if meta.slug != wanted:
                log.warning("%s: slug %r is taken by another text", source.name, wanted)
        out[source.name] = meta
    return out


def add_page(files: dict[str, str], slug: str, page: Page) -> None:
    """A page's Markdown file and its sidecar of bodies."""
    files[f"{slug}.md"] = page.markdown_text()
    files[f"{BODIES}/{slug}.html"] = page.bodies_text()


def render_files(
    texts: list[Text], annotations: Annotations, segmenter: Segmenter
) -> dict[str, dict[str, str]]:
    """Every generated file, by generated folder and path inside it."""
    corpus = CorpusIndex(texts)
    pages: dict[str, str] = {}
    for text in texts:
        add_page(pages, text.meta.slug, render_text_page(text, annotations, corpus))
    pages[CATALOGUE_FILE] = render_catalogue(texts, TEXTS)
    docs = [doc for text in texts for doc in search_documents(text, TEXTS, annotations)]
    pages[SEARCH_FILE] = json.dumps(docs, ensure_ascii=False, separators=(",", ":")) + "\n"
    pages[USER_DICT_FILE] = segmenter.user_dictionary()

    unit_texts = {(u.slug, u.anchor): u.text for text in texts for _, u in units(text)}
    phrases: dict[str, str] = {}
    for phrase in annotations.phrases:
        add_page(phrases, phrase.slug, render_phrase_page(phrase, corpus.titles, unit_texts))
    phrases["index.md"] = render_phrase_index(annotations.phrases)
    keywords = {"index.md": render_keyword_index(annotations, corpus)}
    return {TEXTS: pages, PHRASES: phrases, KEYWORDS: keywords}
