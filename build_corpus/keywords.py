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
from typing import TypeVar

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


def tfidf(documents: dict[K, Counter[str]], top: int) -> dict[K, list[Keyword]]:
    """The `top` keywords of each document; ties broken by the word.

    tf is a word's share of its document's candidate words; idf is
    ln((1 + N) / (1 + df)) + 1 over these N documents. A word must occur twice
    in a document, and, among three or more documents, not in all of them.
    """
    idf, n, df = _idf(documents)
    out: dict[K, list[Keyword]] = {}
    for key, counts in documents.items():
        total = sum(counts.values()) or 1
        scored = heapq.nsmallest(
            top,
            (
                (-(count / total * idf[word]), word, count)
                for word, count in counts.items()
                if count >= 2 and not (n >= 3 and df[word] == n)
            ),
        )
        out[key] = [Keyword(word, round(-score, 6), count) for score, word, count in scored]
    return out


def scores(documents: dict[K, Counter[str]], words: set[str]) -> dict[str, list[tuple[float, K]]]:
    """For each of `words`, its score in every document where `tfidf` would rank it."""
    idf, n, df = _idf(documents)
    out: dict[str, list[tuple[float, K]]] = {}
    for key, counts in documents.items():
        total = sum(counts.values()) or 1
        for word in words & counts.keys():
            count = counts[word]
            if count >= 2 and not (n >= 3 and df[word] == n):
                out.setdefault(word, []).append((round(count / total * idf[word], 6), key))
    return out


def _idf(documents: dict[K, Counter[str]]) -> tuple[dict[str, float], int, Counter[str]]:
    df: Counter[str] = Counter()
    for counts in documents.values():
        df.update(counts.keys())
    n = len(documents)
    return {word: math.log((1 + n) / (1 + d)) + 1 for word, d in df.items()}, n, df


def candidate_counts(tokens: list[str]) -> Counter[str]:
    """Counts of the keyword candidates among `tokens`."""
    return Counter(t for t in tokens if is_candidate(t))
