"""One script for matching: traditional characters folded to simplified, and the white space
that PDF extraction leaves between Chinese characters ignored.

Every text is shown in its own characters; only matching (segmentation, phrase
mining and marking, keyword counts, stop lists, search) sees its `view`:

- `fold`: each traditional character becomes its simplified form, one
  character for one (OpenCC's `t2s` table, applied character by character, so
  positions do not move); simplified text is left as it is;
- then white space between two Chinese characters (`第 一时间`) is taken out.

`positions` maps each character of the view back to the text, so what is
found in the view is marked on the characters the page shows. The search
worker applies the same table (`browser_table`) and the same rule to the
texts and to what the reader types.
"""

from __future__ import annotations

import functools
import re
from itertools import chain

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
"""CJK ideographs: extension A and the unified block."""

RE_GAP = re.compile(rf"(?<=[{HAN}])[ \t\u00a0\u3000]+(?=[{HAN}])")
"""White space between two Chinese characters (never a line break)."""


@functools.cache
def table() -> dict[int, int]:
    """Traditional → simplified, one character each, from OpenCC's `t2s` conversion of each
    CJK ideograph on its own (pairs whose simplified form lies outside the Basic
    Multilingual Plane are left out: in the browser they would be two code units)."""
    import opencc  # only when a build first folds

    converter = opencc.OpenCC("t2s")
    out = {}
    for code in chain(range(0x3400, 0x4DC0), range(0x4E00, 0xA000)):
        folded = converter.convert(chr(code))
        if len(folded) == 1 and folded != chr(code) and ord(folded) < 0x10000:
            out[code] = ord(folded)
    return out


@functools.cache
def _traditional() -> re.Pattern[str]:
    """Any character `table` folds: most texts have none, and are left as they are."""
    return re.compile("[" + "".join(chr(code) for code in sorted(table())) + "]")


def fold(text: str) -> str:
    """`text` with traditional characters in their simplified forms; the same length.

    >>> fold("四風問題、官僚主義；两个维护")
    '四风问题、官僚主义；两个维护'
    """
    return text.translate(table()) if _traditional().search(text) else text


def view(text: str) -> str:
    """What matching sees of `text`: folded, without white space between Chinese characters.

    >>> view("第 一時間")
    '第一时间'
    """
    return RE_GAP.sub("", fold(text))


def positions(text: str) -> list[int] | None:
    """Where in `text` each character of its `view` is; None when they are the same places
    (nothing was taken out).

    >>> positions("第 一时间"), positions("第一时间")
    ([0, 2, 3, 4], None)
    """
    gaps = [(m.start(), m.end()) for m in RE_GAP.finditer(text)]
    if not gaps:
        return None
    out, pos = [], 0
    for start, end in gaps:
        out.extend(range(pos, start))
        pos = end
    out.extend(range(pos, len(text)))
    return out


def browser_table() -> dict[str, str]:
    """The folding table for the search worker: traditional characters and their simplified
    forms, as two strings of the same length."""
    pairs = sorted(table().items())
    return {
        "from": "".join(chr(t) for t, _ in pairs),
        "to": "".join(chr(s) for _, s in pairs),
    }
