"""Rendering phrase pages, the phrase index and the keyword index. Pure.

A phrase page shows its definition, its frequency by year (a chart drawn by
`render.trends`), how often it occurs in each text (bars drawn with CSS at
build time) and a keyword-in-context concordance linked to the paragraph of
every occurrence.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable, Mapping
from itertools import groupby
from urllib.parse import quote

from build_corpus.config import DEFAULT_TUNING, Tuning
from build_corpus.layout import DATA, TEXTS
from build_corpus.model import Annotations, CorpusIndex, Occurrence, Phrase
from build_corpus.render.markdown import PAGE_TITLE_ID, ROOT_FROM_PAGE, Page, fragment, front_matter
from build_corpus.text.anchors import pinyin_key
from build_corpus.text.escape import attribute, html_text, markdown_inline


def render_phrase_page(
    phrase: Phrase,
    occurrences: list[Occurrence],
    corpus: CorpusIndex,
    unit_texts: Mapping[tuple[str, str], str],
    tuning: Tuning = DEFAULT_TUNING,
    chart: str = "",
) -> Page:
    """The page of one phrase: its frequency by year (`chart`, see `render.trends`), its
    counts in each text, and a concordance of `occurrences` (`unit_texts`: text of each
    heading and paragraph they are in, by (name, anchor))."""
    context = tuning.concordance_context
    position = corpus.corpus.position
    counts = {n: phrase.counts[n] for n in sorted(phrase.counts, key=position.__getitem__)}
    page = Page()
    page.markdown(front_matter(phrase.text))
    page.markdown(f"# {markdown_inline(phrase.text)} {{#{PAGE_TITLE_ID}}}\n")
    page.html(_definition(phrase))
    variants = phrase.entry.variants if phrase.entry else ()
    spellings = [form for form in phrase.spellings if form not in variants]
    if spellings:
        written = "、".join(f"“{html_text(form)}”" for form in spellings)
        page.html(f'<p class="corpus-spellings">在本语料中也写作：{written}</p>\n')
    page.html(
        f'<p class="corpus-stats">出现于 {phrase.text_count} 篇材料，'
        f'共 {phrase.total} 次。<a href="../">全部提法</a></p>\n'
    )
    if chart:
        page.markdown("## 各年度频率 {#trend}\n")
        page.html(chart)
    page.markdown("## 各篇出现次数 {#frequency}\n")
    page.html(_bars(counts, corpus, tuning.frequency_bars))
    page.markdown("## 语境索引 {#concordance}\n")
    table = f"{ROOT_FROM_PAGE}{DATA}/concordance/{phrase.slug}.csv"
    link = f'<a href="{table}" download>下载语境索引（CSV）</a>'
    page.html(f'<p class="corpus-downloads">{link}</p>\n')
    if len(occurrences) < phrase.total:
        page.html(
            f'<p class="corpus-stats">以下列出前 {len(occurrences)} 处，'
            f"共 {phrase.total} 处；各篇次数见上。</p>\n"
        )
    for name, in_text in groupby(occurrences, key=lambda o: o.name):
        slug = corpus.slug(name)
        page.html(f'<h3 id="t-{slug}">《{html.escape(corpus.title(name))}》</h3>\n')
        lines = []
        for o in in_text:
            unit = unit_texts[name, o.anchor]
            left = unit[max(0, o.start - context) : o.start]
            right = unit[o.end : o.end + context]
            href = f"{ROOT_FROM_PAGE}{TEXTS}/{slug}/?h={_quote(unit[o.start : o.end])}#{o.anchor}"
            before = "…" if o.start > context else ""
            after = "…" if o.end + context < len(unit) else ""
            lines.append(
                f'<a class="corpus-kwic" href="{href}">'
                f'<span class="corpus-kwic__left">{before}{html_text(left)}</span>'
                f'<mark class="corpus-kwic__key">{html_text(unit[o.start : o.end])}</mark>'
                f'<span class="corpus-kwic__right">{html_text(right)}{after}</span></a>'
            )
        page.html(f'<div class="corpus-concordance">{"".join(lines)}</div>\n')
    return page


@functools.lru_cache(maxsize=65536)
def _quote(form: str) -> str:
    return quote(form)


def _definition(phrase: Phrase) -> str:
    entry = phrase.entry
    if entry is None:
        return (
            '<p class="corpus-definition corpus-definition--none">'
            "自动发现的重复提法，词表暂无释义。</p>\n"
        )
    rows = []
    if entry.zh:
        rows.append(f"<dt>释义</dt><dd>{html.escape(entry.zh)}</dd>")
    if entry.en:
        rows.append(f'<dt>English</dt><dd lang="en">{html.escape(entry.en)}</dd>')
    if entry.variants:
        variants = "、".join(f"“{html.escape(v)}”" for v in entry.variants)
        rows.append(f"<dt>异写</dt><dd>{variants}</dd>")
    return f'<dl class="corpus-definition">{"".join(rows)}</dl>\n'


def _bars(counts: dict[str, int], corpus: CorpusIndex, shown_at_most: int) -> str:
    """A bar per text, in corpus order; beyond `shown_at_most` texts, the most frequent and a
    summary."""
    top = max(counts.values(), default=0) or 1
    order = {name: i for i, name in enumerate(counts)}
    shown = set(sorted(counts, key=lambda s: (-counts[s], order[s]))[:shown_at_most])
    rows = [
        f'<a class="corpus-bar" href="#t-{corpus.slug(name)}" '
        f'title="{attribute(corpus.title(name))}：{count} 次">'
        f'<span class="corpus-bar__label">{html.escape(corpus.title(name))}</span>'
        f'<span class="corpus-bar__track"><span class="corpus-bar__fill" '
        f'style="width:{100 * count / top:.1f}%"></span></span>'
        f'<span class="corpus-bar__count">{count}</span></a>'
        for name, count in counts.items()
        if name in shown
    ]
    rest = len(counts) - len(shown)
    if rest:
        others = sum(c for s, c in counts.items() if s not in shown)
        rows.append(f'<p class="corpus-stats">其余 {rest} 篇，共 {others} 次。</p>')
    return f'<div class="corpus-bars">{"".join(rows)}</div>\n'


def render_phrase_index(
    phrases: Iterable[Phrase], min_texts: int = DEFAULT_TUNING.min_texts
) -> str:
    """All phrases in a table the reader can order by texts, count or pinyin; mined phrases
    recur in at least `min_texts` texts."""
    phrases = list(phrases)
    rows = []
    ordered = sorted(enumerate(phrases), key=lambda ip: (-ip[1].text_count, -ip[1].total, ip[0]))
    for rank, phrase in ordered:
        gloss = phrase.entry.zh if phrase.entry else ""
        rows.append(
            f'<tr data-texts="{phrase.text_count}" data-count="{phrase.total}" '
            f'data-pinyin="{rank}"><td><a class="corpus-phrase" href="{phrase.slug}/">'
            f"{html_text(phrase.text)}</a></td><td>{phrase.text_count}</td>"
            f"<td>{phrase.total}</td><td>{html.escape(gloss)}</td></tr>"
        )
    curated = sum(1 for p in phrases if p.entry)
    explained = sum(1 for p in phrases if p.entry and (p.entry.zh or p.entry.en))
    return "\n".join(
        [
            front_matter("提法索引"),
            f"# 提法索引 {{#{PAGE_TITLE_ID}}}\n",
            f"<p>共 {len(phrases)} 条提法：{curated} 条来自词表（{explained} 条有释义），"
            "其余为自动发现的、"
            f"在{_number(min_texts)}篇以上材料中重复出现的表达。点击表头按钮排序。"
            '最常见的提法逐年的变化见<a href="../trends/">提法趋势</a>。</p>\n',
            '<p class="corpus-sort" data-target="corpus-phrase-table">排序：'
            '<button type="button" data-sort="texts">文本数</button> '
            '<button type="button" data-sort="count">总次数</button> '
            '<button type="button" data-sort="pinyin">拼音</button></p>\n',
            '<table id="corpus-phrase-table" class="corpus-phrase-table"><thead><tr><th>提法</th>'
            "<th>文本数</th><th>总次数</th><th>释义</th></tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table>\n",
        ]
    )


def render_keyword_index(annotations: Annotations, corpus: CorpusIndex) -> str:
    """Every keyword, grouped by pinyin initial, with its count and its most prominent sections."""
    parts = [
        front_matter("关键词索引"),
        f"# 关键词索引 {{#{PAGE_TITLE_ID}}}\n",
        "<p>各篇材料及其各部分的关键词（按本语料库计算的 TF-IDF），按拼音排列；"
        "数字为在全部材料中出现的次数，链接指向该词最突出的章节。</p>\n",
    ]
    groups: dict[str, list[tuple[str, tuple[int, list[tuple[str, str]]]]]] = {}
    for item in annotations.keyword_index.items():  # one group per anchor, whatever the order
        groups.setdefault(_initial(item[0]), []).append(item)
    for letter, words in groups.items():
        anchor = letter.lower() if letter != "#" else "other"
        parts.append(f"## {letter} {{#letter-{anchor}}}\n")
        items = []
        for word, (count, sections) in words:
            links = " ".join(
                f'<a href="../{TEXTS}/{corpus.slug(name)}/{fragment(anchor)}">'
                f"{html.escape(corpus.label(name, anchor))}</a>"
                for name, anchor in sections
            )
            items.append(
                f'<li id="kw-{annotations.keyword_slugs[word]}">'
                f"<strong>{html.escape(word)}</strong> "
                f'<span class="corpus-count">{count}</span> {links}</li>'
            )
        parts.append(f'<ul class="corpus-keyword-index">{"".join(items)}</ul>\n')
    return "\n".join(parts)


def _number(n: int) -> str:
    """A count of texts as written in a sentence: 两 for 2, Chinese up to ten, digits beyond.

    >>> _number(2), _number(3), _number(12)
    ('两', '三', ' 12 ')
    """
    return "一两三四五六七八九十"[n - 1] if 1 <= n <= 10 else f" {n} "


def _initial(word: str) -> str:
    """Pinyin initial of a word, upper case: 两 → L.

    >>> _initial("两个维护")
    'L'
    """
    initial = ((pinyin_key(word) or ("",))[0][:1]).upper()
    return initial if initial.isascii() and initial.isalpha() else "#"
