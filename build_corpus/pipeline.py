"""The build, start to finish, in one place.

Like `mkdocs build`, every text is read and parsed before anything is
rendered, so that each page can be rendered from a consistent whole.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from .config import BuildConfig
from .errors import CorpusError
from .metadata import default_meta, load_metadata
from .model import SourceText, Text
from .outline import clean_titles, parse_text
from .output import sync_folder
from .render_markdown import page_path, render_catalogue, render_text_page
from .render_search import search_documents
from .sources import read_source

log = logging.getLogger("build_corpus")

CATALOGUE_FILE = ".catalogue.md"
"""Home-page list of texts, included by `docs/index.md`; hidden from MkDocs' page list."""
SEARCH_FILE = ".search-docs.json"
"""Search documents of all texts, merged into the search index by `mkdocs_hooks`."""


@dataclass
class BuildReport:
    """What a generation did, for the summary line and for tests."""

    texts: list[Text] = field(default_factory=list)
    """Every text built, in file-name order."""
    skipped: list[str] = field(default_factory=list)
    """Files not built (empty), with the reason."""
    written: int = 0
    """Generated files written because they changed."""
    removed: int = 0
    """Stale generated files removed."""
    seconds: float = 0.0
    """Wall time of the generation."""


def generate(config: BuildConfig) -> BuildReport:
    """Read the corpus, parse every text, write the generated Markdown."""
    started = time.perf_counter()
    report = BuildReport()
    sources = read_corpus(config.corpus_dir, report)
    metas = load_metadata(config.metadata_file, {s.name for s in sources})
    evidence = frozenset().union(*(clean_titles(s, config) for s in sources))
    taken = {m.slug for m in metas.values()}
    for source in sources:
        meta = metas.get(source.name)
        if meta is None:
            meta = default_meta(source.name, taken)
            taken.add(meta.slug)
            log.warning(
                "%s: no entry in %s; slug %r",
                source.name,
                config.metadata_file,
                meta.slug,
            )
        text = parse_text(source, meta, evidence, config)
        for warning in text.warnings:
            log.warning("%s", warning)
        report.texts.append(text)
    files = render_files(report.texts, config.texts_subdir)
    report.written, report.removed = sync_folder(config.texts_dir, files)
    report.seconds = time.perf_counter() - started
    return report


def read_corpus(corpus_dir: Path, report: BuildReport) -> list[SourceText]:
    """Read every `.txt` file of the corpus folder; log removed leftovers, skip empty files."""
    if not corpus_dir.is_dir():
        raise CorpusError(corpus_dir, "is not a folder of source texts")
    sources = []
    for path in sorted(corpus_dir.glob("*.txt")):
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


def render_files(texts: list[Text], folder: str) -> dict[str, str]:
    """Every generated file, by path inside the generated folder."""
    files = {page_path(text): render_text_page(text) for text in texts}
    files[CATALOGUE_FILE] = render_catalogue(texts, folder)
    docs = [doc for text in texts for doc in search_documents(text, folder)]
    files[SEARCH_FILE] = json.dumps(docs, ensure_ascii=False, separators=(",", ":")) + "\n"
    return files
