"""The build, start to finish, in one place.

Like `mkdocs build`, every text is read and parsed before anything is
rendered, so that each page is rendered from a consistent whole:

    read the corpus → parse → annotate → render → write

`generate` brings the pages up to date with what the last build kept (see
`kept.Kept`); `build_fresh`, the reference, builds everything from the
sources alone. Both are the same `build`: a from-scratch build is an
incremental one with nothing kept.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path

from build_corpus.config import CORPUS, PAGE, PASSAGES, TEXT, BuildConfig, Tuning
from build_corpus.corpus.listing import aspect_rows
from build_corpus.corpus.listing import years as corpus_years
from build_corpus.corpus.reuse import find_reuse, signature, unit_pieces
from build_corpus.errors import CorpusError, MetadataError
from build_corpus.incremental.annotate import (
    Annotator,
    Texts,
    Update,
    corpus_annotations,
    glossary_words,
    segment,
)
from build_corpus.incremental.kept import CODE, CacheMiss, Kept, State, digest
from build_corpus.layout import (
    ASPECT_PAGES,
    BODIES,
    CATALOGUE_FILE,
    DATA,
    FOLD_FILE,
    GENERATED,
    KEYWORDS,
    PHRASE_ORDER,
    PHRASE_ROWS,
    PHRASES,
    REUSE,
    SEARCH_DIR,
    SEARCH_FILE,
    SETTINGS_FILE,
    TEXTS,
    TEXTS_FILE,
    TRENDS,
    USER_DICT_FILE,
    YEARS,
)
from build_corpus.model import (
    Annotations,
    BuildReport,
    Corpus,
    CorpusIndex,
    CorpusText,
    MetaEntry,
    Outline,
    Pair,
    Parsed,
    Phrase,
    Reuse,
    Rows,
    Signature,
    SourceText,
    Text,
    TextAnnotation,
    TextMeta,
    Years,
)
from build_corpus.progress import Progress
from build_corpus.publish.output import Staging, replace_file
from build_corpus.read.glossary import DEFAULT_GLOSSARY, load_glossary, merge
from build_corpus.read.inferred import Inferred, infer_meta
from build_corpus.read.metadata import (
    file_slug,
    load_metadata,
    parse_metadata,
    published_slugs,
    text_meta,
    text_slugs,
    with_entries,
)
from build_corpus.read.mkdocs_config import site_address
from build_corpus.read.sources import read_source
from build_corpus.read.wrapping import unwrapped
from build_corpus.read.yamlfile import read_text
from build_corpus.render.aspects import render_aspect_index, render_aspect_pages
from build_corpus.render.data import (
    bibtex,
    concordance_csv,
    csl_json,
    phrase_rows,
    render_data_page,
    text_records,
)
from build_corpus.render.markdown import render_catalogue, render_text_page, render_years
from build_corpus.render.phrases import (
    render_keyword_index,
    render_phrase_index,
    render_phrase_page,
)
from build_corpus.render.reuse import (
    pair_slug,
    render_pair_page,
    render_reuse_index,
    shared_line,
    shared_marks,
)
from build_corpus.render.search import search_documents
from build_corpus.render.trends import render_trends_page, trend_chart, trend_phrases
from build_corpus.text.aspects import summaries
from build_corpus.text.folding import browser_table, view
from build_corpus.text.outline import clean_titles, parse_text
from build_corpus.text.segmentation import Segmenter, pack

log = logging.getLogger("build_corpus")


@contextmanager
def paused_collector() -> Iterator[None]:
    """Run the build with the cyclic garbage collector paused; `settle` collects between
    stages. Left running, the collector walks every object the build keeps each time their
    number grows by a quarter: at 10,000 texts that made each stage a third slower per text
    than at 1,000. (Reference counting frees most of what the build drops all along.)"""
    enabled, frozen = gc.isenabled(), gc.get_freeze_count()
    gc.disable()
    try:
        yield
    finally:
        if not frozen:  # what the build no longer needs can be collected again
            gc.unfreeze()
        if enabled:
            gc.enable()


def settle() -> None:
    """Between stages: free the cycles the stage dropped, walking only the objects it made
    (the youngest generation, as the collector is paused), and exempt what is kept from
    later walks. Each object is walked once, so the cost stays linear in the corpus."""
    gc.collect(0)
    gc.freeze()


def generate(config: BuildConfig, progress: Progress | None = None) -> BuildReport:
    """Bring the generated pages up to date, redoing only what depends on what changed
    since the last build. If what it kept cannot be used whole, build afresh."""
    progress = progress or Progress(lines=False)
    kept = Kept(config.cache_dir)
    corpus = read_corpus(config, progress)
    try:
        return build(corpus, config, kept, progress)
    except CacheMiss as miss:
        reason = str(miss)  # out of the handler: its traceback holds the first build's memory
    kept.warn(reason)
    kept.forget()
    return build(corpus, config, kept, progress)


def build_fresh(config: BuildConfig, progress: Progress | None = None) -> BuildReport:
    """The reference build: every page from the sources alone, no cache read or written."""
    progress = progress or Progress(lines=False)
    return build(read_corpus(config, progress), config, Kept(None), progress)


def build(corpus: Corpus, config: BuildConfig, kept: Kept, progress: Progress) -> BuildReport:
    """One build of the corpus as read: parse, annotate, render, write; keep the state."""
    with paused_collector():
        settle()  # the corpus as read
        texts = parse(corpus, config.tuning, kept, progress)
        settle()
        reuse = shared_passages(corpus, texts, config.tuning, progress)
        settle()  # before the annotations are held: the stage's arrays are its peak
        annotations, update = annotate(corpus, texts, kept, progress)
        settle()
        with progress.stage("plan"):
            aspects = aspect_rows([(t.meta, t.name) for t in corpus.texts], texts.outlines)
            split = {a for a, rows in aspects.items() if len(rows) > config.tuning.catalogue_texts}
            index = CorpusIndex(
                corpus, texts.headings(), config.tuning.label_chars, frozenset(split)
            )
            years = corpus_years([(t.meta, t.name) for t in corpus.texts], texts.outlines)
            todo = plan(corpus, texts, annotations, index, update, years, reuse, config)
            indexes = render_indexes(
                corpus, texts, annotations, index, aspects, years, reuse, config
            )
        settle()
        pages = render_pages(todo, texts, annotations, update, index, reuse, config.tuning)
        with Staging(config.docs_dir) as staging:
            for path, content in progress.iterate("render", chain(indexes.items(), pages), "file"):
                staging.add(path, content)
            with progress.stage("write"):
                expected = todo.expected | indexes.keys()
                staging.commit(GENERATED, expected)
                kept.save(
                    texts.state,
                    texts=texts.keys,
                    outlines=texts.outlines,
                    metas={t.name: t.meta for t in corpus.texts},
                    fingerprints=todo.fingerprints,
                    charts=todo.charts,
                    pairs=todo.pairs,
                    address=corpus.address,
                    shown=config.tuning.digest(PAGE),
                    files=written_files(staging, expected, texts.state.files),
                    annotations=update.texts,
                    words=[*annotations.phrases, *annotations.keyword_index],
                )
    return BuildReport(
        texts=len(corpus.texts),
        sections=sum(outline.sections for outline in texts.outlines.values()),
        phrases=len(annotations.phrases),
        skipped=list(corpus.skipped),
        changed=len(texts.changed),
        annotated=len(update.texts),
        rendered=todo.pages,
        written=staging.written,
        removed=staging.removed,
        seconds=time.perf_counter() - progress.started,
        timings=progress.timings,
    )


# -- read ---------------------------------------------------------------------------------


def read_corpus(config: BuildConfig, progress: Progress) -> Corpus:
    """Every source text with its metadata, and the glossary (the default one, and the
    corpus's over it)."""
    paths = corpus_files(config.corpus_dir)
    sources, skipped = read_sources(
        progress.iterate("read", paths), config.corpus_dir, config.tuning
    )
    entries = load_metadata(config.metadata_file, [s.name for s in sources])
    glossary = merge(
        load_glossary(DEFAULT_GLOSSARY) if config.default_glossary else [],
        load_glossary(config.glossary_file, required=config.glossary is not None),
    )
    published = published_slugs(config.docs_dir / DATA / TEXTS_FILE)
    texts = complete_metadata(sources, entries, published, config.metadata_file, config.tuning)
    address = site_address(config.mkdocs_config)
    return Corpus(tuple(texts), tuple(glossary), tuple(skipped), address)


def add_inferred_metadata(config: BuildConfig) -> int:
    """Add to `metadata.yml` an entry for each text that has none, with what its title line
    and file name give (as a build would show it), for the user to review; return how many.
    The rest of the file stays as it was."""
    sources, _ = read_sources(corpus_files(config.corpus_dir), config.corpus_dir, config.tuning)
    path, names = config.metadata_file, {s.name for s in sources}
    entries = load_metadata(path, names)
    published = published_slugs(config.docs_dir / DATA / TEXTS_FILE)
    described_ = described(sources, entries, published, config.tuning)
    new = {s.name: meta for s, meta, found in described_ if found is not None}
    if new:
        before = read_text(path, MetadataError) if path.exists() else None
        after = with_entries(before, new, path)
        parse_metadata(after, path, names)  # what is written reads back
        replace_file(path, after.encode("utf-8"))
    return len(new)


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The `.txt` files of the corpus folder, by name."""
    if not corpus_dir.is_dir():
        raise CorpusError(corpus_dir, "is not a folder of source texts")
    return sorted(corpus_dir.glob("*.txt"))


def read_sources(
    paths: Iterable[Path], corpus_dir: Path, tuning: Tuning
) -> tuple[list[SourceText], list[str]]:
    """Every source but the empty ones, hard-wrapped lines joined, and those skipped with the
    reason; log removed leftovers and joined lines."""
    sources, skipped = [], []
    for path in paths:
        source = unwrapped(read_source(path), tuning)
        if source.wrapping:
            log.info(
                "%s: hard-wrapped at %d columns; %d line breaks taken out",
                source.name,
                source.wrapping.width,
                source.wrapping.joined,
            )
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
            skipped.append(f"{source.name}: empty")
            continue
        sources.append(source)
    if not sources:
        raise CorpusError(corpus_dir, "holds no text to build (no non-empty .txt file)")
    return sources, skipped


def complete_metadata(
    sources: list[SourceText],
    entries: dict[str, MetaEntry],
    published: dict[str, str],
    metadata_file: Path,
    tuning: Tuning,
) -> list[CorpusText]:
    """Each source with its metadata (see `described`); one line sums up the texts that have
    no entry."""
    out, titled, untitled = [], 0, 0
    for source, meta, found in described(sources, entries, published, tuning):
        if found is not None:
            titled, untitled = titled + bool(found.title), untitled + (not found.title)
        out.append(CorpusText(source, meta))
    if titled or untitled:
        log.info(
            "metadata: %d texts have no entry in %s: %d described from their title line, "
            "%d titled by file name; `build-corpus metadata` writes the entries for review",
            titled + untitled,
            metadata_file,
            titled,
            untitled,
        )
    return out


def described(
    sources: list[SourceText],
    entries: dict[str, MetaEntry],
    published: dict[str, str],
    tuning: Tuning,
) -> Iterator[tuple[SourceText, TextMeta, Inferred | None]]:
    """Each source's metadata: its entry's fields over what its title line says, over its
    file name, its slug from `text_slugs` (`published`: the slugs of the last published
    `texts.jsonl`); with what the title line says where the source has no entry (else None)."""
    slugs = text_slugs([s.name for s in sources], entries, published)
    owners = {slug: name for name, slug in slugs.items()}
    for source in sources:
        entry = entries.get(source.name)
        slug, wanted = slugs[source.name], file_slug(source.name)
        if (entry is None or entry.slug is None) and slug != wanted and wanted in owners:
            log.warning(
                "%s: slug %r is %s's; this text is at texts/%s/ (set its slug in %s to choose)",
                source.name,
                wanted,
                owners[wanted],
                slug,
                "metadata.yml",
            )
        found = infer_meta(source.text, tuning)
        yield source, text_meta(source.name, entry, found, slug), found if entry is None else None


# -- parse --------------------------------------------------------------------------------


class ParsedTexts(Texts):
    """Every text's outline and tokens: those that changed since the last build, parsed and
    cut; the others taken from the text memo when asked for (parsed again if it lost them)."""

    def __init__(
        self, corpus: Corpus, tuning: Tuning, kept: Kept, state: State, evidence, segmenter
    ) -> None:
        self.corpus = corpus
        self.tuning = tuning
        self.kept = kept
        self.state = state
        """What this build brings up to date."""
        self.evidence: frozenset[str] = evidence
        """Clean titles of the corpus: where run-on titles end."""
        self.segmenter: Segmenter = segmenter
        context = digest([CODE, tuning.digest(TEXT), *sorted(evidence), "|", *segmenter.user_words])
        self.keys = {t.name: digest([context, t.name, t.source.text]) for t in corpus.texts}
        """Text-memo key of each text: a digest of everything its outline and tokens depend on."""
        self.changed: dict[str, Parsed] = {}
        """The texts new or changed since the last build, by name."""
        self.outlines: dict[str, Outline] = {}
        """What the build needs to know of every text's outline, by name."""
        self._memo: dict[str, list[str]] = {}
        self._loaded: dict[str, Parsed] = {}

    def input(self, name: str) -> Parsed:
        """A text's outline and tokens."""
        found = self.changed.get(name) or self._loaded.get(name)
        if found is None:
            found = self._loaded[name] = self._parsed(name)
        return found

    def _parsed(self, name: str) -> Parsed:
        found = self.kept.parsed(self.keys[name])
        if found is None:
            self.kept.warn(f"the text memo of {name} is missing")
            found = self.cut(name, self.outline(name))
        return found

    def outline(self, name: str) -> Text:
        """Parse a text."""
        return parse_text(self.corpus.by_name[name].source, self.evidence, self.tuning)

    def cut(self, name: str, text: Text) -> Parsed:
        """Segment a parsed text and keep both in the text memo."""
        tokens = segment(text, self.segmenter, self._memo)
        packed = pack([view(u.text) for u in text.units()], tokens)
        self.kept.keep_parsed(self.keys[name], text, packed)
        found = self._loaded[name] = Parsed(text, tokens)
        return found

    def signature(self, name: str) -> Signature:
        """What finding shared passages needs of a text: as kept, else made (and kept)."""
        key = self.keys[name]
        found = None if name in self.changed else self.kept.signature(key)
        if found is None:
            found = signature(self.input(name).text)
            self.kept.keep_signature(key, found)
        return found

    def headings(self) -> dict[tuple[str, str], str]:
        """The heading of every top-level section, by (name, anchor)."""
        return {
            (name, anchor): heading
            for name, outline in self.outlines.items()
            for anchor, heading in outline.headings
        }

    def annotation(self, name: str) -> TextAnnotation:
        return self.kept.annotation(self.state, name)

    def searchable(self, name: str) -> str:
        return self.corpus.by_name[name].source.text


def parse(corpus: Corpus, tuning: Tuning, kept: Kept, progress: Progress) -> ParsedTexts:
    """Parse and cut the texts that changed since the last build (all, the first time);
    log the parser's warnings of every text."""
    last = kept.last.titles if kept.last else {}
    titles = {t.name: source_titles(t.source, tuning, last.get(t.name)) for t in corpus.texts}
    evidence = frozenset().union(*(found for _, found in titles.values()))
    segmenter = Segmenter(glossary_words(list(corpus.glossary)))
    key = digest([CODE, tuning.digest(TEXT, CORPUS), *sorted(evidence), "|", repr(corpus.glossary)])
    state = kept.begin(key, tuning)
    state.titles = titles
    texts = ParsedTexts(corpus, tuning, kept, state, evidence, segmenter)
    todo = [name for name in corpus.names if state.texts.get(name) != texts.keys[name]]
    found: dict[str, Parsed | Text] = {}
    for name in progress.iterate("parse", todo):
        found[name] = kept.parsed(texts.keys[name]) or texts.outline(name)
    settle()
    for name in progress.iterate("segment", todo):
        item = found.pop(name)
        parsed = item if isinstance(item, Parsed) else texts.cut(name, item)
        texts.changed[name] = parsed
    for name in corpus.names:
        outline = texts.outlines[name] = (
            outline_of(texts.changed[name].text, tuning)
            if name in texts.changed
            else state.outlines[name]
        )
        for warning in outline.warnings:
            log.warning("%s", warning)
    return texts


def outline_of(text: Text, tuning: Tuning) -> Outline:
    """What later stages need of a text's outline, kept for when the text is not loaded."""
    return Outline.of(text, summaries(text, tuning.opening_chars))


def source_titles(
    source: SourceText, tuning: Tuning, known: tuple[str, frozenset[str]] | None
) -> tuple[str, frozenset[str]]:
    """Clean titles of a source (see `outline.clean_titles`) with a digest of what they
    depend on; `known` (from the last build) is taken if that digest is the same."""
    key = digest([CODE, tuning.digest(TEXT), source.text])
    if known is not None and known[0] == key:
        return known
    return key, frozenset(clean_titles(source, tuning))


# -- annotate -----------------------------------------------------------------------------


def annotate(
    corpus: Corpus, texts: ParsedTexts, kept: Kept, progress: Progress
) -> tuple[Annotations, Update]:
    """Phrases, keywords and related sections of the corpus, brought up to date with the
    texts that changed; what the update redid."""
    state = texts.state
    old = {
        name: kept.earlier(state, name)
        for name, key in state.texts.items()
        if texts.keys.get(name) != key
    }
    annotator = Annotator(state.annotation, list(corpus.glossary), texts.segmenter, texts, progress)
    update = annotator.update(list(corpus.names), texts.changed, old)
    settle()
    with progress.stage("keywords"):
        annotations = corpus_annotations(state.annotation, corpus.entries)
    return annotations, update


def shared_passages(
    corpus: Corpus, texts: ParsedTexts, tuning: Tuning, progress: Progress
) -> Reuse:
    """The passages each text shares with others (see `reuse`), from every text's signature;
    the first `reuse_pairs` pairs listed, each with its page. Found again only when a text
    or the tuning changed since the last build."""
    with progress.stage("reuse", len(corpus.names), "text"):
        state = texts.state
        key = digest([tuning.digest(PASSAGES), *(texts.keys[name] for name in corpus.names)])
        signatures = {name: texts.signature(name) for name in corpus.names}
        if state.reuse is not None and state.reuse[0] == key:
            return replace(state.reuse[1], signatures=signatures)
        reuse = find_reuse(
            signatures, tuning.reuse_min_chars, tuning.reuse_max_texts, tuning.reuse_max_repeats
        )
        reuse.listed = min(tuning.reuse_pairs, len(reuse.pairs))
        state.reuse = (key, replace(reuse, signatures={}))
    return reuse


# -- render -------------------------------------------------------------------------------


@dataclass
class Plan:
    """What the render stage renders, and every file the generated folders hold."""

    texts: list[CorpusText] = field(default_factory=list)
    """Texts whose page is rendered, in corpus order."""
    phrases: list[Phrase] = field(default_factory=list)
    """Phrases whose page is rendered, in the order of the phrase index."""
    expected: set[str] = field(default_factory=set)
    """Every file of the generated folders (path under `docs/`): rendered or still current."""
    fingerprints: dict[str, str] = field(default_factory=dict)
    """What each text's page shows of other texts (see `fingerprint`)."""
    charts: dict[str, str] = field(default_factory=dict)
    """Digest of each phrase's chart by year (by phrase), which depends on every text's size."""
    drawn: dict[str, str] = field(default_factory=dict)
    """The chart of each phrase whose page is rendered (by phrase)."""
    pairs: dict[str, str] = field(default_factory=dict)
    """Digest of what each listed pair's page shows, by its slug."""
    pair_pages: list[Pair] = field(default_factory=list)
    """Listed pairs whose page is rendered."""

    @property
    def pages(self) -> int:
        """Pages rendered."""
        return len(self.texts) + len(self.phrases) + len(self.pair_pages)


def plan(
    corpus: Corpus,
    texts: ParsedTexts,
    annotations: Annotations,
    index: CorpusIndex,
    update: Update,
    years: Years,
    reuse: Reuse,
    config: BuildConfig,
) -> Plan:
    """The pages whose content changed since the last build, and the files to expect.

    A text's page is rendered when its text, annotation, metadata or what it
    shows of other texts changed; a phrase's page when its counts, the lines
    it quotes, its slug, the titles of its texts or its chart by year changed (the chart
    changes with the size of any text: every chart is drawn, and compared by digest); any
    page whose file is missing or was touched since the last build is rendered too, and
    every text's and phrase's page when the site's address changed (their data files hold it),
    and every page when the tuning of scope `PAGE` changed.
    """
    state = texts.state
    out = Plan()
    retitled = {t.name for t in corpus.texts if state.metas.get(t.name) != t.meta}
    moved = state.address != corpus.address  # every URL in the data changes
    retuned = state.shown != config.tuning.digest(PAGE)  # how every page shows things

    def stale(paths: list[str]) -> bool:
        """Whether a page's files are missing or touched (and they are part of the output)."""
        out.expected.update(paths)
        return any(state.files.get(p) != _stat(config.docs_dir / p) for p in paths)

    renamed = {n for p in update.renamed for n in annotations.phrases[p].counts}
    for entry in corpus.texts:
        name = entry.name
        shows = fingerprint(name, annotations, index, texts.outlines[name], reuse)
        out.fingerprints[name] = shows
        if (
            stale(text_files(entry.meta.slug))
            or name in update.texts
            or name in retitled
            or name in renamed
            or moved
            or retuned
            or state.fingerprints.get(name) != shows
        ):
            out.texts.append(entry)
    for phrase in annotations.phrases.values():
        chart = trend_chart(years.trend(phrase), phrase.text, years.unknown)
        out.charts[phrase.text] = drawn = digest([chart])
        if (
            stale(phrase_files(phrase.slug))
            or phrase.text in update.phrases
            or (retitled and any(n in retitled for n in phrase.counts))
            or moved
            or retuned
            or state.charts.get(phrase.text) != drawn
        ):
            out.phrases.append(phrase)
            out.drawn[phrase.text] = chart
    for pair in reuse.pairs[: reuse.listed]:
        slug = pair_slug(pair, index)
        shows = digest(
            [
                repr([p for p in reuse.passages[pair.a] if p.other == pair.b]),
                repr((pair, corpus.by_name[pair.a].meta, corpus.by_name[pair.b].meta)),
                texts.keys[pair.a],
                texts.keys[pair.b],
            ]
        )
        out.pairs[slug] = shows
        if stale(pair_files(slug)) or retuned or state.pairs.get(slug) != shows:
            out.pair_pages.append(pair)
    return out


def text_files(slug: str) -> list[str]:
    """The files of a text's page, under `docs/`: page, bodies, search documents, citations."""
    return [
        f"{TEXTS}/{slug}.md",
        f"{TEXTS}/{BODIES}/{slug}.html",
        f"{TEXTS}/{SEARCH_DIR}/{slug}.json",
        f"{DATA}/cite/{slug}.json",
        f"{DATA}/cite/{slug}.bib",
    ]


def pair_files(slug: str) -> list[str]:
    """The files of a page of two texts' shared passages, under `docs/`."""
    return [f"{REUSE}/{slug}.md", f"{REUSE}/{BODIES}/{slug}.html"]


def phrase_files(slug: str) -> list[str]:
    """The files of a phrase's page, under `docs/`: page, bodies, concordance as CSV, and its
    rows of `phrases.csv`."""
    return [
        f"{PHRASES}/{slug}.md",
        f"{PHRASES}/{BODIES}/{slug}.html",
        f"{DATA}/concordance/{slug}.csv",
        f"{DATA}/{PHRASE_ROWS}/{slug}.csv",
    ]


def render_indexes(
    corpus: Corpus,
    texts: ParsedTexts,
    annotations: Annotations,
    index: CorpusIndex,
    aspects: dict[str, Rows],
    years: Years,
    reuse: Reuse,
    config: BuildConfig,
) -> dict[str, str]:
    """The pages and data that list the whole corpus, rendered every time, by path under
    `docs/`: the catalogue and year pages, the phrase and keyword indexes, the aspect pages,
    the search document list, the user dictionary, the folding table and the search's
    settings."""
    tuning = config.tuning
    listing = [(t.meta, t.name) for t in corpus.texts]
    out = {f"{TEXTS}/{CATALOGUE_FILE}": render_catalogue(listing, TEXTS, tuning.catalogue_texts)}
    for file, page in render_years(listing, tuning.catalogue_texts).items():
        out[f"{TEXTS}/{YEARS}/{file}"] = page
    out[f"{TEXTS}/{SEARCH_FILE}"] = _json([t.meta.slug for t in corpus.texts])
    out[f"{TEXTS}/{USER_DICT_FILE}"] = texts.segmenter.user_dictionary()
    out[f"{TEXTS}/{FOLD_FILE}"] = _json(browser_table())
    out[f"{TEXTS}/{SETTINGS_FILE}"] = _json(tuning.search_settings())
    out[f"{PHRASES}/index.md"] = render_phrase_index(annotations.phrases.values(), tuning.min_texts)
    out[f"{KEYWORDS}/index.md"] = render_keyword_index(annotations, index)
    out[f"{DATA}/{TEXTS_FILE}"] = text_records(listing, corpus.address)
    out[f"{DATA}/{PHRASE_ORDER}"] = _json([p.slug for p in annotations.phrases.values()])
    sections = sum(outline.sections + 1 for outline in texts.outlines.values())  # and preambles
    out[f"{DATA}/index.md"] = render_data_page(
        len(listing), sections, len(annotations.phrases), corpus.address
    )
    out[f"{REUSE}/index.md"] = render_reuse_index(reuse, index, tuning.reuse_min_chars)
    out[f"{TRENDS}/index.md"] = render_trends_page(
        *trend_phrases(annotations.phrases.values(), tuning.trend_phrases), years
    )
    out[f"{ASPECT_PAGES}/index.md"] = render_aspect_index(aspects)
    for path, page in render_aspect_pages(aspects, tuning.catalogue_texts).items():
        folder, _, name = f"{ASPECT_PAGES}/{path}".rpartition("/")
        out[f"{folder}/{name}.md"] = page.markdown_text()
        out[f"{folder}/{BODIES}/{name}.html"] = page.bodies_text()  # where the hook looks
    return out


def render_pages(
    todo: Plan,
    texts: ParsedTexts,
    annotations: Annotations,
    update: Update,
    index: CorpusIndex,
    reuse: Reuse,
    tuning: Tuning,
) -> Iterator[tuple[str, str]]:
    """The files of the pages `todo` names, by path under `docs/`, one page at a time: a
    corpus of 10,000 texts renders to a gigabyte of Markdown, which is never held whole."""
    address = texts.corpus.address  # of the site, for the URLs of the data
    for entry in todo.texts:
        text = texts.input(entry.name).text
        own = update.texts.get(entry.name) or texts.annotation(entry.name)
        line = shared_line(entry.name, reuse, index, tuning.reuse_listed)
        pieces = unit_pieces(text, reuse)
        marks = shared_marks(pieces, reuse, entry.name, index, tuning.reuse_listed)
        page = render_text_page(text, entry.meta, own, annotations, index, line, marks)
        docs = search_documents(text, entry.meta, own.lengths)
        files = (
            page.markdown_text(),
            page.bodies_text(),
            _json(docs),
            csl_json(entry.meta, entry.name, address),
            bibtex(entry.meta, entry.name, address),
        )
        yield from zip(text_files(entry.meta.slug), files, strict=True)
    units = UnitTexts(texts)
    occurrences = texts.state.annotation.occurrences
    for phrase in todo.phrases:
        found = occurrences.get(phrase.text)
        page = render_phrase_page(phrase, found, index, units, tuning, todo.drawn[phrase.text])
        table = concordance_csv(found, index.slug, units, tuning.concordance_context, address)
        files = (page.markdown_text(), page.bodies_text(), table, phrase_rows(phrase, index.slug))
        yield from zip(phrase_files(phrase.slug), files, strict=True)
    for pair in todo.pair_pages:
        a, b = texts.input(pair.a).text, texts.input(pair.b).text
        page = render_pair_page(pair, a, b, reuse, index)
        files = (page.markdown_text(), page.bodies_text())
        yield from zip(pair_files(pair_slug(pair, index)), files, strict=True)


class UnitTexts:
    """Text of each heading and paragraph by (name, anchor), read from the texts when asked."""

    def __init__(self, texts: ParsedTexts) -> None:
        self.texts = texts
        self._units: dict[str, dict[str, str]] = {}

    def __getitem__(self, key: tuple[str, str]) -> str:
        name, anchor = key
        found = self._units.get(name)
        if found is None:
            text = self.texts.input(name).text
            found = self._units[name] = {u.anchor: u.text for u in text.units()}
        return found[anchor]


def fingerprint(
    name: str,
    annotations: Annotations,
    index: CorpusIndex,
    outline: Outline,
    reuse: Reuse,
) -> str:
    """Digest of what a text's page shows of the rest of the corpus: keywords, related
    sections, which of its aspects' pages are split by year, the passages it shares (and
    the headings and paragraphs of the other text they lie in)."""
    slugs = annotations.keyword_slugs

    def keywords(kws) -> str:
        return repr([(k.word, slugs[k.word]) for k in kws])

    split = index.split_aspects & {s.kind.aspect for s in outline.summaries}
    parts = [keywords(annotations.text_keywords.get(name, [])), repr(sorted(split))]
    for passage in reuse.passages.get(name, []):  # where each is, here and there
        there = reuse.signatures[passage.other]
        first, last = there.unit_at(passage.other_start), there.unit_at(passage.other_end - 1)
        parts.append(
            repr((passage, there.starts[first : last + 1], there.anchors[first : last + 1]))
        )
    others = reuse.others(name)
    pages = [reuse.page_of(name, other) is not None for other, _ in others]
    parts.append(repr([(index.slug(o), index.title(o), n) for o, n in others] + pages))
    for anchor, _ in outline.headings:
        parts.append(keywords(annotations.section_keywords.get((name, anchor), [])))
        related = annotations.see_also.get((name, anchor), [])
        parts.append(repr([(index.slug(o), a, n, index.label(o, a)) for o, a, n in related]))
    return digest(parts)


# -- write --------------------------------------------------------------------------------


def written_files(
    staging: Staging, expected: set[str], last: dict[str, tuple[int, int] | None]
) -> dict[str, tuple[int, int] | None]:
    """Size and modification time of every generated file (`expected`, path under `docs/`),
    as this build leaves it: those it rendered as they are now, the others as the last build
    left them (`last`)."""
    rendered = set(staging.paths)
    return {
        path: _stat(staging.root / path) if path in rendered else last.get(path)
        for path in sorted(expected | rendered)
    }


def _stat(path: Path | str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"
