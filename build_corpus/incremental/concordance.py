"""The concordance: each phrase's first occurrences in corpus order, up to a limit.

A phrase's page lists where it occurs, text by text in corpus order, up to
`concordance_limit` lines (its counts per text stay complete):
`first_occurrences` takes them from the texts holding it.

`Concordance` keeps every phrase's list between builds, each pickled apart,
so that a build unpickles only the lists it looks at. After some texts were
annotated again, `Concordance.refresh` takes up only the phrases whose list
can change, and keeps a full list whose texts all come before the first
text redone.
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import partial

from build_corpus.model import Occurrence

Spans = list[tuple[str, int, int]]
"""A phrase's occurrences in one text: (anchor, start, end)."""


def first_occurrences(
    names: Iterable[str], found_in: Callable[[str, int], list[Occurrence]], limit: int
) -> list[Occurrence]:
    """The first `limit` occurrences of a phrase, from the texts holding it (`names`, in
    corpus order); `found_in(name, room)` gives its occurrences in one text in reading
    order: all of them, or at least the first `room`.

    >>> found = {"a": [Occurrence("a", "s1-p1", 0, 2)] * 2, "b": [Occurrence("b", "s0-p1", 3, 5)]}
    >>> [o.name for o in first_occurrences(["a", "b"], lambda n, room: found[n], 3)]
    ['a', 'a', 'b']
    """
    out: list[Occurrence] = []
    for name in names:
        if len(out) >= limit:
            break
        room = limit - len(out)
        out.extend(found_in(name, room)[:room])
    return out


class Concordance:
    """Every phrase's first occurrences, kept between builds, each list pickled apart."""

    def __init__(self) -> None:
        self._stored: dict[str, bytes] = {}
        self._lists: dict[str, list[Occurrence]] = {}

    def __contains__(self, phrase: str) -> bool:
        return phrase in self._stored

    def get(self, phrase: str) -> list[Occurrence]:
        """A phrase's first occurrences; [] if none are kept."""
        found = self._lists.get(phrase)
        if found is None:
            stored = self._stored.get(phrase)
            found = self._lists[phrase] = pickle.loads(stored) if stored else []
        return found

    def set(self, phrase: str, occurrences: list[Occurrence]) -> None:
        self._lists[phrase] = occurrences
        self._stored[phrase] = pickle.dumps(occurrences, protocol=pickle.HIGHEST_PROTOCOL)

    def pop(self, phrase: str) -> None:
        self._lists.pop(phrase, None)
        self._stored.pop(phrase, None)

    def refresh(
        self,
        phrases: Iterable[str],
        counts: Mapping[str, Mapping[str, int]],
        fresh: Mapping[str, Mapping[str, Spans]],
        redone: set[str],
        position: Mapping[str, int],
        find: Callable[[str, str], list[Occurrence]],
        limit: int,
    ) -> set[str]:
        """Bring the lists of `phrases` up to date; return those whose list changed.

        `counts` holds each phrase's count in each text holding it; `fresh` the
        occurrences of each phrase in each text annotated again; `redone` those
        texts and the ones removed; `position` each text's place in corpus order;
        `find(name, phrase)` finds a phrase in a text not annotated again.
        """
        changed = set()
        for phrase in phrases:
            stored = self.get(phrase)
            if len(stored) == limit and phrase in self:
                cut = position.get(stored[-1].name, -1)
                if all(o.name not in redone for o in stored) and all(
                    position[n] > cut for n in fresh if phrase in fresh[n]
                ):
                    continue  # full, and every text redone comes after its last line
            kept: dict[str, list[Occurrence]] = defaultdict(list)
            for o in stored:
                kept[o.name].append(o)
            per_text = counts.get(phrase, {})

            def found_in(
                name: str, room: int, phrase=phrase, kept=kept, per_text=per_text
            ) -> list[Occurrence]:
                if name in fresh:
                    spans = fresh[name].get(phrase, [])[:room]
                    return [_occurrence((name, *span)) for span in spans]
                if len(kept[name]) >= min(per_text[name], room):
                    return kept[name]  # all it holds, or as many as there is room for
                return find(name, phrase)

            names = sorted(per_text, key=position.__getitem__)
            out = first_occurrences(names, found_in, limit)
            if out != stored:
                self.set(phrase, out)
                changed.add(phrase)
        return changed

    def __getstate__(self) -> dict[str, bytes]:
        return self._stored

    def __setstate__(self, stored: dict[str, bytes]) -> None:
        self._stored, self._lists = stored, {}


_occurrence = partial(tuple.__new__, Occurrence)
"""`Occurrence` from a tuple of its fields, without a Python-level call (a full build makes
every phrase's list of first occurrences: at 1,000 texts, 150,000 of them)."""
