"""Keywords: TF-IDF with document frequencies counted over this corpus.

A text's keywords weigh each word's share of the text by how few texts use it;
a section's keywords weigh its share of the section by how few of the corpus's
top-level sections use it. Genre filler is left out by a stop list
(`config.Tuning.stop_words`).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable
from typing import Generic, TypeVar

from .config import DEFAULT_TUNING, Tuning
from .model import Keyword
from .segmentation import RE_HAN

K = TypeVar("K")


def is_candidate(word: str, tuning: Tuning = DEFAULT_TUNING) -> bool:
    """Whether `word` may be a keyword: two or more characters, Chinese, not filler.

    >>> [is_candidate(w) for w in ("两个维护", "问题", "的", "2021")]
    [True, False, False, False]
    """
    return (
        len(word) >= tuning.keyword_min_chars
        and bool(RE_HAN.search(word))
        and word not in tuning.stop_words
    )


class Documents(Generic[K]):
    """Keyword-candidate counts of a set of documents, kept as TF-IDF needs them.

    A build adds and removes documents by difference (removing needs the
    counts the document was added with), so a corpus of a thousand texts is
    not recounted when one of them changes. Only words that occur at least
    `min_count` times in a document can rank there, so only those are kept per document;
    document frequencies and corpus totals are kept for every word.

    Rankings are kept too: while the number of documents stays the same, a
    document is ranked again only if it changed or holds (rankable) a word whose
    document frequency changed; no other score can have moved.
    """

    def __init__(self, tuning: Tuning = DEFAULT_TUNING) -> None:
        self.min_count = tuning.keyword_min_count
        """A word must occur this often in a document to rank there."""
        self.everywhere = tuning.keyword_everywhere
        """Among this many documents or more, a word found in all of them does not rank."""
        self.df: Counter[str] = Counter()
        """In how many documents each word occurs."""
        self.occurrences: Counter[str] = Counter()
        """How often each word occurs in all documents."""
        self.totals: dict = {}
        """Number of candidate words of each document."""
        self.rankable: dict = {}
        """Words that occur at least `min_count` times in each document, with their counts."""
        self.postings: dict[str, set] = {}
        """Documents in which each word occurs at least `min_count` times."""
        self._ranked: dict = {}
        self._top = 0
        self._size = -1
        self._changed: set = set()
        self._delta: Counter[str] = Counter()

    def add(self, key: K, counts: Counter[str]) -> None:
        """Count a document in (its key must not be counted already)."""
        if key in self.totals:
            raise ValueError(f"document {key!r} is already counted")
        self.df.update(counts.keys())
        self._delta.update(counts.keys())
        self.occurrences.update(counts)
        self.totals[key] = sum(counts.values())
        rankable = self.rankable[key] = {w: n for w, n in counts.items() if n >= self.min_count}
        for word in rankable:
            self.postings.setdefault(word, set()).add(key)
        self._changed.add(key)

    def remove(self, key: K, counts: Counter[str]) -> None:
        """Count a document out, with the counts it was added with."""
        del self.totals[key]
        for word in self.rankable.pop(key):
            _discard(self.postings, word, key)
        for word, n in counts.items():
            _take(self.df, word, 1)
            _take(self.occurrences, word, n)
            self._delta[word] -= 1
        self._changed.add(key)

    def refresh(self, top: int) -> dict[K, list[Keyword]]:
        """The `top` keywords of each document, by key; ties broken by the word. Ranks
        again the documents whose ranking can have moved since the last refresh (see the
        class), and starts counting changes afresh.

        tf is a word's share of its document's candidate words; idf is
        ln((1 + N) / (1 + df)) + 1 over these N documents. A word must occur
        `min_count` times in a document, and, among `everywhere` or more documents, not in all
        of them.
        """
        n = len(self.totals)
        if n != self._size or top != self._top:
            todo = set(self.totals)
            self._ranked = {}
        else:
            todo = {key for key in self._changed if key in self.totals}
            for word, change in self._delta.items():
                if change:
                    todo |= self.postings.get(word, set())
        for key in self._changed - self.totals.keys():
            self._ranked.pop(key, None)
        idf: dict[str, float] = {}
        for key in sorted(todo):
            scored = self._scores(key, self.rankable[key], idf)
            self._ranked[key] = heapq.nsmallest(top, ((-x, w, c) for w, c, x in scored))
        self._top, self._size, self._changed, self._delta = top, n, set(), Counter()
        return {
            key: [Keyword(word, round(-score, 6), count) for score, word, count in best]
            for key, best in self._ranked.items()
        }

    def scores(self, words: set[str]) -> dict[str, list[tuple[float, K]]]:
        """For each of `words`, its score in every document where `refresh` ranks it (in no
        particular order)."""
        n = len(self.totals)
        out: dict[str, list[tuple[float, K]]] = {}
        for word in words:
            d = self.df[word]
            if word not in self.postings or (n >= self.everywhere and d == n):
                continue
            weight = math.log((1 + n) / (1 + d)) + 1
            out[word] = [
                (round(self.rankable[key][word] / (self.totals[key] or 1) * weight, 6), key)
                for key in self.postings[word]
            ]
        return out

    def _scores(self, key: K, counts: dict[str, int], idf: dict[str, float]):
        """(word, count, score) of `counts`' rankable words in document `key`."""
        n = len(self.totals)
        total = self.totals[key] or 1
        out = []
        for word, count in counts.items():
            d = self.df[word]
            if n >= self.everywhere and d == n:
                continue
            weight = idf.get(word)
            if weight is None:
                weight = idf[word] = math.log((1 + n) / (1 + d)) + 1
            out.append((word, count, count / total * weight))
        return out


def _discard(postings: dict[str, set], word: str, key: object) -> None:
    keys = postings[word]
    keys.discard(key)
    if not keys:
        del postings[word]


def _take(counter: Counter[str], word: str, n: int) -> None:
    left = counter[word] - n
    if left > 0:
        counter[word] = left
    else:
        del counter[word]


def candidates(tokens: Iterable[str], tuning: Tuning = DEFAULT_TUNING) -> list[str]:
    """The keyword candidates among `tokens`, in order."""
    return [t for t in tokens if is_candidate(t, tuning)]
