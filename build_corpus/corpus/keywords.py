"""Keywords: TF-IDF with document frequencies counted over this corpus.

A text's keywords weigh each word's share of the text by how few texts use it;
a section's keywords weigh its share of the section by how few of the corpus's
top-level sections use it. Genre filler is left out by a stop list
(`config.Tuning.stop_words`). `keywords` ranks a whole corpus; `Documents`
keeps the counts between builds and ranks again only where scores can move.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar

from build_corpus.config import DEFAULT_TUNING, Tuning
from build_corpus.model import Keyword
from build_corpus.text.segmentation import RE_HAN

K = TypeVar("K")


def candidates(tokens: Iterable[str], tuning: Tuning = DEFAULT_TUNING) -> list[str]:
    """The keyword candidates among `tokens`, in order: words of `keyword_min_chars` or more
    characters, Chinese, and not genre filler (`stop_words`).

    >>> candidates(["坚决", "做到", "两个维护", "问题", "的", "2021"])
    ['坚决', '两个维护']
    """
    least, stop, han = tuning.keyword_min_chars, tuning.stop_words, RE_HAN.search
    return [t for t in tokens if len(t) >= least and t not in stop and han(t)]


def idf(n: int, df: int) -> float:
    """Inverse document frequency of a word found in `df` of `n` documents.

    >>> round(idf(10, 1), 3), idf(10, 10)
    (2.705, 1.0)
    """
    return math.log((1 + n) / (1 + df)) + 1


def ranks(n: int, df: int, tuning: Tuning = DEFAULT_TUNING) -> bool:
    """Whether a word found in `df` of `n` documents may rank: not when it is in every one of
    `keyword_everywhere` or more documents."""
    return not (n >= tuning.keyword_everywhere and df == n)


def rank(
    counts: Mapping[str, int],
    total: int,
    df: Mapping[str, int],
    n: int,
    top: int,
    tuning: Tuning = DEFAULT_TUNING,
    weights: dict[str, float] | None = None,
) -> list[Keyword]:
    """The `top` keywords of one document, best first, ties broken by the word.

    A keyword occurs at least `keyword_min_count` times in the document
    (`counts`); its score is tf·idf: tf its share of the document's `total`
    candidate words, idf over the `n` documents (`df`: in how many each word
    occurs). `weights` remembers idf across the documents of one ranking.
    """
    weights = {} if weights is None else weights
    least = tuning.keyword_min_count
    everywhere = n if not ranks(n, n, tuning) else -1  # the df of a word that may not rank
    scored = []
    for word, count in counts.items():
        d = df[word]
        if count < least or d == everywhere:
            continue
        weight = weights.get(word)
        if weight is None:
            weight = weights[word] = idf(n, d)
        scored.append((-(count / (total or 1) * weight), word, count))
    return [Keyword(w, round(-score, 6), c) for score, w, c in heapq.nsmallest(top, scored)]


def keywords(
    documents: Mapping[K, Mapping[str, int]], top: int, tuning: Tuning = DEFAULT_TUNING
) -> dict[K, list[Keyword]]:
    """The `top` keywords of each document (its candidate words counted), from scratch."""
    df = Counter(word for counts in documents.values() for word in counts)
    weights: dict[str, float] = {}
    return {
        key: rank(counts, sum(counts.values()), df, len(documents), top, tuning, weights)
        for key, counts in documents.items()
    }


class Documents(Generic[K]):
    """The counts `keywords` ranks, kept between builds, and the rankings.

    A build adds and removes documents by difference (removing needs the
    counts the document was added with), so a corpus of a thousand texts is
    not recounted when one of them changes. Only words that occur at least
    `keyword_min_count` times in a document can rank there, so only those are
    kept per document; document frequencies and corpus totals are kept for
    every word.

    While the number of documents stays the same, `refresh` ranks again only
    the documents that changed or hold (rankably) a word whose document
    frequency changed; no other score can have moved.
    """

    def __init__(self, tuning: Tuning = DEFAULT_TUNING) -> None:
        self.tuning = tuning
        self.df: Counter[str] = Counter()
        """In how many documents each word occurs."""
        self.occurrences: Counter[str] = Counter()
        """How often each word occurs in all documents."""
        self.totals: dict = {}
        """Number of candidate words of each document."""
        self.rankable: dict = {}
        """Words that occur at least `keyword_min_count` times in each document, counted."""
        self.postings: dict[str, set] = {}
        """Documents in which each word occurs at least `keyword_min_count` times."""
        self._ranked: dict[K, list[Keyword]] = {}
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
        least = self.tuning.keyword_min_count
        rankable = self.rankable[key] = {w: n for w, n in counts.items() if n >= least}
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
        """The `top` keywords of each document (as `keywords` ranks them), by key. Ranks
        again the documents whose ranking can have moved since the last refresh, and starts
        counting changes afresh."""
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
        weights: dict[str, float] = {}
        for key in sorted(todo):
            counts, total = self.rankable[key], self.totals[key]
            self._ranked[key] = rank(counts, total, self.df, n, top, self.tuning, weights)
        self._top, self._size, self._changed, self._delta = top, n, set(), Counter()
        return dict(self._ranked)

    def scores(self, words: set[str]) -> dict[str, list[tuple[float, K]]]:
        """For each of `words`, its score in every document where it may rank (in no
        particular order)."""
        n = len(self.totals)
        out: dict[str, list[tuple[float, K]]] = {}
        for word in words:
            d = self.df[word]
            if word not in self.postings or not ranks(n, d, self.tuning):
                continue
            weight = idf(n, d)
            out[word] = [
                (round(self.rankable[key][word] / (self.totals[key] or 1) * weight, 6), key)
                for key in self.postings[word]
            ]
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
