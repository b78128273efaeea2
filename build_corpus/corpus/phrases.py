"""Recurring phrases: mined from the corpus's tokens, found with one automaton.

Mining grows token n-grams level by level (an n-gram is counted only when both
its (n-1)-grams recur), within runs of words between punctuation, so a phrase
never spans punctuation nor starts or ends inside a word. A phrase must occur
in `min_texts` texts, must not start or end on a function character or on
genre filler (see `config.Tuning`), and is dropped when longer phrases cover
all its occurrences, or when it is only ever the start or end of a few longer
phrases (`fragments`). Glossary terms and
their variants are phrases wherever they occur.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Set

import ahocorasick

from build_corpus.config import DEFAULT_TUNING, Tuning
from build_corpus.text.folding import positions, view
from build_corpus.text.segmentation import RE_HAN, Segmenter, is_word

RE_ITEM_WORD = re.compile(r"^[一二三四五六七八九十]+[是要]$")
"""`一是`, `二要`: heading markers, never the start of a phrase."""


def word_runs(tokens: list[str]) -> Iterator[list[str]]:
    """Runs of word tokens between punctuation.

    >>> list(word_runs(["做到", "“", "两个", "维护", "”"]))
    [['做到'], ['两个', '维护']]
    """
    run: list[str] = []
    for token in tokens:
        if _in_runs(token):
            run.append(token)
        elif run:
            yield run
            run = []
    if run:
        yield run


@functools.cache
def _in_runs(token: str) -> bool:
    """Whether a token belongs in a run: a word, not space (remembered: a corpus has
    tens of thousands of distinct tokens and millions of tokens)."""
    return is_word(token) and not token.isspace()


Runs = dict[tuple[str, ...], int]
"""Distinct runs of words, each with the mask of the texts (bit = text id) it occurs in."""


def text_runs(units: Iterable[list[str]]) -> set[tuple[str, ...]]:
    """The distinct runs of words of one text, from its units' tokens."""
    return {tuple(run) for tokens in units for run in word_runs(tokens)}


def add_runs(runs: Runs, text: Iterable[tuple[str, ...]], bit: int) -> None:
    """Add one text's runs (its id's bit) to `runs`."""
    for run in text:
        runs[run] = runs.get(run, 0) | bit


def grams(run: tuple[str, ...], n: int) -> Iterator[tuple[str, ...]]:
    """The n-grams of a run.

    >>> list(grams(("a", "b", "c"), 2))
    [('a', 'b'), ('b', 'c')]
    """
    for j in range(len(run) - n + 1):
        yield run[j : j + n]


class GramIndex:
    """Which texts hold each candidate n-gram; the ones in `min_texts` texts are frequent.

    An n-gram is a candidate when both its (n-1)-grams are frequent (every
    word is a candidate): a frequent n-gram's parts are frequent too, so
    growing candidates level by level finds every frequent n-gram.

    The index is kept between builds and updated with the runs of the texts
    that changed. Masks of candidates are exact; an n-gram becomes a candidate
    when one of its parts becomes frequent, and only the texts holding that
    part (fewer than `min_texts` of the unchanged ones, since it was not
    frequent before) are searched for it. A new corpus is one update in which
    every text is added.
    """

    def __init__(self, tuning: Tuning = DEFAULT_TUNING) -> None:
        self.tuning = tuning
        self.masks: dict[tuple[str, ...], int] = {}
        """Texts (bit = text id) holding each candidate n-gram seen so far."""
        self.levels: dict[int, set[tuple[str, ...]]] = {}
        """The frequent n-grams after the last update, by length."""
        self._clean: dict[tuple[str, ...], bool] = {}
        self._mined: list[str] | None = None
        """What `mined` returned, until the frequent n-grams change."""

    @property
    def frequent(self) -> set[tuple[str, ...]]:
        """The frequent n-grams after the last update."""
        return set().union(*self.levels.values())

    def update(self, removed: Runs, added: Runs, changed: int, runs_of: Callable[[int], Runs]):
        """Take out the `removed` runs (old versions of changed and removed texts), put in the
        `added` ones (new versions); `changed` masks all those texts. `runs_of(mask)` gives
        the runs of unchanged texts, when an n-gram newly frequent makes them worth a look.

        Only n-grams whose texts changed and new candidates are judged again: the others
        keep their verdict."""
        masks, need = self.masks, self.tuning.min_texts
        touched: dict[int, set[tuple[str, ...]]] = {}
        for run, mask in removed.items():
            for gram in self._all_grams(run):
                old = masks.get(gram)
                if old is not None and old & mask:
                    touched.setdefault(len(gram), set()).add(gram)
                    if old & ~mask:
                        masks[gram] = old & ~mask
                    else:
                        del masks[gram]
        for run, mask in added.items():
            for gram in self._all_grams(run):
                if len(gram) == 1 or gram in masks:
                    touched.setdefault(len(gram), set()).add(gram)
                    masks[gram] = masks.get(gram, 0) | mask

        judge = touched.get(1, set())
        kept = self.levels.get(1, set()) - judge
        parts = kept | {g for g in judge if masks.get(g, 0).bit_count() >= need}
        levels = {1: parts}
        for n in range(2, self.tuning.max_words + 1):
            if not parts:
                break
            before = self.levels.get(n - 1, set())
            rescan = 0
            for gram in parts - before:
                rescan |= masks[gram]
            rescan &= ~changed
            scan = added
            if rescan:
                scan = dict(added)
                for run, mask in runs_of(rescan).items():
                    scan[run] = scan.get(run, 0) | mask
            judge = set(touched.get(n, ()))
            found: dict[tuple[str, ...], int] = {}
            for run, mask in scan.items():
                for gram in grams(run, n):
                    if gram[:-1] in parts and gram[1:] in parts:
                        if gram in masks:
                            judge.add(gram)
                        else:
                            found[gram] = found.get(gram, 0) | mask
            masks.update(found)
            judge |= found.keys()
            # a frequent n-gram whose part is no longer frequent lost texts itself (each
            # text holding it holds the part), so it is being judged again already
            parts = (self.levels.get(n, set()) - judge) | {
                g
                for g in judge
                if g[:-1] in parts and g[1:] in parts and masks.get(g, 0).bit_count() >= need
            }
            levels[n] = parts
        levels = {n: grams_ for n, grams_ in levels.items() if grams_}
        if levels != self.levels:
            self.levels, self._mined = levels, None
        return self

    def _all_grams(self, run: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        """Every n-gram of a run, up to `max_words` words."""
        for n in range(1, min(len(run), self.tuning.max_words) + 1):
            yield from grams(run, n)

    def mined(self, segmenter: Segmenter) -> list[str]:
        """The frequent n-grams that are clean at both ends, as phrases, sorted."""
        if self._mined is None:
            verdicts = {}
            for gram in self.frequent:
                verdict = self._clean.get(gram)
                if verdict is None:
                    verdict = _clean(gram, segmenter, self.tuning)
                verdicts[gram] = verdict
            self._clean = verdicts
            self._mined = sorted({"".join(g) for g, ok in verdicts.items() if ok})
        return list(self._mined)


def _clean(gram: tuple[str, ...], segmenter: Segmenter, tuning: Tuning) -> bool:
    """Whether a frequent n-gram may be a phrase (see the module's rules)."""
    text = "".join(gram)
    if (
        not RE_HAN.search(text)
        or text[0] in tuning.function_chars
        or text[-1] in tuning.function_chars
    ):
        return False
    if any(ch.isascii() and ch.isdigit() for ch in text):  # dates and counts are no formulae
        return False
    edges = tuning.edge_words
    if gram[0] in edges or gram[-1] in edges or RE_ITEM_WORD.match(gram[0]):
        return False
    if len(gram) == 1:
        return len(text) >= 3 and segmenter.dictionary_frequency(text) < tuning.rare_word_frequency
    return len(text) >= tuning.min_chars


class PhraseFinder:
    """Finds every written form of every phrase in a text with one automaton. Nothing more."""

    def __init__(self, forms: dict[str, str]) -> None:
        """`forms` maps each written form to its phrase."""
        self._automaton = ahocorasick.Automaton()
        for form, phrase in sorted(forms.items()):
            seen = view(form)
            self._automaton.add_word(seen, (len(seen), phrase))
        self._empty = not forms
        if forms:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Every match as (start, end, phrase), overlapping ones included, by position in
        `text`; matching sees the text's `folding.view` (either script, white space between
        Chinese characters ignored).

        >>> finder = PhraseFinder({"两个维护": "两个维护", "维护": "维护"})
        >>> finder.find("做到两个维护"), finder.find("做到兩個 維護")
        ([(2, 6, '两个维护'), (4, 6, '维护')], [(2, 7, '两个维护'), (5, 7, '维护')])
        """
        if self._empty:
            return []
        seen = view(text)
        matches = [
            (end + 1 - length, end + 1, phrase)
            for end, (length, phrase) in self._automaton.iter(seen)
        ]
        where = positions(text) if len(seen) != len(text) else None
        if where is not None:
            matches = [(where[start], where[end - 1] + 1, p) for start, end, p in matches]
        return sorted(matches, key=lambda m: (m[0], -m[1], m[2]))


def longest_first(matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping matches, longer ones winning, in text order.

    >>> longest_first([(0, 4, "a"), (2, 8, "b"), (8, 10, "c")])
    [(2, 8, 'b'), (8, 10, 'c')]
    """
    if not matches:
        return []
    used = bytearray(max(end for _, end, _ in matches))
    taken: list[tuple[int, int, str]] = []
    for match in sorted(matches, key=lambda m: (m[0] - m[1], m[0], m[2])):
        start, end, _ = match
        if not any(used[start:end]):
            used[start:end] = b"\x01" * (end - start)
            taken.append(match)
    return sorted(taken)


def fragments(
    contexts: dict[str, tuple[Set[str], Set[str]]],
    phrases: Set[str],
    tuning: Tuning = DEFAULT_TUNING,
) -> set[str]:
    """Phrases that are only ever the start (or end) of longer expressions.

    `contexts` maps a phrase to the characters seen before and after its
    occurrences ('' at a paragraph's edge). A phrase is a fragment when a
    Chinese character always follows it and either at most
    `fragment_followers` different ones do (贯彻习近平 → 新, 总), or at most
    `fragment_followers_of_prefix` do and a longer phrase starts with it
    (党的政治 → 党的政治纪律); or when one and the same character always
    precedes it and a longer phrase ends with it.

    >>> ctx = {"党的政治": ({"对", "严"}, {"纪", "建", "功"})}
    >>> ctx["党的政治纪律"] = ({"对", "严"}, {"和", "，"})
    >>> sorted(fragments(ctx, set(ctx)))
    ['党的政治']
    """
    few, some = tuning.fragment_followers, tuning.fragment_followers_of_prefix
    prefixes = {p[:k] for p in phrases for k in range(1, len(p))}
    suffixes = {p[k:] for p in phrases for k in range(1, len(p))}
    out = set()
    for phrase, (preceding, following) in contexts.items():
        continued = 0 < len(following) <= some and all(RE_HAN.match(ch) for ch in following)
        if continued and (len(following) <= few or phrase in prefixes):
            out.add(phrase)
        if len(preceding) == 1 and phrase in suffixes and RE_HAN.match(next(iter(preceding))):
            out.add(phrase)
    return out


def around_a_form(phrases: Iterable[str], forms: Iterable[str], margin: int) -> set[str]:
    """Phrases that are a glossary form with at most `margin` characters around it: a verb
    before a formula (落实中央八项规定), a word after it (斗争精神弱化). Marked as one
    phrase, they would hide the formula they hold.

    >>> sorted(around_a_form(["强化理论武装", "理论武装的短板和弱项"], ["理论武装"], 4))
    ['强化理论武装']
    """
    forms = [view(f) for f in forms]
    return {p for p in phrases if any(f in p and len(p) - len(f) <= margin for f in forms)}


def covered(matches: list[tuple[int, int, str]]) -> set[int]:
    """Indexes of matches that lie inside a longer match of the same unit.

    >>> sorted(covered([(0, 4, "ab"), (2, 4, "b"), (5, 6, "c"), (5, 6, "c")]))
    [1]
    """
    out = set()
    reach = -1  # the furthest end of the matches starting at or before the current one
    order = sorted(range(len(matches)), key=lambda i: (matches[i][0], -matches[i][1]))
    previous = None
    for i in order:
        start, end, _ = matches[i]
        if reach >= end and previous != (start, end):
            out.add(i)
        if end > reach:
            reach, previous = end, (start, end)
    return out
