"""The build, start to finish, in one place.

Like `mkdocs build`, every text is read and parsed before anything is
rendered, so that each page can be rendered from a consistent whole.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from . import anchors
from .anchors import slugify
from .annotate import (
    AnnotationState,
    Annotator,
    TextAnnotation,
    TextInput,
    Texts,
    Update,
    complete_phrase,
    corpus_annotations,
    corpus_units,
    glossary_words,
    segment,
    units,
)
from .cache import CODE, Store, digest
from .config import BuildConfig
from .errors import BuildError, CorpusError
from .glossary import load_glossary
from .layout import (
    BODIES,
    CATALOGUE_FILE,
    KEYWORDS,
    PHRASES,
    SEARCH_DIR,
    SEARCH_FILE,
    TEXTS,
    USER_DICT_FILE,
)
from .metadata import default_meta, load_metadata
from .model import Annotations, Phrase, SourceText, Text, TextMeta
from .outline import clean_titles, parse_text
from .output import sync_folder
from .progress import Progress
from .render_markdown import (
    CorpusIndex,
    Page,
    render_catalogue,
    render_text_page,
)
from .render_phrases import render_keyword_index, render_phrase_index, render_phrase_page
from .render_search import search_documents
from .segmentation import Segmenter, pack, unpack
from .sources import read_source

log = logging.getLogger("build_corpus")
T = TypeVar("T")


@dataclass
class BuildReport:
    """What a generation did, for the summary line and for tests."""

    texts: int = 0
    """Texts built."""
    sections: int = 0
    """Sections of those texts."""
    phrases: int = 0
    """Phrases found."""
    skipped: list[str] = field(default_factory=list)
    """Files not built (empty), with the reason."""
    changed: int = 0
    """Texts new or changed since the last build (all of them without a kept state)."""
    annotated: int = 0
    """Texts annotated again: the changed ones and those holding a phrase that came or went."""
    rendered: int = 0
    """Pages rendered."""
    written: int = 0
    """Generated files written because they changed."""
    removed: int = 0
    """Stale generated files removed."""
    seconds: float = 0.0
    """Wall time of the generation."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per stage, in the order they ran."""


@dataclass
class BuildState:
    """What a build keeps for the next one (see `cache.Store`)."""

    settings: str
    """Digest of everything every text's results depend on; another value starts afresh."""
    annotation: AnnotationState
    keys: dict[str, str] = field(default_factory=dict)
    """Cache key of each text (by source name) as last annotated."""
    metas: dict[str, TextMeta] = field(default_factory=dict)
    sections: dict[str, int] = field(default_factory=dict)
    """Number of sections of each text."""
    headings: dict[tuple[str, str], str] = field(default_factory=dict)
    """Heading of each top-level section, by (source name, anchor)."""
    fingerprints: dict[str, str] = field(default_factory=dict)
    """Digest of what each text's page shows besides its own text and annotation."""
    files: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Size and modification time of each generated file as written."""
    pinyin: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Pinyin of phrases and keywords, so that a build needs pypinyin only for new ones."""
    titles: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    """Clean titles of each source, with the digest of the source they were found in."""
    parsed: dict[str, tuple[str, object]] = field(default_factory=dict)
    """Metadata and glossary as parsed, by file, with a digest of what they were parsed from."""


def generate(config: BuildConfig, progress: Progress | None = None) -> BuildReport:
    """Read the corpus, parse and annotate what changed, write the pages that changed.

    Every text is read before anything is annotated, and the corpus is
    annotated before any page is rendered: each page is rendered from a
    consistent whole. What the last build kept (see `cache.Store`) spares
    the work that does not depend on what changed.
    """
    progress = progress or Progress(lines=False)
    started = time.perf_counter()
    report = BuildReport()

    paths = corpus_files(config.corpus_dir)
    sources = read_sources(progress.iterate("read", paths), config.corpus_dir, report)
    store = Store(config.cache_dir)
    kept = store.load()
    parsed = kept.parsed if kept else {}
    names = tuple(sorted(s.name for s in sources))
    metas = parse_once(parsed, config.metadata_file, load_metadata, names)
    glossary = parse_once(parsed, config.glossary_file, load_glossary)
    metas = complete_metadata(sources, metas, config)
    tuned = digest([CODE, config.tuning.digest()])
    digests = {s.name: digest([tuned, s.text]) for s in sources}
    titles = source_titles(sources, digests, kept.titles if kept else {}, config)
    evidence = frozenset().union(*(found for _, found in titles.values()))
    segmenter = Segmenter(glossary_words(glossary))
    context = digest([*sorted(evidence), "|", *segmenter.user_words, "|", tuned])
    settings = digest([context, repr(glossary)])
    state = kept if kept is not None and kept.settings == settings else None
    keys = {name: store.texts.key(name, d, context) for name, d in digests.items()}
    texts = CachedTexts(store, {s.name: s for s in sources}, metas, config, evidence, keys)
    old = texts.old_inputs(state) if state else None
    if state is None or old is None:
        state, old = BuildState(settings, AnnotationState.new(config.tuning)), {}
    state.titles = titles
    state.parsed = parsed
    anchors.remember(state.pinyin)

    changed = texts.parse_and_segment(state, segmenter, progress)
    report.changed = len(changed)
    order = [s.name for s in sources]
    annotator = Annotator(state.annotation, glossary, segmenter, texts, progress)
    update = annotator.update(order, changed, old)
    report.annotated = len(update.texts)

    slug_of = {name: metas[name].slug for name in order}
    with progress.stage("keywords"):
        entries = {e.term: e for e in glossary}
        annotations = corpus_annotations(state.annotation, entries, slug_of, {}, complete=False)
    with progress.stage("render"):
        folders, expected = render_files(
            state, texts, update, annotations, metas, order, config, segmenter
        )
        report.rendered = sum(
            1
            for folder in (TEXTS, PHRASES)
            for rel in folders[folder]
            if rel.startswith(f"{BODIES}/")
        )
    with progress.stage("write", sum(len(files) for files in folders.values()), unit="file"):
        current = {(folder, rel) for folder, rels in expected.items() for rel in rels}
        state.files = {k: v for k, v in state.files.items() if k.partition("/")[::2] in current}
        for folder, files in folders.items():
            written, removed, stats = write_folder(
                config.docs_dir / folder, files, expected[folder]
            )
            report.written += written
            report.removed += removed
            state.files.update({f"{folder}/{rel}": stat for rel, stat in stats.items()})
        state.keys = {name: texts.keys[name] for name in order}
        state.metas = {name: metas[name] for name in order}
        state.pinyin = anchors.remembered()
        store.save(state, update.texts, order)
    report.texts = len(order)
    report.sections = sum(state.sections[name] for name in order)
    report.phrases = len(state.annotation.phrases)
    report.timings = progress.timings
    report.seconds = time.perf_counter() - started
    return report


class CachedTexts(Texts):
    """The corpus's texts, parsed and cut once and then taken from the caches."""

    def __init__(self, store, sources, metas, config, evidence, keys) -> None:
        self.store = store
        self.sources: dict[str, SourceText] = sources
        self.metas = metas
        self.config = config
        self.evidence = evidence
        self.keys: dict[str, str] = keys
        """Text-cache key of each source."""
        self._loaded: dict[str, TextInput] = {}

    def old_inputs(self, state: BuildState) -> dict[str, TextInput] | None:
        """The last build's versions of texts changed or removed; None if one is lost."""
        out = {}
        for name, key in state.keys.items():
            if self.keys.get(name) != key:
                entry = self._entry(key)
                if entry is None:
                    return None
                out[name] = TextInput(name, *entry)
        return out

    def _entry(self, key: str) -> tuple[Text, list[list[str]]] | None:
        """A text and its tokens from the text cache."""
        entry = self.store.texts.load(key)
        if entry is None:
            return None
        text, packed = entry
        return text, unpack([u.text for _, u in units(text)], packed)

    def parse_and_segment(self, state: BuildState, segmenter: Segmenter, progress) -> dict:
        """Parse and cut the new and changed texts (or take them from the text cache)."""
        todo = [name for name, key in self.keys.items() if state.keys.get(name) != key]
        parsed = {}
        for name in progress.iterate("parse", todo):
            entry = self._entry(self.keys[name])
            if entry is None:
                text = parse_text(
                    self.sources[name], self.metas[name], self.evidence, self.config.tuning
                )
                parsed[name] = (text, None)
            else:
                parsed[name] = entry
            for warning in parsed[name][0].warnings:
                log.warning("%s", warning)
        memo: dict[str, list[str]] = {}
        changed = {}
        headings = {}
        for name in progress.iterate("segment", todo):
            text, tokens = parsed.pop(name)
            text.meta = self.metas[name]
            text_units = corpus_units([text])
            if tokens is None:
                tokens = segment(text_units, segmenter, memo)
                packed = pack([cu.unit.text for cu in text_units], tokens)
                self.store.texts.store(self.keys[name], text, packed)
            changed[name] = self._loaded[name] = TextInput(name, text, tokens)
            state.sections[name] = sum(1 for _ in text.walk())
            for section in text.sections:
                headings[name, section.anchor] = section.heading
        for name in set(state.sections) - self.sources.keys():
            del state.sections[name]
        state.headings = {
            k: v for k, v in state.headings.items() if k[0] in self.sources and k[0] not in changed
        }
        state.headings.update(headings)
        return changed

    def input(self, name: str) -> TextInput:
        item = self._loaded.get(name)
        if item is None:
            entry = self._entry(self.keys[name])
            if entry is None:
                raise BuildError(
                    self.store.folder, f"cache entry of {name} vanished during the build"
                )
            text, tokens = entry
            text.meta = self.metas[name]
            item = self._loaded[name] = TextInput(name, text, tokens)
        return item

    def annotation(self, name: str) -> TextAnnotation:
        return self.store.annotation(name)

    def searchable(self, name: str) -> str:
        return self.sources[name].text


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


def parse_once(
    memo: dict[str, tuple[str, object]], path: Path, load: Callable[..., T], *args: Any
) -> T:
    """`load(path, *args)`, or its result of the last build if the file's bytes (or its
    absence) and `args` are the same; `memo` is updated."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = None
    key = digest([repr(args), data.hex() if data is not None else "absent"])
    found = memo.get(str(path))
    if found is not None and found[0] == key:
        return found[1]  # type: ignore[return-value]
    value = load(path, *args)
    memo[str(path)] = (key, value)
    return value


def source_titles(
    sources: list[SourceText],
    digests: dict[str, str],
    known: dict[str, tuple[str, frozenset[str]]],
    config: BuildConfig,
) -> dict[str, tuple[str, frozenset[str]]]:
    """Clean titles of each source (see `outline.clean_titles`), with the source's digest;
    those `known` from the last build are taken where the digest is the same."""
    out = {}
    for source in sources:
        found = known.get(source.name)
        if found is None or found[0] != digests[source.name]:
            found = (digests[source.name], frozenset(clean_titles(source, config.tuning)))
        out[source.name] = found
    return out


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
    state: BuildState,
    texts: CachedTexts,
    update: Update,
    annotations: Annotations,
    metas: dict[str, TextMeta],
    order: list[str],
    config: BuildConfig,
    segmenter: Segmenter,
) -> tuple[dict[str, dict[str, str]], dict[str, set[str]]]:
    """The generated files that need rendering, by folder, and every file each folder holds.

    A text's page is rendered when its text, annotation, metadata or what it
    shows of other texts changed; a phrase's page when its counts, first
    occurrences, slug or the titles of its texts changed; any page whose file
    is missing or was touched since the last build is rendered too.
    """
    ann = state.annotation
    slug_of = {name: metas[name].slug for name in order}
    corpus = CorpusIndex(
        {slug_of[n]: metas[n].title for n in order},
        {(slug_of[n], a): h for (n, a), h in state.headings.items()},
        config.tuning.label_chars,
    )
    retitled = {n for n in order if state.metas.get(n) != metas[n]}
    renamed = {n for p in update.renamed for n in ann.counts.get(p, {})}
    folders: dict[str, dict[str, str]] = {TEXTS: {}, PHRASES: {}, KEYWORDS: {}}
    expected: dict[str, set[str]] = {TEXTS: set(), PHRASES: set(), KEYWORDS: set()}

    def needed(folder: str, rels: list[str]) -> bool:
        expected[folder].update(rels)
        base = f"{config.docs_dir}/{folder}/"
        return any(state.files.get(f"{folder}/{rel}") != _stat(base + rel) for rel in rels)

    tops: dict[str, list[str]] = {}
    for name, anchor in state.headings:
        tops.setdefault(name, []).append(anchor)
    by_text = {p.text: p for p in annotations.phrases}
    pages = folders[TEXTS]
    for name in order:
        slug = slug_of[name]
        print_ = fingerprint(slug, annotations, corpus, tops.get(name, []))
        stale = needed(TEXTS, [f"{slug}.md", f"{BODIES}/{slug}.html", f"{SEARCH_DIR}/{slug}.json"])
        if (
            stale
            or name in update.texts
            or name in retitled
            or name in renamed
            or state.fingerprints.get(name) != print_
        ):
            text = texts.input(name).text
            own = update.texts.get(name) or texts.annotation(name)
            page_ann = text_annotations(annotations, own, slug, by_text)
            add_page(pages, slug, render_text_page(text, page_ann, corpus))
            docs = search_documents(text, TEXTS, page_ann)
            pages[f"{SEARCH_DIR}/{slug}.json"] = _json(docs)
        state.fingerprints[name] = print_
    state.fingerprints = {name: state.fingerprints[name] for name in order}
    pages[CATALOGUE_FILE] = render_catalogue([(metas[n], n) for n in order], TEXTS)
    pages[SEARCH_FILE] = _json([slug_of[n] for n in order])
    pages[USER_DICT_FILE] = segmenter.user_dictionary()
    expected[TEXTS].update([CATALOGUE_FILE, SEARCH_FILE, USER_DICT_FILE])

    phrases = folders[PHRASES]
    titles = corpus.titles
    name_of = {slug: name for name, slug in slug_of.items()}
    unit_texts = UnitTexts(texts, name_of)
    position = {slug: i for i, slug in enumerate(slug_of.values())}
    for phrase in annotations.phrases:
        stale = needed(PHRASES, [f"{phrase.slug}.md", f"{BODIES}/{phrase.slug}.html"])
        if (
            stale
            or phrase.text in update.phrases
            or (retitled and any(n in retitled for n in ann.counts.get(phrase.text, {})))
        ):
            complete_phrase(phrase, ann, slug_of, position)
            add_page(
                phrases, phrase.slug, render_phrase_page(phrase, titles, unit_texts, config.tuning)
            )
    phrases["index.md"] = render_phrase_index(annotations.phrases, config.tuning.min_texts)
    expected[PHRASES].add("index.md")
    folders[KEYWORDS]["index.md"] = render_keyword_index(annotations, corpus)
    expected[KEYWORDS].add("index.md")
    return folders, expected


class UnitTexts:
    """Text of each paragraph and heading by (slug, anchor), read from the texts when asked."""

    def __init__(self, texts: CachedTexts, name_of: dict[str, str]) -> None:
        self.texts = texts
        self.name_of = name_of
        self._units: dict[str, dict[str, str]] = {}

    def __getitem__(self, key: tuple[str, str]) -> str:
        slug, anchor = key
        found = self._units.get(slug)
        if found is None:
            text = self.texts.input(self.name_of[slug]).text
            found = self._units[slug] = {u.anchor: u.text for _, u in units(text)}
        return found[anchor]


def text_annotations(
    corpus: Annotations, own: TextAnnotation, slug: str, phrases: dict[str, Phrase]
) -> Annotations:
    """The corpus's annotations with one text's marks and word lengths, for its page."""
    return replace(
        corpus,
        marks={(slug, a): [(s, e, phrases[p]) for s, e, p in m] for a, m in own.marks.items()},
        boundaries={(slug, a): lengths for a, lengths in own.lengths.items()},
    )


def fingerprint(slug: str, annotations: Annotations, corpus: CorpusIndex, tops: list[str]) -> str:
    """Digest of what a text's page shows of the rest of the corpus: keywords, related sections."""
    slugs = annotations.keyword_slugs

    def keywords(kws) -> str:
        return repr([(k.word, slugs[k.word]) for k in kws])

    parts = [slug, keywords(annotations.text_keywords.get(slug, []))]
    for anchor in tops:
        parts.append(keywords(annotations.section_keywords.get((slug, anchor), [])))
        related = annotations.see_also.get((slug, anchor), [])
        parts.append(repr([(o, a, n, corpus.label(o, a)) for o, a, n in related]))
    return digest(parts)


def write_folder(
    folder: Path, files: dict[str, str], expected: set[str]
) -> tuple[int, int, dict[str, tuple[int, int]]]:
    """Write `files` into `folder` where they differ, remove what is not `expected`;
    return (written, removed, size and time of every expected file)."""
    written, removed = sync_folder(folder, files, keep=expected)
    return written, removed, {rel: _stat(folder / rel) for rel in sorted(files)}


def _stat(path: Path | str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"
