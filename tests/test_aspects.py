"""Roles and aspects of sections (`build_corpus.aspects`): real headings of the seeds and of
other reports, and the rules' accuracy on the hand-labelled headings in `labels/aspects.tsv`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_corpus.model import SectionKind
from build_corpus.text.aspects import ASPECTS, OTHER, ROLES, aspect_of, role_of, section_kinds

LABELS = Path(__file__).parent / "labels" / "aspects.tsv"
ROLE_NAMES = {role for role, _ in ROLES} | {OTHER}
ASPECT_NAMES = {aspect for aspect, *_ in ASPECTS}

MIN_ROLE_ACCURACY = 0.95
MIN_ASPECT_ACCURACY = 0.85


def labels() -> list[tuple[str, list[str]]]:
    """(group, fields) of each label: `seeds`, `other` (headings of other reports, seen while
    the rules were written) or `held out` (those after the `# Held out` line, never used to
    change the rules)."""
    group, out = "other", []
    for line in LABELS.read_text("utf-8").splitlines():
        if line.startswith("# Held out"):
            group = "held out"
        if line and not line.startswith("#"):
            row = line.split("\t")
            out.append(("seeds" if row[0] == "seed" else group, row))
    return out


def labelled(seed_texts) -> list[tuple[str, str, str | None, str | None, bool]]:
    """(group, heading, label, found, top-level) of every labelled heading: role for
    top-level ones, aspect (None for "-") for second-level ones."""
    kinds = {}
    for name, text in seed_texts.items():
        for section, kind in section_kinds(text):
            kinds[name[:3], section.anchor] = (section, kind)
    out = []
    for group, row in labels():
        if group == "seeds":
            _, prefix, anchor, label = row
            section, kind = kinds[prefix, anchor]
            top = section.depth == 1
            heading = f"{prefix}#{anchor} {section.heading}"
            found = kind.role if top else kind.aspect
        else:
            level, heading, label = row
            top = level == "1"
            found = role_of(heading) if top else aspect_of(heading)
        out.append((group, heading, None if label == "-" else label, found, top))
    return out


def test_the_labels_use_the_rules_names_and_cover_every_seed_heading(seed_texts):
    rows = labelled(seed_texts)
    assert {label for *_, label, _, top in rows if top} <= ROLE_NAMES
    assert {label for *_, label, _, top in rows if not top} - {None} <= ASPECT_NAMES
    seeds = {heading.split()[0] for group, heading, *_ in rows if group == "seeds"}
    headings = {
        f"{name[:3]}#{s.anchor}"
        for name, text in seed_texts.items()
        for s in text.walk()
        if s.depth <= 2
    }
    assert seeds == headings


def test_accuracy_on_the_labelled_headings(seed_texts, capsys):
    """Accuracy of the rules on the labelled headings; printed (`pytest -s`) with the misses,
    and held to a floor so that a change of the rules cannot lower it unnoticed."""
    rows = labelled(seed_texts)
    report = []
    for kind, top in (("role", True), ("aspect", False)):
        for group in ("seeds", "other", "held out"):
            chosen = [r for r in rows if r[4] == top and r[0] == group]
            right = sum(label == found for _, _, label, found, _ in chosen)
            report.append((kind, group, right, len(chosen)))
    misses = [f"  {h}: labelled {label}, found {found}" for _, h, label, found, _ in rows]
    misses = [m for m, r in zip(misses, rows, strict=True) if r[2] != r[3]]
    with capsys.disabled():
        print("\n" + "\n".join(f"{k} ({g}): {r}/{n} = {r / n:.2f}" for k, g, r, n in report))
        print("misses:\n" + "\n".join(misses))
    for kind, floor in (("role", MIN_ROLE_ACCURACY), ("aspect", MIN_ASPECT_ACCURACY)):
        right = sum(r for k, _, r, _ in report if k == kind)
        total = sum(n for k, _, _, n in report if k == kind)
        assert right / total >= floor, f"{kind} accuracy {right}/{total}"


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("二、存在问题的原因剖析", "原因剖析"),  # problems, but about their causes
        ("一、上年度民主生活会查摆问题整改情况", "整改落实情况"),  # last year's, not this year's
        ("三、今后努力方向及整改措施下一步", "整改措施"),  # a title run into its body (seed 004)
        ("一、相关事项通报说明", OTHER),
        ("一、個人對照檢查發現的問題", "查摆问题"),  # traditional characters
    ],
)
def test_role_of_a_top_level_heading(heading, role):
    assert role_of(heading) == role


@pytest.mark.parametrize(
    ("heading", "aspect"),
    [
        # the cue that comes first wins: the heading goes on to 政治方向
        ("（一）“学懂弄通做实习近平新时代中国特色社会主义思想，把握正确政治方向", "理论学习"),
        # 学习 is a weak cue: 风险挑战 decides
        ("（四）带头学习运用党在不同历史时期成功应对风险挑战的丰富经验", "斗争精神"),
        # 从严治党 before 政治 in 从严治党政治责任
        ("（六）带头落实全面从严治党政治责任方面", "廉洁自律/从严治党"),
        ("（三）在工作作風方面", "作风"),
        ("（二）个人有关事项说明。", None),
    ],
)
def test_aspect_of_a_heading(heading, aspect):
    assert aspect_of(heading) == aspect


def test_sections_take_the_role_of_their_top_level_section_and_the_aspect_of_their_second(
    seed_texts,
):
    text = seed_texts["003_eeed8751cc19b1e4.txt"]
    kinds = {s.anchor: k for s, k in section_kinds(text)}
    assert [s.anchor for s, _ in section_kinds(text)] == [s.anchor for s in text.walk()]
    assert (kinds["s1"].role, kinds["s1"].aspect) == ("查摆问题", None)
    deeper = [s for s in text.walk() if s.depth == 3 and s.anchor.startswith("s1-6-")]
    assert deeper and all(kinds[s.anchor] == kinds["s1-6"] for s in deeper)
    assert kinds["s1-6"] == SectionKind("查摆问题", "廉洁自律/从严治党")
