"""The configuration of a build: where it reads and writes (`BuildConfig`), and every constant
that tunes what it finds and shows (`Tuning`), each with its default and what it does.

What a build keeps for the next one applies only while the tuning (and the code) is the
same: `Tuning.digest` is part of every cache key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from pathlib import Path

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
FUNCTION_CHARS = frozenset(
    "的地得了和与及等在是对把被将从向为而并或也都就还又着过之其所这那上中下个很更再才只仅已"
)
EDGE_WORDS = frozenset(
    """
    没有 不够 不断 一些 进一步 很好 及时 真正 完全 问题 工作 方面 深入 具体
    实际 带头 存在 主要 认真 有效 有待 还有 还要 还需 能够 更加 切实 自己 我们
    同时 一定 重要 关于 针对 按照 根据 作为
    """.split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Tuning:
    """Every constant that shapes what the build finds and shows. Nothing more."""

    # The outline parser (outline.py)
    max_inline_title: int = 30
    """Longest title (in characters) of a heading found inside a line."""
    max_title: int = 40
    """Longest heading title in characters: a heading whose first sentence is longer takes its
    first clause (up to its first comma) as title."""
    max_prefix: int = 12
    """Longest prefix (in characters, before white space) a line may have before its first
    marker: `现将有关情况报告如下 一、存在的问题`."""
    max_clean_title: int = 25
    """Longest level-1 title that counts as evidence for run-on titles."""
    min_evidence_suffix: int = 4
    """A run-on title may end with the last this-many characters of a clean title."""

    # Hard-wrapped sources (wrapping.py)
    wrap_min_lines: int = 8
    """A text is hard-wrapped only if at least this many lines end without ending a sentence."""
    wrap_share: float = 0.6
    """… and this share of its lines end so, this share of those at about one width."""
    wrap_slack: int = 4
    """Columns (a Chinese character is two) a wrapped line may fall short of the wrap width."""
    wrap_min_width: int = 30
    """Narrowest wrap width, in columns: short heading lines are no wrapping."""

    # Phrase mining (phrases.py)
    glossary_margin: int = 4
    """A mined phrase that is a glossary form with at most this many characters around it is
    dropped, so that the form is marked (落实中央八项规定 → 中央八项规定)."""
    min_texts: int = 2
    """A phrase found automatically must occur in at least this many texts (`--min-texts`)."""
    min_chars: int = 4
    """Shortest mined phrase of two or more words, in characters."""
    max_words: int = 10
    """Longest mined phrase, in words."""
    rare_word_frequency: int = 50
    """A single word of 3+ characters is a phrase when jieba's dictionary counts it fewer times."""
    function_chars: frozenset[str] = FUNCTION_CHARS
    """A mined phrase neither starts nor ends on one of these characters."""
    edge_words: frozenset[str] = EDGE_WORDS
    """Genre filler that makes a fragment, not a formula, at either end of a phrase (没有很好)."""
    fragment_followers: int = 2
    """A phrase always followed by a Chinese character, one of at most this many, is a fragment
    (贯彻习近平 → 新, 总)."""
    fragment_followers_of_prefix: int = 4
    """... or one of at most this many, when a longer phrase starts with it (党的政治)."""

    # Keywords (keywords.py)
    stop_words: frozenset[str] = STOP_WORDS
    """Words of the genre too common to characterise a text (问题, 工作, 方面, 进一步, …)."""
    keyword_min_chars: int = 2
    """Shortest keyword, in characters."""
    keyword_min_count: int = 2
    """A word must occur this often in a text (or section) to be one of its keywords."""
    keyword_everywhere: int = 3
    """Among at least this many texts (or sections), a word found in all of them is no
    keyword."""
    text_keywords: int = 10
    """Keywords shown for each text."""
    section_keywords: int = 5
    """Keywords shown for each top-level section."""
    keyword_sections: int = 3
    """Sections listed for each word of the keyword index (where it ranks highest)."""

    # Related sections (related.py)
    related_shown: int = 3
    """Related sections (另见) shown under each top-level section."""
    related_min_shared: int = 2
    """Phrases two sections must share to be related."""
    related_max_sections: int = 50
    """Phrases in more top-level sections than this are too common to relate two of them."""
    related_candidates: int = 200
    """Sections compared exactly with each section, found through its rarest phrases."""

    # Shared passages (reuse.py)
    reuse_min_chars: int = 15
    """Characters (after folding punctuation, white space and scripts) a passage two texts
    share must have at least."""
    reuse_max_texts: int = 20
    """A run of `reuse_min_chars` characters found in more texts than this (or, in a corpus
    of fewer than 40 texts, in more than half of them) is a stock phrase of the genre, not
    reuse; a passage around it still counts."""
    reuse_listed: int = 10
    """Other texts a text's page names as sharing passages with it: those sharing most."""
    reuse_pairs: int = 200
    """Pairs of texts listed on the shared-passages page, each with a page of its own: those
    sharing the largest part of their text."""

    # Pages (render_markdown.py, render_phrases.py)
    concordance_limit: int = 100
    """Occurrences listed on a phrase's page (`--concordance-limit`); counts stay complete."""
    concordance_context: int = 20
    """Characters of context on each side of a concordance line."""
    frequency_bars: int = 30
    """Texts shown in a phrase's frequency chart: those where it occurs most."""
    catalogue_texts: int = 200
    """Texts the home page lists one by one; beyond that it lists the years, each with a page
    of its own (`texts/years/<year>/`), so that it stays light at any size."""
    label_chars: int = 16
    """Characters of a heading shown in a link to another text's section."""
    opening_chars: int = 60
    """Characters of a section's text an aspect page shows beside its heading."""
    trend_phrases: int = 20
    """Glossary terms, and as many mined phrases, compared year by year on the trends page:
    the most frequent."""

    def digest(self, *names: str) -> str:
        """A digest of the values of fields `names` (all fields if none are named), stable
        across runs (sets are sorted).

        >>> Tuning().digest() == Tuning().digest() != Tuning(min_texts=3).digest()
        True
        >>> Tuning().digest(*PARSER_FIELDS) == Tuning(min_texts=3).digest(*PARSER_FIELDS)
        True
        """
        h = hashlib.sha256()
        for f in fields(self):
            if names and f.name not in names:
                continue
            value = getattr(self, f.name)
            if isinstance(value, frozenset):
                value = sorted(value)
            h.update(f"{f.name}={value!r}\n".encode())
        return h.hexdigest()


PARSER_FIELDS = (
    "max_inline_title",
    "max_title",
    "max_prefix",
    "max_clean_title",
    "min_evidence_suffix",
)
"""The fields of `Tuning` a text's outline depends on."""


@dataclass(frozen=True)
class BuildConfig:
    """Where the build reads from and writes to, and its tuning."""

    corpus_dir: Path = Path("corpus")
    """Folder holding the source `.txt` files, `metadata.yml` and `glossary.yml`."""
    docs_dir: Path = Path("docs")
    """MkDocs `docs_dir`; the generator owns only its folders `layout.GENERATED` (texts/,
    phrases/, keywords/, aspects/, data/, trends/, reuse/) and their record
    `layout.OWNED_FILE`."""
    mkdocs_config: Path = Path("mkdocs.yml")
    """MkDocs configuration used by the `site` command."""
    site_dir: Path = Path("site")
    """Where the `site` command publishes the built website."""
    cache_dir: Path | None = Path(".cache/build_corpus")
    """What a build keeps for the next one; None builds afresh and keeps nothing."""
    tuning: Tuning = field(default_factory=Tuning)
    """Every constant that shapes what the build finds and shows."""
    glossary: Path | None = None
    """The corpus's own glossary, laid over the default one; None: `glossary.yml` in the
    corpus folder, if there is one."""
    default_glossary: bool = True
    """Apply the glossary that comes with the tool (`glossary.DEFAULT_GLOSSARY`)."""

    @property
    def glossary_file(self) -> Path:
        """The corpus's own definitions of formulae."""
        return self.glossary or self.corpus_dir / "glossary.yml"

    @property
    def metadata_file(self) -> Path:
        """The corpus metadata file."""
        return self.corpus_dir / "metadata.yml"


DEFAULT_TUNING = Tuning()
"""The tuning used when none is given."""
