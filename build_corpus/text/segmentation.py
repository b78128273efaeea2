"""The one segmentation: jieba's dictionary plus the corpus's own words.

Keyword extraction, phrase mining and the search index's word boundaries all
use this one setup, so they split words the same way. Glossary terms are added
to jieba's dictionary; recurring phrases, mined from jieba's tokens, are then
merged back into the token stream (longest first), which is what adding them
to the dictionary would do, without a second pass.

Segmentation runs on rjieba, the Rust port of jieba: the same dictionary, the
same algorithm and the same tokens (tests compare them with jieba's), about
twenty times faster and without jieba's second-long dictionary load.
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import re
from array import array
from collections.abc import Iterable
from pathlib import Path

import rjieba

RE_HAN = re.compile(r"[\u3400-\u9fff]")
"""A CJK ideograph (the unified block and extension A)."""
RE_WORD = re.compile(r"[\w\u3400-\u9fff]")
"""A token that holds a letter, digit or CJK ideograph is a word; the rest is punctuation."""


def is_word(token: str) -> bool:
    """Whether a token is a word rather than punctuation or space.

    >>> is_word("两个"), is_word("“"), is_word(" ")
    (True, False, False)
    """
    return bool(RE_WORD.search(token))


class Segmenter:
    """The one segmentation: cuts text into words with jieba's dictionary and the glossary's
    terms, merges the corpus's phrases into the token stream, and writes them as a jieba
    user dictionary."""

    def __init__(self, user_words: Iterable[str] = ()) -> None:
        self._jieba = rjieba.Jieba()
        self.user_words: list[str] = sorted(set(user_words))
        """Words added to jieba's dictionary (glossary terms), sorted."""
        for word in self.user_words:
            self._jieba.add_word(word, self._jieba.suggest_freq(word), None)
        self._merges: dict[str, list[tuple[str, ...]]] = {}
        self.phrases: list[str] = []
        """Phrases merged into the token stream, sorted."""

    def cut(self, text: str) -> list[str]:
        """jieba's tokens of `text` (accurate mode), before phrases are merged."""
        return self._jieba.cut(text)

    def dictionary_frequency(self, word: str) -> int:
        """How common `word` is in jieba's general dictionary (0 if unknown).

        >>> s = Segmenter(); s.dictionary_frequency("中国"), s.dictionary_frequency("两个维护")
        (129470, 0)
        """
        return _dictionary().frequency(word)

    def add_phrases(self, phrases: Iterable[str]) -> None:
        """Merge these phrases into the token stream from now on."""
        self.phrases = sorted(set(self.phrases) | set(phrases))
        merges: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.phrases:
            parts = tuple(self.cut(phrase))
            if len(parts) > 1:
                merges.setdefault(parts[0], []).append(parts)
        for options in merges.values():
            options.sort(key=lambda p: (-len(p), p))
        self._merges = merges

    def merge(self, tokens: list[str]) -> list[str]:
        """Join runs of tokens that spell a phrase, longest first.

        >>> s = Segmenter(); s.add_phrases(["两个维护"]); s.merge(["做到", "两个", "维护"])
        ['做到', '两个维护']
        """
        out: list[str] = []
        i = 0
        while i < len(tokens):
            for parts in self._merges.get(tokens[i], ()):
                if tuple(tokens[i : i + len(parts)]) == parts:
                    out.append("".join(parts))
                    i += len(parts)
                    break
            else:
                out.append(tokens[i])
                i += 1
        return out

    def user_dictionary(self) -> str:
        """jieba user-dictionary file of glossary terms and phrases, for Material's search."""
        words = sorted(set(self.user_words) | set(self.phrases))
        return "".join(f"{word} {self._jieba.suggest_freq(word)}\n" for word in words)


Packed = array | list[list[str]]
"""Tokens of units as `pack` keeps them."""


def pack(texts: list[str], tokens: list[list[str]]) -> Packed:
    """The tokens of units with these `texts`, as their lengths (jieba's tokens spell their
    text): a quarter of the size, and quick to store; as they are if they do not spell it.

    >>> pack(["做到两个维护"], [["做到", "两个", "维护"]])
    array('I', [2, 2, 2])
    >>> pack(["做到两个维护"], [["做到", "维护"]])
    [['做到', '维护']]
    """
    if any("".join(words) != text for text, words in zip(texts, tokens, strict=True)):
        return tokens
    return array("I", [len(word) for words in tokens for word in words])


def unpack(texts: list[str], packed: Packed) -> list[list[str]]:
    """The tokens `pack` was given.

    >>> texts = ["做到两个维护", "。"]
    >>> unpack(texts, pack(texts, [["做到", "两个", "维护"], ["。"]]))
    [['做到', '两个', '维护'], ['。']]
    """
    if not isinstance(packed, array):
        return packed
    out, i = [], 0
    for text in texts:
        words, start = [], 0
        while start < len(text):
            end = start + packed[i]
            words.append(text[start:end])
            start, i = end, i + 1
        out.append(words)
    return out


class _Dictionary:
    """Word frequencies of jieba's general dictionary file (``word freq tag`` lines), looked up
    in its lines, sorted as bytes, by bisection: the file is read and split once, in C, and no
    line is parsed until its word is asked (parsing all 350,000 into a dict took a quarter of a
    second of every build). The answers are those of parsing each line into a dict, the last
    line of a word winning."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._lines = data.split(b"\n")
        self._lines.sort()  # the file is nearly sorted already: a few ms

    def frequency(self, word: str) -> int:
        """The frequency of `word` on its line (its last line), 0 if it has none."""
        if " " in word:  # a word ends at the first space of its line
            return 0
        key = word.encode("utf-8", "surrogatepass") + b" "
        lines = self._lines
        i = bisect.bisect_left(lines, key)
        if i == len(lines) or not lines[i].startswith(key):
            return 0
        line = lines[i]
        if i + 1 < len(lines) and lines[i + 1].startswith(key):  # listed twice: the last wins
            data = self._data
            start = data.rfind(b"\n" + key) + 1  # not the first line: it is listed twice
            end = data.find(b"\n", start)
            line = data[start : end if end >= 0 else len(data)]
        return int(line.split(b" ", 2)[1].decode("utf-8"))


@functools.cache
def _dictionary() -> _Dictionary:
    """jieba's general dictionary, read once when a word is first judged.

    Its file is found without importing jieba (whose import and dictionary load the build
    does not need: rjieba segments)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba, whose dictionary file judges rare words, is missing")
    return _Dictionary((Path(spec.origin).parent / "dict.txt").read_bytes())
