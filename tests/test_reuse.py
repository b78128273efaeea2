"""Shared passages (`reuse`): streams, and the passages texts share, on lines of the seeds."""

from __future__ import annotations

import re
from html import unescape

import numpy as np
import pytest
from test_render import HOSTILE, METAS, S000, corpus_index, parse

from build_corpus.corpus.reuse import find_reuse, shingles, signature, stream_positions
from build_corpus.corpus.reuse import stream as kept_stream
from build_corpus.model import Pair, Passage
from build_corpus.render.reuse import refs

# seed 001 and 002, the 2021 reports, take their headings from the same template
SERVE = (
    "带头践行以人民为中心的发展思想，尊重群众意愿，为群众办实事解难题，有效保障改善民生，"
    "增强人民群众获得感、幸福感、安全感，确保党永远保持同人民群众的血肉联系方面"
)
RISKS = "带头学习运用党在不同历史时期成功应对风险挑战的丰富经验，增强忧患意识，保持战略定力"
OWN = "对照习近平总书记关于严肃党内政治生活的重要指示精神，对照党章党规党纪，对照初心使命。"
OTHER = "没有群众反映、巡察反馈、组织约谈函询和被问责的情况。"
STOCK = "深入学习贯彻习近平新时代中国特色社会主义思想"
HEADING = "一、存在的主要问题"


def stream(value: str) -> str:
    return stream_positions(value)[0]


def texts(*bodies: tuple[str, ...]) -> dict:
    """Signatures of texts made of the given lines (a heading, then the lines), by name."""
    out = {}
    for i, lines in enumerate(bodies):
        name = f"{i:03d}.txt"
        out[name] = signature(parse(name, HEADING, *lines))
    return out


def test_a_stream_keeps_letters_digits_and_chinese_characters_folded():
    value = "（三）带头践行“以人民为中心”的發展思想，\u3000第 一时间；ＰＤＦ 2021年"
    kept, places = stream_positions(value)
    assert kept == "三带头践行以人民为中心的发展思想第一时间pdf2021年"
    # each kept character where it is in the value, as the value has it
    assert (
        "".join(value[i] for i in places) == "三带头践行以人民为中心的發展思想第一时间ＰＤＦ2021年"
    )


def test_a_signature_holds_the_streams_whose_places_the_marks_use(seed_texts):
    """`signature` makes each unit's stream without the places `stream_positions` gives
    (faster): the two agree on every heading and paragraph of the seeds and on odd lines."""
    odd = ["İ视察XX重要讲话", "**同志__在_会上", "ＡＢＣ１２３　ａｂｃ", "𠀀字\u200b外", "", "——"]
    units = [u.text for text in seed_texts.values() for u in text.units()]
    for value in units + odd:
        assert kept_stream(value) == stream_positions(value)[0], value


def test_a_signature_knows_which_unit_holds_each_character():
    sig = signature(parse("001.txt", HEADING, OTHER, RISKS))
    assert sig.stream == stream(HEADING) + stream(OTHER) + stream(RISKS)
    assert sig.anchors == ("s1", "s1-p1", "s1-p2")
    assert [sig.anchor_at(i) for i in (0, 7, 8, len(sig.stream) - 1)] == [
        "s1",
        "s1",
        "s1-p1",
        "s1-p2",
    ]


def test_passages_are_found_in_any_order_and_script_and_are_maximal():
    # the second text has the two template lines the other way round, one of them in
    # traditional characters with other punctuation
    traditional = SERVE.replace("发展", "發展").replace("群众", "群眾").replace("，", "、")
    sigs = texts((SERVE, OWN, RISKS), (RISKS, OTHER, traditional))
    reuse = find_reuse(sigs, 15, 20)
    a, b = sigs
    serve, risks = stream(SERVE), stream(RISKS)
    at_a = sigs[a].stream.index
    at_b = sigs[b].stream.index
    assert reuse.passages[a] == [
        Passage(at_a(serve), at_a(serve) + len(serve), b, at_b(serve), at_b(serve) + len(serve)),
        Passage(at_a(risks), at_a(risks) + len(risks), b, at_b(risks), at_b(risks) + len(risks)),
    ]
    assert [sigs[b].anchor_at(p.other_start) for p in reuse.passages[a]] == ["s1-p3", "s1-p1"]
    # the heading they both have (8 characters, and 10 with 带头 after it) is too short
    assert reuse.shared[a] == reuse.shared[b] == len(serve) + len(risks)
    assert reuse.pairs == [
        Pair(a, b, len(serve + risks), len(serve + risks), len(sigs[a].stream), len(sigs[b].stream))
    ]


@pytest.mark.parametrize(("length", "found"), [(14, False), (15, True)])
def test_a_passage_must_be_as_long_as_the_minimum(length, found):
    part = stream(RISKS)[:length]
    sigs = texts((OWN + part + "。",), (OTHER + part + "。",))
    passages = find_reuse(sigs, 15, 20).passages["000.txt"]
    assert [sigs["000.txt"].stream[p.start : p.end] for p in passages] == ([part] if found else [])


def test_a_stock_phrase_is_no_passage_but_a_passage_runs_across_one():
    """A shingle in more than half the texts (of a small corpus) is the genre's stock; where
    two texts share a longer passage around it, the passage is whole."""
    shared = "对照党章党规党纪，" + STOCK + "，把握其中的世界观和方法论"
    sigs = texts((OWN, shared), (OTHER, shared), (RISKS, STOCK), (SERVE, STOCK))
    reuse = find_reuse(sigs, 15, 20)
    assert [
        (p.other, sigs["000.txt"].stream[p.start : p.end]) for p in reuse.passages["000.txt"]
    ] == [("001.txt", stream(shared))]
    assert reuse.passages["002.txt"] == reuse.passages["003.txt"] == []
    assert [(p.a, p.b) for p in reuse.pairs] == [("000.txt", "001.txt")]


def test_a_passage_the_other_text_has_twice_links_to_its_first_place():
    sigs = texts((OWN, RISKS), (RISKS, OTHER, RISKS))
    reuse = find_reuse(sigs, 15, 20)
    (passage,) = reuse.passages["000.txt"]
    assert passage.other_start == sigs["001.txt"].stream.index(stream(RISKS))
    # the other way, both places link here
    assert [p.other_start for p in reuse.passages["001.txt"]] == [passage.start] * 2
    assert reuse.pairs[0].chars_b == 2 * len(stream(RISKS))


def test_pairs_are_ordered_by_the_share_of_their_texts():
    sigs = texts((SERVE, RISKS), (SERVE, RISKS, OWN), (OTHER,), (OWN,))
    reuse = find_reuse(sigs, 15, 20)
    size = {name: len(sig.stream) for name, sig in sigs.items()}
    # the first two begin alike: the heading and two lines
    both, own = len(stream(HEADING + SERVE + RISKS)), len(stream(OWN))
    assert reuse.pairs == [
        Pair("000.txt", "001.txt", both, both, size["000.txt"], size["001.txt"]),
        Pair("001.txt", "003.txt", own, own, size["001.txt"], size["003.txt"]),
    ]
    assert reuse.pairs[0].share > reuse.pairs[1].share
    assert reuse.shared == {"000.txt": both, "001.txt": both + own, "002.txt": 0, "003.txt": own}


def test_a_stock_phrase_with_a_few_more_characters_is_no_passage():
    """Two texts that have the same few characters before a stock phrase share a run of 15
    in no other text; with fewer than 15 characters outside the stock phrase, that is the
    genre's stock, not reuse."""
    sigs = texts(
        (OWN, "我们要" + STOCK),
        (OTHER, "我们要" + STOCK),
        (RISKS, "始终" + STOCK),
        (SERVE, "坚持" + STOCK),
    )
    reuse = find_reuse(sigs, 15, 20)
    assert all(found == [] for found in reuse.passages.values())
    assert reuse.pairs == []


def test_a_long_run_of_one_character_costs_nothing_and_hides_nothing():
    """A table of figures (here 2,000 ones) in two texts would pair every place of each of its
    shingles in one with every place in the other: such shingles are no seeds, and the
    sentence the two texts share after it is still found (with the run, which both have
    before it)."""
    ones = "1" * 2000
    sigs = texts((OWN, ones, SERVE), (OTHER, ones, SERVE))
    (passage,) = find_reuse(sigs, 15, 20).passages["000.txt"]
    assert sigs["000.txt"].stream[passage.start : passage.end] == ones + stream(SERVE)


def test_the_links_after_a_shared_passage_survive_a_heading_and_a_hostile_title():
    """The links' titles name the other text; in a heading they pass through Markdown, which
    must not read the title's backticks, brackets or asterisks as markup."""
    import markdown

    index = corpus_index({})
    numbers = {S000: "1"}
    html = refs((0, 4, ((S000, "s1"), (HOSTILE, "s2-p1"))), numbers, index)
    heading = markdown.markdown(f"### 带头践行{html} {{#s1}}", extensions=["attr_list"])
    titles = re.findall(r'title="([^"]*)"', heading)
    assert [unescape(t) for t in titles] == [
        f"《{METAS[S000].title}》中的相同文字",
        f"《{METAS[HOSTILE].title}》中的相同文字",
    ]
    assert re.findall(r'data-n="([^"]*)"', heading) == ["1", "*"]  # beyond those listed
    assert "<script" not in heading and "<code>" not in heading and "<em>" not in heading


def test_counting_the_shingles_in_passes_finds_the_same_passages(seed_texts, monkeypatch):
    """A large corpus has its shingles counted a range of hashes at a time (`PASS_SHINGLES`):
    the passages, stock and seeds are those of one pass."""
    sigs = {name: signature(text) for name, text in seed_texts.items()}
    sigs |= texts((OWN, RISKS, STOCK), (RISKS, OTHER, STOCK), (SERVE, STOCK))
    whole = find_reuse(sigs, 15, 2)
    assert whole.pairs and any(whole.passages.values())
    monkeypatch.setattr("build_corpus.corpus.reuse.PASS_SHINGLES", 500)
    distinct = sum(len(np.unique(shingles(sig.stream, 15))) for sig in sigs.values())
    assert distinct > 20 * 500  # so, over 20 passes
    assert find_reuse(sigs, 15, 2) == whole


def test_a_corpus_of_one_text_or_none_shares_nothing():
    assert find_reuse({}, 15, 20).pairs == []
    alone = find_reuse(texts((OWN, RISKS, OWN)), 15, 20)
    assert alone.pairs == [] and alone.passages == {"000.txt": []}
