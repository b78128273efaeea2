"""Annotation: phrases, their occurrences, keywords and related sections.

Runs after every text is parsed, on the whole corpus at once: phrase mining
needs all texts, and every page is then rendered from the same phrase list.
The corpus is segmented once (see `segmentation`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterator

from pypinyin import lazy_pinyin

from .anchors import unique_slugs
from .keywords import candidate_counts, tfidf
from .model import Annotations, GlossaryEntry, Occurrence, Phrase, Section, Text
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
from .segmentation import Segmenter

TEXT_KEYWORDS = 10
SECTION_KEYWORDS = 5
KEYWORD_SECTIONS = 3
SEE_ALSO = 3
SEE_ALSO_MIN_SHARED = 2
SEE_ALSO_MAX_SHARE = 0.2
"""Phrases in more than this share of all top-level sections do not relate sections."""


def units(text: Text) -> Iterator[tuple[Section | None, Unit]]:
    """Every paragraph and heading of a text, with its top-level section, in reading order."""
    slug = text.meta.slug
    for paragraph in text.preamble:
        yield None, Unit(slug, paragraph.anchor, paragraph.text)
    for top in text.sections:
        for section in top.walk():
            yield top, Unit(slug, section.anchor, section.heading)
            for paragraph in section.paragraphs:
                yield top, Unit(slug, paragraph.anchor, paragraph.text)


def glossary_words(glossary: list[GlossaryEntry]) -> list[str]:
    """Glossary terms and variants that are single words for jieba's dictionary."""
    return [form for e in glossary for form in (e.term, *e.variants) if form.isalnum()]


def annotate(
    texts: list[Text],
    glossary: list[GlossaryEntry],
    segmenter: Segmenter,
    options: MiningOptions = DEFAULT_MINING,
) -> Annotations:
    """Find phrases, mark their occurrences, and compute keywords and related sections."""
    all_units = [(text, top, unit) for text in texts for top, unit in units(text)]
    tokens = {(u.slug, u.anchor): segmenter.cut(u.text) for _, _, u in all_units}

    by_text: dict[str, list[list[str]]] = defaultdict(list)
    for _, _, unit in all_units:
        by_text[unit.slug].append(tokens[unit.slug, unit.anchor])
    mined = mine_phrases(by_text, segmenter, options)

    forms = {phrase: phrase for phrase in mined}
    entries = {e.term: e for e in glossary}
    for entry in glossary:
        for form in (entry.term, *entry.variants):
            forms[form] = entry.term
    finder = PhraseFinder(forms)
    matches = {(u.slug, u.anchor): finder.find(u.text) for _, _, u in all_units}

    # A mined phrase whose every occurrence lies inside a longer phrase is not maximal.
    inside: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for found in matches.values():
        nested = covered(found)
        for i, (_, _, phrase) in enumerate(found):
            total[phrase] += 1
            inside[phrase] += i in nested
    maximal = {p for p in total if p in entries or inside[p] < total[p]}
    contexts: dict[str, tuple[list[str], list[str]]] = {}
    for _, _, unit in all_units:
        for start, end, phrase in matches[unit.slug, unit.anchor]:
            before, after = contexts.setdefault(phrase, ([], []))
            before.append(unit.text[start - 1 : start])
            after.append(unit.text[end : end + 1])
    dropped = fragments({p: c for p, c in contexts.items() if p not in entries}, maximal)
    kept = sorted(maximal - dropped, key=lambda p: (lazy_pinyin(p), p))
    slugs = unique_slugs(kept)
    phrases = {p: Phrase(p, slugs[p], _forms_of(p, forms), entries.get(p)) for p in kept}

    result = Annotations(phrases=list(phrases.values()))
    for _, _, unit in all_units:
        key = (unit.slug, unit.anchor)
        found = [m for m in matches[key] if m[2] in phrases]
        for start, end, phrase in found:
            phrases[phrase].occurrences.append(Occurrence(unit.slug, unit.anchor, start, end))
        marks = longest_first(found)
        if marks:
            result.marks[key] = [(s, e, phrases[p]) for s, e, p in marks]

    segmenter.add_phrases(kept)
    words = {key: segmenter.merge(toks) for key, toks in tokens.items()}
    result.boundaries = {key: [len(w) for w in ws] for key, ws in words.items()}
    _keywords(result, texts, all_units, words)
    _see_also(result, all_units)
    return result


def _forms_of(phrase: str, forms: dict[str, str]) -> tuple[str, ...]:
    return (phrase, *sorted(f for f, p in forms.items() if p == phrase and f != phrase))


def _keywords(result: Annotations, texts: list[Text], all_units, words) -> None:
    per_text: dict[str, Counter[str]] = {t.meta.slug: Counter() for t in texts}
    per_section: dict[tuple[str, str], Counter[str]] = {}
    for _, top, unit in all_units:
        counts = candidate_counts(words[unit.slug, unit.anchor])
        per_text[unit.slug].update(counts)
        section = (unit.slug, top.anchor if top else "s0")
        per_section.setdefault(section, Counter()).update(counts)
    result.text_keywords = tfidf(per_text, TEXT_KEYWORDS)
    section_scores = tfidf(per_section, len(max(per_section.values(), key=len, default=())))
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
        word: (
            totals[word],
            [(slug, anchor) for _, slug, anchor in sorted(where[word])[:KEYWORD_SECTIONS]],
        )
        for word in sorted(shown, key=lambda w: (lazy_pinyin(w), w))
    }
    result.keyword_slugs = unique_slugs(list(result.keyword_index))


def _see_also(result: Annotations, all_units) -> None:
    phrases_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for _, top, unit in all_units:
        if top is not None:
            phrases_of[unit.slug, top.anchor]  # every top-level section has an entry
            for _, _, phrase in result.marks.get((unit.slug, unit.anchor), ()):
                phrases_of[unit.slug, top.anchor].add(phrase.text)
    sections_with: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, found in sorted(phrases_of.items()):
        for phrase in found:
            sections_with[phrase].append(key)
    limit = max(10, SEE_ALSO_MAX_SHARE * len(phrases_of))
    weight = {p: math.log(len(phrases_of) / len(keys)) + 1 for p, keys in sections_with.items()}
    for key, found in sorted(phrases_of.items()):
        shared: Counter[tuple[str, str]] = Counter()
        score: Counter[tuple[str, str]] = Counter()
        for phrase in found:
            if len(sections_with[phrase]) > limit:
                continue
            for other in sections_with[phrase]:
                if other[0] != key[0]:
                    shared[other] += 1
                    score[other] += weight[phrase]
        ranked = sorted(
            (o for o in shared if shared[o] >= SEE_ALSO_MIN_SHARED),
            key=lambda o: (-shared[o], -score[o], o),
        )
        result.see_also[key] = [
            (slug, anchor, shared[slug, anchor]) for slug, anchor in ranked[:SEE_ALSO]
        ]
