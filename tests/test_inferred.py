"""Metadata from the text itself: the title line, and the year, role and meeting in it."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from build_corpus.read.inferred import Inferred, infer_meta, title_line
from build_corpus.read.sources import read_source

# Title lines as reports of the genre open (the first from the seeds, the others as they
# come on web pages and in PDFs), and what each says.
TITLES = [
    (
        "市委书记2022年民主生活会对照检查材料",
        Inferred("市委书记2022年民主生活会对照检查材料", 2022, "市委书记", "2022年民主生活会"),
    ),
    (
        "区委常委、区委宣传部长2025年度民主生活会个人对照检查材料",
        Inferred(
            "区委常委、区委宣传部长2025年度民主生活会个人对照检查材料",
            2025,
            "区委常委、区委宣传部长",
            "2025年度民主生活会",
        ),
    ),
    (
        "市委书记“旗帜鲜明讲政治”专题民主生活会个人对照检查材料",
        Inferred(
            "市委书记“旗帜鲜明讲政治”专题民主生活会个人对照检查材料",
            None,
            "市委书记",
            "“旗帜鲜明讲政治”专题民主生活会",
        ),
    ),
    (
        "领导班子2023年主题教育专题民主生活会对照检查材料",
        Inferred(
            "领导班子2023年主题教育专题民主生活会对照检查材料",
            2023,
            "领导班子",
            "2023年主题教育专题民主生活会",
        ),
    ),
    (
        "县委副书记、县长在2021年度民主生活会上的发言提纲",
        Inferred(
            "县委副书记、县长在2021年度民主生活会上的发言提纲",
            2021,
            "县委副书记、县长",
            "2021年度民主生活会",
        ),
    ),
    (
        "2023年度民主生活会个人对照检查材料（市委常委、组织部长）",
        Inferred(
            "2023年度民主生活会个人对照检查材料（市委常委、组织部长）",
            2023,
            "市委常委、组织部长",
            "2023年度民主生活会",
        ),
    ),
    (
        "党支部书记2024年度组织生活会个人检视剖析材料",
        Inferred(
            "党支部书记2024年度组织生活会个人检视剖析材料",
            2024,
            "党支部书记",
            "2024年度组织生活会",
        ),
    ),
    (
        "市委书记主题教育专题民主生活会对照检查材料",
        Inferred(
            "市委书记主题教育专题民主生活会对照检查材料",
            None,
            "市委书记",
            "主题教育专题民主生活会",
        ),
    ),
    (
        "关于2022年度民主生活会个人对照检查材料",
        Inferred("关于2022年度民主生活会个人对照检查材料", 2022, "", "2022年度民主生活会"),
    ),
    (
        "副局长个人对照检查材料",
        Inferred("副局长个人对照检查材料", None, "副局长", ""),
    ),
]


@pytest.mark.parametrize(("line", "expected"), TITLES, ids=[t for t, _ in TITLES])
def test_title_line_gives_year_role_and_meeting(line, expected):
    assert infer_meta(f"{line}\n按照会议要求，我对照检查如下。\n一、存在的问题\n") == expected


def test_site_headers_before_the_title_are_skipped():
    text = (
        "奋书文库，欢迎您！\n首页 > 范文 > 对照检查\n\n县委书记2024年度民主生活会对照检查材料\n正文"
    )
    assert title_line(text) == "县委书记2024年度民主生活会对照检查材料"


@pytest.mark.parametrize(
    "text",
    [
        "根据会议安排，我认真开展对照检查，现将有关情况报告如下。\n一、存在的问题",
        "一、对照检查存在的问题\n（一）理论学习方面",  # a heading, not a title
        "按照要求，结合对照检查材料，我谈三点体会。",  # a sentence naming the genre
        "奋书文库，欢迎您！\n本文共计5000字\n一\n二\n三\n四\n市委书记民主生活会对照检查材料",
    ],
    ids=["preamble", "heading", "sentence", "too-far-down"],
)
def test_text_without_a_title_line_says_nothing(text):
    assert infer_meta(text) == Inferred()


def test_seeds_title_lines_agree_with_their_metadata():
    """Seed 003 opens with its title; the other seeds open with their preamble."""
    found = {p.name: infer_meta(read_source(p).text) for p in sorted(CORPUS.glob("*.txt"))}
    assert {name: f.title for name, f in found.items() if f.title} == {
        "003_eeed8751cc19b1e4.txt": "市委书记2022年民主生活会对照检查材料"
    }
    seed = found["003_eeed8751cc19b1e4.txt"]
    assert (seed.year, seed.role) == (2022, "市委书记")
