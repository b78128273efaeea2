"""Roles and aspects: what each section of a report does, recognised from its heading.

A report's top-level sections play standard roles: the problems found (查摆问题),
their causes (原因剖析), the measures to correct them (整改措施), and in some
reports how last year's measures were carried out (整改落实情况). Within them,
most reports go through the same aspects (理论学习, 政治素质, 担当作为 …), so that
the problems of one aspect can be read beside their causes and the measures
taken, in one report and across reports.

Recognition is by rules on the heading as matching sees it (`folding.view`:
traditional characters folded), with cue patterns for each role and aspect.
A role is the first in `ROLES` whose cue the heading holds: order carries the
genre's precedence (a heading that names the causes of problems, 存在问题的原因
剖析, is about causes; one that names last year's rectification of problems is
about that). An aspect is the one whose cue comes first in the heading, since
long headings go on to name other things (学懂弄通…思想，把握…政治…); where two
cues start at the same place, the one listed first. Cues are strong (两个确立,
从严治党, 风险挑战) or weak (学习, 政治, 党史: words that also serve as verbs
and lead-ins, as in 带头学习运用…应对风险挑战的经验): a weak cue counts only
where the heading has no strong one. A heading that holds no cue has no
aspect, and a top-level heading none of the roles' is `OTHER`.

The rules were written against the seeds; `tests/test_aspects.py` measures
their accuracy on hand-labelled headings of the seeds and of other reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from build_corpus.model import Section, SectionKind, SectionSummary, Text
from build_corpus.text.folding import view

OTHER = "其他"
"""The role of a top-level section that plays none of the standard roles."""

ROLES: tuple[tuple[str, str], ...] = (
    # last year's rectification before problems: 上年度…查摆问题整改情况
    ("整改落实情况", r"(上年度?|上一年度|上次|去年).*(整改|落实)|整改(落实|完成)?情况|落实情况"),
    ("原因剖析", r"原因|根源|根子|剖析|症结"),
    ("整改措施", r"整改|措施|努力方向|改进方向|下一步|下步|今后|打算|举措|改进"),
    ("查摆问题", r"问题|不足|差距|短板|查摆|对照检查|检视|表现"),
)
"""Role of a top-level section: (role, cue pattern), the first that matches wins."""

ASPECTS: tuple[tuple[str, str, str], ...] = (
    ("落实整改", r"上年度?|上一年度|整改落实|整改情况|整改.{0,6}落实", ""),
    (
        "廉洁自律/从严治党",
        r"从严治党|管党治党|廉洁|廉政|自律|清正|八项规定|一岗双责|主体责任|纪律|正风肃纪|管觉治党",
        "",
    ),
    ("斗争精神", r"斗争|风险挑战|(防范|化解).{0,4}风险|敢于亮剑|攻坚克难", ""),
    ("为民服务/宗旨意识", r"人民|群众|宗旨|为民|民生", ""),
    ("理想信念", r"理想信念|信仰|信念|初心|使命|党是什么", ""),
    ("党性修养", r"党性", ""),
    ("作风", r"作风|形式主义|官僚主义|四风|调查研究|求真务实|三种心态", ""),
    (
        "担当作为",
        r"担当|履职|尽责|进取|干劲|实干|抓落实|本领|对标对表|高质量发展|政绩观",
        r"作为|创新",
    ),
    (
        "理论学习",
        r"政治理论|理论|思想武装|学懂弄通|凝心铸魂|思想方面|在思想上|思想认识",
        r"学习|党史",
    ),
    (
        "政治素质/政治能力",
        r"讲政治|政治素质|政治能力|两个确立|两个维护|四个意识|四个自信|全面领导|党中央|"
        r"忠诚|意识形态|国之大者",
        r"政治|核心",
    ),
    ("组织生活/民主集中制", r"组织生活|政治生活|民主集中制|批评和自我批评|三会一课", ""),
)
"""Aspect of a section: (aspect, strong cues, weak cues). The strong cue found first in the
heading wins, at the same place the one listed first; failing a strong cue, a weak one."""

_ROLES = tuple((role, re.compile(cue)) for role, cue in ROLES)
_STRONG, _WEAK = (
    re.compile("|".join(f"(?P<a{i}>{cues[tier]})" for i, cues in enumerate(ASPECTS) if cues[tier]))
    for tier in (1, 2)
)


def role_of(heading: str) -> str:
    """The role a top-level heading names, or `OTHER`.

    >>> role_of("二、存在问题的原因剖析"), role_of("一、上年度民主生活会查摆问题整改情况")
    ('原因剖析', '整改落实情况')
    """
    seen = view(heading)
    return next((role for role, cue in _ROLES if cue.search(seen)), OTHER)


def aspect_of(heading: str) -> str | None:
    """The aspect a heading names, if any.

    >>> aspect_of("（六）带头落实全面从严治党政治责任方面"), aspect_of("（五）个人有关事项说明")
    ('廉洁自律/从严治党', None)
    """
    seen = view(heading)
    found = _STRONG.search(seen) or _WEAK.search(seen)
    return ASPECTS[int(found.lastgroup[1:])][0] if found else None


def section_kinds(text: Text) -> Iterator[tuple[Section, SectionKind]]:
    """Every section of a text, in order, with its role (that of its top-level section) and
    aspect (that of its second-level section, else the one its top-level heading names, as
    in `一、在理论学习方面存在的问题`)."""
    for top in text.sections:
        role = role_of(top.title)
        own = aspect_of(top.title)
        yield top, SectionKind(role, own)
        for second in top.children:
            aspect = aspect_of(second.title) or own
            for section in second.walk():
                yield section, SectionKind(role, aspect)


SLUGS = {
    "理论学习": "lilun-xuexi",
    "政治素质/政治能力": "zhengzhi-suzhi",
    "理想信念": "lixiang-xinnian",
    "党性修养": "dangxing-xiuyang",
    "担当作为": "dandang-zuowei",
    "斗争精神": "douzheng-jingshen",
    "为民服务/宗旨意识": "zongzhi-yishi",
    "作风": "zuofeng",
    "廉洁自律/从严治党": "lianjie-zilv",
    "组织生活/民主集中制": "zuzhi-shenghuo",
    "落实整改": "luoshi-zhenggai",
}
"""Each aspect's page by URL slug (fixed, so that links to it keep working), in the order the
genre usually takes them."""

SHOWN_ROLES = ("查摆问题", "原因剖析", "整改措施", "整改落实情况", OTHER)
"""Roles in the order an aspect page shows them side by side."""


def summaries(text: Text, opening_chars: int) -> tuple[SectionSummary, ...]:
    """The sections of a text whose own heading names an aspect, top-level and second-level
    ones, in order, with their role and the first `opening_chars` characters of their text
    (or of their first subsection's heading): what the aspect pages show of them."""
    out = []
    for top in text.sections:
        role = role_of(top.title)
        for section in (top, *top.children):
            aspect = aspect_of(section.title)
            if aspect is not None:
                kind = SectionKind(role, aspect)
                out.append(
                    SectionSummary(
                        section.anchor, section.heading, kind, _opening(section, opening_chars)
                    )
                )
    return tuple(out)


def _opening(section: Section, chars: int) -> str:
    first = section.paragraphs[0].text if section.paragraphs else ""
    if not first and section.children:
        first = section.children[0].heading
    return first if len(first) <= chars else first[:chars] + "…"
