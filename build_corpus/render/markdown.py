"""Rendering texts as Markdown pages for MkDocs. Pure: model in, strings out.

Headings are Markdown headings with explicit ids, so MkDocs builds the
outline from them; their text is written with `escape.markdown_inline`.
Paragraphs are raw HTML blocks of escaped text, which Markdown passes through
untouched, each with its id and a permalink. Phrase occurrences become links
to the phrase's page around the unchanged characters.
"""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Callable, Mapping
from itertools import pairwise

from build_corpus.corpus.listing import by_year
from build_corpus.layout import ASPECT_PAGES, DATA, KEYWORDS, PHRASES, YEARS
from build_corpus.model import (
    PREAMBLE,
    Annotations,
    CorpusIndex,
    GlossaryEntry,
    Mark,
    Paragraph,
    Phrase,
    Section,
    Text,
    TextAnnotation,
    TextMeta,
)
from build_corpus.text.aspects import OTHER, SLUGS, aspect_of, role_of
from build_corpus.text.escape import attribute, html_text, markdown_inline

PAGE_TITLE_ID = "title"
UNKNOWN_YEAR = "年份不详"
ROOT_FROM_PAGE = "../../"
"""From a page `folder/<slug>/` back to the site root."""


class Page:
    """A generated page: Markdown for MkDocs and the HTML of its bodies. Nothing more.

    The Markdown holds the front matter and the headings, from which MkDocs
    builds the outline; each run of body HTML (paragraphs, marks, concordance
    lines) is replaced by a slot, `<!-- corpus:N -->`, and kept apart. The
    hook in `mkdocs_hooks` puts the bodies back into the page's HTML after
    Markdown conversion, so Python-Markdown never has to parse the bulk of
    the HTML, the most expensive part of the build at scale.
    """

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.bodies: list[list[str]] = []
        self._in_body = False

    def markdown(self, text: str) -> None:
        """Append Markdown (front matter, a heading)."""
        self.lines.append(text)
        self._in_body = False

    def html(self, text: str) -> None:
        """Append body HTML; consecutive pieces share one slot."""
        if not text:
            return
        if not self._in_body:
            self.lines.append(f"<!-- corpus:{len(self.bodies)} -->\n")
            self.bodies.append([])
            self._in_body = True
        self.bodies[-1].append(text)

    def markdown_text(self) -> str:
        """The page's Markdown file."""
        return "\n".join(self.lines)

    def bodies_text(self) -> str:
        """The sidecar file: each body after its slot comment."""
        return "".join(f"<!-- corpus:{i} -->\n{''.join(b)}" for i, b in enumerate(self.bodies))


def fragment(anchor: str) -> str:
    """URL fragment of a section; the preamble (`s0`) is the top of the page.

    >>> fragment("s2-1"), fragment("s0")
    ('#s2-1', '')
    """
    return "" if anchor == PREAMBLE else f"#{anchor}"


def front_matter(title: str) -> str:
    """Front matter of a generated page: its title, and out of Material's own index."""
    # MkDocs templates print the title without escaping: escape it here.
    escaped = json.dumps(html.escape(title), ensure_ascii=False)
    return f"---\ntitle: {escaped}\nsearch:\n  exclude: true\n---\n"


def phrase_link(phrase: Phrase, inner: str) -> str:
    """A link around `inner` (already escaped) to the phrase's page, its definition as tooltip."""
    return f"{_phrase_tag(phrase.text, phrase.slug, phrase.entry)}{inner}</a>"


@functools.lru_cache(maxsize=65536)
def _phrase_tag(text: str, slug: str, entry: GlossaryEntry | None) -> str:
    href = f"{ROOT_FROM_PAGE}{PHRASES}/{slug}/"
    if entry is None:  # a mined phrase: a tooltip would only repeat the link's text
        return f'<a class="corpus-phrase" href="{href}">'
    tip = f"{text}：{entry.zh}" if entry.zh else text
    if entry.en:
        tip += f"（{entry.en}）"
    css = "corpus-phrase corpus-phrase--defined"
    return f'<a class="{css}" href="{href}" title="{attribute(tip)}">'


def marked(
    text: str,
    marks: list[Mark],
    phrases: dict[str, Phrase],
    escape: Callable[[str], str],
    shared: list[tuple[int, int, str]] = (),
) -> str:
    """`text` escaped with `escape`, each marked span wrapped in a link to its phrase, and
    each `shared` span (start, end, the HTML that follows it: see `render.reuse`) in a
    `corpus-shared` span, cut where a phrase's link starts or ends (what follows a shared
    span inside a link comes after the link)."""
    if not shared:
        out, pos = [], 0
        for start, end, phrase in marks:
            out.append(escape(text[pos:start]))
            out.append(phrase_link(phrases[phrase], escape(text[start:end])))
            pos = end
        out.append(escape(text[pos:]))
        return "".join(out)
    cuts = sorted(
        {0, len(text), *(c for m in marks for c in m[:2]), *(c for s in shared for c in s[:2])}
    )
    links = {start: (end, phrases[phrase]) for start, end, phrase in marks if end > start}
    after = {end: html for _, end, html in shared}
    out, link_end, waiting = [], None, []
    for start, end in pairwise(cuts):
        if start in links:
            link_end, phrase = links[start]
            out.append(_phrase_tag(phrase.text, phrase.slug, phrase.entry))
        piece = escape(text[start:end])
        if any(s <= start and end <= e for s, e, _ in shared):
            piece = f'<span class="corpus-shared">{piece}</span>'
        out.append(piece)
        if end in after:
            waiting.append(after[end])
        if end == link_end:
            out.append("</a>")
            link_end = None
        if link_end is None:
            out += waiting
            waiting = []
    return "".join(out)


class TextPage:
    """Renders one text's page from the text, its own annotation and the corpus's
    annotations. Nothing more."""

    def __init__(
        self,
        text: Text,
        meta: TextMeta,
        own: TextAnnotation,
        annotations: Annotations,
        corpus: CorpusIndex,
        shared_line: str = "",
        shared: Mapping[str, list[tuple[int, int, str]]] | None = None,
    ) -> None:
        self.text = text
        self.name = text.name
        self.meta = meta
        self.marks = own.marks
        self.ann = annotations
        self.corpus = corpus
        self.shared_line = shared_line
        self.shared = shared or {}

    def render(self) -> Page:
        meta = self.meta
        page = Page()
        page.markdown(front_matter(meta.title))
        page.markdown(f"# {markdown_inline(meta.title)} {{#{PAGE_TITLE_ID}}}\n")
        page.html(self._meta_line())
        page.html(self.shared_line)
        page.html(self._keywords(self.ann.text_keywords.get(self.name, []), "corpus-keywords"))
        for paragraph in self.text.preamble:
            page.html(self._paragraph(paragraph))
        for section in self.text.sections:
            self._section(page, section, "")
        return page

    def _meta_line(self) -> str:
        meta = self.meta
        data = {
            "title": meta.title,
            "year": "" if meta.year is None else str(meta.year),
            "role": meta.role,
            "meeting": meta.meeting,
            "source": self.text.source.name,
        }
        attrs = " ".join(f'data-corpus-{k}="{attribute(v)}"' for k, v in data.items())
        items = [
            f"{meta.year}年" if meta.year is not None else UNKNOWN_YEAR,
            meta.role,
            meta.meeting,
        ]
        shown = " · ".join(f"<span>{html.escape(item)}</span>" for item in items if item)
        source = f"<span>来源文件 <code>{html.escape(self.text.source.name)}</code></span>"
        cite = f"{ROOT_FROM_PAGE}{DATA}/cite/{meta.slug}"
        downloads = (
            f'<p class="corpus-downloads"><span class="corpus-label">引用数据</span> '
            f'<a href="{cite}.json" download>CSL-JSON</a> '
            f'<a href="{cite}.bib" download>BibTeX</a></p>\n'
        )
        return f'<p class="corpus-meta" {attrs}>{shown} · {source}</p>\n' + downloads

    def _keywords(self, keywords, css: str) -> str:
        if not keywords:
            return ""
        links = " ".join(
            f'<a href="{ROOT_FROM_PAGE}{KEYWORDS}/#kw-{self.ann.keyword_slugs[k.word]}">'
            f"{html.escape(k.word)}</a>"
            for k in keywords
        )
        return f'<p class="{css}"><span class="corpus-label">关键词</span> {links}</p>\n'

    def _section(self, page: Page, section: Section, path: str) -> None:
        """Heading and body of `section`; `path` holds the markers of its ancestors."""
        level = "#" * min(section.depth + 1, 6)
        marks = self.marks.get(section.anchor, [])
        heading = marked(
            section.heading,
            marks,
            self.ann.phrases,
            markdown_inline,
            self.shared.get(section.anchor, ()),
        )
        attrs = f'#{section.anchor} data-corpus-path="{attribute(path)}"'
        page.markdown(f"{level} {heading} {{{attrs}}}\n")
        if section.depth == 1:
            page.html(self._annotations(section))
        elif section.depth == 2:
            page.html(self._kind(None, aspect_of(section.title)))
        for paragraph in section.paragraphs:
            page.html(self._paragraph(paragraph))
        for child in section.children:
            self._section(page, child, path + section.marker)

    def _kind(self, role: str | None, aspect: str | None) -> str:
        """A section's role (top-level sections; none where it plays none of the standard
        roles) and the aspect its heading names, linking to this text's row on the aspect's
        page."""
        items = [f'<span class="corpus-label">作用</span> {role}'] if role else []
        if aspect:
            href = ROOT_FROM_PAGE + aspect_href(self.corpus, aspect, self.meta)
            link = f'<a href="{href}" title="各篇材料在这一方面的对照">{html.escape(aspect)}</a>'
            items.append(f'<span class="corpus-label">方面</span> {link}')
        return f'<p class="corpus-kind">{" ".join(items)}</p>\n' if items else ""

    def _annotations(self, section: Section) -> str:
        key = (self.name, section.anchor)
        keywords = self._keywords(self.ann.section_keywords.get(key, []), "corpus-keywords")
        related = self.ann.see_also.get(key, [])
        role = role_of(section.title)
        kind = self._kind(None if role == OTHER else role, aspect_of(section.title))
        items = [part.strip() for part in (kind, keywords) if part]
        if related:
            links = " ".join(
                f'<a href="../{self.corpus.slug(name)}/{fragment(anchor)}" '
                f'title="共有 {shared} 条提法">{html.escape(self.corpus.label(name, anchor))}</a>'
                for name, anchor, shared in related
            )
            items.append(
                f'<p class="corpus-see-also"><span class="corpus-label">另见</span> {links}</p>'
            )
        return f'<div class="corpus-annot">{"".join(items)}</div>\n' if items else ""

    def _paragraph(self, paragraph: Paragraph) -> str:
        anchor = paragraph.anchor
        marks = self.marks.get(anchor, [])
        link = f'<a class="headerlink" href="#{anchor}" title="本段链接">¶</a>'
        body = marked(
            paragraph.text, marks, self.ann.phrases, html_text, self.shared.get(anchor, ())
        )
        return f'<p id="{anchor}" class="corpus-p">{body}{link}</p>\n'


def aspect_href(index: CorpusIndex, aspect: str, meta: TextMeta) -> str:
    """Where a text's row is on an aspect's page, from the site root."""
    split = aspect in index.split_aspects
    page = SLUGS[aspect] + (f"/{year_key(meta.year)}" if split else "")
    return f"{ASPECT_PAGES}/{page}/#t-{meta.slug}"


def render_text_page(
    text: Text,
    meta: TextMeta,
    own: TextAnnotation,
    annotations: Annotations,
    corpus: CorpusIndex,
    shared_line: str = "",
    shared: Mapping[str, list[tuple[int, int, str]]] | None = None,
) -> Page:
    """The whole page of one text: its outline and paragraphs with `own` marks, its keywords
    and the related sections of other texts from `annotations`; `shared_line` under its
    metadata and the `shared` passages of each heading and paragraph, by anchor (see
    `render.reuse`)."""
    return TextPage(text, meta, own, annotations, corpus, shared_line, shared or {}).render()


def render_catalogue(texts: list[tuple[TextMeta, str]], folder: str, limit: int) -> str:
    """The home page's list of texts (metadata, source file name), newest year first; beyond
    `limit` texts, the years with their counts, each linking to its page (`render_years`),
    so that the home page stays light whatever the size of the corpus."""
    years = by_year(texts)
    if len(texts) <= limit:
        parts = []
        for year, group in years:
            parts.append(f"## {year_label(year)} {{#{_year_anchor(year)}}}\n")
            parts += [_text_item(meta, name, f"{folder}/{meta.slug}.md") for meta, name in group]
            parts.append("")
        return "\n".join(parts)
    rows = [
        f"- [{year_label(year)}]({folder}/{YEARS}/{year_key(year)}.md)：{len(group)} 篇"
        for year, group in years
    ]
    return f"## 按年份 {{#years}}\n\n共 {len(texts)} 篇材料。\n\n" + "\n".join(rows) + "\n"


def render_years(texts: list[tuple[TextMeta, str]], limit: int) -> dict[str, str]:
    """A page per year listing its texts, by file name under `texts/years/` (none while the
    home page lists every text: see `render_catalogue`)."""
    if len(texts) <= limit:
        return {}
    pages = {}
    for year, group in by_year(texts):
        lines = [
            front_matter(f"{year_label(year)}的材料"),
            f"# {year_label(year)} {{#{PAGE_TITLE_ID}}}\n",
            f"共 {len(group)} 篇。[全部年份](../../index.md#years)\n",
            *(_text_item(meta, name, f"../{meta.slug}.md") for meta, name in group),
        ]
        pages[f"{year_key(year)}.md"] = "\n".join(lines) + "\n"
    return pages


def year_label(year: int | None) -> str:
    return f"{year}年" if year is not None else UNKNOWN_YEAR


def _year_anchor(year: int | None) -> str:
    return f"y{year}" if year is not None else "y-unknown"


def year_key(year: int | None) -> str:
    return str(year) if year is not None else "unknown"


def _text_item(meta: TextMeta, name: str, href: str) -> str:
    """One text in a list: its title linking to its page, then role, meeting and source."""
    label = markdown_inline(f"《{meta.title}》")
    details = " · ".join(markdown_inline(x) for x in (meta.role, meta.meeting) if x)
    source = markdown_inline(name)
    about = f"{details} · 来源文件 {source}" if details else f"来源文件 {source}"
    return f"- [{label}]({href})  \n  {about}"
