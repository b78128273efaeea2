"""The configuration of a build: where it reads and writes (`BuildConfig`), and every constant
that tunes what it finds and shows (`Tuning`), each with its default, its scope and what it
does.

A field's scope says what changing it invalidates (as Sphinx's configuration values carry
their rebuild scope): `TEXT`, every text is read and parsed again; `CORPUS`, the corpus is
annotated afresh (each text's parse is kept); `PASSAGES`, the shared passages are found
again; `PAGE`, every page is rendered again and nothing is found again; `SEARCH`, only the
search index's settings change. What a build keeps is keyed by `Tuning.digest` of the scopes
it depends on, never by a hand-kept list of fields.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

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


TEXT = "text"
"""Scope of what shapes how each text is read (wrapping, title line), its outline and what
is kept of it: changed, every text is read and parsed again."""
CORPUS = "corpus"
"""Scope of what shapes the corpus-wide annotation (phrases, keywords, related sections,
concordance): changed, the corpus is annotated afresh; each text's parse is kept."""
PASSAGES = "passages"
"""Scope of what shapes the shared passages: changed, they are found again."""
PAGE = "page"
"""Scope of what shapes only how pages show what was found: changed, every page is rendered
again, and nothing is found again."""
SEARCH = "search"
"""Scope of the search's settings, which the browser reads from the index's manifest:
changed, only the manifest changes."""
SCOPES = (TEXT, CORPUS, PASSAGES, PAGE, SEARCH)


def tuned(default: Any, scope: str) -> Any:
    """A `Tuning` field: its default, and what changing it invalidates (`scope`)."""
    assert scope in SCOPES, scope
    return field(default=default, metadata={"scope": scope})


@dataclass(frozen=True)
class Tuning:
    """Every constant that shapes what the build finds and shows. Nothing more."""

    # The outline parser (text/outline.py)
    max_inline_title: int = tuned(30, TEXT)
    """Longest title (in characters) of a heading found inside a line."""
    max_title: int = tuned(40, TEXT)
    """Longest heading title in characters: a heading whose first sentence is longer takes its
    first clause (up to its first comma) as title."""
    max_prefix: int = tuned(12, TEXT)
    """Longest prefix (in characters, before white space) a line may have before its first
    marker: `现将有关情况报告如下 一、存在的问题`."""
    max_clean_title: int = tuned(25, TEXT)
    """Longest level-1 title that counts as evidence for run-on titles."""
    min_evidence_suffix: int = tuned(4, TEXT)
    """A run-on title may end with the last this-many characters of a clean title."""

    # Hard-wrapped sources (read/wrapping.py)
    wrap_min_lines: int = tuned(8, TEXT)
    """A text is hard-wrapped only if at least this many lines end without ending a sentence."""
    wrap_share: float = tuned(0.6, TEXT)
    """… and this share of its lines end so, this share of those at about one width."""
    wrap_slack: int = tuned(4, TEXT)
    """Columns (a Chinese character is two) a wrapped line may fall short of the wrap width."""
    wrap_min_width: int = tuned(30, TEXT)
    """Narrowest wrap width, in columns: short heading lines are no wrapping."""

    # A text's title line, when metadata.yml gives none (read/inferred.py)
    title_search_lines: int = tuned(5, TEXT)
    """Non-empty lines at the top of a text searched for its title line."""
    title_line_chars: int = tuned(80, TEXT)
    """The longest title line; a longer first line is a paragraph."""

    # Phrase mining (corpus/phrases.py)
    glossary_margin: int = tuned(4, CORPUS)
    """A mined phrase that is a glossary form with at most this many characters around it is
    dropped, so that the form is marked (落实中央八项规定 → 中央八项规定)."""
    min_texts: int = tuned(2, CORPUS)
    """A phrase found automatically must occur in at least this many texts (`--min-texts`)."""
    min_chars: int = tuned(4, CORPUS)
    """Shortest mined phrase of two or more words, in characters."""
    max_words: int = tuned(10, CORPUS)
    """Longest mined phrase, in words."""
    rare_word_frequency: int = tuned(50, CORPUS)
    """A single word of 3+ characters is a phrase when jieba's dictionary counts it fewer times."""
    function_chars: frozenset[str] = tuned(FUNCTION_CHARS, CORPUS)
    """A mined phrase neither starts nor ends on one of these characters."""
    edge_words: frozenset[str] = tuned(EDGE_WORDS, CORPUS)
    """Genre filler that makes a fragment, not a formula, at either end of a phrase (没有很好)."""
    fragment_followers: int = tuned(2, CORPUS)
    """A phrase always followed by a Chinese character, one of at most this many, is a fragment
    (贯彻习近平 → 新, 总)."""
    fragment_followers_of_prefix: int = tuned(4, CORPUS)
    """... or one of at most this many, when a longer phrase starts with it (党的政治)."""

    # Keywords (corpus/keywords.py)
    stop_words: frozenset[str] = tuned(STOP_WORDS, CORPUS)
    """Words of the genre too common to characterise a text (问题, 工作, 方面, 进一步, …)."""
    keyword_min_chars: int = tuned(2, CORPUS)
    """Shortest keyword, in characters."""
    keyword_min_count: int = tuned(2, CORPUS)
    """A word must occur this often in a text (or section) to be one of its keywords."""
    keyword_everywhere: int = tuned(3, CORPUS)
    """Among at least this many texts (or sections), a word found in all of them is no
    keyword."""
    text_keywords: int = tuned(10, CORPUS)
    """Keywords shown for each text."""
    section_keywords: int = tuned(5, CORPUS)
    """Keywords shown for each top-level section."""
    keyword_sections: int = tuned(3, CORPUS)
    """Sections listed for each word of the keyword index (where it ranks highest)."""

    # Related sections (corpus/related.py)
    related_shown: int = tuned(3, CORPUS)
    """Related sections (另见) shown under each top-level section."""
    related_min_shared: int = tuned(2, CORPUS)
    """Phrases two sections must share to be related."""
    related_max_sections: int = tuned(50, CORPUS)
    """Phrases in more top-level sections than this are too common to relate two of them."""
    related_candidates: int = tuned(200, CORPUS)
    """Sections compared exactly with each section, found through its rarest phrases."""

    # Shared passages (corpus/reuse.py)
    reuse_min_chars: int = tuned(15, PASSAGES)
    """Characters (after folding punctuation, white space and scripts) a passage two texts
    share must have at least."""
    reuse_max_texts: int = tuned(20, PASSAGES)
    """A run of `reuse_min_chars` characters found in more texts than this (or, in a corpus
    of fewer than 40 texts, in more than half of them) is a stock phrase of the genre, not
    reuse; a passage around it still counts."""
    reuse_max_repeats: int = tuned(8, PASSAGES)
    """A run of `reuse_min_chars` characters found more often than this in one text (a run of
    one character, a table of figures) is no seed of a passage there: pairing every place of
    it in one text with every place in another would cost their product."""
    reuse_listed: int = tuned(10, PAGE)
    """Other texts a text's page names as sharing passages with it: those sharing most."""
    reuse_pairs: int = tuned(200, PASSAGES)
    """Pairs of texts listed on the shared-passages page, each with a page of its own: those
    sharing the largest part of their text."""

    # Pages (render/markdown.py, render/phrases.py)
    concordance_limit: int = tuned(100, CORPUS)
    """Occurrences listed on a phrase's page (`--concordance-limit`); counts stay complete."""
    concordance_context: int = tuned(20, PAGE)
    """Characters of context on each side of a concordance line."""
    frequency_bars: int = tuned(30, PAGE)
    """Texts shown in a phrase's frequency chart: those where it occurs most."""
    catalogue_texts: int = tuned(200, PAGE)
    """Texts the home page lists one by one; beyond that it lists the years, each with a page
    of its own (`texts/years/<year>/`), so that it stays light at any size."""
    label_chars: int = tuned(16, PAGE)
    """Characters of a heading shown in a link to another text's section."""
    opening_chars: int = tuned(60, TEXT)
    """Characters of a section's text an aspect page shows beside its heading."""
    trend_phrases: int = tuned(20, PAGE)
    """Glossary terms, and as many mined phrases, compared year by year on the trends page:
    the most frequent."""

    # Search (the browser's search worker, through the index's manifest)
    search_title_weight: int = tuned(10, SEARCH)
    """A query found in a section's heading counts this many times one found in its text."""
    search_whole_word_weight: int = tuned(2, SEARCH)
    """A query found as a whole word (not inside a longer one) counts this many times."""
    search_teaser_before: int = tuned(40, SEARCH)
    """Characters of a section shown before the first place a query is found in it."""
    search_teaser_chars: int = tuned(240, SEARCH)
    """Characters of a section shown in a search result."""

    def digest(self, *scopes: str) -> str:
        """A digest of the values of the fields of these `scopes` (of every field if none is
        named), stable across runs (sets are sorted).

        >>> Tuning().digest() == Tuning().digest() != Tuning(min_texts=3).digest()
        True
        >>> Tuning().digest(TEXT) == Tuning(min_texts=3).digest(TEXT)
        True
        >>> Tuning().digest(TEXT) != Tuning(max_title=9).digest(TEXT)
        True
        """
        h = hashlib.sha256()
        for f in fields(self):
            if scopes and scope_of(f.name) not in scopes:
                continue
            value = getattr(self, f.name)
            if isinstance(value, frozenset):
                value = sorted(value)
            h.update(f"{f.name}={value!r}\n".encode())
        return h.hexdigest()

    def search_settings(self) -> dict[str, int]:
        """The fields of scope `SEARCH`, by name without its `search_` prefix: what the search
        index's manifest gives the browser's search worker."""
        return {
            f.name.removeprefix("search_"): getattr(self, f.name)
            for f in fields(self)
            if scope_of(f.name) == SEARCH
        }


def scope_of(name: str) -> str:
    """What changing the `Tuning` field `name` invalidates (one of `SCOPES`)."""
    return _SCOPES[name]


_SCOPES = {f.name: f.metadata["scope"] for f in fields(Tuning)}


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
