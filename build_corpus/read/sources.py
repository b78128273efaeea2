"""Reading source files: bytes to text, line ends, page leftovers.

`read_source` is the only function here that touches the file system; the
rest are pure and tested on their own.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from build_corpus.errors import SourceError
from build_corpus.model import Removal, SourceText

RE_LEFTOVER = re.compile(
    r"""
    \#\#                      # opening hashes
    (?P<word>[A-Za-z_]{2,40}) # paidbegin, paidend, ...
    \#\#                      # closing hashes
    """,
    re.VERBOSE,
)
"""Leftovers of the web pages the texts were copied from: `##paidbegin##`."""

RE_LINE_END = re.compile(r"\r\n?")
"""CRLF and lone CR line ends."""

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "iso2022_cn"}
_CHINESE = ("gb18030", "big5", "big5hkscs")
"""Encodings tried first when a file is not UTF-8: this is a Chinese corpus."""


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode `data` read from file `name`; return (text, encoding).

    BOMs are honoured; then strict UTF-8; then the Chinese encodings
    (GB18030, a superset of GBK and GB2312, and Big5) as charset-normalizer
    ranks them; then whatever else it finds most plausible.

    >>> decode("两个维护".encode("gbk"), "a.txt")
    ('两个维护', 'gb18030')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, name), encoding
    if b"\x00" in data:
        raise SourceError(name, "is a binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=list(_CHINESE)).best() or from_bytes(data).best()
    if best is None:
        raise SourceError(name, "cannot be decoded as text in any known encoding")
    encoding = best.encoding
    if encoding in _GB_FAMILY:
        encoding = "gb18030"
    text = _strict(data, encoding, name)
    if _looks_binary(text):
        raise SourceError(name, f"does not look like text (decoded as {encoding})")
    return text, encoding


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourceError(name, f"cannot be decoded as {encoding}: {exc.reason}") from None


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls > max(2, len(text) // 100)


def normalise_line_ends(text: str) -> str:
    """CRLF and CR become LF.

    >>> normalise_line_ends("一\\r\\n二\\r三")
    '一\\n二\\n三'
    """
    return RE_LINE_END.sub("\n", text)


def remove_leftovers(text: str) -> tuple[str, tuple[Removal, ...]]:
    """Take page leftovers out of `text`; return the text and what was removed.

    >>> remove_leftovers("不够##paidbegin##适应")
    ('不够适应', (Removal(line=1, column=3, token='##paidbegin##'),))
    """
    removals = []
    for match in RE_LEFTOVER.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        removals.append(Removal(line, column, match.group(0)))
    return RE_LEFTOVER.sub("", text), tuple(removals)


def source_from_bytes(data: bytes, name: str) -> SourceText:
    """Decode, normalise line ends and remove leftovers: bytes to `SourceText`."""
    text, encoding = decode(data, name)
    text, removals = remove_leftovers(normalise_line_ends(text))
    return SourceText(name=name, text=text, encoding=encoding, removals=removals)


def read_source(path: Path) -> SourceText:
    """Read one source file from disk."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, f"cannot be read: {exc.strerror}") from None
    try:
        return source_from_bytes(data, path.name)
    except SourceError as exc:
        raise SourceError(path, exc.message) from None
