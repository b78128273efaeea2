"""jieba's dictionary frequencies, as `Segmenter.dictionary_frequency` looks them up."""

from __future__ import annotations

import subprocess
import sys

import jieba
import pytest

from build_corpus.text.segmentation import Segmenter, _Dictionary, _dictionary

SEED_WORDS = [
    "两个维护",
    "四个意识",
    "两个确立",
    "习近平新时代中国特色社会主义思想",
    "全面从严治党",
    "党中央",
    "社会主义",
    "马克思主义",
    "中国",
    "我们",
    "的",
    "整改措施",
]
UNKNOWN = ["", " ", "中国 129470", "中国\n", "\n", "a b", "两个维", "abcdefg", "\ud800", "龢龢"]


def parse(data: bytes) -> dict[str, int]:
    """The reference: every line parsed into a dict, as the build once did (the last line wins)."""
    lines = data.decode("utf-8").split("\n")
    return {word: int(freq) for word, freq, _ in (line.split(" ", 2) for line in lines if line)}


@pytest.fixture(scope="module")
def jieba_file() -> bytes:
    """jieba's general dictionary file, as jieba itself opens it."""
    with jieba.get_dict_file() as handle:
        return handle.read()


@pytest.fixture(scope="module")
def reference(jieba_file) -> dict[str, int]:
    return parse(jieba_file)


@pytest.fixture(scope="module")
def frequency():
    return Segmenter().dictionary_frequency


def test_every_word_of_jieba_file_has_its_frequency(frequency, reference):
    assert len(reference) > 300_000
    wrong = {word: (frequency(word), freq) for word, freq in reference.items()}
    wrong = {word: pair for word, pair in wrong.items() if pair[0] != pair[1]}
    assert wrong == {}


def test_seed_words_and_unknown_strings(frequency, reference):
    words = SEED_WORDS + UNKNOWN
    assert [frequency(w) for w in words] == [reference.get(w, 0) for w in words]
    assert frequency("中国") == reference["中国"] > 100_000
    assert frequency("两个维护") == frequency("习近平新时代中国特色社会主义思想") == 0
    assert all(frequency(w) == 0 for w in UNKNOWN)


def test_near_misses_of_sampled_words(frequency, reference):
    """Words a character short or long of an entry (prefixes, extensions), from every 50th."""
    sample = list(reference)[::50]
    near = [w[:-1] for w in sample] + [w + "的" for w in sample] + ["的" + w for w in sample]
    near += [w.upper() for w in sample] + [w.lower() for w in sample]
    expected = [reference.get(w, 0) for w in near]
    assert [frequency(w) for w in near] == expected
    assert 0 < expected.count(0) < len(near)  # both kinds are asked


def test_first_and_last_line(frequency, jieba_file, reference):
    lines = jieba_file.decode("utf-8").rstrip("\n").split("\n")
    for line in (lines[0], lines[-1]):
        word, freq, _ = line.split(" ", 2)
        assert frequency(word) == int(freq) == reference[word]


def test_word_that_is_a_prefix_of_others(frequency, reference):
    assert "中国" in reference and "中国共产党" in reference
    assert frequency("中国") == reference["中国"] != reference["中国共产党"]
    assert frequency("中国共产党") == reference["中国共产党"]
    assert "一刻一" not in reference and "一刻一刻" in reference
    assert frequency("一刻一") == 0 and frequency("一刻一刻") == reference["一刻一刻"]


def test_last_line_of_a_word_wins_and_edges():
    """A made-up file: words listed twice (first line included), no final newline."""
    lines = [b"x 1 n", b"ab 2 n", b"a 3 n", b"x 4 n", b"ab 5 v", b"abc 6 n", b"a 7 n x", b""]
    data = b"\n".join([*lines, b"x 8 n", b"z 9 n"])
    expected = parse(data)
    assert expected == {"x": 8, "ab": 5, "a": 7, "abc": 6, "z": 9}
    lookup = _Dictionary(data)
    for word in [*expected, "", "b", "abcd", "a 7", "x 8 n", "zz"]:
        assert lookup.frequency(word) == expected.get(word, 0), word
    assert _Dictionary(b"x 1 n\nx 2 n\n").frequency("x") == 2
    assert _Dictionary("甲 1 n\n甲乙 2 n\n甲 3 n\n".encode()).frequency("甲") == 3


def test_dictionary_is_read_once():
    assert _dictionary() is _dictionary()


def test_dictionary_is_read_without_importing_jieba():
    code = (
        "import sys\n"
        "from build_corpus.text.segmentation import Segmenter\n"
        "assert Segmenter().dictionary_frequency('中国') > 0\n"
        "assert 'jieba' not in sys.modules, 'jieba was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
