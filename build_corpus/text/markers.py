"""Heading markers of the genre, compiled once and tested one by one.

Level 1: `一、`. Level 2: `（一）`, also with mixed brackets `（一)`.
Level 3: `一是`, `一要`, `1.`, `1、`, `（1）`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0}
CN_NUMERAL = "[一二三四五六七八九十][一二三四五六七八九十百零〇]{0,4}"

RE_LEVEL1 = re.compile(
    rf"""
    (?P<num>{CN_NUMERAL})   # 一 ... 十九
    、                      # ideographic comma
    """,
    re.VERBOSE,
)
"""Level 1: `一、`."""

RE_LEVEL2 = re.compile(
    rf"""
    [（(]                   # full- or half-width opening bracket
    (?P<num>{CN_NUMERAL})
    [）)]                   # either closing bracket: `（一)` occurs
    """,
    re.VERBOSE,
)
"""Level 2: `（一）`, `（一)`, `(一)`."""

RE_LEVEL3_SHI = re.compile(
    rf"""
    (?P<num>{CN_NUMERAL})
    (?P<word>是|要)         # 一是 二是 … / 一要 二要 …
    (?![是要])
    """,
    re.VERBOSE,
)
"""Level 3: `一是`, `一要`."""

RE_LEVEL3_ARABIC = re.compile(
    r"""
    (?<![\d.．])            # not the tail of a longer number
    (?P<num>[1-9]\d{0,2})
    [.．、]                 # 1.  1．  1、
    (?![\d.．])             # not a decimal such as 2.5
    """,
    re.VERBOSE,
)
"""Level 3: `1.`, `1．`, `1、`."""

RE_LEVEL3_PAREN = re.compile(
    r"""
    [（(]
    (?P<num>[1-9]\d{0,2})
    [）)]
    """,
    re.VERBOSE,
)
"""Level 3: `（1）`, `(1)`."""


@dataclass(frozen=True)
class MarkerKind:
    """One style of numbering."""

    name: str
    """Short identifier, used in warnings."""
    level: int
    """Nominal level: 1, 2 or 3."""
    pattern: re.Pattern[str]
    """Matches the marker at a position."""
    family: str
    """Markers of one family continue each other's count (`1.` and `2、`)."""


KINDS: tuple[MarkerKind, ...] = (
    MarkerKind("一、", 1, RE_LEVEL1, "cn-dun"),
    MarkerKind("（一）", 2, RE_LEVEL2, "cn-paren"),
    MarkerKind("一是", 3, RE_LEVEL3_SHI, "cn-word"),
    MarkerKind("1.", 3, RE_LEVEL3_ARABIC, "arabic"),
    MarkerKind("（1）", 3, RE_LEVEL3_PAREN, "arabic-paren"),
)


@dataclass(frozen=True)
class Marker:
    """A marker found in a line."""

    kind: MarkerKind
    """Its numbering style."""
    ordinal: int
    """Its number: 3 for `三、` or `3.`."""
    text: str
    """The exact characters of the marker."""
    start: int
    """Offset of its first character in the line."""
    end: int
    """Offset just after it."""
    word: str = ""
    """For `一是`/`一要`: the word, so that `一要` does not continue `一是`."""

    @property
    def family(self) -> str:
        """Counting family, `cn-word:是` and `cn-word:要` kept apart."""
        return f"{self.kind.family}:{self.word}" if self.word else self.kind.family


def cn_to_int(numeral: str) -> int:
    """Value of a Chinese numeral up to 999.

    >>> [cn_to_int(n) for n in ("一", "十", "十二", "二十三", "一百", "一百零五", "三百二十")]
    [1, 10, 12, 23, 100, 105, 320]
    """
    total, digit = 0, None
    for ch in numeral:
        if ch == "百":
            total += (digit or 1) * 100
            digit = None
        elif ch == "十":
            total += (digit or 1) * 10
            digit = None
        else:
            digit = CN_DIGITS[ch]
    return total + (digit or 0)


def marker_at(line: str, pos: int) -> Marker | None:
    """The marker starting exactly at `pos` in `line`, if any; none glued to a word in Latin
    letters or digits before it (`alert(1)`, `Win10.`).

    >>> marker_at("（一)在带头", 0).ordinal
    1
    >>> marker_at("alert(1)", 5) is None, marker_at("。(1)", 1) is None
    (True, False)
    """
    before = line[pos - 1] if pos > 0 else ""
    if before.isascii() and (before.isalnum() or before == "_"):
        return None
    for kind in KINDS:
        match = kind.pattern.match(line, pos)
        if match:
            num = match.group("num")
            ordinal = int(num) if num.isdigit() else cn_to_int(num)
            word = match.groupdict().get("word") or ""
            return Marker(kind, ordinal, match.group(0), match.start(), match.end(), word)
    return None


RE_MARKER_START = re.compile(r"[一二三四五六七八九十（(1-9]")
"""Characters a marker can start with; used to find candidates inside a line."""
