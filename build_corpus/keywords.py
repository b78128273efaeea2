"""Keywords: TF-IDF with document frequencies counted over this corpus.

A text's keywords weigh each word's share of the text by how few texts use it;
a section's keywords weigh its share of the section by how few of the corpus's
top-level sections use it. Genre filler is left out by a stop list.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable
from typing import Generic, TypeVar

from .model import Keyword

K = TypeVar("K")

STOP_WORDS = frozenset(
    """
    问题 工作 方面 进一步 不够 没有 存在 加强 提高 推动 坚持 不断 深入 有时
    一些 自己 我们 同志 能够 还有 还要 还是 更加 切实 以及 通过 对于 进行 作为
    一定 其中 方式 情况 要求 时候 目前 当前 今后 一是 二是 三是 四是 五是 一要
    二要 三要 四要 虽然 但是 因为 所以 如果 就是 这个 那个 这些 那些 什么 怎么
    如何 不是 已经 仍然 依然 比如 例如 再如 特别 尤其 主要 有所 有待 不足 差距
    表现 原因 措施 整改 查摆 对照 检查 剖析 分析 上级 相关 有关 各项 各种 一步
    很多 较多 不多 不少 多少 之间 之中 以上 以下 以来 一年 今年 去年 全面 认真
    同时 导致 具体 实际 一直 始终 真正 不能 只是 而是 还需 需要 需 做到 做好
    抓好 落实 开展 采取 结合 围绕 按照 根据 针对 地方 部门 单位 全省 全市 全区
    我市 本地 力度 持续 建设 程度 认为 意见 一批 自我 指导 缺乏 能力 说明 事项
    会上 年度 专题 取得 善于 明显 亲自 教育 深化 任务 理解 把握 发展 制度 政策
    思想 政治 带头 市委 省委 区委 领导 干部 成员 部署 指示 重要
    """.split()  # noqa: SIM905
)
"""Words of the genre too common to characterise a text (问题, 工作, 方面, 进一步, …)."""

RE_HAN = re.compile(r"[\u3400-\u9fff]")


def is_candidate(word: str) -> bool:
    """Whether `word` may be a keyword: two or more characters, Chinese, not filler.

    >>> [is_candidate(w) for w in ("两个维护", "问题", "的", "2021")]
    [True, False, False, False]
    """
    return len(word) >= 2 and bool(RE_HAN.search(word)) and word not in STOP_WORDS


class Documents(Generic[K]):
    """Keyword-candidate counts of a set of documents, kept as TF-IDF needs them.

    A build adds and removes documents by difference (removing needs the
    counts the document was added with), so a corpus of a thousand texts is
    not recounted when one of them changes. Only words that occur at least
    twice in a document can rank there, so only those are kept per document;
    document frequencies and corpus totals are kept for every word.

    Rankings are kept too: while the number of documents stays the same, a
    document is ranked again only if it changed or holds (twice) a word whose
    document frequency changed; no other score can have moved.
    """

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        """In how many documents each word occurs."""
        self.occurrences: Counter[str] = Counter()
        """How often each word occurs in all documents."""
        self.totals: dict = {}
        """Number of candidate words of each document."""
        self.rankable: dict = {}
        """Words that occur at least twice in each document, with their counts."""
        self.postings: dict[str, set] = {}
        """Documents in which each word occurs at least twice."""
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
        rankable = self.rankable[key] = {w: n for w, n in counts.items() if n >= 2}
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

    def tfidf(self, top: int) -> dict[K, list[Keyword]]:
        """The `top` keywords of each document, by key; ties broken by the word.

        tf is a word's share of its document's candidate words; idf is
        ln((1 + N) / (1 + df)) + 1 over these N documents. A word must occur
        twice in a document, and, among three or more documents, not in all of them.
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
        """For each of `words`, its score in every document where `tfidf` ranks it (in no
        particular order)."""
        n = len(self.totals)
        out: dict[str, list[tuple[float, K]]] = {}
        for word in words:
            d = self.df[word]
            if word not in self.postings or (n >= 3 and d == n):
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
            if n >= 3 and d == n:
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


def candidates(tokens: Iterable[str]) -> list[str]:
    """The keyword candidates among `tokens`, in order."""
    return [t for t in tokens if is_candidate(t)]
