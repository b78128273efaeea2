"""The data model: texts, their sections and paragraphs.

Plain dataclasses, produced once by the parsing stages and read by every
renderer. Nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
    """A source file decoded to text, with page leftovers removed."""

    name: str
    """File name inside the corpus folder, for instance `000_1ecf.txt`."""
    text: str
    """The text with `\\n` line ends, leftovers removed; otherwise untouched."""
    encoding: str
    """The encoding it was decoded from (`utf-8`, `utf-8-sig`, `gb18030`, ...)."""
    removals: tuple[Removal, ...] = ()
    """Page leftovers taken out, in order."""


@dataclass(frozen=True)
class TextMeta:
    """What `metadata.yml` says about one text."""

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


@dataclass
class Text:
    """One parsed text of the corpus."""

    source: SourceText
    """Where it came from."""
    meta: TextMeta
    """Title, slug and the rest."""
    preamble: list[Paragraph]
    """Paragraphs before the first heading (anchors `s0-p1`, ...)."""
    sections: list[Section]
    """Top-level sections in source order."""
    warnings: list[str] = field(default_factory=list)
    """Unusual things met while parsing, for the build log."""

    def walk(self):
        """Yield every section of the text, in source order."""
        for section in self.sections:
            yield from section.walk()

    def paragraphs(self):
        """Yield every paragraph of the text, in source order."""
        yield from self.preamble
        for section in self.walk():
            yield from section.paragraphs


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
class Occurrence:
    """One place a phrase occurs."""

    slug: str
    """Slug of the text."""
    anchor: str
    """Anchor of the paragraph or heading it is in."""
    start: int
    """Offset in that paragraph's text (or in the heading's marker + title)."""
    end: int
    """Offset just after it."""


@dataclass
class Phrase:
    """A recurring phrase or glossary term, with every place it occurs."""

    text: str
    """The phrase (for a glossary term, the term)."""
    slug: str
    """ASCII slug of its page, `phrases/<slug>/`."""
    forms: tuple[str, ...]
    """Every written form matched: the phrase and its variants."""
    entry: GlossaryEntry | None = None
    """The glossary's definition, if it has one."""
    counts: dict[str, int] = field(default_factory=dict)
    """How often it occurs in each text, by slug, in corpus order."""
    occurrences: list[Occurrence] = field(default_factory=list)
    """Its occurrences in reading order, up to the concordance limit."""

    @property
    def text_count(self) -> int:
        """In how many texts it occurs."""
        return len(self.counts)

    @property
    def total(self) -> int:
        """How often it occurs in the corpus."""
        return sum(self.counts.values())


@dataclass(frozen=True)
class Keyword:
    """A characteristic word of a text or section."""

    word: str
    """The word."""
    score: float
    """Its TF-IDF weight there."""
    count: int
    """How often it occurs there."""


@dataclass
class Annotations:
    """Everything the annotation stages add to the parsed texts."""

    phrases: list[Phrase] = field(default_factory=list)
    """Recurring phrases and glossary terms, ordered by pinyin."""
    text_keywords: dict[str, list[Keyword]] = field(default_factory=dict)
    """Keywords of each text, by slug."""
    section_keywords: dict[tuple[str, str], list[Keyword]] = field(default_factory=dict)
    """Keywords of each top-level section, by (slug, anchor)."""
    see_also: dict[tuple[str, str], list[tuple[str, str, int]]] = field(default_factory=dict)
    """For each top-level section: (slug, anchor, shared phrases) of related sections."""
    marks: dict[tuple[str, str], list[tuple[int, int, Phrase]]] = field(default_factory=dict)
    """Phrase occurrences to mark, by (slug, paragraph or heading anchor)."""
    keyword_index: dict[str, tuple[int, list[tuple[str, str]]]] = field(default_factory=dict)
    """Every keyword shown, by pinyin: its count in the corpus and the sections it marks most."""
    keyword_slugs: dict[str, str] = field(default_factory=dict)
    """ASCII anchor of each keyword on the keyword index page."""
    boundaries: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    """Token lengths of each paragraph or heading, by (slug, anchor), for the search index."""
