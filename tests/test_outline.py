"""The outline parser: every seed's full outline pinned, and the hard cases alone."""

from __future__ import annotations

import pytest
from conftest import GOLDEN, SEED_FILES, check_golden

from build_corpus.model import SourceText, Text
from build_corpus.text.outline import clean_titles, parse_text


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
    # the comma stays with the title: the body never starts with punctuation
    assert text.sections[0].title == "原因分析针对上述查找的问题，"
    assert [p.text for p in text.sections[0].paragraphs] == ["深刻剖析：", "正文。"]
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


# --- the grammar of texts as they come from the web (issue 11) -----------------------------


def test_a_list_after_a_colon_opens_items_titled_by_their_first_clause():
    text = parse(
        "一、存在的问题\n"
        "（一）理论学习方面。具体表现为：一是学习不够系统，满足于读文件、听报告。"
        "二是学用结合不紧，用理论指导实践不够。\n"
        "（二）政治能力方面。存在“三多三少”：一是安排部署多，督促检查少。二是开会多，调研少。\n"
    )
    assert outline(text).splitlines()[1:] == [
        "s1 一、存在的问题 []",
        "  s1-1 （一）理论学习方面。 [s1-1-p1]",
        "    s1-1-1 一是学习不够系统，满足于读文件、听报告。 []",
        "    s1-1-2 二是学用结合不紧，用理论指导实践不够。 []",
        "  s1-2 （二）政治能力方面。 [s1-2-p1]",
        "    s1-2-1 一是安排部署多，督促检查少。 []",
        "    s1-2-2 二是开会多，调研少。 []",
    ]
    assert [p.text for p in text.sections[0].children[0].paragraphs] == ["具体表现为："]


def test_a_long_item_in_a_list_is_titled_by_its_first_clause():
    long = "在学习贯彻习近平新时代中国特色社会主义思想上还有差距，学得不深、悟得不透、用得不活。"
    text = parse(f"（一）学习方面。具体表现为：一是{long}二是用得不够。\n")
    first, second = text.sections[0].children
    assert first.title == "在学习贯彻习近平新时代中国特色社会主义思想上还有差距，"
    assert [p.text for p in first.paragraphs] == ["学得不深、悟得不透、用得不活。"]
    assert second.heading == "二是用得不够。"


def test_items_that_a_line_began_go_on_in_that_line():
    text = parse(
        "（一）学习方面\n一是学得不深，浮于表面。二是悟得不透，停在字面。三是用得不够，知行脱节。\n"
    )
    assert [s.heading for s in text.walk()] == [
        "（一）学习方面",
        "一是学得不深，浮于表面。",
        "二是悟得不透，停在字面。",
        "三是用得不够，知行脱节。",
    ]


def test_an_enumeration_inside_a_sentence_stays_body_text():
    text = parse("（一）学习方面\n我认识到，一是要学，二是要用，三是要坚持。\n")
    assert [s.heading for s in text.walk()] == ["（一）学习方面"]


def test_items_under_an_arabic_numbered_heading_nest_under_it():
    text = parse(
        "一、存在的问题\n1、理论学习方面\n一是学得不深。正文。\n二是悟得不透。正文。\n"
        "2、政治能力方面\n一是站位不高。正文。\n二、原因分析\n（1）思想上。正文。\n一是放松学习。正文。\n"
    )
    assert outline(text).splitlines()[1:] == [
        "s1 一、存在的问题 []",
        "  s1-0-1 1、理论学习方面 []",
        "    s1-0-1-1 一是学得不深。 [s1-0-1-1-p1]",
        "    s1-0-1-2 二是悟得不透。 [s1-0-1-2-p1]",
        "  s1-0-2 2、政治能力方面 []",
        "    s1-0-2-1 一是站位不高。 [s1-0-2-1-p1]",
        "s2 二、原因分析 []",
        "  s2-0-1 （1）思想上。 [s2-0-1-p1]",
        "    s2-0-1-1 一是放松学习。 [s2-0-1-1-p1]",
    ]


def test_a_long_first_sentence_of_an_item_gives_its_first_clause_as_title():
    sentence = (
        "在学习贯彻习近平新时代中国特色社会主义思想上还有差距，学得不深、悟得不透、用得不活。"
    )
    text = parse(f"（一）学习方面\n一是{sentence}正文。\n")
    item = text.sections[0].children[0]
    assert item.title == "在学习贯彻习近平新时代中国特色社会主义思想上还有差距，"
    assert [p.text for p in item.paragraphs] == ["学得不深、悟得不透、用得不活。正文。"]


def test_a_marker_glued_to_a_word_or_code_is_no_heading():
    text = parse("一、标题调用alert(1)函数\n正文。alert(1)与Win10.版本。\n")
    assert [s.heading for s in text.walk()] == ["一、标题调用alert(1)函数"]


def test_a_first_marker_after_a_short_prefix_and_a_space_opens_a_section():
    text = parse(
        "现将有关情况报告如下 一、存在的问题\n正文。\n二、原因分析\n"
        "我们统一、规范了各项工作的做法和流程 1、不是标题\n"
    )
    assert [s.heading for s in text.walk()] == ["一、存在的问题", "二、原因分析"]
    assert [p.text for p in text.preamble] == ["现将有关情况报告如下 "]
    listed = parse("问题清单\u30001、学习不深。正文。\n2、落实不够。正文。\n")
    assert [s.anchor for s in listed.walk()] == ["s0-0-1", "s0-0-2"]
