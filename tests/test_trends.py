"""Trends by year (`render_trends`): the size of each year, a phrase's rates, the chart on its
page and the trends page, on seed lines and the seeds' metadata."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from test_render import (
    BODY_000,
    HEADING_000,
    METAS,
    PREAMBLE_000,
    S000,
    S001,
    S002,
    S003,
    parse,
    phrase,
)

from build_corpus.corpus.listing import years as corpus_years
from build_corpus.model import GlossaryEntry, Outline, TextMeta, Years
from build_corpus.render.trends import ABOVE, PLOT, render_trends_page, trend_chart, trend_phrases

UNKNOWN = TextMeta(slug="wu-nian-fen", title="未标年度的材料")
"""A text whose year nobody gave (as most copied from the web)."""


def outlines(sizes: dict[str, int]) -> dict[str, Outline]:
    return {name: Outline(0, (), (), (), size) for name, size in sizes.items()}


def seed_years() -> Years:
    """Seeds 000 and 003 are of 2022, 001 and 002 of 2021; one more text has no year."""
    listing = [(METAS[name], name) for name in (S000, S001, S002, S003)]
    sizes = {S000: 4000, S001: 1000, S002: 3000, S003: 6000, "x.txt": 500}
    return corpus_years([*listing, (UNKNOWN, "x.txt")], outlines(sizes))


def test_a_text_s_size_is_its_headings_and_paragraphs_without_white_space():
    text = parse(S000, PREAMBLE_000, HEADING_000, "\u3000\u3000" + BODY_000 + "  ", "第 一时间")
    assert Outline.of(text).chars == len(PREAMBLE_000 + HEADING_000 + BODY_000 + "第一时间")


def test_years_sum_their_texts_and_a_phrase_is_counted_year_by_year():
    years = seed_years()
    assert (years.years, years.sizes, years.texts, years.unknown) == (
        (2021, 2022),
        (4000, 10000),
        (2, 2),
        1,
    )
    trend = years.trend(
        phrase("两个维护", "liang-ge-wei-hu", counts={S000: 3, S001: 2, "x.txt": 7})
    )
    assert (trend.counts, trend.rates) == ((2, 3), (5.0, 3.0))  # per 10,000 characters


def bars(svg: str) -> list[tuple[str, float, float]]:
    """Each bar's title, top and height."""
    figure = ET.fromstring(svg)  # well-formed: the page's HTML holds it as it is
    out = []
    for group in figure.iter("g"):
        rect = group.find("rect")
        out.append((group.findtext("title"), float(rect.get("y")), float(rect.get("height"))))
    return out


def test_the_chart_has_a_bar_per_year_the_highest_at_full_height():
    years = seed_years()
    trend = years.trend(phrase("两个维护", "liang-ge-wei-hu", counts={S000: 3, S001: 2}))
    svg = trend_chart(trend, "两个维护", years.unknown)
    assert bars(svg) == [
        ("2021年：每万字 5.00 次（共 2 次）", ABOVE, PLOT),
        ("2022年：每万字 3.00 次（共 3 次）", ABOVE + PLOT * 2 / 5, PLOT * 3 / 5),
    ]
    assert re.findall(r'class="corpus-trend__year"[^>]*>(\d+)<', svg) == ["2021", "2022"]
    assert 'aria-label="“两个维护”各年度每万字出现次数"' in svg
    assert "未标年度的 1 篇材料不计" in svg
    assert '<a href="../../trends/">' in svg


def test_a_year_without_the_phrase_has_an_empty_bar_and_no_size():
    """What the chart shows of a year where the phrase does not occur is the same whatever
    that year's size, so a text's growing does not draw the charts it has no part in."""
    years = seed_years()
    absent = phrase("形式主义", "xing-shi-zhu-yi", counts={S001: 1})
    grown = corpus_years(
        [(METAS[name], name) for name in (S000, S001, S002, S003)],
        outlines({S000: 4100, S001: 1000, S002: 3000, S003: 6000}),
    )
    assert bars(trend_chart(years.trend(absent), "形式主义"))[1] == (
        "2022年：每万字 0 次（共 0 次）",
        ABOVE + PLOT,
        0.0,
    )
    assert trend_chart(years.trend(absent), "形式主义") == trend_chart(
        grown.trend(absent), "形式主义"
    )


def test_a_corpus_without_years_has_no_chart_and_says_so():
    years = corpus_years([(UNKNOWN, "x.txt")], outlines({"x.txt": 500}))
    said = "语料中的材料都没有年度，无法按年度统计。"
    assert said in trend_chart(
        years.trend(phrase("两个维护", "x", counts={"x.txt": 1})), "两个维护"
    )
    assert said in render_trends_page([], [], years)


def test_the_trends_page_sets_the_most_frequent_phrases_side_by_side():
    years = seed_years()
    entry = GlossaryEntry(term="两个维护")
    phrases = [
        phrase("四个意识", "si-ge-yi-shi", definition=entry, counts={S000: 1, S003: 1}),
        phrase("两个维护", "liang-ge-wei-hu", definition=entry, counts={S000: 3, S001: 2}),
        phrase("理论武装", "li-lun-wu-zhuang", counts={S002: 4}),
        phrase("学用脱节", "xue-yong-tuo-jie", counts={S002: 1}),
    ]
    terms, mined = trend_phrases(phrases, 1)
    assert [p.text for p in terms] == ["两个维护"] and [p.text for p in mined] == ["理论武装"]
    page = render_trends_page(terms, mined, years)
    assert "## 词表中的提法 {#glossary}" in page and "## 自动发现的提法 {#mined}" in page
    assert "<th>2021</th><th>2022</th>" in page
    assert '<th scope="row">字数</th><td></td><td>4000</td><td>10000</td>' in page
    assert "未标年度的 1 篇材料不计" in page
    row = re.search(r'<tr><th scope="row"><a href="([^"]+)">两个维护</a></th>(.*?)</tr>', page)
    assert row[1] == "../phrases/liang-ge-wei-hu/#trend"
    # its total, then each year's rate shaded by the row's highest
    assert row[2] == (
        '<td>5</td><td style="--corpus-heat:1.00">5.00</td><td style="--corpus-heat:0.60">3.00</td>'
    )
