"""Trends by year: how often each phrase occurs per 10,000 characters in the texts of each
year, drawn at build time. Pure.

A text counts for the year its metadata gives (`TextMeta.year`); texts of unknown year
count for none. A year's size is the characters of its texts' headings and paragraphs
(`Outline.chars`), so a rate compares years with more and fewer texts fairly. Each phrase's
page shows its rates as a small bar chart in inline SVG (no script); the trends page
(`trends/`) sets the most frequent phrases side by side, year by year.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from build_corpus.layout import PHRASES, TRENDS
from build_corpus.model import Phrase, Trend, Years
from build_corpus.render.markdown import PAGE_TITLE_ID, ROOT_FROM_PAGE, front_matter
from build_corpus.text.escape import html_text

BAR, GAP, PAD = 30, 8, 4
"""Width of a year's bar, space between bars, and around them, in SVG units (pixels)."""
PLOT, ABOVE, BELOW = 72, 14, 16
"""Height of the tallest bar, of the value above it, and of the year below."""


def rate_label(rate: float) -> str:
    """A rate as shown: three significant digits at most, two decimals at most.

    >>> [rate_label(r) for r in (0, 0.004, 0.456, 3.14159, 27.18, 314.159)]
    ['0', '0.00', '0.46', '3.14', '27.2', '314']
    """
    if rate == 0:
        return "0"
    return f"{rate:.2f}" if rate < 10 else f"{rate:.1f}" if rate < 100 else f"{rate:.0f}"


def trend_chart(trend: Trend, phrase: str, unknown: int = 0) -> str:
    """A phrase's rates by year as a bar chart (inline SVG in a figure), each bar titled with
    its year, rate and count; `unknown`: texts of unknown year, left out. Nothing in it
    depends on the size of a year where the phrase does not occur, so that a text's growing
    changes only the charts of the phrases it holds (their pages are rendered again)."""
    if not trend.years:
        return '<p class="corpus-stats">语料中的材料都没有年度，无法按年度统计。</p>\n'
    rates = trend.rates
    peak = max(rates) or 1.0
    width = 2 * PAD + len(rates) * (BAR + GAP) - GAP
    height = ABOVE + PLOT + BELOW
    label = f"“{phrase}”各年度每万字出现次数"
    bars = []
    for i, (year, count, rate) in enumerate(zip(trend.years, trend.counts, rates, strict=True)):
        x = PAD + i * (BAR + GAP)
        tall = round(PLOT * rate / peak, 1)
        middle = x + BAR / 2
        bars.append(
            f"<g><title>{year}年：每万字 {rate_label(rate)} 次（共 {count} 次）</title>"
            f'<rect class="corpus-trend__bar" x="{x}" y="{ABOVE + PLOT - tall}" '
            f'width="{BAR}" height="{tall}"/>'
            f'<text class="corpus-trend__value" x="{middle}" y="{ABOVE + PLOT - tall - 3}">'
            f"{rate_label(rate)}</text>"
            f'<text class="corpus-trend__year" x="{middle}" y="{height - 3}">{year}</text></g>'
        )
    left_out = f"未标年度的 {unknown} 篇材料不计；" if unknown else ""
    return (
        f'<figure class="corpus-trend"><svg viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{html.escape(label)}">'
        f"{''.join(bars)}</svg>"
        f"<figcaption>每万字出现次数，按材料所属年度统计；{left_out}"
        f'各提法的比较见<a href="{ROOT_FROM_PAGE}{TRENDS}/">提法趋势</a>。</figcaption>'
        "</figure>\n"
    )


def trend_phrases(phrases: Iterable[Phrase], limit: int) -> tuple[list[Phrase], list[Phrase]]:
    """The `limit` most frequent glossary terms and mined phrases, most frequent first (by
    total, then by texts, then in index order)."""
    ranked = sorted(enumerate(phrases), key=lambda ip: (-ip[1].total, -ip[1].text_count, ip[0]))
    terms = [p for _, p in ranked if p.entry is not None][:limit]
    mined = [p for _, p in ranked if p.entry is None][:limit]
    return terms, mined


def render_trends_page(terms: list[Phrase], mined: list[Phrase], years: Years) -> str:
    """The trends page: a table per group of phrases (glossary terms, mined phrases), a row
    per phrase and a column per year, each cell its rate, shaded by the row's highest."""
    lines = [
        front_matter("提法趋势"),
        f"# 提法趋势 {{#{PAGE_TITLE_ID}}}\n",
        "<p>最常见的提法在各年度材料中每万字出现的次数。颜色越深，该提法在这一年越常见"
        "（与同一行的最高值相比）；点击提法可看它的页面和语境。</p>\n",
    ]
    if not years.years:
        lines.append('<p class="corpus-stats">语料中的材料都没有年度，无法按年度统计。</p>\n')
        return "\n".join(lines)
    if years.unknown:
        lines.append(f'<p class="corpus-stats">未标年度的 {years.unknown} 篇材料不计。</p>\n')
    head = "".join(f"<th>{year}</th>" for year in years.years)
    texts = "".join(f"<td>{n}</td>" for n in years.texts)
    sizes = "".join(f"<td>{size}</td>" for size in years.sizes)
    for anchor, title, group in (
        ("glossary", "词表中的提法", terms),
        ("mined", "自动发现的提法", mined),
    ):
        if not group:
            continue
        lines.append(f"## {title} {{#{anchor}}}\n")
        rows = []
        for phrase in group:
            rates = years.trend(phrase).rates
            peak = max(rates) or 1.0
            cells = "".join(
                f'<td style="--corpus-heat:{rate / peak:.2f}">{rate_label(rate)}</td>'
                for rate in rates
            )
            rows.append(
                f'<tr><th scope="row"><a href="../{PHRASES}/{phrase.slug}/#trend">'
                f"{html_text(phrase.text)}</a></th><td>{phrase.total}</td>{cells}</tr>"
            )
        lines.append(
            '<table class="corpus-trends"><thead><tr><th>提法</th><th>总次数</th>'
            f"{head}</tr></thead><tbody>"
            f'<tr class="corpus-trends__size"><th scope="row">材料篇数</th><td></td>{texts}</tr>'
            f'<tr class="corpus-trends__size"><th scope="row">字数</th><td></td>{sizes}</tr>'
            f"{''.join(rows)}</tbody></table>\n"
        )
    return "\n".join(lines)
