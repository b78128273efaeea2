"""The sharded search index (`search_index.build`): every file read back and compared with the
postings counted by brute force from the documents.

The worker's reading of the same files is tested in Chromium (`test_browser.py`).
"""

from __future__ import annotations

import collections
import json

import numpy as np
import pytest

from build_corpus.layout import SEARCH_DIR, SEARCH_FILE, TEXTS
from build_corpus.publish import search_index
from build_corpus.publish.search_index import match_view, read_postings, read_table, read_varints
from build_corpus.render.search import encode_lengths, word_starts
from build_corpus.text.aspects import SHOWN_ROLES, SLUGS

ORDER = {"role": SHOWN_ROLES, "aspect": SLUGS}
"""The order of the facets' values, as the MkDocs hook gives it."""

# Documents the seeds do not have: traditional characters, white space inside words, a
# character beyond the BMP, full-width Latin, a heading followed at once by its text.
EDGE_DOCS = [
    {"location": "texts/edge/", "title": "對照檢查材料", "text": "第 一時間傳達；ＡＢＣ與abc"},
    {
        "location": "texts/edge/#s1",
        "title": "一、𠀀字問題",
        "text": "𠀀字在前，两个维护\n两个 维护",
        "words": encode_lengths([2, 1, 1, 1, 4, 1, 4]),
    },
    {"location": "texts/edge/#s2", "title": "二、维护", "text": "两个", "words": "11"},
    {"location": "about/", "title": "关于", "text": ""},
]


@pytest.fixture(scope="module")
def documents(built_site) -> list[dict]:
    generated = built_site / "docs" / TEXTS
    slugs = json.loads((generated / SEARCH_FILE).read_text("utf-8"))
    docs = [
        doc
        for slug in slugs
        for doc in json.loads((generated / SEARCH_DIR / f"{slug}.json").read_text("utf-8"))
    ]
    return docs + EDGE_DOCS


@pytest.fixture(scope="module")
def index(documents) -> search_index.SearchIndex:
    return search_index.build(documents, ORDER)


def units(value: str) -> list[int]:
    """UTF-16 code units, as the worker indexes strings."""
    data = value.encode("utf-16-le", "surrogatepass")
    return [int.from_bytes(data[i : i + 2], "little") for i in range(0, len(data), 2)]


def unit_offsets(value: str) -> list[int]:
    """For each code point of `value` (and its end), its offset in code units."""
    out = [0]
    for ch in value:
        out.append(out[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return out


class Truth:
    """Bigram and character postings counted one document at a time, the plain way."""

    def __init__(self, docs: list[dict]) -> None:
        self.bigrams: dict[int, list[tuple[int, int]]] = collections.defaultdict(list)
        self.chars: dict[int, list[tuple[int, int, int, int]]] = collections.defaultdict(list)
        self.lengths: list[tuple[int, int]] = []
        pos = 0
        for number, doc in enumerate(docs):
            title, text = match_view(doc.get("title", "")), match_view(doc.get("text", ""))
            words = set()
            if doc.get("words") is not None:
                offsets = unit_offsets(text)
                words = {offsets[i] for i in word_starts(doc["words"], len(text))}
            t, x = units(title), units(text)
            self.lengths.append((len(t), len(x)))
            counts: dict[int, list[int]] = collections.defaultdict(lambda: [0, 0, 0])
            for field, codes, start in ((0, t, pos), (1, x, pos + len(t) + 1)):
                for i, code in enumerate(codes):
                    if chr(code) in SPACES:
                        continue
                    counts[code][field] += 1
                    if field == 1 and i in words and i + 1 in words:
                        counts[code][2] += 1
                    if i + 1 < len(codes) and chr(codes[i + 1]) not in SPACES:
                        bits = (field == 1 and i in words) | (field == 1 and i + 2 in words) << 1
                        self.bigrams[code << 16 | codes[i + 1]].append((start + i, bits))
            for code, (in_title, in_text, whole) in counts.items():
                self.chars[code].append((number, in_title, in_text, whole))
            pos += len(t) + len(x) + 2


SPACES = set("\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") | {
    chr(c) for c in range(0x2000, 0x200B)
}


@pytest.fixture(scope="module")
def truth(documents) -> Truth:
    return Truth(documents)


def shard_files(index, folder: str) -> dict[int, bytes]:
    return {
        int(name.split("/")[1].removesuffix(search_index.EXTENSION)): data
        for name, data in index.files.items()
        if name.startswith(folder + "/")
    }


def test_bigram_postings_hold_every_position_with_its_word_boundaries(index, truth):
    shards = shard_files(index, search_index.BIGRAMS)
    assert len(shards) == index.manifest["bigram_shards"]
    found = {}
    for number, data in shards.items():
        for key, (count, entries) in read_postings(data).items():
            assert search_index.key_hash(np.array([key], np.uint32), len(shards))[0] == number
            values, pos, out = read_varints(entries), 0, []
            for value in values:
                pos += value >> 2
                out.append((pos, value & 3))
            assert len(out) == count
            found[key] = out
    assert found == dict(truth.bigrams)
    # the cases the seeds lack: across the BMP, white space inside a word, full width
    assert (0xD840 << 16 | 0xDC00) in found  # 𠀀 as two code units
    assert ord("一") << 16 | ord("时") in found and ord("a") << 16 | ord("b") in found


def test_character_postings_count_each_document(index, truth):
    shards = shard_files(index, search_index.CHARS)
    found = {}
    for data in shards.values():
        for key, (count, entries) in read_postings(data).items():
            values, out, doc, i = read_varints(entries), [], 0, 0
            while i < len(values):
                doc += values[i]
                flags = values[i + 1]
                i += 2
                title = whole = 0
                if flags & 2:
                    title, i = values[i], i + 1
                if flags & 1:
                    whole, i = values[i], i + 1
                out.append((doc, title, flags >> 2, whole))
            assert len(out) == count
            found[key] = out
    assert found == dict(truth.chars)
    # 维护 is a whole word once in the body of #s1, never as one character
    assert all(whole == 0 for _, _, _, whole in found[ord("维")])


def test_document_table_and_pages(index, documents, truth):
    blocks = index.manifest["blocks"]
    aspects = len(index.manifest["facets"]["aspect"])
    table = [
        row for n in range(len(blocks)) for row in read_table(index.files[f"d/{n}.bin"], aspects)
    ]
    assert [(row.title, row.text) for row in table] == truth.lengths
    assert [row.starts_page for row in table] == ["#" not in d["location"] for d in documents]
    # each block starts a page, where the manifest says, at the stream position it says
    pos, page = 0, -1
    starts = {}
    for number, row in enumerate(table):
        page += row.starts_page
        starts[number] = (pos, page)
        pos += row.title + row.text + 2
    for first_doc, first_pos, first_page in blocks:
        assert table[first_doc].starts_page and starts[first_doc] == (first_pos, first_page)
    assert index.manifest["documents"] == len(documents) and page + 1 == index.manifest["pages"]
    # each document's facets, by number into the manifest's values (0: none); the year on
    # each page's first document
    facets = index.manifest["facets"]

    def value(facet: str, number: int | None):
        return facets[facet][number - 1] if number else None

    assert [(value("role", r.role), value("aspect", r.aspect)) for r in table] == [
        (d.get("role"), d.get("aspect")) for d in documents
    ]
    assert [value("year", r.year) for r in table if r.starts_page] == [
        d.get("year") for d in documents if "#" not in d["location"]
    ]
    # the page files hold every document as the reader sees it, page by page
    shown = [
        doc
        for n in range(index.manifest["pages"])
        for doc in json.loads(search_index.gzip.decompress(index.files[f"p/{n}.bin"]))
    ]
    assert shown == [[d["location"], d["title"], d["text"]] for d in documents]


def test_facet_values_are_offered_in_the_genre_s_order(index, documents):
    facets = index.manifest["facets"]
    assert facets["year"] == sorted({d["year"] for d in documents if d.get("year")}, reverse=True)
    roles = {d["role"] for d in documents if d.get("role")}
    aspects = {d["aspect"] for d in documents if d.get("aspect")}
    assert len(roles) >= 3 and len(aspects) >= 5
    assert facets["role"] == [r for r in SHOWN_ROLES if r in roles]
    assert facets["aspect"] == [a for a in SLUGS if a in aspects]
    # without an order, in code-point order
    plain = search_index.build(documents).manifest["facets"]
    assert plain["role"] == sorted(roles) != facets["role"]


def test_word_positions_at_once_equal_word_starts_one_text_at_a_time():
    cases = [[2, 1, 61, 62, 3], [1], [125, 1], [70], [2] * 40]
    segmented, expected, start = [], set(), 5
    for lengths in cases:
        total = sum(lengths)
        segmented.append((start, total, encode_lengths(lengths)))
        expected |= {start + i for i in word_starts(encode_lengths(lengths), total)}
        start += total + 7
    assert set(search_index._word_positions(segmented).tolist()) == expected


def test_the_same_documents_build_the_same_files(documents, index):
    again = search_index.build(json.loads(json.dumps(documents)), ORDER)
    assert again.files == index.files and again.manifest == index.manifest


def test_the_files_do_not_depend_on_how_the_work_is_split(documents, index, monkeypatch):
    monkeypatch.setattr(search_index, "PASS_POSITIONS", 1000)  # the seeds in many passes
    again = search_index.build(documents, ORDER)
    assert again.files == index.files


def test_a_changed_document_changes_the_version(documents, index):
    changed = [dict(d) for d in documents]
    changed[3]["text"] += "。"
    assert search_index.build(changed, ORDER).manifest["version"] != index.manifest["version"]


@pytest.mark.parametrize(
    "locations",
    [
        ["texts/a/#s1"],
        ["#a"],
        ["texts/a/", "texts/a/#s1", "texts/b/#s1"],
    ],
)
def test_a_section_away_from_its_page_is_refused(locations):
    docs = [{"location": location, "title": "一", "text": "二"} for location in locations]
    with pytest.raises(ValueError, match=f"{locations[-1]} does not follow its page"):
        search_index.build(docs)
