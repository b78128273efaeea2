"""Rendering the data to take away: the corpus as files that standard tools read. Pure.

Under `data/` in the built site (the README's "Data" section describes every field):

- `texts.jsonl`: a line per text (`text_records`);
- `sections.jsonl`: a line per section, the preamble first (`section_records`, joined by the
  MkDocs hook from each text's search documents, which carry the same fields);
- `phrases.csv`: a row per phrase and text it occurs in (`phrase_rows`, rendered with each
  phrase's page and joined by the MkDocs hook in the order of `.phrases.json`);
- `concordance/<phrase slug>.csv`: the lines of a phrase's concordance (`concordance_csv`);
- `cite/<text slug>.json` and `.bib`: a citation of each text in CSL-JSON and BibTeX.

URLs are absolute when the site's address is known (`site_url` in `mkdocs.yml`: `base`,
ending in a slash), else relative to the site's root, so that the site can be published
anywhere.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping

from build_corpus.layout import TEXTS
from build_corpus.model import Occurrence, Phrase, TextMeta
from build_corpus.text.escape import markdown_attribute

SITE_NAME = "对照检查材料语料库"


def _line(record: dict) -> str:
    """A line of a JSON Lines file."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def _jsonl(records: Iterable[dict]) -> str:
    return "".join(map(_line, records))


def _csv(header: list[str], rows: Iterable[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def text_url(meta: TextMeta, base: str = "") -> str:
    """A text page's URL, under the site's address `base` ("": relative to the site)."""
    return f"{base}{TEXTS}/{meta.slug}/"


def text_records(listing: Iterable[tuple[TextMeta, str]], base: str = "") -> str:
    """`texts.jsonl`: slug, title, year (null if unknown), role, meeting, source file, URL."""
    return _jsonl(
        {
            "slug": meta.slug,
            "title": meta.title,
            "year": meta.year,
            "role": meta.role,
            "meeting": meta.meeting,
            "source": name,
            "url": text_url(meta, base),
        }
        for meta, name in listing
    )


def section_records(documents: Iterable[dict], base: str = "") -> Iterator[str]:
    """The lines of `sections.jsonl` from the texts' search documents, in order
    (`render.search.search_documents`): text slug, anchor, markers, heading, level, role,
    aspect, body (its paragraphs, a line each), URL. One at a time: the file is about the
    corpus's size."""
    for doc in documents:
        record = {
            "text": doc["location"].split("/")[1],
            "anchor": doc["anchor"],
            "markers": doc["markers"],
            "heading": doc["title"],
            "level": doc["level"],
            "role": doc["role"],
            "aspect": doc["aspect"],
            "body": doc["text"],
            "url": base + doc["location"],
        }
        yield _line(record)


PHRASES_HEADER = "phrase,phrase_slug,origin,text,count,total\n"
"""The first line of `phrases.csv`; the MkDocs hook puts the phrases' rows after it."""


def phrase_rows(phrase: Phrase, slug: Callable[[str], str]) -> str:
    """A phrase's rows of `phrases.csv`, one per text holding it: phrase, its page's slug,
    origin (`glossary` or `mined`), the text's slug, the count there and the phrase's total.
    Rendered with the phrase's page, so that a build renders only the rows that changed.
    `slug` gives a text's slug from its name (`CorpusIndex.slug`)."""
    origin = "glossary" if phrase.entry is not None else "mined"
    total = phrase.total
    rows = [
        [phrase.text, phrase.slug, origin, slug(name), count, total]
        for name, count in sorted(phrase.counts.items(), key=lambda c: slug(c[0]))
    ]
    return _csv([], rows)


def concordance_csv(
    occurrences: Iterable[Occurrence],
    slug: Callable[[str], str],
    unit_texts: Mapping[tuple[str, str], str],
    context: int,
    base: str = "",
) -> str:
    """A phrase's concordance: text slug, anchor of the heading or paragraph, `context`
    characters left and right, the match as written, URL of the paragraph."""
    rows = []
    for o in occurrences:
        unit = unit_texts[o.name, o.anchor]
        rows.append(
            [
                slug(o.name),
                o.anchor,
                unit[max(0, o.start - context) : o.start],
                unit[o.start : o.end],
                unit[o.end : o.end + context],
                f"{base}{TEXTS}/{slug(o.name)}/#{o.anchor}",
            ]
        )
    return _csv(["text", "anchor", "left", "match", "right", "url"], rows)


def csl_json(meta: TextMeta, name: str, base: str = "") -> str:
    """A citation of a text in CSL-JSON: a list of one item."""
    item: dict = {
        "id": meta.slug,
        "type": "document",
        "title": meta.title,
        "genre": "对照检查材料",
        "container-title": SITE_NAME,
        "URL": text_url(meta, base),
        "note": f"来源文件 {name}",
    }
    if meta.year is not None:
        item["issued"] = {"date-parts": [[meta.year]]}
    if meta.meeting:
        item["event-title"] = meta.meeting
    if meta.role:
        item["author"] = [{"literal": meta.role}]
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def bibtex(meta: TextMeta, name: str, base: str = "") -> str:
    """A citation of a text in BibTeX (`@misc`, UTF-8)."""
    fields = [("title", meta.title)]
    if meta.role:  # a role, not a person's name: braced, so that it is not split into names
        fields.append(("author", "{" + _bibtex_value(meta.role) + "}"))
    if meta.year is not None:
        fields.append(("year", str(meta.year)))
    fields += [
        ("howpublished", SITE_NAME),
        ("url", text_url(meta, base)),
        ("note", "；".join(x for x in (meta.meeting, f"来源文件 {name}") if x)),
    ]
    body = ",\n".join(
        f"  {key} = {{{value if key == 'author' else _bibtex_value(value)}}}"
        for key, value in fields
    )
    return f"@misc{{{meta.slug},\n{body}\n}}\n"


def _bibtex_value(value: str) -> str:
    """A field's value inside braces: braces, backslashes and the characters TeX reads
    specially escaped, so that any title is read back as written."""
    out = []
    for ch in value:
        if ch in "{}":
            out.append("\\" + ch)
        elif ch == "\\":
            out.append("\\textbackslash{}")
        elif ch in "%&$#_":
            out.append("\\" + ch)
        elif ch == "~":
            out.append("\\textasciitilde{}")
        elif ch == "^":
            out.append("\\textasciicircum{}")
        else:
            out.append(ch)
    return "".join(out)


def render_data_page(texts: int, sections: int, phrases: int, base: str = "") -> str:
    """The page listing the data files, with what each line or row holds; where their URLs
    lead (`base`: the site's address, if known)."""
    urls = f"网址均以本站地址 {markdown_attribute(base)} 开头" if base else "网址均相对于本站根目录"
    rows = [
        (
            "texts.jsonl",
            f"{texts} 行",
            "每篇材料一行：slug、标题、年份、身份、会议、来源文件、网址",
        ),
        (
            "sections.jsonl",
            f"{sections} 行",
            "每节一行（引言在前）：所属材料、锚点、编号、标题、层级、作用、方面、正文、网址",
        ),
        ("phrases.csv", f"{phrases} 条提法", "每条提法在每篇材料中的次数，注明来自术语表或挖掘"),
        ("concordance/<提法>.csv", "", "各提法页的语境索引：材料、锚点、左右语境、原文写法、网址"),
        (
            "cite/<材料>.json / .bib",
            "",
            "每篇材料的引用信息（CSL-JSON、BibTeX），也可在各篇页首下载",
        ),
    ]
    lines = [
        "---\ntitle: 数据下载\nsearch:\n  exclude: true\n---\n",
        "# 数据下载 {#title}\n",
        "本站的全部内容也以通用格式提供，可直接用 Python、R 或表格软件读取。"
        f"{urls}；各字段的说明见项目 README 的 Data 一节。\n",
        "| 文件 | 规模 | 内容 |",
        "|---|---|---|",
    ]
    for name, size, what in rows:
        # a plain link: sections.jsonl is written into the site after MkDocs checks links
        link = f'<a href="{name}" download>{name}</a>' if "<" not in name else f"`{name}`"
        lines.append(f"| {link} | {size} | {what} |")
    return "\n".join(lines) + "\n"
