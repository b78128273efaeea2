"""Recurring phrases: mined from the corpus's tokens, found with one automaton.

Mining grows token n-grams level by level (an n-gram is counted only when both
its (n-1)-grams recur), within runs of words between punctuation, so a phrase
never spans punctuation nor starts or ends inside a word. A phrase must occur
in `min_texts` texts, must not start or end on a function character or on
genre filler (`EDGE_WORDS`), and is
dropped when longer phrases cover all its occurrences, or when it is only ever
the start or end of a few longer phrases (`fragments`). Glossary terms and
their variants are phrases wherever they occur.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import ahocorasick

from .segmentation import Segmenter, is_word

FUNCTION_CHARS = frozenset(
    "的地得了和与及等在是对把被将从向为而并或也都就还又着过之其所这那上中下个很更再才只仅已"
)
"""A phrase neither starts nor ends on one of these."""
EDGE_WORDS = frozenset(
    """
    没有 不够 不断 一些 进一步 很好 及时 真正 完全 问题 工作 方面 深入 具体
    实际 带头 存在 主要 认真 有效 有待 还有 还要 还需 能够 更加 切实 自己 我们
    同时 一定 重要 关于 针对 按照 根据 作为
    """.split()  # noqa: SIM905
)
"""Genre filler that makes a fragment, not a formula, at either end of a phrase (没有很好)."""
RE_HAN = re.compile(r"[\u3400-\u9fff]")
RE_ITEM_WORD = re.compile(r"^[一二三四五六七八九十]+[是要]$")
"""`一是`, `二要`: heading markers, never the start of a phrase."""


@dataclass(frozen=True)
class MiningOptions:
    """Thresholds of phrase mining; every one has a default."""

    min_texts: int = 2
    """A mined phrase occurs in at least this many texts."""
    min_chars: int = 4
    """Shortest phrase of two or more words."""
    max_words: int = 10
    """Longest phrase, in words."""
    rare_word_frequency: int = 50
    """A single word of 3+ characters is a phrase when jieba's dictionary counts it fewer times."""


DEFAULT_MINING = MiningOptions()


@dataclass(frozen=True)
class Unit:
    """A paragraph or heading: the unit phrases are found in."""

    slug: str
    """Slug of its text."""
    anchor: str
    """Its anchor."""
    text: str
    """Its exact text (a heading: marker and title)."""


def word_runs(tokens: list[str]) -> Iterator[list[str]]:
    """Runs of word tokens between punctuation.

    >>> list(word_runs(["做到", "“", "两个", "维护", "”"]))
    [['做到'], ['两个', '维护']]
    """
    run: list[str] = []
    for token in tokens:
        if is_word(token) and not token.isspace():
            run.append(token)
        elif run:
            yield run
            run = []
    if run:
        yield run


def mine_phrases(
    texts: dict[str, list[list[str]]], segmenter: Segmenter, options: MiningOptions
) -> list[str]:
    """Candidate phrases: token n-grams recurring in enough texts, clean at both ends.

    `texts` maps a text's slug to the token lists of its units. Work is done
    once per distinct run of words, remembering up to `min_texts` of the texts
    it occurs in: all that is needed to tell whether an n-gram recurs.
    """
    need = options.min_texts
    runs: dict[tuple[str, ...], set[str]] = {}
    for slug, units in texts.items():
        for tokens in units:
            for run in word_runs(tokens):
                seen = runs.setdefault(tuple(run), set())
                if len(seen) < need:
                    seen.add(slug)
    found: list[tuple[str, ...]] = []
    frequent = _recurring((((token,), seen) for run, seen in runs.items() for token in run), need)
    found.extend(frequent)
    for n in range(2, options.max_words + 1):
        grams = (
            (gram, seen)
            for run, seen in runs.items()
            for j in range(len(run) - n + 1)
            if (gram := run[j : j + n])[:-1] in frequent and gram[1:] in frequent
        )
        frequent = _recurring(grams, need)
        if not frequent:
            break
        found.extend(frequent)
    return sorted({"".join(g) for g in found if _clean(g, segmenter, options)})


def _recurring(grams: Iterable[tuple[tuple[str, ...], set[str]]], need: int) -> set:
    """The grams seen in at least `need` texts."""
    texts_of: dict[tuple[str, ...], set[str]] = {}
    for gram, seen in grams:
        slugs = texts_of.setdefault(gram, set())
        if len(slugs) < need:
            slugs.update(seen)
    return {g for g, slugs in texts_of.items() if len(slugs) >= need}


def _clean(gram: tuple[str, ...], segmenter: Segmenter, options: MiningOptions) -> bool:
    text = "".join(gram)
    if not RE_HAN.search(text) or text[0] in FUNCTION_CHARS or text[-1] in FUNCTION_CHARS:
        return False
    if any(ch.isascii() and ch.isdigit() for ch in text):  # dates and counts are no formulae
        return False
    if gram[0] in EDGE_WORDS or gram[-1] in EDGE_WORDS or RE_ITEM_WORD.match(gram[0]):
        return False
    if len(gram) == 1:
        return len(text) >= 3 and segmenter.dictionary_frequency(text) < options.rare_word_frequency
    return len(text) >= options.min_chars


class PhraseFinder:
    """Finds every written form of every phrase in a text with one automaton. Nothing more."""

    def __init__(self, forms: dict[str, str]) -> None:
        """`forms` maps each written form to its phrase."""
        self._automaton = ahocorasick.Automaton()
        for form, phrase in sorted(forms.items()):
            self._automaton.add_word(form, (len(form), phrase))
        self._empty = not forms
        if forms:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Every match as (start, end, phrase), overlapping ones included, by position.

        >>> PhraseFinder({"两个维护": "两个维护", "维护": "维护"}).find("做到两个维护")
        [(2, 6, '两个维护'), (4, 6, '维护')]
        """
        if self._empty:
            return []
        matches = [
            (end + 1 - length, end + 1, phrase)
            for end, (length, phrase) in self._automaton.iter(text)
        ]
        return sorted(matches, key=lambda m: (m[0], -m[1], m[2]))


def longest_first(matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping matches, longer ones winning, in text order.

    >>> longest_first([(0, 4, "a"), (2, 8, "b"), (8, 10, "c")])
    [(2, 8, 'b'), (8, 10, 'c')]
    """
    if not matches:
        return []
    used = bytearray(max(end for _, end, _ in matches))
    taken: list[tuple[int, int, str]] = []
    for match in sorted(matches, key=lambda m: (m[0] - m[1], m[0], m[2])):
        start, end, _ = match
        if not any(used[start:end]):
            used[start:end] = b"\x01" * (end - start)
            taken.append(match)
    return sorted(taken)


def fragments(contexts: dict[str, tuple[list[str], list[str]]], phrases: set[str]) -> set[str]:
    """Phrases that are only ever the start (or end) of longer expressions.

    `contexts` maps a phrase to the characters before and after each occurrence
    ('' at a paragraph's edge). A phrase is a fragment when a Chinese character
    always follows it and either at most two different ones do (贯彻习近平 →
    新, 总), or at most four do and a longer phrase starts with it (党的政治 →
    党的政治纪律); or when one and the same character always precedes it and a
    longer phrase ends with it.

    >>> ctx = {"党的政治": (["对", "严"], ["纪", "建", "功"])}
    >>> ctx["党的政治纪律"] = (["对", "严"], ["和", "，"])
    >>> sorted(fragments(ctx, set(ctx)))
    ['党的政治']
    """
    prefixes = {p[:k] for p in phrases for k in range(1, len(p))}
    suffixes = {p[k:] for p in phrases for k in range(1, len(p))}
    out = set()
    for phrase, (before, after) in contexts.items():
        following = set(after)
        continued = bool(after) and all(RE_HAN.match(ch) for ch in following)
        if continued and (len(following) <= 2 or (len(following) <= 4 and phrase in prefixes)):
            out.add(phrase)
        preceding = set(before)
        if len(preceding) == 1 and RE_HAN.match(before[0]) and phrase in suffixes:
            out.add(phrase)
    return out


def covered(matches: list[tuple[int, int, str]]) -> set[int]:
    """Indexes of matches that lie inside a longer match of the same unit.

    >>> sorted(covered([(0, 4, "ab"), (2, 4, "b"), (5, 6, "c"), (5, 6, "c")]))
    [1]
    """
    out = set()
    reach = -1  # the furthest end of the matches starting at or before the current one
    order = sorted(range(len(matches)), key=lambda i: (matches[i][0], -matches[i][1]))
    previous = None
    for i in order:
        start, end, _ = matches[i]
        if reach >= end and previous != (start, end):
            out.add(i)
        if end > reach:
            reach, previous = end, (start, end)
    return out
