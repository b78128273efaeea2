"""Rendering the aspect pages: the sections of every text on one aspect (理论学习, 担当作为 …),
side by side by role, so that the problems a report finds stand beside their causes and the
measures it takes, and one report beside another. Pure.

The index (`aspects/index.md`) lists the aspects with how many texts and sections take each
up. An aspect's page (`aspects/<slug>.md`) holds, for each text, a row of columns by role
(`aspects.SHOWN_ROLES`), each section as its heading linking to it and the opening of its
text. Beyond `Tuning.catalogue_texts` texts on one aspect, the page lists the years and each
year has a page of its own (`aspects/<slug>/<year>.md`), as the home page does.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from build_corpus.corpus.listing import by_year
from build_corpus.layout import TEXTS
from build_corpus.model import Rows, SectionSummary
from build_corpus.render.markdown import (
    PAGE_TITLE_ID,
    Page,
    fragment,
    front_matter,
    year_key,
    year_label,
)
from build_corpus.text.aspects import SHOWN_ROLES, SLUGS
from build_corpus.text.escape import html_text, markdown_inline


def render_aspect_index(rows: Mapping[str, Rows]) -> str:
    """The list of aspects, each with how many texts and sections take it up."""
    lines = [
        front_matter("方面对照"),
        f"# 方面对照 {{#{PAGE_TITLE_ID}}}\n",
        "对照检查材料大多按相同的几个方面展开。每个方面一页：各篇材料谈这一方面的章节并列，"
        "查摆的问题、剖析的原因与整改措施左右对照。章节的方面由标题识别，"
        "未能识别的章节不列入。\n",
    ]
    for aspect, texts in rows.items():
        sections = sum(len(s) for _, _, s in texts)
        if texts:
            lines.append(
                f"- [{markdown_inline(aspect)}]({SLUGS[aspect]}.md)：{len(texts)} 篇，{sections} 节"
            )
        else:
            lines.append(f"- {markdown_inline(aspect)}：本语料中没有")
    return "\n".join(lines) + "\n"


def render_aspect_pages(rows: Mapping[str, Rows], limit: int) -> dict[str, Page]:
    """Every aspect's page and, beyond `limit` texts on an aspect, its year pages; by path
    under `aspects/` without `.md`."""
    pages = {}
    for aspect, texts in rows.items():
        if not texts:
            continue
        slug = SLUGS[aspect]
        if len(texts) <= limit:
            pages[slug] = _aspect_page(aspect, texts, "../../", None)
            continue
        page = _head(aspect, texts)
        years = by_year([(meta, (name, s)) for meta, name, s in texts])
        items = [
            f"- [{year_label(year)}]({slug}/{year_key(year)}.md)：{len(group)} 篇"
            for year, group in years
        ]
        page.markdown("## 按年份 {#years}\n\n" + "\n".join(items) + "\n")
        pages[slug] = page
        for year, group in years:
            chosen = [(meta, name, s) for meta, (name, s) in group]
            pages[f"{slug}/{year_key(year)}"] = _aspect_page(aspect, chosen, "../../../", year)
    return pages


def _head(aspect: str, texts: Rows, year: int | None = None) -> Page:
    title = aspect if year is None else f"{aspect}（{year_label(year)}）"
    page = Page()
    page.markdown(front_matter(f"方面对照：{title}"))
    page.markdown(f"# {markdown_inline(title)} {{#{PAGE_TITLE_ID}}}\n")
    sections = sum(len(s) for _, _, s in texts)
    back = "../" if year is None else "../../"
    page.html(
        f'<p class="corpus-stats">{len(texts)} 篇材料的 {sections} 节谈到这一方面。'
        f'<a href="{back}">全部方面</a></p>\n'
    )
    return page


def _aspect_page(aspect: str, texts: Rows, root: str, year: int | None) -> Page:
    page = _head(aspect, texts, year)
    roles = [r for r in SHOWN_ROLES if any(s.kind.role == r for _, _, ss in texts for s in ss)]
    for meta, _, sections in texts:
        href = f"{root}{TEXTS}/{meta.slug}/"
        when = f"{meta.year}年" if meta.year is not None else ""
        page.html(
            f'<section class="corpus-aspect-text">'
            f'<h3 id="t-{meta.slug}"><a href="{href}">《{html.escape(meta.title)}》</a>'
            f"{f' <small>{when}</small>' if when else ''}</h3>\n"
            f'<div class="corpus-aspect-row" style="--corpus-columns: {len(roles)}">'
        )
        for role in roles:
            cells = [s for s in sections if s.kind.role == role]
            page.html(
                f'<div class="corpus-aspect-cell" data-role="{role}">'
                f'<span class="corpus-label">{role}</span>'
                + ("".join(_section(s, href) for s in cells) or '<p class="corpus-none">—</p>')
                + "</div>"
            )
        page.html("</div></section>\n")
    return page


def _section(summary: SectionSummary, href: str) -> str:
    opening = f"<span>{html_text(summary.opening)}</span>" if summary.opening else ""
    return (
        f'<p><a href="{href}{fragment(summary.anchor)}">{html_text(summary.heading)}</a>'
        f"{opening}</p>"
    )
