"""One script for matching: texts in traditional characters, or with white space inside words,
are matched as their simplified, closed-up forms, and shown in their own characters."""

from __future__ import annotations

import opencc
import pytest
from conftest import SAMPLES, SEED_FILES, annotate

from build_corpus.corpus.keywords import candidates
from build_corpus.corpus.phrases import PhraseFinder
from build_corpus.incremental.annotate import glossary_words
from build_corpus.read.glossary import DEFAULT_GLOSSARY, load_glossary
from build_corpus.read.sources import read_source
from build_corpus.text.folding import browser_table, fold, positions, table, view
from build_corpus.text.outline import clean_titles, parse_text
from build_corpus.text.segmentation import Segmenter

GLOSSARY = load_glossary(DEFAULT_GLOSSARY)
TO_TRADITIONAL = opencc.OpenCC("s2t")


def test_folding_keeps_every_position_and_the_browser_gets_the_same_table():
    assert len(table()) > 2500
    assert all(chr(s) != chr(t) and s < 0x10000 for t, s in table().items())
    shipped = browser_table()
    assert len(shipped["from"]) == len(shipped["to"]) == len(table())
    assert {ord(t): ord(s) for t, s in zip(shipped["from"], shipped["to"], strict=True)} == table()
    seed = read_source(SEED_FILES[0]).text
    traditional = TO_TRADITIONAL.convert(seed)
    assert traditional != seed and len(fold(traditional)) == len(traditional)
    # simplified text is left alone, apart from a stray traditional character of the source
    for path in SEED_FILES:
        text = read_source(path).text
        assert [(a, b) for a, b in zip(text, fold(text), strict=True) if a != b] in (
            [],
            [("況", "况")],
        )


@pytest.mark.parametrize(
    ("text", "seen", "where"),
    [
        ("第 一时间", "第一时间", [0, 2, 3, 4]),
        ("兩個\u3000維護", "两个维护", [0, 1, 3, 4]),
        ("2023 年", "2023 年", None),  # only between two Chinese characters
        ("问题 \n 整改", "问题 \n 整改", None),  # never across a line
    ],
)
def test_view_takes_out_white_space_between_chinese_characters_only(text, seen, where):
    assert (view(text), positions(text)) == (seen, where)


def test_phrases_are_found_in_either_script_and_marked_on_the_characters_shown():
    finder = PhraseFinder({"两个维护": "两个维护", "形式主义、官僚主义": "形式主义官僚主义"})
    text = "做到「兩個 維護」，反對形式主義、官僚主義。"
    found = finder.find(text)
    assert [text[start:end] for start, end, _ in found] == ["兩個 維護", "形式主義、官僚主義"]
    assert [phrase for _, _, phrase in found] == ["两个维护", "形式主义官僚主义"]


def mixed_texts():
    """The seeds, and part of seed 002 in traditional characters."""
    sources = [read_source(p) for p in SEED_FILES]
    sources.append(read_source(SAMPLES / "messy" / "traditional-utf8.txt"))
    evidence = frozenset().union(*(clean_titles(s) for s in sources))
    return [parse_text(s, evidence) for s in sources]


@pytest.fixture(scope="module")
def mixed():
    return annotate(mixed_texts(), GLOSSARY, Segmenter(glossary_words(GLOSSARY)))


def test_a_phrase_is_one_phrase_in_either_script_and_its_page_lists_both_forms(mixed):
    phrase = mixed.annotations.phrases["两个确立"]
    assert "traditional-utf8.txt" in phrase.counts
    assert "兩個確立" in phrase.spellings
    # mined from one simplified and one traditional text: one phrase, in simplified
    mined = {p for p, ph in mixed.annotations.phrases.items() if ph.entry is None}
    assert all(view(p) == p for p in mined)
    # marked on the characters the page shows
    text = next(t for t in mixed_texts() if t.name == "traditional-utf8.txt")
    unit = next(u for u in text.units() if "兩個確立" in u.text)
    start = unit.text.index("兩個確立")
    assert (start, start + 4, "两个确立") in mixed.texts[text.name].marks[unit.anchor]


def test_traditional_filler_words_fall_under_the_stop_list():
    segmenter = Segmenter()
    words = candidates(segmenter.cut(view("存在的問題還不夠深入，沒有真正解決問題")))
    assert not {"问题", "問題", "没有", "沒有", "不够", "不夠"} & set(words)
