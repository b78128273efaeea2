"""The static search index: small files, of which a query fetches only the few it needs.

Input: the search documents in order, each a page or one of its sections
(`location`, `title`, `text`, and `words`, the lengths of its words, where the
build segmented it; see `render.search`). A page's own document comes first,
then its sections. Output (`build`): a manifest and the files, which the MkDocs
hook writes under `search/<version>/` (the version is a digest of the files, so a
page opened before a new build was published never reads the new files with the
old manifest: it finds them missing and fetches the manifest again), all fetched
by the search worker (`theme/assets/corpus/search-worker.js`):

- the manifest, in `search_index.json`, which Material fetches with every page
  and hands to the worker: sizes, the shard counts, where each block of the
  document table starts, and the folding table for queries;
- `b/<n>.bin`: character-bigram postings. Every position of the matching
  stream (below) where two characters other than white space follow each other,
  under the key of those two characters, split into shards by a hash of the key.
  A phrase of two or more characters is found by intersecting the postings of
  bigrams that cover it (at offsets 0, 2, 4 … and its last two characters);
- `c/<n>.bin`: character postings, by document: for each character, the
  documents holding it, with its counts in the title and the text and how many
  of those are a whole word. A one-character query needs nothing else;
- `d/<n>.bin`: the document table, a block of whole pages at a time: each
  document's title and text lengths (where it lies in the stream), whether
  it starts a page, and its facets: the section's role and aspect, and on a
  page's first document the text's year, as numbers into the manifest's
  `facets` (0: none). The worker narrows results by them;
- `p/<n>.bin`: the documents of page n as the reader sees them (location, title,
  text), fetched for the results shown.

The matching stream is every document's title and text as the worker matches
them (`match_view`: ASCII case and full-width forms folded, traditional
characters folded, white space between Chinese characters taken out), each
followed by a line break, in UTF-16 code units as JavaScript counts them.

Every file is a sequence of unsigned LEB128 numbers (postings, table) or UTF-8
JSON (pages), compressed with gzip: sent as it is stored, whatever the host
compresses. Bigram entries are `delta << 2 | bits`: the position's distance
from the previous one of the same key, bit 0 set where a word starts at the
position, bit 1 where one starts two characters on (whole-word ranking). The
layout of each file is in `read_postings` and `read_table`, which read them
back (tests, tools).
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import numpy as np

from build_corpus.config import DEFAULT_TUNING
from build_corpus.render.search import CONTINUED, LENGTH_DIGITS, encode_lengths, word_starts
from build_corpus.text.folding import view

BLOCK_DOCS = 16384
"""A block of the document table holds whole pages, at least this many documents."""
SHARD_POSITIONS = 10_000
"""Bigram positions per shard file, on average (about 24 KB before compression)."""
CHAR_SHARD_POSITIONS = 20_000
"""Character positions per shard file of character postings, on average."""
PASS_POSITIONS = 1_000_000
"""Positions handled at once: the index of any corpus is built in bounded memory."""
FACETS = ("year", "role", "aspect")
"""What results can be narrowed by: fields of the search documents (a text's year on each of
its documents, a section's role and aspect), each value numbered in the manifest."""
BIGRAMS, CHARS, TABLE, PAGES = "b", "c", "d", "p"
"""Folders under `search/<version>/` (see the module's docstring)."""
EXTENSION = ".bin"
FORMAT = 2
"""The layout of the files and the manifest, which the worker checks (its `FORMAT`): raised
with every change a worker of the last layout would misread."""

JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
"""JavaScript's `\\s`: what separates the phrases of a query, so never inside one."""
SPACE = np.zeros(0x10000, dtype=bool)
for _start, _end in re.findall(r"(.)(?:-(.))?", JS_SPACE, re.DOTALL):
    SPACE[ord(_start) : ord(_end or _start) + 1] = True

_NORMALISE = {code: code + 32 for code in range(0x41, 0x5B)}  # A-Z → a-z
for _code in range(0xFF01, 0xFF5F):  # full-width ASCII → ASCII, then A-Z → a-z
    _ascii = _code - 0xFEE0
    _NORMALISE[_code] = _ascii + 32 if 0x41 <= _ascii <= 0x5A else _ascii
_NORMALISE[0x3000] = 0x20
_NORMALISE[0x200B] = None
_RE_NORMALISE = re.compile("[A-Z\uff01-\uff5e\u3000\u200b]")


def match_view(value: str) -> str:
    """What search matches of a title, a text or a query (the worker's `seen`): zero-width
    spaces dropped, ASCII case and full-width forms folded, then `folding.view`.

    >>> match_view("ＡＢ兩個 確立\\u200b")
    'ab两个确立'
    """
    if _RE_NORMALISE.search(value):
        value = value.translate(_NORMALISE)
    return view(value)


def key_hash(keys: np.ndarray, shards: int) -> np.ndarray:
    """The shard of each key (a 32-bit integer); the worker's `shardOf` computes the same."""
    h = keys.astype(np.uint64)
    mask = np.uint64(0xFFFFFFFF)
    h = ((h ^ (h >> np.uint64(16))) * np.uint64(0x45D9F3B)) & mask
    h = ((h ^ (h >> np.uint64(16))) * np.uint64(0x45D9F3B)) & mask
    h = h ^ (h >> np.uint64(16))
    return (h % np.uint64(shards)).astype(np.int64)


def varints(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each value (non-negative) as unsigned LEB128, concatenated; and each one's size.

    >>> data, sizes = varints(np.array([1, 127, 128, 300]))
    >>> bytes(data).hex(), sizes.tolist()
    ('017f8001ac02', [1, 1, 2, 2])
    """
    v = values.astype(np.uint64)
    sizes = np.ones(len(v), dtype=np.int64)
    for k in range(1, 10):
        more = v >= np.uint64(1 << (7 * k))
        if not more.any():
            break
        sizes += more
    width = int(sizes.max()) if len(v) else 0
    columns = [
        ((v >> np.uint64(7 * k)) & np.uint64(0x7F)).astype(np.uint8)
        | ((sizes > k + 1).astype(np.uint8) << np.uint8(7))
        for k in range(width)
    ]
    if not columns:
        return np.zeros(0, dtype=np.uint8), sizes
    return np.stack(columns, axis=1)[np.arange(width) < sizes[:, None]], sizes


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6, mtime=0)


@dataclass
class SearchIndex:
    """What `build` makes: the manifest (the `corpus` entry of the index's config) and the
    files, by path under `search/`."""

    manifest: dict
    files: dict[str, bytes]


@dataclass
class _Stream:
    """The matching stream of all documents, and what each position is."""

    units: np.ndarray  # UTF-16 code units
    word: np.ndarray  # 1 where a word of a text starts (and at the end of each text)
    title_lengths: list[int]
    text_lengths: list[int]


def _utf16(value: str) -> str:
    """`value` with each character outside the BMP as its two surrogates, as JavaScript
    indexes strings.

    >>> len(_utf16("𠀀字"))
    3
    """
    if value.isascii() or not re.search("[\U00010000-\U0010ffff]", value):
        return value
    return "".join(
        c
        if ord(c) < 0x10000
        else chr(0xD800 + ((ord(c) - 0x10000) >> 10)) + chr(0xDC00 + ((ord(c) - 0x10000) & 0x3FF))
        for c in value
    )


def _stream(docs: list[Mapping[str, str]]) -> _Stream:
    parts: list[str] = []
    title_lengths, text_lengths = [], []
    segmented: list[tuple[int, int, str]] = []  # text start, length, words
    pos = 0
    for doc in docs:
        title = _utf16(match_view(doc.get("title", "")))
        text = match_view(doc.get("text", ""))
        text16 = _utf16(text)
        title_lengths.append(len(title))
        text_lengths.append(len(text16))
        start = pos + len(title) + 1
        if doc.get("words") is not None:
            if len(text16) == len(text):
                segmented.append((start, len(text), doc["words"]))
            else:  # code points → code units, for the rare text beyond the BMP
                units = np.cumsum([0] + [1 if ord(c) < 0x10000 else 2 for c in text])
                starts = [int(units[i]) for i in word_starts(doc["words"], len(text))]
                segmented.append((start, len(text16), encode_lengths(np.diff(starts).tolist())))
        parts += [title, "\n", text16, "\n"]
        pos = start + len(text16) + 1
    units = np.frombuffer("".join(parts).encode("utf-16-le", "surrogatepass"), dtype="<u2")
    word = np.zeros(len(units) + 2, dtype=np.uint8)
    word[_word_positions(segmented)] = 1
    return _Stream(units, word, title_lengths, text_lengths)


_DIGIT_LENGTH = np.zeros(128, dtype=np.int64)
for _i, _digit in enumerate(LENGTH_DIGITS):
    _DIGIT_LENGTH[ord(_digit)] = _i + 1
_DIGIT_LENGTH[ord(CONTINUED)] = len(LENGTH_DIGITS)


def _word_positions(segmented: list[tuple[int, int, str]]) -> np.ndarray:
    """Where words start in the stream, and where each text ends, for texts given as (start in
    the stream, length, encoded word lengths): `render.search.word_starts` of them all at once.
    """
    if not segmented:
        return np.zeros(0, dtype=np.int64)
    starts = np.array([s for s, _, _ in segmented], dtype=np.int64)
    lengths = np.array([n for _, n, _ in segmented], dtype=np.int64)
    sizes = np.array([len(w) for _, _, w in segmented], dtype=np.int64)
    digits = np.frombuffer("".join(w for _, _, w in segmented).encode("ascii"), dtype=np.uint8)
    text = np.repeat(np.arange(len(segmented)), sizes)
    ends = np.cumsum(_DIGIT_LENGTH[digits])
    before = np.concatenate([[0], np.cumsum(sizes)])[:-1]  # first digit of each text
    offset = ends - np.concatenate([[0], ends])[before][text]  # end of each word in its text
    keep = (digits != ord(CONTINUED)) & (offset < lengths[text])
    return np.concatenate([starts, starts + lengths, starts[text[keep]] + offset[keep]])


def _smallest(shards: int) -> type:
    """The smallest unsigned type that numbers `shards` shards and one more."""
    return np.uint16 if shards < 0xFFFF else np.uint32


def _passes(shard: np.ndarray, shards: int) -> Iterator[tuple[int, int, np.ndarray]]:
    """The stream's positions by pass: consecutive ranges of shards holding about
    `PASS_POSITIONS` positions each, so that memory stays bounded; `shard` is the shard of
    each position (`shards` where it has none), given up once the positions are sorted out.
    Each pass comes as its first shard, the shard after its last, and its positions in
    ascending order, all found in one sweep."""
    counts = np.bincount(shard, minlength=shards + 1)[:shards]
    group = np.cumsum(counts) // PASS_POSITIONS
    bounds = [*np.flatnonzero(np.diff(group, prepend=-1)).tolist(), shards]
    passes = len(bounds) - 1
    pass_of = np.full(shards + 1, passes, dtype=_smallest(passes))  # passes: none
    for number, (first, end) in enumerate(itertools.pairwise(bounds)):
        pass_of[first:end] = number
    pieces: list[list[np.ndarray]] = [[] for _ in range(passes)]
    for start in range(0, len(shard), PASS_POSITIONS):
        chunk = pass_of[shard[start : start + PASS_POSITIONS]]
        order = np.argsort(chunk, kind="stable")  # a radix sort: small integers
        cuts = np.searchsorted(chunk[order], np.arange(passes + 1))
        for number in range(passes):
            if cuts[number] < cuts[number + 1]:
                found = order[cuts[number] : cuts[number + 1]] + start
                pieces[number].append(found.astype(np.uint32))
    del shard, chunk, order
    for (first, end), found in zip(itertools.pairwise(bounds), pieces, strict=True):
        positions = np.concatenate(found).astype(np.int64) if found else np.zeros(0, np.int64)
        found.clear()  # done with once read
        yield first, end, positions


def _shards(
    keys: np.ndarray,
    body: np.ndarray,
    entry_sizes: np.ndarray,
    counts: np.ndarray,
    shards: int,
    first: int,
    end: int,
) -> list[bytes]:
    """Shard files `first` to `end` (of `shards`) from their postings grouped by key: `keys`
    (sorted, unique), `counts` entries each, `entry_sizes` bytes for each entry of `body` in
    key order.

    A file is: the number of keys; for each key, in key order, its distance from the
    previous key, its number of entries and their size in bytes; then the entries."""
    ends = np.cumsum(entry_sizes)
    key_ends = ends[np.cumsum(counts) - 1] if len(keys) else np.zeros(0, dtype=np.int64)
    key_starts = np.concatenate([[0], key_ends[:-1]]).astype(np.int64)
    key_bytes = key_ends - key_starts
    shard = key_hash(keys, shards)
    order = np.lexsort((keys, shard))
    bounds = np.searchsorted(shard[order], np.arange(first, end + 1))
    ordered = keys[order].astype(np.int64)
    gaps = np.diff(ordered, prepend=0)
    firsts = bounds[:-1][bounds[:-1] < len(ordered)]
    gaps[firsts] = ordered[firsts]  # each shard's first key counts from 0
    head, head_sizes = varints(
        np.stack([gaps, counts[order], key_bytes[order]], axis=1).reshape(-1)
    )
    head_ends = np.concatenate([[0], np.cumsum(head_sizes)])[::3][bounds]
    files = []
    for s in range(end - first):
        chosen = order[bounds[s] : bounds[s + 1]]
        number, _ = varints(np.array([len(chosen)]))
        pieces = [number, head[head_ends[s] : head_ends[s + 1]]]
        pieces += [body[key_starts[i] : key_ends[i]] for i in chosen]
        files.append(_gzip(np.concatenate(pieces).tobytes()))
    return files


def _bigram_shards(units: np.ndarray, valid: np.ndarray, shards: int) -> np.ndarray:
    """The shard of the bigram at each position of the stream; `shards` where there is none
    (`valid` is false)."""
    shard = np.full(len(valid), shards, dtype=_smallest(shards))
    for start in range(0, len(valid), PASS_POSITIONS):
        part = slice(start, start + PASS_POSITIONS)
        keys = (units[:-1][part].astype(np.uint32) << np.uint32(16)) | units[1:][part]
        shard[part][valid[part]] = key_hash(keys[valid[part]], shards)
    return shard


def _bigram_postings(stream: _Stream) -> list[bytes]:
    units = stream.units
    valid = ~SPACE[units[:-1]] & ~SPACE[units[1:]]
    shards = max(1, math.ceil(int(valid.sum()) / SHARD_POSITIONS))
    passes = _passes(_bigram_shards(units, valid, shards), shards)
    del valid
    files: list[bytes] = []
    for first, end, pos in passes:
        pos = pos.astype(np.uint64)
        keys = (units[pos].astype(np.uint64) << np.uint64(16)) | units[pos + np.uint64(1)]
        entries = np.sort((keys << np.uint64(32)) | pos)  # by key, then position
        del keys, pos
        keys = (entries >> np.uint64(32)).astype(np.uint32)
        pos = (entries & np.uint64(0xFFFFFFFF)).astype(np.int64)
        del entries
        new_key = np.ones(len(keys), dtype=bool)
        new_key[1:] = keys[1:] != keys[:-1]
        delta = np.diff(pos, prepend=0)
        delta[new_key] = pos[new_key]
        bits = stream.word[pos] | (stream.word[pos + 2] << np.uint8(1))
        body, sizes = varints(delta.astype(np.uint64) * np.uint64(4) + bits)
        del delta, bits, pos
        starts = np.flatnonzero(new_key)
        counts = np.diff(np.append(starts, len(keys)))
        files += _shards(keys[starts], body, sizes, counts, shards, first, end)
    return files


def _char_postings(stream: _Stream, doc_starts: np.ndarray) -> list[bytes]:
    """For each character, each document holding it: the distance from the previous such
    document, then `text count << 2 | (title count > 0) << 1 | (whole words > 0)`, then the
    title count and the whole-word count where they are not 0."""
    units = stream.units
    valid = ~SPACE[units]
    shards = max(1, math.ceil(int(valid.sum()) / CHAR_SHARD_POSITIONS))
    of_unit = key_hash(np.arange(0x10000, dtype=np.uint32), shards).astype(np.uint32)
    shard = np.where(valid, of_unit[units], np.uint32(shards)).astype(_smallest(shards))
    passes = _passes(shard, shards)
    del valid, shard  # the passes let go of it once they have sorted the positions out
    title_ends = doc_starts + np.asarray(stream.title_lengths, dtype=np.int64)
    files: list[bytes] = []
    for first, end, pos in passes:
        doc = np.searchsorted(doc_starts, pos, side="right") - 1
        in_title = pos < title_ends[doc]
        whole = (stream.word[pos] & stream.word[pos + 1]).astype(bool) & ~in_title
        entries = np.sort(
            (units[pos].astype(np.uint64) << np.uint64(34))
            | (doc.astype(np.uint64) << np.uint64(2))
            | (in_title.astype(np.uint64) << np.uint64(1))
            | whole.astype(np.uint64)
        )
        del pos, doc
        in_title = (entries & np.uint64(2)).astype(bool)
        whole = (entries & np.uint64(1)).astype(bool)
        combined = entries >> np.uint64(2)
        del entries
        files += _char_shards(combined, in_title, whole, shards, first, end)
    return files


def _char_shards(
    combined: np.ndarray,
    in_title: np.ndarray,
    whole: np.ndarray,
    shards: int,
    first: int,
    end: int,
) -> list[bytes]:
    """Shard files of character postings from one entry per position, sorted: `combined`
    (character << 32 | document), and whether it is in the title, and a whole word."""
    new_pair = np.ones(len(combined), dtype=bool)
    new_pair[1:] = combined[1:] != combined[:-1]
    starts = np.flatnonzero(new_pair)
    title = np.add.reduceat(in_title.astype(np.int64), starts) if len(starts) else starts
    total = np.diff(np.append(starts, len(combined)))
    text = total - title
    wholes = np.add.reduceat(whole.astype(np.int64), starts) if len(starts) else starts
    keys = (combined[starts] >> np.uint64(32)).astype(np.uint32)
    docs = (combined[starts] & np.uint64(0xFFFFFFFF)).astype(np.int64)
    new_key = np.ones(len(keys), dtype=bool)
    new_key[1:] = keys[1:] != keys[:-1]
    delta = np.diff(docs, prepend=0)
    delta[new_key] = docs[new_key]
    flags = text * 4 + (title > 0) * 2 + (wholes > 0)
    values = np.stack([delta, flags, title, wholes], axis=1)
    present = np.stack(
        [np.ones(len(keys), bool), np.ones(len(keys), bool), title > 0, wholes > 0], axis=1
    )
    body, sizes = varints(values[present])
    per_entry = present.sum(axis=1)
    entry_sizes = np.add.reduceat(sizes, np.cumsum(per_entry) - per_entry) if len(keys) else sizes
    key_starts = np.flatnonzero(new_key)
    counts = np.diff(np.append(key_starts, len(keys)))
    return _shards(keys[key_starts], body, entry_sizes, counts, shards, first, end)


def facet_values(
    docs: list[Mapping], order: Mapping[str, Iterable[str]] | None = None
) -> dict[str, list]:
    """The values of each facet the documents have: years newest first; roles and aspects in
    `order` (by facet), any others after them in code-point order.

    >>> facet_values([{"year": 2021, "role": "乙"}, {"year": 2023, "aspect": "丙"}, {}],
    ...              {"role": ["甲", "乙"]})
    {'year': [2023, 2021], 'role': ['乙'], 'aspect': ['丙']}
    """
    out = {}
    for facet in FACETS:
        found = {doc[facet] for doc in docs if doc.get(facet) is not None}
        if facet == "year":
            out[facet] = sorted(found, reverse=True)
            continue
        ranked = [value for value in (order or {}).get(facet, ()) if value in found]
        out[facet] = ranked + sorted(found - set(ranked))
    return out


def build(
    documents: Iterable[Mapping],
    order: Mapping[str, Iterable[str]] | None = None,
    settings: Mapping[str, int] | None = None,
) -> SearchIndex:
    """The index of `documents` (see the module's docstring); `order` gives the order in which
    the facets' values are offered (`facet_values`); `settings`, the worker's (weights and
    teaser lengths, `Tuning.search_settings`), go into the manifest as they are."""
    docs = list(documents)
    facets = facet_values(docs, order)
    code = {facet: {v: i + 1 for i, v in enumerate(values)} for facet, values in facets.items()}
    aspects = len(facets["aspect"]) + 1
    stream = _stream(docs)
    lengths = np.array(stream.title_lengths, dtype=np.int64) + np.array(
        stream.text_lengths, dtype=np.int64
    )
    doc_starts = np.concatenate([[0], np.cumsum(lengths + 2)[:-1]]).astype(np.int64)

    files: dict[str, bytes] = {}
    for n, data in enumerate(_bigram_postings(stream)):
        files[f"{BIGRAMS}/{n}{EXTENSION}"] = data
    bigram_shards = len(files)
    for n, data in enumerate(_char_postings(stream, doc_starts)):
        files[f"{CHARS}/{n}{EXTENSION}"] = data
    char_shards = len(files) - bigram_shards

    # pages: a page's own document (no '#') starts it
    page_start = ["#" not in doc["location"] for doc in docs]
    page = None
    for doc, starts in zip(docs, page_start, strict=True):
        location = doc["location"]
        if not starts and location.partition("#")[0] != page:
            raise ValueError(f"search document {location} does not follow its page's document")
        page = location.partition("#")[0]
    blocks: list[list[int]] = []
    page = -1
    block_values: list[int] = []
    pages: list[list[list[str]]] = []
    for i, doc in enumerate(docs):
        if page_start[i]:
            page += 1
            pages.append([])
            if not blocks or i - blocks[-1][0] >= BLOCK_DOCS:
                if blocks:
                    files[f"{TABLE}/{len(blocks) - 1}{EXTENSION}"] = _table(block_values)
                blocks.append([i, int(doc_starts[i]), page])
                block_values = []
        role = code["role"].get(doc.get("role"), 0)
        aspect = code["aspect"].get(doc.get("aspect"), 0)
        block_values += [
            stream.title_lengths[i] * 2 + page_start[i],
            stream.text_lengths[i],
            role * aspects + aspect,
        ]
        if page_start[i]:
            block_values.append(code["year"].get(doc.get("year"), 0))
        pages[-1].append([doc["location"], doc.get("title", ""), doc.get("text", "")])
    if blocks:
        files[f"{TABLE}/{len(blocks) - 1}{EXTENSION}"] = _table(block_values)
    for n, page_docs in enumerate(pages):
        data = json.dumps(page_docs, ensure_ascii=False, separators=(",", ":"))
        files[f"{PAGES}/{n}{EXTENSION}"] = _gzip(data.replace("\u200b", "").encode("utf-8"))

    digest = hashlib.sha256(json.dumps(facets, ensure_ascii=False).encode())  # in no file
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name])
    manifest = {
        "format": FORMAT,
        "version": digest.hexdigest()[:16],
        "documents": len(docs),
        "pages": len(pages),
        "bigram_shards": bigram_shards,
        "char_shards": char_shards,
        "blocks": blocks,
        "facets": facets,
        "extension": EXTENSION,
        "settings": dict(settings if settings is not None else DEFAULT_TUNING.search_settings()),
    }
    return SearchIndex(manifest, files)


def _table(values: list[int]) -> bytes:
    data, _ = varints(np.array(values, dtype=np.int64))
    return _gzip(data.tobytes())


# --- reading the files back (tests and tools; the worker does the same in JavaScript) -----


def read_varints(data: bytes) -> list[int]:
    """Every LEB128 number in `data`."""
    out, value, shift = [], 0, 0
    for byte in data:
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            out.append(value)
            value, shift = 0, 0
    return out


def read_postings(data: bytes) -> dict[int, tuple[int, bytes]]:
    """A shard file: for each key, its number of entries and their bytes."""
    raw = gzip.decompress(data)
    pos, numbers = 0, []

    def number() -> int:
        nonlocal pos
        value, shift = 0, 0
        while True:
            byte = raw[pos]
            pos += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return value

    keys = number()
    key = 0
    for _ in range(keys):
        key += number()
        numbers.append((key, number(), number()))
    out = {}
    for key, count, size in numbers:
        out[key] = (count, raw[pos : pos + size])
        pos += size
    return out


@dataclass(frozen=True)
class Row:
    """A document as the document table has it; facets as numbers into the manifest's
    `facets` (0: none), the year on a page's first document only."""

    title: int
    starts_page: bool
    text: int
    role: int
    aspect: int
    year: int | None


def read_table(data: bytes, aspects: int) -> list[Row]:
    """A block of the document table, whose manifest names `aspects` aspects."""
    values = iter(read_varints(gzip.decompress(data)))
    rows = []
    for head in values:
        text, kind = next(values), next(values)
        year = next(values) if head & 1 else None
        rows.append(Row(head >> 1, bool(head & 1), text, *divmod(kind, aspects + 1), year))
    return rows
