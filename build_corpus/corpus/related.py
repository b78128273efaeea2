"""Related sections: for each top-level section, the sections of other texts sharing the most
phrases with it.

Candidates for a section are the sections that share one of its rarer
phrases (in at most `related_max_sections` sections), weighted by how rare; the
best `related_candidates` of them are then compared exactly, and those sharing
at least `related_min_shared` phrases are ranked by how many they share (see
`config.Tuning`). `related_sections` does this for a whole corpus.

`Related` keeps the result between builds. When some sections change, only
the sections whose result can change are ranked again: the changed ones and
those sharing with them a phrase that is rare before or after the change.
The others' candidates, weights and shared counts are untouched (a change
in the number of sections changes every weight, and ranks every section again).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Set

from build_corpus.config import DEFAULT_TUNING, Tuning

Key = tuple[str, str]
"""A top-level section: (text name, anchor)."""
Best = list[tuple[str, str, int]]
"""Related sections of a section, best first: (name, anchor, phrases shared)."""


def related_sections(
    phrases: Mapping[Key, frozenset[str]], tuning: Tuning = DEFAULT_TUNING
) -> dict[Key, Best]:
    """The related sections of every section, from the phrases marked in each."""
    holders: dict[str, set[Key]] = {}
    for key, found in phrases.items():
        for phrase in found:
            holders.setdefault(phrase, set()).add(key)
    return {key: rank(key, phrases, holders, tuning) for key in sorted(phrases)}


def rank(
    key: Key,
    phrases: Mapping[Key, frozenset[str]],
    holders: Mapping[str, Set[Key]],
    tuning: Tuning = DEFAULT_TUNING,
) -> Best:
    """The sections of other texts related to section `key` (`phrases`: the phrases of every
    section; `holders`: the sections holding each phrase)."""
    found = phrases[key]
    n = len(phrases)
    score: Counter[Key] = Counter()
    for phrase in sorted(found):
        holding = holders[phrase]
        if len(holding) <= tuning.related_max_sections:
            weight = math.log(n / len(holding)) + 1
            for other in holding:
                if other[0] != key[0]:
                    score[other] += weight
    candidates = sorted(score, key=lambda o: (-score[o], o))[: tuning.related_candidates]
    shared = {o: len(found & phrases[o]) for o in candidates}
    ranked = sorted(
        (o for o in candidates if shared[o] >= tuning.related_min_shared),
        key=lambda o: (-shared[o], -score[o], o),
    )
    return [(name, anchor, shared[name, anchor]) for name, anchor in ranked[: tuning.related_shown]]


class Related:
    """The phrases of each top-level section and its related sections, kept between builds:
    `set` records a change, `refresh` ranks again where the result can have moved."""

    def __init__(self, tuning: Tuning = DEFAULT_TUNING) -> None:
        self.tuning = tuning
        self.phrases: dict[Key, frozenset[str]] = {}
        """Phrases marked in each top-level section."""
        self.sections_with: dict[str, set[Key]] = {}
        """Sections holding each phrase."""
        self.best: dict[Key, Best] = {}
        """Related sections of each section."""
        self._changed: set[Key] = set()
        self._seen: set[str] = set()
        self._before: dict[str, int] = {}
        self._size = 0

    def set(self, key: Key, phrases: frozenset[str] | None) -> None:
        """A section's phrases now; None for a section that is gone."""
        old = self.phrases.get(key, frozenset())
        new = phrases or frozenset()
        if phrases is None:
            self.phrases.pop(key, None)
            self.best.pop(key, None)
        else:
            self.phrases[key] = phrases
        self._changed.add(key)
        for phrase in old ^ new:
            holders = self.sections_with.setdefault(phrase, set())
            self._before.setdefault(phrase, len(holders))
            if phrase in new:
                holders.add(key)
            else:
                holders.discard(key)
                if not holders:
                    del self.sections_with[phrase]
        self._seen |= old | new

    def refresh(self) -> dict[Key, Best]:
        """Rank again the sections whose related sections can have changed since the last
        refresh; return those of every section."""
        n = len(self.phrases)
        if n != self._size:
            todo = set(self.phrases)
        else:
            todo = {key for key in self._changed if key in self.phrases}
            for phrase in self._seen:
                holders = self.sections_with.get(phrase, set())
                fewest = min(len(holders), self._before.get(phrase, len(holders)))
                if fewest <= self.tuning.related_max_sections:
                    todo |= holders
        for key in sorted(todo):
            self.best[key] = rank(key, self.phrases, self.sections_with, self.tuning)
        self._changed, self._seen, self._before, self._size = set(), set(), {}, n
        return self.best
