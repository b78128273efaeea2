"""Shared passages (text reuse): the passages each text has in common with other texts.

Comparison sees a text as its stream (`signature`): the characters of its headings and
paragraphs in reading order, with punctuation and white space taken out, traditional
characters folded to simplified (`folding.fold`), full-width letters and digits as ASCII,
lower case. Two texts share a passage where their streams hold the same run of at least
`min_chars` characters, wherever it lies in each: 对照检查材料 copy whole sentences and
headings from the same template, and put them in another order.

`find_reuse` hashes every run of `min_chars` characters of every stream (a shingle, 64
bits), and keeps the shingles found in at least two texts and at most `max_texts`: a
shingle in more texts is a stock phrase of the genre (习近平新时代中国特色社会主义思想 …),
which the phrase pages show, not reuse (in a small corpus: one in more than half the
texts). Where two texts share a kept shingle, the passage around it is followed along both
streams for as long as they agree (across stock phrases too), so that each passage is
maximal; the same passage met twice is kept once. A passage counts if at least `min_chars`
of its characters lie outside stock phrases: two texts that put the same word before a
stock phrase share a run found in no other text, but that is still the stock phrase. It is
all hashing, sorting and comparing arrays (numpy), a fraction of one jieba pass over the
corpus (`bench/reuse.py`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from itertools import groupby

import numpy as np

from build_corpus.config import DEFAULT_TUNING
from build_corpus.model import Pair, Passage, Reuse, Signature, Text, covered
from build_corpus.text.escape import RE_REDACTION
from build_corpus.text.folding import fold

RE_KEPT = re.compile(r"[^\W_]")
"""What a stream keeps of a text: letters, digits and Chinese characters."""
RE_DROPPED = re.compile(r"[\W_]+")
"""What it leaves out."""
_WIDE = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF5B) if chr(code - 0xFEE0).isalnum()}
_WIDE.update({code - 0xFEE0: code - 0xFEE0 + 32 for code in range(0xFF21, 0xFF3B)})  # A-Z
_WIDE.update({code: _WIDE[code] + 32 for code in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
"""Full-width letters and digits as ASCII, and capital letters in lower case: one character
for one, so that positions stay."""


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def stream_positions(value: str) -> tuple[str, list[int]]:
    """What comparison sees of a heading or paragraph, and where each of its characters is
    in `value`.

    Redactions (`**`, `XX`) are left out, so that no passage starts or ends inside one.

    >>> stream_positions("做到“兩個維護”，ＡＢ 1")
    ('做到两个维护ab1', [0, 1, 3, 4, 5, 6, 9, 10, 12])
    >>> stream_positions("İ视察XX重要讲话")
    ('İ视察重要讲话', [0, 1, 2, 5, 6, 7, 8])
    """
    folded = _compared(value)
    found = [(m.start(), m.group()) for m in RE_KEPT.finditer(folded)]
    return "".join(ch for _, ch in found), [pos for pos, _ in found]


def stream(value: str) -> str:
    """What comparison sees of a heading or paragraph (`stream_positions` without the
    positions).

    >>> stream("做到“兩個維護”，ＡＢ XX 1")
    '做到两个维护ab1'
    """
    return RE_DROPPED.sub("", _compared(value))


def _compared(value: str) -> str:
    """`value` as comparison sees it, character for character: scripts folded, redactions
    blanked, full-width letters and digits as ASCII, lower case."""
    return RE_REDACTION.sub(_blank, fold(value)).translate(_WIDE)


def signature(text: Text) -> Signature:
    """A text's stream, with where each heading and paragraph starts in it."""
    parts, starts, anchors = [], [], []
    length = 0
    for unit in text.units():
        kept = stream(unit.text)
        starts.append(length)
        anchors.append(unit.anchor)
        parts.append(kept)
        length += len(kept)
    return Signature("".join(parts), tuple(starts), tuple(anchors))


_M1, _M2 = np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53)
_BASE = np.uint64(0x100000001B3)


def shingles(stream: str, size: int) -> np.ndarray:
    """A 64-bit hash of every run of `size` characters of `stream`, by where it starts."""
    codes = np.frombuffer(stream.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    count = len(codes) - size + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    hashes = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64
        for k in range(size):
            hashes = hashes * _BASE + codes[k : k + count]
        for multiplier in (_M1, _M2):  # mixed, so that every bit depends on every character
            hashes ^= hashes >> np.uint64(33)
            hashes *= multiplier
        hashes ^= hashes >> np.uint64(33)
    return hashes


def find_reuse(
    signatures: Mapping[str, Signature],
    min_chars: int,
    max_texts: int,
    max_repeats: int = DEFAULT_TUNING.reuse_max_repeats,
) -> Reuse:
    """The passages of at least `min_chars` characters each text shares with others (see
    the module's docstring); `signatures` by text name, in corpus order; a shingle repeated
    more than `max_repeats` times in a text is no seed there (`Tuning.reuse_max_repeats`)."""
    names = list(signatures)
    streams = [signatures[name].stream for name in names]
    hashes = [shingles(stream, min_chars) for stream in streams]
    seeds, stock = _seeds(hashes, stock_above(len(names), max_texts), max_repeats)
    own: dict[int, np.ndarray] = {}  # by text, made when needed
    found: dict[tuple[int, int], set[tuple[int, int, int]]] = defaultdict(set)
    for (a, b, diagonal), group in groupby(_runs(seeds), key=lambda run: run[:3]):
        runs = [(start, end) for *_, start, end in group]  # by start
        if a not in own:
            own[a] = _own(stock[a], min_chars)
        if _own_chars(own[a], [(start, end + min_chars) for start, end in runs]) < min_chars:
            continue  # what the texts share on this diagonal is stock phrases, and a little
        reach = -2  # where the last run grown ends
        for start, end in runs:
            if start <= reach + 1:
                continue  # the last run, grown, went through this one
            start, end = _extend(hashes[a], hashes[b], diagonal, start, end)
            found[a, b].add((diagonal, start, end))
            reach = end
    passages: dict[str, list[Passage]] = {name: [] for name in names}
    pairs = []
    for (a, b), runs in sorted(found.items()):
        if b not in own:
            own[b] = _own(stock[b], min_chars)
        kept = [  # reuse, not stock phrases with a margin: in both texts
            (start, end, other)
            for start, end, other in _maximal(runs, min_chars, streams[a], streams[b])
            if own[a][end] - own[a][start] >= min_chars
            and own[b][other + end - start] - own[b][other] >= min_chars
        ]
        if not kept:
            continue
        for start, end, other in _outermost(kept):
            passages[names[a]].append(Passage(start, end, names[b], other, other + end - start))
        mirrored = [(o, o + e - s, s) for s, e, o in kept]
        for start, end, other in _outermost(mirrored):
            passages[names[b]].append(Passage(start, end, names[a], other, other + end - start))
        chars_a = covered([(s, e) for s, e, _ in kept])
        chars_b = covered([(s, e) for s, e, _ in mirrored])
        pairs.append(Pair(names[a], names[b], chars_a, chars_b, len(streams[a]), len(streams[b])))
    order = {name: i for i, name in enumerate(names)}
    for found_here in passages.values():
        found_here.sort(key=lambda p: (p.start, p.end, order[p.other], p.other_start))
    shared = {name: covered([(p.start, p.end) for p in passages[name]]) for name in names}
    pairs.sort(key=lambda p: (-p.share, order[p.a], order[p.b]))
    sizes = dict(zip(names, map(len, streams), strict=True))
    return Reuse(passages, shared, pairs, sizes, dict(signatures))


def stock_above(texts: int, max_texts: int) -> int:
    """Above how many texts a shingle is a stock phrase: `max_texts`, and in a small corpus
    half its texts (any two texts may share passages).

    >>> stock_above(2, 20), stock_above(5, 20), stock_above(30, 20), stock_above(1000, 20)
    (2, 2, 15, 20)
    """
    return max(2, min(max_texts, texts // 2))


def _seeds(
    hashes: list[np.ndarray], max_texts: int, max_repeats: int
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Shingles found in 2 to `max_texts` texts, as (hash, text, position) rows sorted by
    hash, then text, then position (none of a shingle repeated more than `max_repeats`
    times in a text); and for each text, which of its shingles are stock (found in more
    texts)."""
    kind = np.uint8 if max_repeats < np.iinfo(np.uint8).max else np.uint32
    values, inverses, repeats = [], [], []  # of each text: its distinct shingles, sorted;
    for h in hashes:  # which of them is at each position; how often each is there
        distinct, inverse, counts = np.unique(h, return_inverse=True, return_counts=True)
        values.append(distinct)
        inverses.append(inverse.astype(np.uint32))
        repeats.append(np.minimum(counts, max_repeats + 1).astype(kind))
    held = _held(values, max_texts)
    del values
    rows, stock = [], []
    for text, h in enumerate(hashes):
        at = inverses[text]
        found = held[text][at]
        seed = (found >= 2) & (found <= max_texts) & (repeats[text][at] <= max_repeats)
        stock.append(found > max_texts)
        where = np.flatnonzero(seed)
        if len(where):
            text_column = np.full(len(where), text, np.uint64)
            rows.append(np.stack([h[where], text_column, where.astype(np.uint64)], 1))
    if not rows:
        return np.zeros((0, 3), dtype=np.uint64), stock
    table = np.concatenate(rows)
    return table[np.lexsort((table[:, 2], table[:, 1], table[:, 0]))], stock


PASS_SHINGLES = 2_000_000
"""Distinct shingles of the texts counted at once: the corpus is counted in passes by hash
range, in bounded memory (about 50 bytes a shingle)."""


def _held(values: list[np.ndarray], max_texts: int) -> list[np.ndarray]:
    """For each text's distinct shingles (`values`, sorted), how many texts hold each, up to
    `max_texts` + 1 (any more are stock all the same).

    >>> texts = [np.array(v, np.uint64) for v in ([1, 5, 9], [5, 9], [9], [])]
    >>> [held.tolist() for held in _held(texts, 2)], _held([], 2)
    ([[1, 2, 3], [2, 3], [3], []], [])
    """
    if not values:
        return []
    kind = np.uint16 if max_texts < np.iinfo(np.uint16).max else np.uint32
    held = [np.zeros(len(v), kind) for v in values]
    passes = max(1, -(-sum(map(len, values)) // PASS_SHINGLES))
    cuts = np.array([(k << 64) // passes for k in range(1, passes)], dtype=np.uint64)
    bounds = [np.r_[0, np.searchsorted(v, cuts), len(v)] for v in values]
    for p in range(passes):
        pieces = [v[b[p] : b[p + 1]] for v, b in zip(values, bounds, strict=True)]
        every = np.concatenate(pieces) if pieces else np.zeros(0, np.uint64)
        _, where, counts = np.unique(every, return_inverse=True, return_counts=True)
        counted = np.minimum(counts, max_texts + 1).astype(kind)[where]
        parts = np.split(counted, np.cumsum([len(piece) for piece in pieces])[:-1])
        for text, part in enumerate(parts):
            held[text][bounds[text][p] : bounds[text][p + 1]] = part
    return held


def _own_chars(own: np.ndarray, spans: list[tuple[int, int]]) -> int:
    """Characters of the spans (start, end; by start) outside stock phrases, counted once,
    from a text's prefix sums (`_own`).

    >>> _own_chars(np.arange(31), [(0, 10), (5, 20), (25, 30)])
    25
    """
    total, reach = 0, 0
    for start, end in spans:
        start = max(start, reach)
        if end > start:
            total += int(own[end] - own[start])
            reach = end
    return total


def _own(stock: np.ndarray, size: int) -> np.ndarray:
    """For a text whose shingles `stock` says are stock or not, how many characters of its
    stream up to each position (prefix sums, one more than its length) lie in no stock
    shingle."""
    length = len(stock) + size - 1 if len(stock) else 0
    starts = np.concatenate([[0], np.cumsum(stock)])
    at = np.arange(length)
    in_stock = starts[np.minimum(len(stock), at + 1)] - starts[np.maximum(0, at - size + 1)]
    return np.concatenate([[0], np.cumsum(in_stock == 0)])


def _runs(seeds: np.ndarray) -> list[tuple[int, int, int, int, int]]:
    """From the seeds, each pair of texts (a < b) sharing a shingle with where: runs of
    consecutive shingles on one diagonal (b's position minus a's), as (a, b, diagonal, first
    position in a, last position in a).

    >>> _runs(np.array([[1, 0, 5], [1, 1, 7], [1, 2, 0], [2, 0, 6], [2, 1, 8]], np.uint64))
    [(0, 1, 2, 5, 6), (0, 2, -5, 5, 5), (1, 2, -7, 7, 7)]
    """
    if not len(seeds):
        return []
    # every two rows of one shingle: row i with each later row of its group, up to its end
    starts = np.flatnonzero(np.r_[True, seeds[1:, 0] != seeds[:-1, 0]])
    group_end = np.repeat(np.r_[starts[1:], len(seeds)], np.diff(np.r_[starts, len(seeds)]))
    later = group_end - np.arange(len(seeds)) - 1
    first = np.repeat(np.arange(len(seeds)), later)
    block = np.repeat(np.cumsum(later) - later, later)  # where each row's partners begin
    second = first + 1 + np.arange(len(first)) - block
    texts = seeds[:, 1].astype(np.int64)
    places = seeds[:, 2].astype(np.int64)
    apart = texts[first] != texts[second]  # rows are by text within a shingle: a < b
    first, second = first[apart], second[apart]
    if not len(first):
        return []
    a, b, pa = texts[first], texts[second], places[first]
    table = np.stack([a, b, places[second] - pa, pa], 1)
    table = table[np.lexsort((table[:, 3], table[:, 2], table[:, 1], table[:, 0]))]
    same = np.all(table[1:, :3] == table[:-1, :3], axis=1) & (table[1:, 3] == table[:-1, 3] + 1)
    breaks = np.flatnonzero(~np.r_[False, same])
    lasts = np.r_[breaks[1:], len(table)] - 1
    return list(
        zip(*(table[breaks, k].tolist() for k in range(4)), table[lasts, 3].tolist(), strict=True)
    )


def _extend(ha: np.ndarray, hb: np.ndarray, diagonal: int, start: int, end: int) -> tuple[int, int]:
    """A run of shingles of text a (positions `start` to `end`), equal to b's on `diagonal`,
    grown on both sides for as long as a's and b's shingles stay equal (compared a block at
    a time, the blocks doubling)."""
    step = 32
    if start > 0 and start + diagonal > 0 and ha[start - 1] != hb[start - 1 + diagonal]:
        return _extend_right(ha, hb, diagonal, start, end)  # the usual case: nothing to grow
    while start > 0 and start + diagonal > 0:
        low = max(0, start - step, -diagonal)
        differ = np.flatnonzero(ha[low:start][::-1] != hb[low + diagonal : start + diagonal][::-1])
        if len(differ):
            return _extend_right(ha, hb, diagonal, start - int(differ[0]), end)
        start, step = low, 2 * step
    return _extend_right(ha, hb, diagonal, start, end)


def _extend_right(
    ha: np.ndarray, hb: np.ndarray, diagonal: int, start: int, end: int
) -> tuple[int, int]:
    step = 32
    if end + 1 < len(ha) and end + 1 + diagonal < len(hb) and ha[end + 1] != hb[end + 1 + diagonal]:
        return start, end
    while end + 1 < len(ha) and end + 1 + diagonal < len(hb):
        high = min(len(ha), end + 1 + step, len(hb) - diagonal)
        differ = np.flatnonzero(ha[end + 1 : high] != hb[end + 1 + diagonal : high + diagonal])
        if len(differ):
            return start, end + int(differ[0])
        end, step = high - 1, 2 * step
    return start, end


def _maximal(
    runs: set[tuple[int, int, int]], min_chars: int, stream_a: str, stream_b: str
) -> list[tuple[int, int, int]]:
    """The passages of a pair of texts from its grown runs (diagonal, first and last
    shingle in a), as (start, end in a, start in b), in order; a run whose text differs
    (two shingles hashing alike) is dropped."""
    out = []
    for diagonal, first, last in sorted(runs):
        start, end, other = first, last + min_chars, first + diagonal
        if stream_a[start:end] == stream_b[other : other + end - start]:
            out.append((start, end, other))
    return sorted(out)


def _outermost(passages: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The passages (start, end, start in the other text) that no other one holds, in order:
    where the other text has a passage twice, or part of it elsewhere, the first and
    longest.

    >>> _outermost([(5, 30, 90), (5, 30, 12), (9, 30, 40), (40, 60, 7)])
    [(5, 30, 12), (40, 60, 7)]
    """
    out: list[tuple[int, int, int]] = []
    reach = -1
    for start, end, other in sorted(passages, key=lambda p: (p[0], -p[1], p[2])):
        if end > reach:
            out.append((start, end, other))
            reach = end
    return out


Piece = tuple[int, int, tuple[tuple[str, str], ...]]
"""Part of a shared passage in one heading or paragraph: where it starts and ends in its
text, and the other texts that have it, each with the anchor of its heading or paragraph
there (name, anchor)."""


def unit_pieces(text: Text, reuse: Reuse) -> dict[str, list[Piece]]:
    """The shared passages of a text, cut at the ends of its headings and paragraphs: by
    anchor, each piece where it is in the unit's text, with the other texts that have it,
    those sharing most with this text first, and where each has it."""
    signature = reuse.signatures[text.name]
    rank = {other: i for i, (other, _) in enumerate(reuse.others(text.name))}
    units = list(text.units())
    ends = [*signature.starts[1:], len(signature.stream)]
    segments: list[tuple[int, int, list[Passage]]] = []
    for passage in sorted(reuse.passages.get(text.name, []), key=lambda p: (p.start, p.end)):
        if segments and passage.start < segments[-1][1]:
            start, end, group = segments[-1]
            segments[-1] = (start, max(end, passage.end), [*group, passage])
        else:
            segments.append((passage.start, passage.end, [passage]))
    out: dict[str, list[Piece]] = {}
    places_of: dict[int, list[int]] = {}  # where each unit's stream characters are in it
    for start, end, group in segments:
        unit = signature.unit_at(start)
        while start < end:
            if ends[unit] <= start:  # a unit with nothing comparison sees
                unit += 1
                continue
            piece_end = min(end, ends[unit])
            if unit not in places_of:
                places_of[unit] = stream_positions(units[unit].text)[1]
            places = places_of[unit]
            offset = signature.starts[unit]
            found: dict[str, int] = {}
            for passage in group:
                if passage.start < piece_end and passage.end > start:
                    at = passage.other_start + max(start, passage.start) - passage.start
                    found[passage.other] = min(at, found.get(passage.other, at))
            others = tuple(
                (other, reuse.signatures[other].anchor_at(found[other]))
                for other in sorted(found, key=rank.__getitem__)
            )
            span = (places[start - offset], places[piece_end - 1 - offset] + 1)
            out.setdefault(units[unit].anchor, []).append((*span, others))
            start = piece_end
            unit += 1
    return out
