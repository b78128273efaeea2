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
