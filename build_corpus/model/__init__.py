"""The data model: the corpus, its texts and their outline, what annotation finds in them,
and what a build reports.

Plain dataclasses, made once by the stage that produces them and never changed
afterwards; read by every later stage and by the renderers. Nothing here does I/O.

The rule: imports nothing of the package but the configuration, so every part may use it.

A text's identity is its source file name (`CorpusText.name`): every stage
keys texts by it. Slugs (`TextMeta.slug`) are for URLs and appear only when
pages are rendered.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

PREAMBLE = "s0"
"""Anchor of the paragraphs before a text's first heading (`s0-p1`, ...): its preamble."""


@dataclass(frozen=True)
class Removal:
    """A page leftover (such as `##paidbegin##`) removed from a source."""

    line: int
    """1-based line of the source where the leftover stood."""
    column: int
    """1-based column of its first character."""
    token: str
    """The exact characters removed."""


@dataclass(frozen=True)
class SourceText:
    """A source file decoded to text, with page leftovers removed and hard-wrapped lines
    joined."""

    name: str
    """File name inside the corpus folder, for instance `000_1ecf.txt`."""
    text: str
    """The text with `\\n` line ends, leftovers removed, wrapped lines joined; otherwise
    untouched."""
    encoding: str
    """The encoding it was decoded from (`utf-8`, `utf-8-sig`, `gb18030`, ...)."""
    removals: tuple[Removal, ...] = ()
    """Page leftovers taken out, in order."""
    wrapping: Wrapping | None = None
    """How the file was hard-wrapped, if it was: its wrapped lines are joined in `text`."""


@dataclass(frozen=True)
class Wrapping:
    """The hard wrapping of a source file (copied from a PDF or a document-sharing site)."""

    width: int
    """The width its lines were wrapped at, in display columns (a Chinese character is two)."""
    joined: int
    """Line breaks taken out."""


@dataclass(frozen=True)
class TextMeta:
    """A text's metadata: its entry in `metadata.yml`, over what its title line says, over
    its file name."""

    slug: str
    """URL-safe name of the text's page: `texts/<slug>/`."""
    title: str
    """Title shown on the page and in citations."""
    year: int | None = None
    """Year (年度) the meeting reviewed; None when unknown."""
    role: str = ""
    """Role of the author, for instance 市委书记 or 领导班子."""
    meeting: str = ""
    """The meeting the text was presented at."""


@dataclass(frozen=True)
class MetaEntry:
    """What `metadata.yml` says about one text: None where it says nothing."""

    slug: str | None = None
    title: str | None = None
    year: int | None = None
    role: str | None = None
    meeting: str | None = None


@dataclass
class Paragraph:
    """A run of body text: one source line, or the part of a line after a heading."""

    anchor: str
    """Stable HTML id, for instance `s2-1-3-p2`."""
    text: str
    """Exact source characters."""
    line: int
    """1-based source line it comes from."""


@dataclass
class Section:
    """A numbered heading, the body that follows it and its subsections."""

    number: tuple[int, ...]
    """Ordinal at each nominal level, 0 where a level is skipped: 二、（一）3. → (2, 1, 3)."""
    marker: str
    """The marker exactly as in the source: `二、`, `（一)`, `3.`, `一是`."""
    title: str
    """Exact characters after the marker up to and including its end punctuation."""
    anchor: str
    """Stable HTML id derived from `number`, for instance `s2-1-3`."""
    depth: int
    """Depth in the outline: 1 for a top-level section."""
    line: int
    """1-based source line of the heading."""
    paragraphs: list[Paragraph] = field(default_factory=list)
    """Body before the first subsection."""
    children: list[Section] = field(default_factory=list)
    """Subsections in source order."""

    @property
    def heading(self) -> str:
        """Marker and title as the reader sees them."""
        return self.marker + self.title

    def walk(self):
        """Yield this section and every subsection, in source order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class SectionKind:
    """What a section does in its report (see `aspects`)."""

    role: str
    """Role of its top-level section: 查摆问题, 原因剖析, 整改措施, 整改落实情况 or 其他."""
    aspect: str | None
    """The aspect it is about (理论学习, 担当作为 …), if its heading names one."""


@dataclass
class Text:
    """One source parsed into its outline."""

    source: SourceText
    """Where it came from."""
    preamble: list[Paragraph]
    """Paragraphs before the first heading (anchors `s0-p1`, ...)."""
    sections: list[Section]
    """Top-level sections in source order."""
    warnings: list[str] = field(default_factory=list)
    """Unusual things met while parsing, for the build log."""

    @property
    def name(self) -> str:
        """The source file name: the text's identity."""
        return self.source.name

    def walk(self) -> Iterator[Section]:
        """Yield every section of the text, in source order."""
        for section in self.sections:
            yield from section.walk()

    def paragraphs(self) -> Iterator[Paragraph]:
        """Yield every paragraph of the text, in source order."""
        yield from self.preamble
        for section in self.walk():
            yield from section.paragraphs

    def units(self) -> Iterator[Unit]:
        """Every heading and paragraph, in reading order."""
        for paragraph in self.preamble:
            yield Unit(PREAMBLE, paragraph.anchor, paragraph.text)
        for top in self.sections:
            for section in top.walk():
                yield Unit(top.anchor, section.anchor, section.heading)
                for paragraph in section.paragraphs:
                    yield Unit(top.anchor, paragraph.anchor, paragraph.text)


@dataclass(frozen=True)
class SectionSummary:
    """What the aspect pages show of a section whose heading names an aspect."""

    anchor: str
    heading: str
    kind: SectionKind
    opening: str
    """The first characters of its text, or of its first subsection's heading."""


@dataclass(frozen=True)
class Outline:
    """What the build needs to know of a text's outline when the text itself is not loaded."""

    sections: int
    """Number of sections."""
    headings: tuple[tuple[str, str], ...]
    """(anchor, heading) of each top-level section."""
    warnings: tuple[str, ...]
    """What the parser warned of."""
    summaries: tuple[SectionSummary, ...] = ()
    """The sections whose heading names an aspect, in order (see `aspects.summaries`)."""
    chars: int = 0
    """Characters of its headings and paragraphs, white space not counted: what a phrase's
    frequency per 10,000 characters is counted against."""

    @classmethod
    def of(cls, text: Text, summaries: tuple[SectionSummary, ...] = ()) -> Outline:
        return cls(
            sum(1 for _ in text.walk()),
            tuple((s.anchor, s.heading) for s in text.sections),
            tuple(text.warnings),
            summaries,
            sum(len("".join(unit.text.split())) for unit in text.units()),
        )


@dataclass(frozen=True)
class Unit:
    """A heading or paragraph: what phrases are found and marked in."""

    top: str
    """Anchor of its top-level section; `PREAMBLE` for the preamble."""
    anchor: str
    """Its own anchor."""
    text: str
    """Its exact text (a heading: marker and title)."""


@dataclass
class Parsed:
    """One text as annotation needs it: its outline and jieba's tokens of its units."""

    text: Text
    tokens: list[list[str]]
    """Tokens of each unit, in `Text.units` order (before phrases are merged)."""

    @property
    def name(self) -> str:
        return self.text.name


@dataclass(frozen=True)
class GlossaryEntry:
    """A curated formula from `glossary.yml`."""

    term: str
    """The formula as usually written, for instance 两个维护."""
    zh: str = ""
    """Short explanation in Chinese."""
    en: str = ""
    """English gloss."""
    variants: tuple[str, ...] = ()
    """Other written forms that count as the same phrase (形式主义、官僚主义)."""


@dataclass(frozen=True)
class CorpusText:
    """One text of the corpus as read: its source and its metadata."""

    source: SourceText
    meta: TextMeta
    """From `metadata.yml`, the text's title line and its file name (see `metadata`)."""

    @property
    def name(self) -> str:
        """The source file name: the text's identity."""
        return self.source.name


@dataclass(frozen=True)
class Corpus:
    """The texts in corpus order (by file name) with their metadata, and the glossary."""

    texts: tuple[CorpusText, ...]
    glossary: tuple[GlossaryEntry, ...] = ()
    skipped: tuple[str, ...] = ()
    """Files not built, each with the reason."""
    address: str = ""
    """Where the site is published (`site_url`, ending in a slash), for the URLs of the data
    to take away; "": unknown (they are relative to the site)."""

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Source file names in corpus order."""
        return tuple(t.name for t in self.texts)

    @cached_property
    def by_name(self) -> dict[str, CorpusText]:
        """Each text by its source file name."""
        return {t.name: t for t in self.texts}

    @cached_property
    def position(self) -> dict[str, int]:
        """Place of each text in corpus order, by name."""
        return {t.name: i for i, t in enumerate(self.texts)}

    @cached_property
    def entries(self) -> dict[str, GlossaryEntry]:
        """Glossary entries by term."""
        return {e.term: e for e in self.glossary}


class Occurrence(NamedTuple):
    """One place a phrase occurs (a named tuple: a corpus has millions of them)."""

    name: str
    """The text."""
    anchor: str
    """Anchor of the paragraph or heading it is in."""
    start: int
    """Offset in that paragraph's text (or in the heading's marker + title)."""
    end: int
    """Offset just after it."""


@dataclass(frozen=True)
class Phrase:
    """A recurring phrase or glossary term."""

    text: str
    """The phrase (for a glossary term, the term)."""
    slug: str
    """ASCII slug of its page, `phrases/<slug>/`."""
    forms: tuple[str, ...]
    """Every written form matched: the phrase and its variants."""
    entry: GlossaryEntry | None = None
    """The glossary's definition, if it has one."""
    counts: dict[str, int] = field(default_factory=dict)
    """How often it occurs in each text where it does, by name (in no particular order)."""
    spellings: tuple[str, ...] = ()
    """The forms it is written in across the corpus that differ from `text`, sorted."""

    @property
    def text_count(self) -> int:
        """In how many texts it occurs."""
        return len(self.counts)

    @property
    def total(self) -> int:
        """How often it occurs in the corpus."""
        return sum(self.counts.values())


def covered(spans: list[tuple[int, int]]) -> int:
    """Characters covered by the spans (start, end), counted once.

    >>> covered([(0, 20), (10, 30), (40, 55)])
    45
    """
    total, reach = 0, 0
    for start, end in sorted(spans):
        if end > reach:
            total += end - max(start, reach)
            reach = end
    return total


@dataclass(frozen=True)
class Signature:
    """What finding shared passages needs of a text (see `reuse`), kept for when the text is
    not loaded."""

    stream: str
    """Its headings and paragraphs in reading order, without punctuation or white space,
    traditional characters folded, letters in lower case."""
    starts: tuple[int, ...]
    """Where each heading and paragraph (`Text.units`) starts in `stream`."""
    anchors: tuple[str, ...]
    """The anchor of each."""

    def unit_at(self, position: int) -> int:
        """The number of the heading or paragraph that holds `position` of the stream."""
        return bisect_right(self.starts, position) - 1

    def anchor_at(self, position: int) -> str:
        """The anchor of the heading or paragraph that holds `position` of the stream."""
        return self.anchors[self.unit_at(position)]


@dataclass(frozen=True)
class Passage:
    """A passage of one text that another text has too."""

    start: int
    end: int
    """Where it is in this text's stream (`Signature.stream`), its end excluded."""
    other: str
    """The other text, by name."""
    other_start: int
    other_end: int
    """Where it is in the other text's stream (the first place, where it is there twice)."""


@dataclass(frozen=True)
class Pair:
    """Two texts that share passages, and how much of each."""

    a: str
    b: str
    """The texts, by name, in corpus order."""
    chars_a: int
    chars_b: int
    """Characters of each stream that the other text has too."""
    size_a: int
    size_b: int
    """Characters of each stream."""

    @property
    def share(self) -> float:
        """The part of the two texts' characters that they share."""
        return (self.chars_a + self.chars_b) / ((self.size_a + self.size_b) or 1)


@dataclass
class Reuse:
    """What the texts share with one another (see `reuse`)."""

    passages: dict[str, list[Passage]] = field(default_factory=dict)
    """The shared passages of each text, by name, in stream order."""
    shared: dict[str, int] = field(default_factory=dict)
    """Characters of each text's stream that some other text has too."""
    pairs: list[Pair] = field(default_factory=list)
    """Every pair of texts that share a passage, the largest share first."""
    sizes: dict[str, int] = field(default_factory=dict)
    """Characters of each text's stream."""
    signatures: dict[str, Signature] = field(default_factory=dict)
    """Each text's signature, by name: where each passage lies in its headings and
    paragraphs."""
    listed: int = 0
    """How many of the first `pairs` are listed, each with a page of its own (set before
    `page_of` is first asked)."""

    def others(self, name: str) -> list[tuple[str, int]]:
        """The texts sharing passages with text `name`, with how many of its characters each
        has too, the most first (in corpus order where equal)."""
        return self._others.get(name, [])

    def page_of(self, a: str, b: str) -> Pair | None:
        """The listed pair of texts `a` and `b`, if it has a page."""
        return self._pages.get(frozenset((a, b)))

    @cached_property
    def _others(self) -> dict[str, list[tuple[str, int]]]:
        order = {name: i for i, name in enumerate(self.sizes)}
        out = {}
        for name, passages in self.passages.items():
            spans: dict[str, list[tuple[int, int]]] = {}
            for passage in passages:
                spans.setdefault(passage.other, []).append((passage.start, passage.end))
            chars = {other: covered(found) for other, found in spans.items()}
            out[name] = sorted(chars.items(), key=lambda item: (-item[1], order[item[0]]))
        return out

    @cached_property
    def _pages(self) -> dict[frozenset[str], Pair]:
        return {frozenset((pair.a, pair.b)): pair for pair in self.pairs[: self.listed]}


@dataclass(frozen=True)
class Trend:
    """How often a phrase occurs in the texts of each year the corpus has."""

    years: tuple[int, ...]
    """Every year some text of the corpus is of, ascending."""
    counts: tuple[int, ...]
    """Occurrences of the phrase in the texts of each year."""
    sizes: tuple[int, ...]
    """Characters of the texts of each year (`Outline.chars`)."""

    @property
    def rates(self) -> tuple[float, ...]:
        """Occurrences per 10,000 characters, year by year."""
        pairs = zip(self.counts, self.sizes, strict=True)
        return tuple(10_000 * count / size if size else 0.0 for count, size in pairs)


@dataclass(frozen=True)
class Keyword:
    """A characteristic word of a text or section."""

    word: str
    """The word."""
    score: float
    """Its TF-IDF weight there."""
    count: int
    """How often it occurs there."""


Mark = tuple[int, int, str]
"""A phrase occurrence to mark in a unit: (start, end, phrase)."""


@dataclass
class TextAnnotation:
    """What annotation finds in one text, given the corpus's phrases."""

    counts: dict[str, int]
    """Occurrences of each phrase."""
    marks: dict[str, list[Mark]]
    """Phrases to mark (longest first), by unit anchor."""
    lengths: dict[str, list[int]]
    """Word lengths of each unit, phrases merged, by unit anchor."""
    words: Counter[str]
    """Keyword candidates of the text."""
    section_words: dict[str, Counter[str]]
    """Keyword candidates of each top-level section (`PREAMBLE`: the preamble)."""
    section_phrases: dict[str, frozenset[str]]
    """Phrases marked in each top-level section but the preamble."""
    spellings: dict[str, frozenset[str]] = field(default_factory=dict)
    """The forms each phrase is written in here that differ from the phrase itself
    (traditional characters, a glossary variant, white space inside)."""


@dataclass
class Annotations:
    """What annotation finds across the corpus, for every page; texts are named by file name."""

    phrases: dict[str, Phrase] = field(default_factory=dict)
    """Recurring phrases and glossary terms, by phrase, in pinyin order."""
    text_keywords: dict[str, list[Keyword]] = field(default_factory=dict)
    """Keywords of each text."""
    section_keywords: dict[tuple[str, str], list[Keyword]] = field(default_factory=dict)
    """Keywords of each top-level section, by (name, anchor)."""
    see_also: dict[tuple[str, str], list[tuple[str, str, int]]] = field(default_factory=dict)
    """For each top-level section: (name, anchor, shared phrases) of related sections."""
    keyword_index: dict[str, tuple[int, list[tuple[str, str]]]] = field(default_factory=dict)
    """Every keyword shown, by pinyin: its count in the corpus and the sections, (name,
    anchor), where it ranks highest."""
    keyword_slugs: dict[str, str] = field(default_factory=dict)
    """ASCII anchor of each keyword on the keyword index page."""


# -- corpus-wide views, made once per build from the texts' metadata and outlines ---------


@dataclass(frozen=True)
class CorpusIndex:
    """What links across texts show of them: slugs, titles, top-level headings. Nothing more."""

    corpus: Corpus
    headings: dict[tuple[str, str], str]
    """Heading of each top-level section, by (name, anchor)."""
    label_chars: int
    """Characters of a heading shown in a label (`Tuning.label_chars`)."""
    split_aspects: frozenset[str] = frozenset()
    """Aspects whose page lists years, each year's texts on a page of its own."""

    def slug(self, name: str) -> str:
        """The slug of a text's page."""
        return self.corpus.by_name[name].meta.slug

    def title(self, name: str) -> str:
        """The title of a text."""
        return self.corpus.by_name[name].meta.title

    def label(self, name: str, anchor: str) -> str:
        """`《title》heading`, the heading shortened: 《…》一、查摆出的主要问题."""
        heading = self.headings.get((name, anchor), "引言")
        if len(heading) > self.label_chars:
            heading = heading[: self.label_chars] + "…"
        return f"《{self.title(name)}》{heading}"


@dataclass(frozen=True)
class Years:
    """The corpus by year: the year of each text (by name) and the characters of each year's
    texts, ascending (made by `corpus.listing.years`)."""

    year_of: dict[str, int | None]
    """Year of each text, by name; None where it is unknown."""
    years: tuple[int, ...]
    """The years of the corpus, ascending."""
    sizes: tuple[int, ...]
    """Characters of each year's texts (`Outline.chars`)."""
    texts: tuple[int, ...]
    """Texts of each year."""
    unknown: int
    """Texts of unknown year."""

    def trend(self, phrase: Phrase) -> Trend:
        """The phrase's occurrences in each year's texts."""
        counts = dict.fromkeys(self.years, 0)
        year_of = self.year_of
        for name, count in phrase.counts.items():
            year = year_of[name]
            if year is not None:
                counts[year] += count
        return Trend(self.years, tuple(counts.values()), self.sizes)


Rows = list[tuple[TextMeta, str, list[SectionSummary]]]
"""Texts (metadata, name) with their sections on one aspect, in catalogue order (made by
`corpus.listing.aspect_rows`)."""


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
