"""The outline parser: every seed's full outline pinned, and the hard cases alone."""

from __future__ import annotations

import pytest
from conftest import GOLDEN, SEED_FILES, check_golden

from build_corpus.model import SourceText, Text
from build_corpus.outline import clean_titles, parse_text


def outline(text: Text) -> str:
    """One line per section: indent, anchor, heading, paragraph anchors."""
    lines = [f"preamble: {' '.join(p.anchor for p in text.preamble)}"]
    for section in text.walk():
        paragraphs = " ".join(p.anchor for p in section.paragraphs)
        lines.append(
            f"{'  ' * (section.depth - 1)}{section.anchor} {section.heading} [{paragraphs}]"
        )
    return "\n".join(lines) + "\n"


def parse(body: str, evidence: frozenset[str] = frozenset()) -> Text:
    return parse_text(SourceText("t.txt", body, "utf-8"), evidence)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_seed_outline(seed_texts, path):
    """Reviewed against a reading of each text; see tests/golden/outline/."""
    check_golden(GOLDEN / "outline" / f"{path.stem}.txt", outline(seed_texts[path.name]))


def test_every_character_is_in_a_heading_or_paragraph(seed_texts):
    for text in seed_texts.values():
        parts = [p.text for p in text.preamble]
        for section in text.walk():
            parts.append(section.heading)
            parts.extend(p.text for p in section.paragraphs)
        rendered = "".join("".join(parts).split())
        assert rendered == "".join(text.source.text.split())


def test_headings_run_together_in_one_line_seed_004(seed_texts):
    text = seed_texts["004_1ba1f5e5e2bd770c.txt"]
    first = text.sections[0]
    assert first.heading == "一、存在的主要问题"
    assert [s.heading for s in first.children[0].walk()] == [
        "（一）在理论学习方面。",
        "一是理论学习少态度。",
        "二是学以致用缺实效。",
    ]
    assert [s.line for s in first.walk()][:6] == [2, 2, 2, 2, 2, 2]


def test_run_on_title_is_cut_on_evidence_from_another_text(seed_texts):
    text = seed_texts["004_1ba1f5e5e2bd770c.txt"]
    reasons = text.sections[1]
    assert reasons.heading == "二、原因分析"
    assert reasons.paragraphs[0].text.startswith("针对上述查找的问题，")
    assert text.sections[2].heading == "三、今后努力方向及整改措施"


def test_run_on_title_without_evidence_is_cut_at_its_first_comma():
    text = parse("二、原因分析针对上述查找的问题，深刻剖析：\n正文。")
    assert text.sections[0].title == "原因分析针对上述查找的问题"
    assert [p.text for p in text.sections[0].paragraphs] == ["，深刻剖析：", "正文。"]
    assert any("cut at its first comma" in w for w in text.warnings)


def test_evidence_comes_from_clean_titles():
    source = SourceText(
        "a.txt", "一、原因分析\n二、整改措施与努力方向\n三、长标题，有逗号\n", "utf-8"
    )
    assert clean_titles(source) == {"原因分析", "整改措施与努力方向"}


def test_mixed_brackets_and_skipped_level():
    text = parse("一、问题\n  （一)方面一。正文\n二、原因\n一是原因一。正文。二是原因二。正文。")
    assert outline(text).splitlines()[1:] == [
        "s1 一、问题 []",
        "  s1-1 （一)方面一。 [s1-1-p1]",
        "s2 二、原因 []",
        "  s2-0-1 一是原因一。 [s2-0-1-p1]",
        "  s2-0-2 二是原因二。 [s2-0-2-p1]",
    ]


def test_enumeration_inside_a_sentence_is_body_text():
    body = (
        "（一）方面。一是在健全制度上进行了探索，但执行还需加强。二是在基层下了功夫，但力度不够。"
    )
    text = parse(body)
    assert [s.heading for s in text.walk()] == ["（一）方面。"]
    assert text.sections[0].paragraphs[0].text.startswith("一是在健全制度上")


def test_marker_not_after_sentence_end_is_body_text():
    text = parse("一、问题\n（一）方面。落实“四个意识”，一是学习，二是实践。")
    assert [s.anchor for s in text.walk()] == ["s1", "s1-1"]


def test_no_numbering_is_one_section():
    text = parse("第一段。\n第二段，没有编号。")
    assert text.sections == []
    assert [p.anchor for p in text.preamble] == ["s0-p1", "s0-p2"]
    assert any("no numbered headings" in w for w in text.warnings)


def test_repeated_and_out_of_order_numbers_get_distinct_anchors():
    text = parse("一、甲\n（二）乙。\n（二）丙。\n三、丁\n二、戊")
    assert [s.anchor for s in text.walk()] == ["s1", "s1-2", "s1-2b", "s3", "s2"]
    assert sum("out of sequence" in w for w in text.warnings) == 4  # （二） twice, 三、, 二、
    assert any("repeats a number" in w for w in text.warnings)


def test_arabic_and_parenthesised_level_three():
    text = parse("一、问题\n1.第一条。正文\n2、第二条。正文\n（3）第三条。")
    assert [s.anchor for s in text.walk()] == ["s1", "s1-0-1", "s1-0-2", "s1-0-3"]


def test_title_runs_into_first_child_marker():
    text = parse("一、存在的主要问题（一）在理论学习方面。正文。")
    assert [s.heading for s in text.walk()] == ["一、存在的主要问题", "（一）在理论学习方面。"]


def test_anchors_do_not_depend_on_other_texts(seed_texts):
    """Parsing a text alone, or with the whole corpus as evidence, gives the same anchors."""
    for text in seed_texts.values():
        alone = parse_text(text.source, frozenset(clean_titles(text.source)))
        assert [p.anchor for p in alone.paragraphs()] == [p.anchor for p in text.paragraphs()]
        assert [s.anchor for s in alone.walk()] == [s.anchor for s in text.walk()]


def test_appending_a_section_keeps_earlier_anchors(seed_texts):
    text = seed_texts["003_eeed8751cc19b1e4.txt"]
    longer = SourceText(text.source.name, text.source.text + "\n五要新增一节。正文。\n", "utf-8")
    grown = parse_text(longer)
    before = [s.anchor for s in text.walk()] + [p.anchor for p in text.paragraphs()]
    after = [s.anchor for s in grown.walk()] + [p.anchor for p in grown.paragraphs()]
    assert set(before) <= set(after)
    assert set(after) - set(before) == {"s3-0-5", "s3-0-5-p1"}
