"""Annotation: phrases, their occurrences, keywords and related sections.

Runs after every text is parsed, on the whole corpus at once: phrase mining
needs all texts, and every page is then rendered from the same phrase list.
The corpus is segmented once (see `segmentation`). Each step below reads the
corpus's units (paragraphs and headings) in one pass and keeps only compact
statistics, so memory stays proportional to the corpus, not to the number of
phrase occurrences.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .anchors import pinyin_key, unique_slugs
from .config import DEFAULT_CONFIG
from .keywords import candidate_counts, tfidf
from .model import Annotations, GlossaryEntry, Occurrence, Phrase, Text
from .phrases import (
    DEFAULT_MINING,
    MiningOptions,
    PhraseFinder,
    Unit,
    covered,
    fragments,
    longest_first,
    mine_phrases,
)
from .progress import Progress
from .segmentation import Segmenter

TEXT_KEYWORDS = 10
SECTION_KEYWORDS = 5
KEYWORD_SECTIONS = 3
SEE_ALSO = 3
SEE_ALSO_MIN_SHARED = 2
SEE_ALSO_MAX_SECTIONS = 50
"""Phrases in more top-level sections than this are too common to relate two of them."""
SEE_ALSO_CANDIDATES = 200
"""Sections compared exactly with each section, found through its rarest phrases."""


@dataclass(frozen=True)
class CorpusUnit:
    """A paragraph or heading with the top-level section it belongs to."""

    unit: Unit
    """Its text and place."""
    top: str
    """Anchor of its top-level section, `s0` for the preamble."""


def corpus_units(texts: list[Text]) -> list[CorpusUnit]:
    """Every paragraph and heading of every text, in reading order."""
    return [CorpusUnit(unit, top) for text in texts for top, unit in units(text)]


def units(text: Text) -> Iterator[tuple[str, Unit]]:
    """Every paragraph and heading of a text with its top-level anchor, in reading order."""
    slug = text.meta.slug
    for paragraph in text.preamble:
        yield "s0", Unit(slug, paragraph.anchor, paragraph.text)
    for top in text.sections:
        for section in top.walk():
            yield top.anchor, Unit(slug, section.anchor, section.heading)
            for paragraph in section.paragraphs:
                yield top.anchor, Unit(slug, paragraph.anchor, paragraph.text)


def glossary_words(glossary: list[GlossaryEntry]) -> list[str]:
    """Glossary terms and variants that are single words for jieba's dictionary."""
    return [form for e in glossary for form in (e.term, *e.variants) if form.isalnum()]


def annotate(
    texts: list[Text],
    glossary: list[GlossaryEntry],
    segmenter: Segmenter,
    options: MiningOptions = DEFAULT_MINING,
    concordance_limit: int = DEFAULT_CONFIG.concordance_limit,
    tokens: list[list[str]] | None = None,
    progress: Progress | None = None,
) -> Annotations:
    """Every annotation step in order, each timed as a stage of `progress`.

    `tokens` are jieba's tokens of `corpus_units(texts)`, when the caller has
    them already (the pipeline takes them from its cache); cut here otherwise.
    """
    progress = progress or Progress(lines=False)
    units_ = corpus_units(texts)
    if tokens is None:
        tokens = segment(units_, segmenter)
    with progress.stage("phrases"):
        phrases = find_phrases(units_, tokens, glossary, segmenter, options)
    with progress.stage("mark", len(phrases), unit="phrase"):
        result = mark_phrases(units_, phrases, concordance_limit)
        words = merge_phrases(tokens, segmenter, phrases)
        result.boundaries = word_lengths(units_, words)
    with progress.stage("keywords"):
        add_keywords(result, texts, units_, words)
        add_see_also(result, units_)
    return result


def segment(
    units_: Iterable[CorpusUnit], segmenter: Segmenter, memo: dict[str, list[str]] | None = None
) -> list[list[str]]:
    """jieba's tokens of every unit (before phrases are merged).

    Each distinct text is cut once; units with the same text share one token
    list. Pass the same `memo` to share across calls.
    """
    memo = {} if memo is None else memo
    out = []
    for cu in units_:
        tokens = memo.get(cu.unit.text)
        if tokens is None:
            tokens = memo[cu.unit.text] = segmenter.cut(cu.unit.text)
        out.append(tokens)
    return out


@dataclass
class _Stats:
    """What phrase selection needs to know of one candidate. Nothing more."""

    total: int = 0
    inside: int = 0
    after: set[str] = field(default_factory=set)
    before: set[str] = field(default_factory=set)


def find_phrases(
    units_: list[CorpusUnit],
    tokens: list[list[str]],
    glossary: list[GlossaryEntry],
    segmenter: Segmenter,
    options: MiningOptions,
) -> list[Phrase]:
    """Mined phrases that are maximal and not fragments, and every glossary term; by pinyin."""
    by_text: dict[str, list[list[str]]] = defaultdict(list)
    for cu, toks in zip(units_, tokens, strict=True):
        by_text[cu.unit.slug].append(toks)
    mined = mine_phrases(by_text, segmenter, options)

    forms = {phrase: phrase for phrase in mined}
    entries = {e.term: e for e in glossary}
    for entry in glossary:
        for form in (entry.term, *entry.variants):
            forms[form] = entry.term
    finder = PhraseFinder(forms)

    stats: dict[str, _Stats] = defaultdict(_Stats)
    repeats = Counter(cu.unit.text for cu in units_)  # headings and boilerplate recur
    for text, times in repeats.items():
        found = finder.find(text)
        nested = covered(found)
        for i, (start, end, phrase) in enumerate(found):
            s = stats[phrase]
            s.total += times
            s.inside += times if i in nested else 0
            if len(s.after) <= 4:  # `fragments` looks at up to four contexts
                s.after.add(text[end : end + 1])
            if len(s.before) <= 1:
                s.before.add(text[start - 1 : start])

    maximal = {p for p, s in stats.items() if p in entries or s.inside < s.total}
    contexts = {
        p: (sorted(s.before), sorted(s.after)) for p, s in stats.items() if p not in entries
    }
    kept = sorted(maximal - fragments(contexts, maximal), key=lambda p: (pinyin_key(p), p))
    slugs = unique_slugs(kept)
    variants: dict[str, list[str]] = defaultdict(list)
    for form, phrase in sorted(forms.items()):
        if form != phrase:
            variants[phrase].append(form)
    return [Phrase(p, slugs[p], (p, *variants[p]), entries.get(p)) for p in kept]


def mark_phrases(units_: list[CorpusUnit], phrases: list[Phrase], limit: int) -> Annotations:
    """Find every occurrence of the phrases: counts, concordance, and marks (longest first)."""
    by_text = {p.text: p for p in phrases}
    finder = PhraseFinder({form: p.text for p in phrases for form in p.forms})
    result = Annotations(phrases=phrases)
    cache: dict[str, tuple[list[tuple[int, int, str]], list[tuple[int, int, Phrase]]]] = {}
    for cu in units_:
        slug, anchor = cu.unit.slug, cu.unit.anchor
        cached = cache.get(cu.unit.text)
        if cached is None:
            found = finder.find(cu.unit.text)
            marks = [(s, e, by_text[t]) for s, e, t in longest_first(found)]
            cached = cache[cu.unit.text] = (found, marks)
        found, marks = cached
        for start, end, text in found:
            phrase = by_text[text]
            phrase.counts[slug] = phrase.counts.get(slug, 0) + 1
            if len(phrase.occurrences) < limit:
                phrase.occurrences.append(Occurrence(slug, anchor, start, end))
        if marks:
            result.marks[slug, anchor] = marks
    return result


def merge_phrases(
    tokens: list[list[str]], segmenter: Segmenter, phrases: list[Phrase]
) -> list[list[str]]:
    """The one segmentation: jieba's tokens with the phrases merged into words."""
    segmenter.add_phrases(p.text for p in phrases)
    return [segmenter.merge(toks) for toks in tokens]


def word_lengths(
    units_: list[CorpusUnit], words: list[list[str]]
) -> dict[tuple[str, str], list[int]]:
    """Lengths of the words of every unit, for the search index's word boundaries."""
    return {
        (cu.unit.slug, cu.unit.anchor): [len(w) for w in ws]
        for cu, ws in zip(units_, words, strict=True)
    }


def add_keywords(
    result: Annotations, texts: list[Text], units_: list[CorpusUnit], words: list[list[str]]
) -> None:
    """Keywords of each text and top-level section, and the keyword index."""
    per_text: dict[str, Counter[str]] = {t.meta.slug: Counter() for t in texts}
    per_section: dict[tuple[str, str], Counter[str]] = {}
    for cu, ws in zip(units_, words, strict=True):
        counts = candidate_counts(ws)
        per_text[cu.unit.slug].update(counts)
        per_section.setdefault((cu.unit.slug, cu.top), Counter()).update(counts)
    result.text_keywords = tfidf(per_text, TEXT_KEYWORDS)
    section_scores = tfidf(per_section, None)
    result.section_keywords = {
        key: kws[:SECTION_KEYWORDS] for key, kws in section_scores.items() if key[1] != "s0"
    }
    shown = {k.word for kws in result.text_keywords.values() for k in kws}
    shown |= {k.word for kws in result.section_keywords.values() for k in kws}
    where: dict[str, list[tuple[float, str, str]]] = defaultdict(list)
    for (slug, anchor), kws in section_scores.items():
        for k in kws:
            if k.word in shown:
                where[k.word].append((-k.score, slug, anchor))
    totals: Counter[str] = Counter()
    for counts in per_text.values():
        totals.update(counts)
    result.keyword_index = {
        word: (totals[word], [(s, a) for _, s, a in sorted(where[word])[:KEYWORD_SECTIONS]])
        for word in sorted(shown, key=lambda w: (pinyin_key(w), w))
    }
    result.keyword_slugs = unique_slugs(list(result.keyword_index))


def add_see_also(result: Annotations, units_: list[CorpusUnit]) -> None:
    """For each top-level section, the sections of other texts sharing the most phrases.

    Candidates are the sections that share one of its rarer phrases (in at most
    `SEE_ALSO_MAX_SECTIONS` sections); the best `SEE_ALSO_CANDIDATES` of them by
    weight are then compared exactly.
    """
    phrases_of: dict[tuple[str, str], set[str]] = {}
    for cu in units_:
        if cu.top == "s0":
            continue
        found = phrases_of.setdefault((cu.unit.slug, cu.top), set())
        for _, _, phrase in result.marks.get((cu.unit.slug, cu.unit.anchor), ()):
            found.add(phrase.text)
    sections_with: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in sorted(phrases_of):
        for phrase in phrases_of[key]:
            sections_with[phrase].append(key)
    n = len(phrases_of)
    weight = {p: math.log(n / len(keys)) + 1 for p, keys in sections_with.items()}
    for key in sorted(phrases_of):
        found = phrases_of[key]
        score: Counter[tuple[str, str]] = Counter()
        for phrase in found:
            keys = sections_with[phrase]
            if len(keys) <= SEE_ALSO_MAX_SECTIONS:
                for other in keys:
                    if other[0] != key[0]:
                        score[other] += weight[phrase]
        candidates = sorted(score, key=lambda o: (-score[o], o))[:SEE_ALSO_CANDIDATES]
        shared = {o: len(found & phrases_of[o]) for o in candidates}
        ranked = sorted(
            (o for o in candidates if shared[o] >= SEE_ALSO_MIN_SHARED),
            key=lambda o: (-shared[o], -score[o], o),
        )
        result.see_also[key] = [(s, a, shared[s, a]) for s, a in ranked[:SEE_ALSO]]
