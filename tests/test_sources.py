"""Reading sources: encodings, line ends, page leftovers, bad files."""

from __future__ import annotations

import codecs

import pytest
from conftest import CORPUS, SEED_FILES

from build_corpus.errors import SourceError
from build_corpus.read.sources import RE_LEFTOVER, read_source, source_from_bytes

SEED_004 = CORPUS / "004_1ba1f5e5e2bd770c.txt"


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_seeds_are_read_as_utf8_without_change_except_leftovers(path):
    raw = path.read_text(encoding="utf-8")
    source = read_source(path)
    assert source.encoding == "utf-8"
    assert source.text == RE_LEFTOVER.sub("", raw)


def test_leftovers_in_seed_004_are_removed_and_located():
    source = read_source(SEED_004)
    assert [(r.line, r.column, r.token) for r in source.removals] == [
        (3, 100, "##paidbegin##"),
        (6, 1, "##paidend##"),
    ]
    assert "##" not in source.text
    # the leftover stood mid-sentence: the sentence closes up around it
    assert "不够适应新形势新任务新要求" in source.text


def test_gbk_version_of_a_seed_reads_identically():
    text = read_source(SEED_004).text.replace("況", "况")  # 況 has no GBK code
    source = source_from_bytes(text.encode("gbk"), "gbk.txt")
    assert (source.encoding, source.text) == ("gb18030", text)


def test_gb18030_keeps_characters_gbk_lacks():
    text = read_source(SEED_004).text  # with the traditional 況
    source = source_from_bytes(text.encode("gb18030"), "gb.txt")
    assert source.text == text
    assert "新情況" in source.text


@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
        (lambda t: t.encode("utf-16"), "utf-16"),
    ],
    ids=["utf8-bom", "utf16-bom"],
)
def test_byte_order_marks(encode, encoding):
    text = read_source(SEED_FILES[0]).text
    source = source_from_bytes(encode(text), "bom.txt")
    assert (source.encoding, source.text) == (encoding, text)
    assert not source.text.startswith("\ufeff")


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_line_ends_become_lf(newline):
    text = read_source(SEED_FILES[1]).text
    source = source_from_bytes(text.replace("\n", newline).encode("utf-8"), "x.txt")
    assert source.text == text


def test_big5_traditional_text():
    text = "一、我們黨是什麼、要幹什麼這個根本問題\n（一）堅定「兩個維護」。"
    source = source_from_bytes(text.encode("big5"), "big5.txt")
    assert source.text == text


def test_binary_file_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(SourceError) as info:
        read_source(path)
    assert str(path) in str(info.value)
    assert "binary" in str(info.value)


def test_undecodable_bytes_are_an_error(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 256)) * 8)
    with pytest.raises(SourceError, match=r"noise\.txt"):
        read_source(path)
