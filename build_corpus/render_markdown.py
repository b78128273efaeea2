"""Rendering texts as Markdown pages for MkDocs. Pure: model in, strings out.

Headings are Markdown headings with explicit ids, so MkDocs builds the
outline from them; their text is written with `escape.markdown_inline`.
Paragraphs are raw HTML blocks of escaped text, which Markdown passes through
untouched, each with its id and a permalink.
"""

from __future__ import annotations

import html
import json
from itertools import groupby

from .escape import attribute, html_text, markdown_inline
from .model import Paragraph, Section, Text

PAGE_TITLE_ID = "title"
UNKNOWN_YEAR = "年份不详"


def page_path(text: Text) -> str:
    """Path of a text's page inside the generated folder: `<slug>.md`."""
    return f"{text.meta.slug}.md"


def render_text_page(text: Text) -> str:
    """The whole Markdown page of one text."""
    meta = text.meta
    parts = [
        _front_matter(meta.title),
        f"# {markdown_inline(meta.title)} {{#{PAGE_TITLE_ID}}}\n",
        _meta_line(text),
    ]
    parts.extend(_paragraph(p) for p in text.preamble)
    for section in text.sections:
        parts.extend(_section(section, ""))
    return "\n".join(parts)


def _front_matter(title: str) -> str:
    # MkDocs templates print the title without escaping: escape it here.
    return (
        "---\n"
        + f"title: {json.dumps(html.escape(title), ensure_ascii=False)}\n"
        + "search:\n  exclude: true\n---\n"
    )


def _meta_line(text: Text) -> str:
    meta = text.meta
    data = {
        "title": meta.title,
        "year": "" if meta.year is None else str(meta.year),
        "role": meta.role,
        "meeting": meta.meeting,
        "source": text.source.name,
    }
    attrs = " ".join(f'data-corpus-{k}="{attribute(v)}"' for k, v in data.items())
    items = [
        f"{meta.year}年" if meta.year is not None else UNKNOWN_YEAR,
        meta.role,
        meta.meeting,
    ]
    shown = " · ".join(f"<span>{html.escape(item)}</span>" for item in items if item)
    source = f"<span>来源文件 <code>{html.escape(text.source.name)}</code></span>"
    return f'<p class="corpus-meta" {attrs}>{shown} · {source}</p>\n'


def _section(section: Section, path: str) -> list[str]:
    """Heading and body of `section`; `path` holds the markers of its ancestors."""
    level = "#" * min(section.depth + 1, 6)
    heading = markdown_inline(section.marker + section.title)
    parts = [f'{level} {heading} {{#{section.anchor} data-corpus-path="{attribute(path)}"}}\n']
    parts.extend(_paragraph(p) for p in section.paragraphs)
    for child in section.children:
        parts.extend(_section(child, path + section.marker))
    return parts


def _paragraph(paragraph: Paragraph) -> str:
    anchor = paragraph.anchor
    link = f'<a class="headerlink" href="#{anchor}" title="本段链接">¶</a>'
    return f'<p id="{anchor}" class="corpus-p">{html_text(paragraph.text)}{link}</p>\n'


def render_catalogue(texts: list[Text], folder: str) -> str:
    """The list of all texts for the home page, newest year first."""

    def year_key(text: Text) -> tuple[int, int]:
        return (0, -text.meta.year) if text.meta.year is not None else (1, 0)

    ordered = sorted(texts, key=lambda t: (year_key(t), t.meta.slug))
    parts = []
    for _, group in groupby(ordered, key=year_key):
        group = list(group)
        year = group[0].meta.year
        heading = (
            f"## {year}年 {{#y{year}}}" if year is not None else f"## {UNKNOWN_YEAR} {{#y-unknown}}"
        )
        parts.append(heading + "\n")
        for text in group:
            meta = text.meta
            label = markdown_inline(f"《{meta.title}》")
            details = " · ".join(markdown_inline(x) for x in (meta.role, meta.meeting) if x)
            source = markdown_inline(text.source.name)
            line = f"- [{label}]({folder}/{page_path(text)})"
            parts.append(
                line
                + (
                    f"  \n  {details} · 来源文件 {source}"
                    if details
                    else f"  \n  来源文件 {source}"
                )
            )
        parts.append("")
    return "\n".join(parts)
