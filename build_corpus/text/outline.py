"""Parsing a source text into its outline: sections, headings, paragraphs.

A heading is a marker (see `markers`) and a title. At the start of a line
every marker opens a section. Inside a line a marker opens one only where the
numbering expects it (the next sibling, or the first child) and where it
follows the end of a sentence or runs straight on from the previous heading's
title; its title must then be short and free of commas. That finds the
headings that several texts run together in one long line, and leaves alone
the enumerations (一是……，二是……) inside body sentences.

Items (`一是`, `1.`, `（1）`) also open sections inside a line where a list
begins, after a colon (`具体表现为：一是…`), and where it goes on in the line
that began it (`一是…。二是…`); an item whose first sentence is long
(`Tuning.max_title`) is titled by its first clause. Levels follow the order in
which a text's marker kinds appear: a first item of a kind not seen before
nests under the innermost open section when that is as deep (`一是` under
`1、`); anchors stay derived from the numbering. A marker glued to a word in
Latin letters or digits (`alert(1)`) is never a heading.

A level-1 title that runs into the body without punctuation
(`二、原因分析针对上述查找的问题，…`) is cut where a title that stands cleanly
in some text of the corpus ends (`原因分析`): the *evidence*; without evidence,
at its first comma, which stays with the title (a body never starts with
punctuation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from build_corpus.config import DEFAULT_TUNING, Tuning
from build_corpus.model import PREAMBLE, Paragraph, Section, SourceText, Text
from build_corpus.text.anchors import paragraph_anchor, section_anchor, unique_anchor
from build_corpus.text.markers import RE_MARKER_START, Marker, marker_at

TITLE_END = "。：:！？!?"
"""Punctuation that ends a heading title; it stays part of the title."""
SENTENCE_END = "。：:；;！？!?"
"""A marker inside a line must follow one of these (closing quotes may stand between)."""
CLOSERS = "”’」』）)\"'"
COMMAS = "，,；;、"
PUNCTUATION = TITLE_END + COMMAS + "“”‘’「」『』（）()《》"


@dataclass
class _Open:
    """A section still open for children, with what its numbering expects."""

    section: Section | None
    """None while only asking what the numbering would expect after a marker."""
    level: int
    family: str
    ordinal: int


LevelOf = Callable[[Marker], int]
"""The level a marker's kind has in a text (see `_OutlineBuilder.level`)."""


def nominal(marker: Marker) -> int:
    """The level of a marker's kind before a text says otherwise: 1 for `一、`, 2 for `（一）`,
    3 for the rest."""
    return marker.kind.level


def _continues(marker: Marker, stack: list[_Open], level_of: LevelOf = nominal) -> bool:
    """Whether the numbering expects `marker` next: a next sibling or a first child."""
    level = level_of(marker)
    for open_ in stack:
        if (
            open_.level == level
            and open_.family == marker.family
            and marker.ordinal == open_.ordinal + 1
        ):
            return True
    innermost = stack[-1].level if stack else 0
    return marker.ordinal == 1 and level > innermost


def _after_sentence_end(line: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and line[i] in CLOSERS:
        i -= 1
    return i >= 0 and line[i] in SENTENCE_END


def _after_short_prefix(line: str, pos: int, longest: int) -> bool:
    """Whether `pos` follows a short prefix at the start of the line and white space
    (`现将有关情况报告如下 一、存在的问题`): a list's first marker may stand there.

    >>> _after_short_prefix("报告如下 一、问题", 5, 12), _after_short_prefix("统一、规范", 1, 12)
    (True, False)
    """
    return 0 < pos <= longest + 1 and line[pos - 1] in " \u3000\t" and bool(line[: pos - 1].strip())


def _after_colon(line: str, pos: int) -> bool:
    """Whether `pos` follows a colon: where a list begins (`具体表现为：一是…`)."""
    return pos > 0 and line[pos - 1] in "：:"


def _title_end(
    line: str, start: int, stack: list[_Open], level_of: LevelOf = nominal
) -> tuple[int, str]:
    """Where a title starting at `start` ends: (offset, reason).

    The reason is `punct` (offset is after the punctuation), `marker` (a
    marker the numbering expects follows with no punctuation) or `eol`.
    """
    for i in range(start, len(line)):
        ch = line[i]
        if ch in TITLE_END:
            return i + 1, "punct"
        if i > start and RE_MARKER_START.match(ch):
            marker = marker_at(line, i)
            if marker and _continues(marker, stack, level_of):
                return i, "marker"
    return len(line), "eol"


def _first_clause(title: str, longest: int) -> int | None:
    """Where a long title's first clause ends (just after its comma), if within `longest`.

    >>> _first_clause("在理论学习上还有差距，学得不深，悟得不透", 15)
    11
    """
    for i, ch in enumerate(title[:longest]):
        if ch in COMMAS:
            return i + 1
    return None


def _evidence_cut(title: str, evidence: frozenset[str], suffixes: frozenset[str]) -> int | None:
    """Length of the longest prefix of `title` that ends like a clean title.

    >>> _evidence_cut("原因分析针对上述查找的问题", frozenset({"原因分析"}), frozenset())
    4
    """
    for k in range(len(title) - 1, 1, -1):
        prefix = title[:k]
        if any(ch in PUNCTUATION for ch in prefix):
            continue
        if prefix in evidence or any(prefix.endswith(s) for s in suffixes):
            return k
    return None


def _suffixes(evidence: Iterable[str], shortest: int) -> frozenset[str]:
    return frozenset(title[-n:] for title in evidence for n in range(shortest, len(title) + 1))


def clean_titles(source: SourceText, tuning: Tuning = DEFAULT_TUNING) -> set[str]:
    """Level-1 titles that stand cleanly at the start of a line: evidence.

    Clean means short, free of punctuation inside, and ended by punctuation,
    the line end or a following marker.
    """
    titles = set()
    for line in source.text.split("\n"):
        stripped = line.lstrip()
        marker = marker_at(stripped, 0)
        if marker is None or marker.kind.level != 1:
            continue
        fake = [_Open(None, 1, marker.family, marker.ordinal)]
        end, _ = _title_end(stripped, marker.end, fake)
        title = stripped[marker.end : end].rstrip(TITLE_END).strip()
        if 2 <= len(title) <= tuning.max_clean_title and not any(ch in PUNCTUATION for ch in title):
            titles.add(title)
    return titles


class _OutlineBuilder:
    """Turns lines into sections and paragraphs; holds the open-section stack. Nothing more."""

    def __init__(self, source: SourceText, evidence: frozenset[str], tuning: Tuning):
        self.source = source
        self.evidence = evidence
        self.suffixes = _suffixes(evidence, tuning.min_evidence_suffix)
        self.tuning = tuning
        self.stack: list[_Open] = []
        self.preamble: list[Paragraph] = []
        self.sections: list[Section] = []
        self.anchors: set[str] = set()
        self.warnings: list[str] = []
        self.levels: dict[str, int] = {}
        """Level of each marker kind in this text, from where it first opened a section."""
        self.opened: dict[str, tuple[int, int]] = {}
        """(line, ordinal) of the last section opened in each numbering family."""

    def level(self, marker: Marker) -> int:
        """The level of a marker's kind in this text: the level it had where it first opened
        a section; before that, its nominal level, or, for a first item (`一是`, `（1）`) where
        the innermost open section is as deep, one below it (so `一是` under `1、` nests)."""
        known = self.levels.get(marker.kind.name)
        if known is not None:
            return known
        innermost = self.stack[-1].level if self.stack else 0
        if nominal(marker) <= innermost and marker.ordinal == 1:
            return innermost + 1
        return nominal(marker)

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(f"{self.source.name}:{line}: {message}")

    def feed(self, line: str, line_no: int) -> None:
        if not line.strip():
            return
        pos = 0
        indent = len(line) - len(line.lstrip())
        marker = marker_at(line, indent)
        run_in = False
        if marker and self._has_title(line, marker):
            if not _continues(marker, self.stack, self.level):
                self.warn(line_no, f"heading {marker.text!r} is out of sequence")
            pos, run_in = self._open(line, marker, line_no, at_line_start=True)
        while pos < len(line):
            found = self._next_inline(line, pos, run_in, line_no)
            end = found[0].start if found else len(line)
            self._add_paragraph(line[pos:end], line_no)
            if not found:
                break
            pos, run_in = self._open(
                line, found[0], line_no, at_line_start=False, title_end=found[1]
            )

    def _has_title(self, line: str, marker: Marker) -> bool:
        rest = line[marker.end :].strip()
        return bool(rest) and rest[0] not in TITLE_END + COMMAS

    def _next_inline(
        self, line: str, pos: int, run_in: bool, line_no: int
    ) -> tuple[Marker, tuple[int, str]] | None:
        longest = self.tuning.max_inline_title
        for match in RE_MARKER_START.finditer(line, pos):
            j = match.start()
            prefixed = pos == 0 and _after_short_prefix(line, j, self.tuning.max_prefix)
            if not (run_in and j == pos) and not _after_sentence_end(line, j) and not prefixed:
                continue
            marker = marker_at(line, j)
            if marker is None or not _continues(marker, self.stack, self.level):
                continue
            if prefixed and not _after_sentence_end(line, j) and marker.ordinal != 1:
                continue
            end = _title_end(line, marker.end, self._stack_with(marker), self.level)
            title = line[marker.end : end[0]].rstrip(TITLE_END)
            # Bracketed markers are unambiguous; `一是`, `1.` also start enumerations
            # inside sentences, so their titles must be free of commas, unless a list
            # begins here (after a colon) or began on this line: then an item's title is
            # its first sentence, or its first clause if that is long.
            strict = nominal(marker) == 3
            listing = strict and (
                (marker.ordinal == 1 and _after_colon(line, j))
                or self.opened.get(marker.family) == (line_no, marker.ordinal - 1)
            )
            if listing and len(title) > longest:
                cut = _first_clause(title, longest)
                if cut is None:
                    continue
                title, end = title[:cut], (marker.end + cut, "clause")
            if 0 < len(title) <= longest and (
                listing or not (strict and any(ch in COMMAS for ch in title))
            ):
                return marker, end
        return None

    def _stack_with(self, marker: Marker) -> list[_Open]:
        level = self.level(marker)
        stack = [o for o in self.stack if o.level < level]
        return [*stack, _Open(None, level, marker.family, marker.ordinal)]

    def _open(
        self,
        line: str,
        marker: Marker,
        line_no: int,
        *,
        at_line_start: bool,
        title_end: tuple[int, str] | None = None,
    ) -> tuple[int, bool]:
        """Open a section at `marker`; return where its body starts and whether it ran in."""
        end, reason = title_end or _title_end(
            line, marker.end, self._stack_with(marker), self.level
        )
        title = line[marker.end : end]
        bare = title.rstrip(TITLE_END)
        comma = next((i for i, ch in enumerate(bare) if ch in COMMAS), None)
        if at_line_start and nominal(marker) == 1 and reason != "marker" and comma is not None:
            # A title runs into the body. Cut where a clean title ends, else at the first
            # comma: either way the body is a paragraph, so paragraph anchors do not depend
            # on what other texts the corpus holds.
            cut = _evidence_cut(bare, self.evidence, self.suffixes)
            if cut is not None:
                self.warn(
                    line_no,
                    f"title {bare[:cut]!r} runs into the body; cut where another title ends",
                )
            else:
                cut = comma
                self.warn(
                    line_no, f"title {bare[:cut]!r} may run into the body; cut at its first comma"
                )
            while cut < len(bare) and bare[cut] in COMMAS:  # the body never starts with one
                cut += 1
            end, reason = marker.end + cut, "evidence"
            title = line[marker.end : end]
        elif at_line_start and nominal(marker) == 3 and len(bare) > self.tuning.max_title:
            # An item (`一是`, `1.`) whose first sentence is long: its first clause is the
            # title, the rest opens the body. (A long `（一）` title is a heading as it stands:
            # the meeting's topics, `（一）带头深刻领悟“两个确立”的决定性意义，…方面。`)
            cut = _first_clause(bare, self.tuning.max_title)
            if cut is not None:
                end, reason = marker.end + cut, "clause"
                title = line[marker.end : end]

        level = self.level(marker)
        self.levels.setdefault(marker.kind.name, level)
        self.opened[marker.family] = (line_no, marker.ordinal)
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        parent = self.stack[-1].section if self.stack else None
        prefix = parent.number if parent else ()
        number = prefix + (0,) * (level - len(prefix) - 1) + (marker.ordinal,)
        anchor = unique_anchor(section_anchor(number), self.anchors)
        if anchor != section_anchor(number):
            self.warn(line_no, f"heading {marker.text!r} repeats a number; anchor #{anchor}")
        section = Section(
            number=number,
            marker=marker.text,
            title=title.rstrip(),
            anchor=anchor,
            depth=len(self.stack) + 1,
            line=line_no,
        )
        (parent.children if parent else self.sections).append(section)
        self.stack.append(_Open(section, level, marker.family, marker.ordinal))
        return end, reason == "marker"

    def _add_paragraph(self, text: str, line_no: int) -> None:
        if not text.strip():
            return
        section = self.stack[-1].section if self.stack else None
        paragraphs = section.paragraphs if section else self.preamble
        owner = section.anchor if section else PREAMBLE
        paragraphs.append(Paragraph(paragraph_anchor(owner, len(paragraphs) + 1), text, line_no))


def parse_text(
    source: SourceText,
    evidence: frozenset[str] = frozenset(),
    tuning: Tuning = DEFAULT_TUNING,
) -> Text:
    """Parse one source into a `Text` with its outline."""
    builder = _OutlineBuilder(source, evidence, tuning)
    for line_no, line in enumerate(source.text.split("\n"), start=1):
        builder.feed(line, line_no)
    if not builder.sections:
        builder.warn(1, "no numbered headings found; the text is one section")
    return Text(
        source=source,
        preamble=builder.preamble,
        sections=builder.sections,
        warnings=builder.warnings,
    )
