"""Annotation: phrases, their occurrences, keywords and related sections.

Phrase mining needs every text, and every page is rendered from the same
phrase list, so annotation is corpus-wide. It is also kept between builds,
as an `AnnotationState`, and updated with the texts that changed:

1. `GramIndex` (see `phrases`) updates the recurring n-grams: the candidates.
2. What a candidate needs to be kept (its contexts) is summed over texts;
   the texts that changed, and those holding a candidate that came or went,
   are looked at again, and their old contributions taken out.
3. Candidates that are maximal and not fragments, and the glossary's terms,
   are the phrases. Each text's occurrences, marks, word lengths and keyword
   counts (its `TextAnnotation`) are redone for the texts of step 2 and those
   holding a phrase that came or went.
4. Keyword counts (`keywords.Documents`) and each section's phrases
   (`related.Related`) are kept by difference too; keywords are ranked again
   from them, and related sections only where they can have changed.

A first build is the same update, with every text new. The segmentation
is done once per text (see `segmentation`); units with the same text share
their results within a build.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain, count

import ahocorasick

from build_corpus.config import Tuning
from build_corpus.corpus.keywords import Documents, candidates
from build_corpus.corpus.phrases import (
    GramIndex,
    PhraseFinder,
    Runs,
    add_runs,
    around_a_form,
    covered,
    fragments,
    longest_first,
    text_runs,
)
from build_corpus.corpus.related import Related
from build_corpus.incremental.concordance import Concordance
from build_corpus.model import (
    PREAMBLE,
    Annotations,
    GlossaryEntry,
    Occurrence,
    Parsed,
    Phrase,
    Text,
    TextAnnotation,
)
from build_corpus.progress import Progress
from build_corpus.text.anchors import pinyin_key, unique_slugs
from build_corpus.text.folding import fold, view
from build_corpus.text.segmentation import Segmenter

Context = tuple[str, str, str, bool]
"""A candidate's occurrence, as phrase selection sees it: (candidate, character before,
character after, inside a longer candidate)."""


def glossary_words(glossary: list[GlossaryEntry]) -> list[str]:
    """Glossary terms and variants that are single words for jieba's dictionary."""
    return [form for e in glossary for form in (e.term, *e.variants) if form.isalnum()]


def segment(text: Text, segmenter: Segmenter, memo: dict[str, list[str]] | None = None):
    """jieba's tokens of the `folding.view` of every unit of `text` (before phrases are
    merged): what matching sees.

    Each distinct unit text is cut once; pass the same `memo` to share across texts.
    """
    memo = {} if memo is None else memo
    out = []
    for unit in text.units():
        tokens = memo.get(unit.text)
        if tokens is None:
            tokens = memo[unit.text] = segmenter.cut(view(unit.text))
        out.append(tokens)
    return out


class Texts:
    """How annotation reaches texts it did not get as changed. The pipeline reads its caches."""

    def input(self, name: str) -> Parsed:
        """The current outline and tokens of a text."""
        raise NotImplementedError

    def annotation(self, name: str) -> TextAnnotation:
        """The stored annotation of a text annotated by an earlier update."""
        raise NotImplementedError

    def searchable(self, name: str) -> str:
        """A string holding every unit of an unchanged text (its source)."""
        raise NotImplementedError


@dataclass
class AnnotationState:
    """Everything annotation keeps between builds, apart from each text's `TextAnnotation`."""

    tuning: Tuning
    """The constants everything here was found with."""
    grams: GramIndex
    ids: dict[str, int] = field(default_factory=dict)
    """Bit of each text (by source name) in the gram index's masks."""
    candidates: dict[str, str] = field(default_factory=dict)
    """Written form → candidate (mined phrases and glossary forms)."""
    contexts: Counter[Context] = field(default_factory=Counter)
    """Summed over texts."""
    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Each phrase kept and its written forms, by pinyin."""
    slugs: dict[str, str] = field(default_factory=dict)
    """Slug of each phrase."""
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    """Phrase → source name → occurrences there (in no particular order)."""
    spellings: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    """Phrase → source name → the forms it is written in there, where they differ from it."""
    occurrences: Concordance = field(default_factory=Concordance)
    """Phrase → its first occurrences in corpus order."""
    words: Documents[str] = field(default_factory=Documents)
    """Keyword candidates of each text."""
    section_words: Documents[tuple[str, str]] = field(default_factory=Documents)
    """Keyword candidates of each top-level section, by (name, anchor)."""
    related: Related = field(default_factory=Related)
    """Phrases marked in each top-level section but the preamble, by (name, anchor), and
    the sections related to each."""

    @classmethod
    def new(cls, tuning: Tuning) -> AnnotationState:
        """The state of an empty corpus."""
        return cls(
            tuning,
            GramIndex(tuning),
            words=Documents(tuning),
            section_words=Documents(tuning),
            related=Related(tuning),
        )


@dataclass
class Update:
    """What an update did, so that only the pages depending on it are rendered again."""

    texts: dict[str, TextAnnotation] = field(default_factory=dict)
    """The texts whose annotation was redone, with it."""
    phrases: set[str] = field(default_factory=set)
    """Phrases that are new or renamed, or whose counts or first occurrences changed."""
    dropped: set[str] = field(default_factory=set)
    """Phrases no longer kept."""
    renamed: set[str] = field(default_factory=set)
    """Phrases kept whose slug changed."""


class Annotator:
    """Brings an `AnnotationState` up to date with the texts that changed, in the steps the
    module describes: candidates, phrases, each text's annotation, summed counts, keyword
    counts, related sections and first occurrences."""

    def __init__(
        self,
        state: AnnotationState,
        glossary: list[GlossaryEntry],
        segmenter: Segmenter,
        texts: Texts,
        progress: Progress | None = None,
    ) -> None:
        self.state = state
        self.glossary = glossary
        self.entries = {e.term: e for e in glossary}
        self._variants = sorted({form for e in glossary for form in e.variants})
        self._forms = sorted({form for e in glossary for form in (e.term, *e.variants)})
        self.segmenter = segmenter
        self.texts = texts
        self.limit = state.tuning.concordance_limit

        self.progress = progress or Progress(lines=False)
        self._inputs: dict[str, Parsed] = {}
        self._held: set[str] = set()
        """Phrases the texts annotated again (or removed) held before."""

    def update(
        self, order: list[str], changed: dict[str, Parsed], old: dict[str, Parsed]
    ) -> Update:
        """Bring the state to the corpus `order` (source names in corpus order).

        `changed` holds the new and changed texts; `old` the previous versions
        of the changed and removed texts.
        """
        st = self.state
        self._inputs = dict(changed)
        self._edited = edited_units(changed, old)
        position = {name: i for i, name in enumerate(order)}
        removed = sorted(name for name in st.ids if name not in position)
        self._annotated = {name for name in st.ids if name in old or name not in changed}
        used = set(st.ids.values())
        free = (bit for bit in count() if bit not in used)  # the lowest bits no text uses
        for name in order:
            if name not in st.ids:
                st.ids[name] = next(free)

        with self.progress.stage("phrases"):
            self._mine(changed, old, removed)
            forms = self._candidate_forms()
            moved = {
                f
                for f in forms.keys() | st.candidates.keys()
                if forms.get(f) != st.candidates.get(f)
            }
            redo = set(changed) | self._holding(moved, order, set(changed))
            # a text's contexts depend only on the candidates it holds: those of a text
            # not redone are unchanged, and those it had are found again with the old ones
            finder = _ContextFinder(forms)
            if st.candidates:
                earlier = finder if forms == st.candidates else _ContextFinder(st.candidates)
                for name in sorted(redo | set(removed)):
                    if name in self._annotated:
                        previous = old[name] if name in old else self._input(name)
                        st.contexts.subtract(earlier.contexts(previous.text))
            st.candidates = forms
            for name in sorted(redo):
                st.contexts.update(finder.contexts(self._input(name).text))
            st.contexts = +st.contexts
            before = st.phrases
            st.phrases = self._select()

        with self.progress.stage("mark", len(order), unit="text"):
            result = Update()
            result.dropped = before.keys() - st.phrases.keys()
            came = {p for p in st.phrases if before.get(p) != st.phrases[p]}
            slugs = unique_slugs(list(st.phrases))
            result.renamed = {p for p in st.phrases if p in st.slugs and st.slugs[p] != slugs[p]}
            result.phrases = came | result.renamed
            st.slugs = slugs
            moved = {
                f
                for p in came | result.dropped
                for f in (*before.get(p, ()), *st.phrases.get(p, ()))
            }
            redo |= self._holding(moved, order, redo)
            fresh = self._annotate_texts(sorted(redo, key=position.__getitem__), result)
            for name in removed:
                self._replace(name, self._annotation(name), None, result)
            for phrase in result.dropped:
                st.counts.pop(phrase, None)
                st.spellings.pop(phrase, None)
                st.occurrences.pop(phrase)
            self._occurrences(fresh, removed, position, result)
        for name in removed:
            del st.ids[name]
        self._inputs, self._held = {}, set()
        return result

    def _input(self, name: str) -> Parsed:
        item = self._inputs.get(name)
        if item is None:
            item = self._inputs[name] = self.texts.input(name)
        return item

    def _annotation(self, name: str) -> TextAnnotation | None:
        """The stored annotation of a text annotated before this update, if any."""
        return self.texts.annotation(name) if name in self._annotated else None

    def _mine(self, changed, old, removed) -> None:
        st = self.state
        gone: Runs = {}
        for name, item in old.items():
            add_runs(gone, text_runs(item.tokens), 1 << st.ids[name])
        came: Runs = {}
        mask = 0
        for name, item in changed.items():
            add_runs(came, text_runs(item.tokens), 1 << st.ids[name])
            mask |= 1 << st.ids[name]
        for name in removed:
            mask |= 1 << st.ids[name]
        names = {bit: name for name, bit in st.ids.items()}

        def runs_of(wanted: int) -> Runs:
            out: Runs = {}
            for bit, name in sorted(names.items()):
                if wanted >> bit & 1:
                    add_runs(out, text_runs(self._input(name).tokens), 1 << bit)
            return out

        st.grams.update(gone, came, mask, runs_of)

    def _candidate_forms(self) -> dict[str, str]:
        forms = {phrase: phrase for phrase in self.state.grams.mined(self.segmenter)}
        for entry in self.glossary:
            for form in (entry.term, *entry.variants):
                forms[form] = entry.term
        return forms

    def _holding(self, forms: set[str], order: list[str], redo: set[str]) -> set[str]:
        """The texts not in `redo` whose source holds one of `forms`."""
        if not forms:
            return set()
        automaton = ahocorasick.Automaton()
        for form in forms:
            automaton.add_word(view(form), form)
        automaton.make_automaton()
        out = set()
        for name in order:
            if name not in redo:
                for _ in automaton.iter(view(self.texts.searchable(name))):
                    out.add(name)
                    break
        return out

    def _select(self) -> dict[str, tuple[str, ...]]:
        """The phrases: maximal candidates that are not fragments, and glossary terms."""
        st = self.state
        total: Counter[str] = Counter()
        inside: Counter[str] = Counter()
        before: dict[str, set[str]] = defaultdict(set)
        after: dict[str, set[str]] = defaultdict(set)
        for (phrase, left, right, nested), n in st.contexts.items():
            total[phrase] += n
            if nested:
                inside[phrase] += n
            before[phrase].add(left)
            after[phrase].add(right)
        maximal = {p for p in total if p in self.entries or inside[p] < total[p]}
        contexts = {p: (before[p], after[p]) for p in total if p not in self.entries}
        mined = maximal - self.entries.keys()
        dropped = fragments(contexts, maximal, st.tuning)
        dropped |= around_a_form(mined, self._forms, st.tuning.glossary_margin)
        kept = sorted(maximal - dropped, key=lambda p: (pinyin_key(p), p))
        variants: dict[str, list[str]] = defaultdict(list)
        for form in self._variants:  # the only forms that are not their own phrase
            if st.candidates.get(form, form) != form:
                variants[st.candidates[form]].append(form)
        return {p: (p, *variants[p]) for p in kept}

    def _annotate_texts(self, names, result) -> dict[str, dict]:
        """Annotate `names` afresh; return each one's first occurrences of each phrase, as
        (anchor, start, end)."""
        st = self.state
        self.segmenter.add_phrases(st.phrases)
        finder = self._finder = PhraseFinder(
            {f: p for p, forms in st.phrases.items() for f in forms}
        )
        memo: dict[str, tuple] = {}
        fresh = {}
        for name in names:
            new, fresh[name] = self._annotate(self._input(name), finder, memo)
            self._replace(name, self._annotation(name), new, result)
            result.texts[name] = new
        return fresh

    def _annotate(self, item: Parsed, finder, memo) -> tuple:
        counts: Counter[str] = Counter()
        spellings: dict[str, set[str]] = defaultdict(set)
        first: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
        marks, lengths = {}, {}
        section_words: dict[str, list[list[str]]] = {}
        section_phrases: dict[str, set[str]] = {}
        for unit, tokens in zip(item.text.units(), item.tokens, strict=True):
            cached = memo.get(unit.text)
            if cached is None:
                found = finder.find(unit.text)
                merged = self.segmenter.merge(tokens)
                cached = memo[unit.text] = (
                    found,
                    longest_first(found),
                    [len(w) for w in merged],
                    candidates(merged, self.state.tuning),
                )
            found, unit_marks, unit_lengths, unit_words = cached
            for start, end, phrase in found:
                counts[phrase] += 1
                if unit.text[start:end] != phrase:
                    spellings[phrase].add(unit.text[start:end])
                if len(first[phrase]) < self.limit:
                    first[phrase].append((unit.anchor, start, end))
            if unit_marks:
                marks[unit.anchor] = unit_marks
            lengths[unit.anchor] = unit_lengths
            section_words.setdefault(unit.top, []).append(unit_words)
            if unit.top != PREAMBLE:
                section_phrases.setdefault(unit.top, set()).update(p for _, _, p in unit_marks)
        annotation = TextAnnotation(
            counts=dict(counts),
            marks=marks,
            lengths=lengths,
            words=Counter(chain.from_iterable(chain.from_iterable(section_words.values()))),
            section_words={
                top: Counter(chain.from_iterable(lists)) for top, lists in section_words.items()
            },
            section_phrases={k: frozenset(v) for k, v in section_phrases.items()},
            spellings={k: frozenset(v) for k, v in sorted(spellings.items())},
        )
        return annotation, first

    def _replace(self, name, old: TextAnnotation | None, new: TextAnnotation | None, result):
        """Swap a text's contribution to the summed counts (and spellings)."""
        st = self.state
        old_counts = old.counts if old else {}
        new_counts = new.counts if new else {}
        self._held |= old_counts.keys()
        for phrase in old_counts.keys() | new_counts.keys():
            if phrase not in st.phrases:
                continue
            per_text = st.counts.setdefault(phrase, {})
            if old_counts.get(phrase) != new_counts.get(phrase):
                result.phrases.add(phrase)
                if phrase in new_counts:
                    per_text[name] = new_counts[phrase]
                else:
                    per_text.pop(name, None)
        old_forms = old.spellings if old else {}
        new_forms = new.spellings if new else {}
        for phrase in old_forms.keys() | new_forms.keys():
            if phrase in st.phrases and old_forms.get(phrase) != new_forms.get(phrase):
                result.phrases.add(phrase)
                per_text = st.spellings.setdefault(phrase, {})
                if phrase in new_forms:
                    per_text[name] = new_forms[phrase]
                else:
                    per_text.pop(name, None)
                if not per_text:
                    del st.spellings[phrase]
        if old:
            st.words.remove(name, old.words)
            for top, counter in old.section_words.items():
                st.section_words.remove((name, top), counter)
            for top in old.section_phrases.keys() - (new.section_phrases if new else {}):
                st.related.set((name, top), None)
        if new:
            st.words.add(name, new.words)
            for top, counter in new.section_words.items():
                st.section_words.add((name, top), counter)
            for top, phrases in new.section_phrases.items():
                st.related.set((name, top), phrases)

    def _occurrences(self, fresh, removed, position, result) -> None:
        """The first `limit` occurrences of each phrase, where a redone text may change them
        (see `concordance`); phrases whose concordance quotes a line that changed are
        rendered again."""
        st = self.state
        affected = {p for name in fresh for p in fresh[name]}
        affected |= self._held  # only those can list a redone text among their first ones
        affected |= {p for p in st.phrases if p not in st.occurrences}
        affected = sorted(affected & st.phrases.keys())
        redone = set(fresh) | set(removed)

        def find(name: str, phrase: str) -> list[Occurrence]:
            return [
                Occurrence(name, unit.anchor, start, end)
                for unit in self._input(name).text.units()
                for start, end, p in self._finder.find(unit.text)
                if p == phrase
            ]

        changed = st.occurrences.refresh(
            affected, st.counts, fresh, redone, position, find, self.limit
        )
        result.phrases |= changed
        for phrase in affected:
            if any((o.name, o.anchor) in self._edited for o in st.occurrences.get(phrase)):
                result.phrases.add(phrase)


def edited_units(changed: dict[str, Parsed], old: dict[str, Parsed]) -> set[tuple[str, str]]:
    """The headings and paragraphs, by (name, anchor), whose text differs from the last
    build's (`old`: the earlier versions of the texts that `changed`)."""
    out = set()
    for name, item in changed.items():
        before = {u.anchor: u.text for u in old[name].text.units()} if name in old else {}
        out |= {(name, u.anchor) for u in item.text.units() if before.get(u.anchor) != u.text}
    return out


class _ContextFinder:
    """Each candidate occurrence in a text with its surroundings, as phrase selection
    counts them (units with the same text are looked at once)."""

    def __init__(self, forms: dict[str, str]) -> None:
        self.finder = PhraseFinder(forms)
        self.memo: dict[str, list[Context]] = {}

    def contexts(self, text: Text) -> Iterator[Context]:
        """Every occurrence (to be counted: counting them is done by C code, summing
        Counters would not be)."""
        found = []
        for unit in text.units():
            contexts = self.memo.get(unit.text)
            if contexts is None:
                contexts = self.memo[unit.text] = self._find(unit.text)
            found.append(contexts)
        return chain.from_iterable(found)

    def _find(self, text: str) -> list[Context]:
        found = self.finder.find(text)
        nested = covered(found)
        return [
            (phrase, fold(text[start - 1 : start]), fold(text[end : end + 1]), i in nested)
            for i, (start, end, phrase) in enumerate(found)
        ]


def corpus_annotations(state: AnnotationState, entries: dict[str, GlossaryEntry]) -> Annotations:
    """What every page is rendered from: the phrases (`entries`: the glossary by term), the
    keywords and the related sections of the corpus."""
    tuning = state.tuning
    text_keywords = state.words.refresh(tuning.text_keywords)
    by_section = state.section_words.refresh(tuning.section_keywords)
    section_keywords = {key: by_section[key] for key in sorted(by_section) if key[1] != PREAMBLE}
    shown = {k.word for kws in text_keywords.values() for k in kws}
    shown |= {k.word for kws in section_keywords.values() for k in kws}
    where: dict[str, list[tuple[float, str, str]]] = defaultdict(list)
    for word, found in state.section_words.scores(shown).items():
        where[word] = [(-score, name, top) for score, (name, top) in found]
    keyword_index = {
        word: (
            state.words.occurrences[word],
            [(n, a) for _, n, a in sorted(where[word])[: tuning.keyword_sections]],
        )
        for word in sorted(shown, key=lambda w: (pinyin_key(w), w))
    }
    return Annotations(
        phrases={
            phrase: Phrase(
                phrase,
                state.slugs[phrase],
                forms,
                entries.get(phrase),
                dict(state.counts.get(phrase, {})),
                tuple(sorted(set().union(*state.spellings.get(phrase, {}).values()))),
            )
            for phrase, forms in state.phrases.items()
        },
        text_keywords=text_keywords,
        section_keywords=section_keywords,
        see_also=dict(sorted(state.related.refresh().items())),
        keyword_index=keyword_index,
        keyword_slugs=unique_slugs(list(keyword_index)),
    )
