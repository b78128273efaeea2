"""The one anchor scheme, used for ids, links and citations alike.

Anchors are ASCII and derived from a section's place in the text's own
numbering, never from a global counter or from Chinese text, so they stay
put when other texts or later sections are added.
"""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Iterable


def section_anchor(number: tuple[int, ...]) -> str:
    """Anchor of a section from its number; 0 marks a skipped level.

    >>> section_anchor((2, 1, 3)), section_anchor((2, 0, 1))
    ('s2-1-3', 's2-0-1')
    """
    return "s" + "-".join(str(n) for n in number)


def paragraph_anchor(owner: str, index: int) -> str:
    """Anchor of the `index`-th (1-based) paragraph of a section.

    >>> paragraph_anchor("s2-1-3", 2)
    's2-1-3-p2'
    """
    return f"{owner}-p{index}"


def unique_anchor(anchor: str, taken: set[str]) -> str:
    """`anchor`, or with a letter suffix if a repeated number already took it; records it.

    >>> taken = set(); unique_anchor("s2-2", taken), unique_anchor("s2-2", taken)
    ('s2-2', 's2-2b')
    """
    candidate = anchor
    for letter in string.ascii_lowercase[1:]:
        if candidate not in taken:
            break
        candidate = anchor + letter
    else:  # pragma: no cover - 26 sections with one number
        candidate = f"{anchor}x{len(taken)}"
    taken.add(candidate)
    return candidate


RE_NON_SLUG = re.compile(r"[^a-z0-9]+")


_PINYIN: dict[str, tuple[str, ...]] = {}


def pinyin_key(text: str) -> tuple[str, ...]:
    """Pinyin syllables of `text`, for ordering Chinese words by pinyin; remembered.

    >>> pinyin_key("两个维护")
    ('liang', 'ge', 'wei', 'hu')
    """
    key = _PINYIN.get(text)
    if key is None:
        from pypinyin import lazy_pinyin  # a third of a second to import: only when needed

        key = _PINYIN[text] = tuple(lazy_pinyin(text, errors=lambda chars: [chars]))
    return key


def remember(keys: dict[str, tuple[str, ...]]) -> None:
    """Take pinyin worked out by an earlier build."""
    _PINYIN.update(keys)


def remembered(texts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The pinyin of `texts` worked out so far, for the next build."""
    return {text: _PINYIN[text] for text in sorted(set(texts)) if text in _PINYIN}


def slugify(text: str) -> str:
    """ASCII slug of Chinese text, by pinyin: for phrase pages and keyword anchors.

    >>> slugify("两个维护"), slugify("“四个意识”"), slugify("2021年度")
    ('liang-ge-wei-hu', 'si-ge-yi-shi', '2021-nian-du')
    """
    slug = RE_NON_SLUG.sub("-", "-".join(pinyin_key(text)).lower()).strip("-")
    return slug or "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def unique_slugs(texts: list[str]) -> dict[str, str]:
    """A slug for each text; homophones share a slug, so they get a hash suffix.

    >>> unique_slugs(["公式", "攻势"])
    {'公式': 'gong-shi-3f2703', '攻势': 'gong-shi-4d4868'}
    """
    by_slug: dict[str, list[str]] = {}
    for text in sorted(set(texts)):
        by_slug.setdefault(slugify(text), []).append(text)
    out = {}
    for slug, group in by_slug.items():
        for text in group:
            suffix = hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]
            out[text] = slug if len(group) == 1 else f"{slug}-{suffix}"
    return dict(sorted(out.items()))
