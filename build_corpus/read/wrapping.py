"""Hard-wrapped copies: line breaks that are layout, not text.

Copies from PDFs and document-sharing sites break lines every 30–40
characters, mid-sentence and even mid-word. A text is hard-wrapped when many
of its lines end without sentence-final punctuation and most of those end at
about the same width, the wrap width (in display columns: a Chinese
character is two). In such a text a line that reaches the wrap width and
does not end a sentence is joined to the next, unless the next line starts a
heading or an indented paragraph; a shorter line (a paragraph's last line, a
heading) keeps its break. Only the line breaks go: every other character
stays (a word in Latin letters cut by the wrap is joined as it was cut, a
space left at a line's end stays).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from build_corpus.config import DEFAULT_TUNING, Tuning
from build_corpus.model import SourceText, Wrapping
from build_corpus.text.markers import marker_at

SENTENCE_END = frozenset("。！？；：…!?;:")
"""A line ending with one of these (or with a closing quote after one) ends a sentence."""

CLOSING = frozenset("”’」』）)")
"""Closing quotes and brackets, looked through to the punctuation before them."""

INDENT = frozenset(" \u3000\t")
"""A line starting with one of these starts a paragraph."""


def display_width(line: str) -> int:
    """Display columns of a line: one for an ASCII character, two for any other (in this
    corpus: Chinese characters and full-width punctuation).

    >>> display_width("第 一时间"), display_width("(1)")
    (9, 3)
    """
    return 2 * len(line) - len(line.encode("ascii", "ignore"))


def ends_sentence(line: str) -> bool:
    """Whether a line ends a sentence.

    >>> [ends_sentence(line) for line in ("做到“两个维护”。", "做到“两个维护”", "要求。”")]
    [True, False, True]
    """
    stripped = line.rstrip().rstrip("".join(CLOSING))
    return bool(stripped) and stripped[-1] in SENTENCE_END


def wrap_width(lines: list[str], tuning: Tuning = DEFAULT_TUNING) -> int | None:
    """The width at which the lines of a hard-wrapped text end; None if the text is not
    hard-wrapped (see the module's rule; `Tuning.wrap_*` are its thresholds)."""
    filled = [line.rstrip() for line in lines if line.strip()]
    widths = [display_width(line) for line in filled if not ends_sentence(line)]
    if len(widths) < tuning.wrap_min_lines or len(widths) < tuning.wrap_share * len(filled):
        return None
    counts = Counter(widths)
    slack = tuning.wrap_slack
    best, most = 0, 0
    for width in sorted(counts):
        near = sum(counts[w] for w in range(width - slack, width + 1))
        if near > most:
            best, most = width, near
    if best < tuning.wrap_min_width or most < tuning.wrap_share * len(widths):
        return None
    return best


def unwrap(text: str, tuning: Tuning = DEFAULT_TUNING) -> tuple[str, Wrapping | None]:
    """`text` with the line breaks of its hard wrapping taken out, and how it was wrapped
    (None, and the text as it was, if it is not hard-wrapped).

    >>> line = "我们坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十"
    >>> text, wrapping = unwrap("\\n".join([line] * 8 + ["大精神。", "二、原因分析"]))
    >>> text.count("\\n"), wrapping.joined
    (1, 8)
    """
    lines = text.split("\n")
    width = wrap_width(lines, tuning)
    if width is None:
        return text, None
    out = [lines[0]]
    joined = 0
    for line in lines[1:]:
        last = out[-1]
        if (
            line.strip()
            and last.strip()
            and display_width(last.rstrip()) >= width - tuning.wrap_slack
            and not ends_sentence(last)
            and line[0] not in INDENT
            and marker_at(line, 0) is None
        ):
            out[-1] = last + line
            joined += 1
        else:
            out.append(line)
    return "\n".join(out), Wrapping(width=width, joined=joined)


def unwrapped(source: SourceText, tuning: Tuning = DEFAULT_TUNING) -> SourceText:
    """The source with the line breaks of its hard wrapping taken out, if it has one."""
    text, wrapping = unwrap(source.text, tuning)
    return source if wrapping is None else replace(source, text=text, wrapping=wrapping)
