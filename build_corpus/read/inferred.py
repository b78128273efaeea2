"""Metadata a text gives about itself: its title line, and the year, role and meeting in it.

Most reports open with a title that names the author's role, the year and the
meeting, then the genre (`区委副书记2021年度民主生活会个人对照检查材料`). Copies
from the web may have a site's header lines before it (`奋书文库，欢迎您！`),
which are not titles: a title line names the genre and is not a sentence.
`metadata.yml` overrides what is found here, field by field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_corpus.config import DEFAULT_TUNING, Tuning
from build_corpus.text.markers import marker_at

GENRE_WORDS = (
    "对照检查材料",
    "对照检查发言材料",
    "对照检查发言提纲",
    "检视剖析材料",
    "对照检视剖析材料",
    "个人剖析材料",
    "剖析材料",
    "发言提纲",
    "对照检查",
    "对照检视",
    "检视材料",
    "检查材料",
    "发言材料",
)
"""Words that name the genre: a line holding one may be the title."""

RE_ENDS_WITH_GENRE = re.compile(
    "(?:" + "|".join(GENRE_WORDS) + r")\s*(?:[（(][^（）()]*[)）])?\s*$"
)
"""A title ends with the genre's name, perhaps followed by a note in brackets."""

RE_NOT_IN_TITLES = re.compile(r"[。；;！!？?，,>›»|]|首页")
"""What a title line never holds: sentence punctuation, a site's breadcrumbs."""

RE_YEAR = re.compile(r"(?<!\d)(20\d\d)\s*年")
"""The year of a title: `2022年度`, `2022年`."""

RE_MEETING_KIND = re.compile(r"民主生活会|组织生活会")
"""The meetings of the genre; a meeting's name ends with one."""

RE_THEME = re.compile(r"[“\"「『][^”\"」』]{1,40}[”\"」』]")
"""A quoted theme in a meeting's name: `“旗帜鲜明讲政治”专题民主生活会`."""

RE_ROLE_IN_BRACKETS = re.compile(r"[（(]([^（）()]{2,30})[)）]")
"""A role written after the title, in brackets: `…对照检查材料（市委常委、组织部长）`."""

ROLE_WORDS = (
    "书记",
    "常委",
    "委员",
    "部长",
    "厅长",
    "局长",
    "处长",
    "科长",
    "主任",
    "主席",
    "市长",
    "县长",
    "区长",
    "镇长",
    "乡长",
    "院长",
    "校长",
    "行长",
    "经理",
    "董事长",
    "负责人",
    "负责同志",
    "班子",
    "干部",
    "党员",
    "检察长",
    "秘书长",
    "支部",
    "党组",
    "党委",
)
"""Words one of which a role holds (`市委书记`, `领导班子`, `区委常委、宣传部长`)."""

LEADING = ("关于", "在", "我的")
"""Words before a role that are not part of it."""

TRAILING = ("在", "的", "参加", "个人")
"""Words after a role that are not part of it (`县委副书记、县长在2021年度…`)."""


@dataclass(frozen=True)
class Inferred:
    """What a text's title line says of it; empty fields where it says nothing."""

    title: str = ""
    """The title line, stripped of white space; empty when the text has none."""
    year: int | None = None
    role: str = ""
    meeting: str = ""


def infer_meta(text: str, tuning: Tuning = DEFAULT_TUNING) -> Inferred:
    """What the title line of `text`, if it has one, says about the text.

    >>> found = infer_meta("欢迎您！\\n区委书记2025年度民主生活会对照检查材料\\n按照…")
    >>> found.title, found.year, found.role, found.meeting
    ('区委书记2025年度民主生活会对照检查材料', 2025, '区委书记', '2025年度民主生活会')
    >>> infer_meta("根据会议安排，我对照检查如下。\\n一、存在的问题").title
    ''
    """
    title = title_line(text, tuning)
    if not title:
        return Inferred()
    year = RE_YEAR.search(title)
    split = _split(title)
    if split is None:
        genre = min((title.find(w) for w in GENRE_WORDS if w in title), default=len(title))
        head, meeting = title[:genre], ""
    else:
        head, meeting = title[: split[0]], title[split[0] : split[1]]
    if year and year.start() < len(head):
        head = head[: year.start()]
    return Inferred(
        title=title,
        year=int(year.group(1)) if year else None,
        role=_role(head) or _role_in_brackets(title),
        meeting=meeting,
    )


def _split(title: str) -> tuple[int, int] | None:
    """Where the meeting's name starts and ends in a title: at its year, or its quoted
    theme, or after the role (the last post named before it); None if no meeting is
    named."""
    kind = RE_MEETING_KIND.search(title)
    if kind is None:
        return None
    year = RE_YEAR.search(title, 0, kind.start())
    theme = RE_THEME.search(title, 0, kind.start())
    starts = [m.start() for m in (year, theme) if m]
    if starts:
        return min(starts), kind.end()
    before = title[: kind.start()]
    posts = [before.rfind(word) + len(word) for word in ROLE_WORDS if word in before]
    return max(posts, default=0), kind.end()


def title_line(text: str, tuning: Tuning = DEFAULT_TUNING) -> str:
    """The text's title line: among its first non-empty lines, the first that names the
    genre, is short, is no heading and is not a sentence; '' if there is none (among the
    first `Tuning.title_search_lines`)."""
    lines = (line.strip() for line in text.splitlines())
    for seen, line in enumerate(line for line in lines if line):
        if seen >= tuning.title_search_lines:
            break
        if is_title(line, tuning.title_line_chars):
            return line
    return ""


def is_title(line: str, max_chars: int = DEFAULT_TUNING.title_line_chars) -> bool:
    """Whether a (stripped) line is a title line, of at most `max_chars` characters.

    >>> is_title("市委书记2022年民主生活会对照检查材料")
    True
    >>> is_title("奋书文库，欢迎您！")
    False
    >>> is_title("现将对照检查情况报告如下。")
    False
    >>> is_title("首页 > 范文 > 对照检查")
    False
    """
    if len(line) > max_chars or RE_NOT_IN_TITLES.search(line):
        return False
    return RE_ENDS_WITH_GENRE.search(line) is not None and marker_at(line, 0) is None


def _role(head: str) -> str:
    """The role at the start of a title (`head`: what comes before its year or meeting),
    if it names a post."""
    head = head.strip(" ：:，,")
    for word in LEADING:
        head = head.removeprefix(word)
    for word in TRAILING:
        head = head.removesuffix(word)
    if any(word in head for word in ROLE_WORDS):
        return head
    return ""


def _role_in_brackets(title: str) -> str:
    """A post named in brackets in a title (`…对照检查材料（市委常委、组织部长）`)."""
    for found in RE_ROLE_IN_BRACKETS.finditer(title):
        if any(word in found.group(1) for word in ROLE_WORDS):
            return found.group(1)
    return ""
