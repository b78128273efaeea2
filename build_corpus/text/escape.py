"""Making source text inert: no Markdown, HTML or template syntax survives.

Every character a reader sees comes from the source unchanged; these
functions only choose how it is written so that Markdown and the browser show
it literally. Redaction placeholders (`**`, `XX`) are wrapped so they show as
redactions.
"""

from __future__ import annotations

import html
import re

RE_REDACTION = re.compile(
    r"""
    \*{2,}                         # ** standing for a removed name
    | ＊{2,}
    | (?<![A-Za-z])X{2,}(?![A-Za-z]) # XX, but not inside a Latin word
    """,
    re.VERBOSE,
)
"""Redaction placeholders of the sources."""

MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()#+-.!|~^=:$<>&\"'")
"""Characters that may mean something to Markdown or its extensions."""

REDACTION_TITLE = "原文此处已隐去"


def html_text(text: str) -> str:
    """Source text as HTML: escaped, redactions wrapped in a styled span.

    >>> html_text("<b>**农商行</b>")
    '&lt;b&gt;<span class="corpus-redaction" title="原文此处已隐去">**</span>农商行&lt;/b&gt;'
    """
    if "*" not in text and "＊" not in text and "X" not in text:
        return _escape_text(text)
    return _with_redactions(text, _escape_text)


_HTML_SPECIAL = frozenset("&<>\"'")


def _escape_text(text: str) -> str:
    """`html.escape(text)`, returning at once when there is nothing to escape."""
    return html.escape(text) if _HTML_SPECIAL.intersection(text) else text


def markdown_inline(text: str) -> str:
    """Source text for an inline Markdown context (a heading or a link label).

    Markdown punctuation and `<`, `>`, `&` become numeric character
    references, which Markdown passes through whatever extensions are on and
    the browser shows as the characters; redactions become spans.

    >>> markdown_inline("# [x](y) <i>")
    '&#35; &#91;x&#93;&#40;y&#41; &#60;i&#62;'
    """
    if not MARKDOWN_SPECIAL.intersection(text) and "＊" not in text and "X" not in text:
        return text
    return _with_redactions(text, _markdown_plain)


def _with_redactions(text: str, escape) -> str:
    """`text` escaped with `escape`, each redaction placeholder wrapped in its span."""
    out, pos = [], 0
    for match in RE_REDACTION.finditer(text):
        out.append(escape(text[pos : match.start()]))
        out.append(_redaction(escape(match.group(0))))
        pos = match.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def _markdown_plain(text: str) -> str:
    return "".join(f"&#{ord(ch)};" if ch in MARKDOWN_SPECIAL else ch for ch in text)


def _redaction(inner: str) -> str:
    return f'<span class="corpus-redaction" title="{REDACTION_TITLE}">{inner}</span>'


def markdown_attribute(value: str) -> str:
    """A value for an HTML attribute in double quotes that may stand in a Markdown heading:
    every character HTML or Markdown could read as markup as a numeric character reference.

    >>> markdown_attribute('《关于`整改`的[材料](x)》"')
    '《关于&#96;整改&#96;的&#91;材料&#93;&#40;x&#41;》&#34;'
    """
    return "".join(f"&#{ord(ch)};" if ch in MARKDOWN_SPECIAL else ch for ch in value)


def attribute(value: str) -> str:
    """A value for an HTML attribute in double quotes.

    >>> attribute('a"<b>')
    'a&quot;&lt;b&gt;'
    """
    return html.escape(value, quote=True)
