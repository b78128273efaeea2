"""Each heading marker on real lines of the seeds, and what must not match."""

from __future__ import annotations

import pytest

from build_corpus.text.markers import (
    RE_LEVEL1,
    RE_LEVEL2,
    RE_LEVEL3_ARABIC,
    RE_LEVEL3_PAREN,
    RE_LEVEL3_SHI,
    marker_at,
)


@pytest.mark.parametrize(
    ("pattern", "line", "marker"),
    [
        (RE_LEVEL1, "一、查摆出的主要问题", "一、"),
        (RE_LEVEL1, "四、整改措施与努力方向", "四、"),
        (RE_LEVEL2, "（一）“学懂弄通做实习近平新时代中国特色社会主义思想", "（一）"),
        (RE_LEVEL2, "（一)在带头深刻感悟“两个确立”的决定性意义", "（一)"),
        (RE_LEVEL3_SHI, "一是政治判断力还需不断提高。", "一是"),
        (RE_LEVEL3_SHI, "一要强化政治意识，始终对党忠诚。", "一要"),
        (RE_LEVEL3_ARABIC, "1.理论政策的学习研究不深入。", "1."),
        (RE_LEVEL3_ARABIC, "1、防范化解信访风险方面没有主动担当。", "1、"),
        (RE_LEVEL3_PAREN, "（1）加强理论学习。", "（1）"),
    ],
)
def test_marker_matches_seed_line(pattern, line, marker):
    match = pattern.match(line)
    assert match and match.group(0) == marker


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (RE_LEVEL2, "党委（党组）落实"),  # bracketed word, not a numeral
        (RE_LEVEL3_ARABIC, "2.5倍"),  # a decimal
        (RE_LEVEL3_ARABIC, "2021年度"),  # a year
        (RE_LEVEL3_SHI, "一是是非非"),  # 是 doubled
    ],
)
def test_marker_rejects(pattern, text):
    assert pattern.match(text) is None


def test_marker_values():
    assert [marker_at(t, 0).ordinal for t in ("十二、", "（十)", "三是", "12.", "（3）")] == [
        12,
        10,
        3,
        12,
        3,
    ]
    assert marker_at("一要", 0).family != marker_at("一是", 0).family
    assert marker_at("1、", 0).family == marker_at("2.", 0).family
