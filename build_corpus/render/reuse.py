"""Rendering what texts share (`reuse`): the line on a text's page, the links after each
shared passage, the page listing pairs of texts and a page per pair. Pure.

On a text's page, each shared passage is marked (`corpus-shared`) and followed by a small
numbered link per other text that has it (`corpus-shared-ref`), to the heading or
paragraph where that text has it; the numbers are those of the other texts in the line
under the page's metadata, which says how much of the text is shared and with which texts.
The links hold no text (CSS draws the number), so the page's text is the source's, and
search and citations see nothing of them.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from build_corpus.corpus.reuse import Piece, stream_positions
from build_corpus.layout import REUSE, TEXTS
from build_corpus.model import CorpusIndex, Pair, Reuse, Signature, Text
from build_corpus.render.markdown import PAGE_TITLE_ID, ROOT_FROM_PAGE, Page, fragment, front_matter
from build_corpus.text.escape import html_text, markdown_attribute

Shared = list[tuple[int, int, str]]
"""Shared passages of one heading or paragraph to mark: start, end, and the HTML of the
links that follow it."""


def pair_slug(pair: Pair, corpus: CorpusIndex) -> str:
    """The slug of a pair's page: both texts' slugs."""
    return f"{corpus.slug(pair.a)}--{corpus.slug(pair.b)}"


def percent(part: int, whole: int) -> str:
    """A share as the pages write it.

    >>> percent(1, 3), percent(1, 300), percent(0, 5), percent(0, 0)
    ('33%', '0.3%', '0%', '0%')
    """
    if not whole or not part:
        return "0%"
    value = 100 * part / whole
    return f"{value:.0f}%" if value >= 1 else f"{value:.1f}%"


def shared_line(name: str, reuse: Reuse, corpus: CorpusIndex, listed: int) -> str:
    """Under a text's metadata: how much of it other texts have too, and which, numbered as
    the links after its shared passages; each with its page beside this text, if it has
    one. Nothing where no other text shares a passage with it."""
    others = reuse.others(name)
    if not others:
        return ""
    size = reuse.sizes[name]
    items = []
    for number, (other, chars) in enumerate(others[:listed], 1):
        pair = reuse.page_of(name, other)
        beside = (
            f'，<a href="{ROOT_FROM_PAGE}{REUSE}/{pair_slug(pair, corpus)}/">对照</a>'
            if pair
            else ""
        )
        items.append(
            f'<span class="corpus-shared-with" data-n="{number}">'
            f'<a href="../{corpus.slug(other)}/">《{html.escape(corpus.title(other))}》</a>'
            f"（{chars} 字{beside}）</span>"
        )
    more = f"等 {len(others)} 篇" if len(others) > listed else ""
    return (
        f'<p class="corpus-shared-line"><span class="corpus-label">相同文字</span> '
        f"本篇 {percent(reuse.shared[name], size)} 的文字（{reuse.shared[name]} 字）"
        f"也见于{''.join(items)}{more}。"
        f'<a href="{ROOT_FROM_PAGE}{REUSE}/">全部</a></p>\n'
    )


def refs(piece: Piece, numbers: Mapping[str, str], corpus: CorpusIndex) -> str:
    """The links after a piece of a shared passage: one per other text that has it, to the
    heading or paragraph where it does, numbered as the line under the title lists it (`*`
    for a text beyond those it lists). The link's title may stand in a Markdown heading."""
    links = []
    for other, anchor in piece[2]:
        label = markdown_attribute(f"《{corpus.title(other)}》中的相同文字")
        links.append(
            f'<a class="corpus-shared-ref" href="../{corpus.slug(other)}/{fragment(anchor)}" '
            f'data-n="{numbers.get(other, "*")}" title="{label}" aria-label="{label}"></a>'
        )
    return "".join(links)


def shared_marks(
    pieces: Mapping[str, list[Piece]],
    reuse: Reuse,
    name: str,
    corpus: CorpusIndex,
    listed: int,
) -> dict[str, Shared]:
    """What to mark in each heading and paragraph of a text (`marked`'s `shared`); the
    first `listed` other texts are numbered, as `shared_line` lists them."""
    numbers = {other: str(n) for n, (other, _) in enumerate(reuse.others(name)[:listed], 1)}
    return {
        anchor: [
            (start, end, refs((start, end, others), numbers, corpus))
            for start, end, others in found
        ]
        for anchor, found in pieces.items()
    }


def render_reuse_index(reuse: Reuse, corpus: CorpusIndex, min_chars: int) -> str:
    """The pairs of texts that share the largest part of their text, each with its page."""
    lines = [
        front_matter("相同文字"),
        f"# 相同文字 {{#{PAGE_TITLE_ID}}}\n",
        f"两篇材料中相同的段落：去掉标点和空白、繁简统一后，至少连续 {min_chars} 字相同，"
        "不论在各自文中的位置。在很多材料中都出现的固定说法不算。"
        "按相同文字占两篇总字数的比例排列。\n",
    ]
    listed = reuse.pairs[: reuse.listed]
    if not listed:
        lines.append("本语料中没有两篇材料有相同的段落。\n")
        return "\n".join(lines)
    if len(reuse.pairs) > len(listed):
        lines.append(f"共 {len(reuse.pairs)} 对材料有相同的段落，以下列出前 {len(listed)} 对。\n")
    rows = []
    for pair in listed:
        share = percent(pair.chars_a + pair.chars_b, pair.size_a + pair.size_b)
        rows.append(
            f'<tr><td><a href="{pair_slug(pair, corpus)}/">{share}</a></td>'
            f"<td>{_text_link(pair.a, corpus, '../')}"
            f"（{pair.chars_a} 字，{percent(pair.chars_a, pair.size_a)}）</td>"
            f"<td>{_text_link(pair.b, corpus, '../')}"
            f"（{pair.chars_b} 字，{percent(pair.chars_b, pair.size_b)}）</td></tr>"
        )
    lines.append(
        '<table class="corpus-pairs"><thead><tr><th>相同</th><th>材料</th><th>材料</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>\n"
    )
    return "\n".join(lines)


def render_pair_page(pair: Pair, a: Text, b: Text, reuse: Reuse, corpus: CorpusIndex) -> Page:
    """Two texts side by side: for each passage of the first that the second has, the
    heading or paragraph holding it in each, the passage marked, linking to both."""
    units_a = {unit.anchor: unit.text for unit in a.units()}
    units_b = {unit.anchor: unit.text for unit in b.units()}
    sig_a, sig_b = reuse.signatures[a.name], reuse.signatures[b.name]
    title = f"《{corpus.title(a.name)}》与《{corpus.title(b.name)}》"
    page = Page()
    page.markdown(front_matter(f"{title}的相同文字"))
    page.markdown(f"# 相同文字 {{#{PAGE_TITLE_ID}}}\n")
    page.html(
        f'<p class="corpus-stats">{html.escape(title)}：前者 {pair.chars_a} 字'
        f"（{percent(pair.chars_a, pair.size_a)}）、后者 {pair.chars_b} 字"
        f"（{percent(pair.chars_b, pair.size_b)}）相同。"
        f'<a href="../">全部相同文字</a></p>\n'
    )
    rows = []
    for passage in reuse.passages[a.name]:
        if passage.other != b.name:
            continue
        left = _side(a, sig_a, units_a, passage.start, passage.end, corpus)
        right = _side(b, sig_b, units_b, passage.other_start, passage.other_end, corpus)
        rows.append(f'<div class="corpus-pair-row">{left}{right}</div>')
    page.html(
        '<div class="corpus-pair-head">'
        f"<div>{_text_link(a.name, corpus, ROOT_FROM_PAGE)}</div>"
        f"<div>{_text_link(b.name, corpus, ROOT_FROM_PAGE)}</div>"
        f"</div>\n{''.join(rows)}\n"
    )
    return page


def _text_link(name: str, corpus: CorpusIndex, root: str) -> str:
    """A text's title linking to its page, from a page `root` below the site's root."""
    return f'<a href="{root}{TEXTS}/{corpus.slug(name)}/">《{html.escape(corpus.title(name))}》</a>'


def _side(
    text: Text,
    signature: Signature,
    units: Mapping[str, str],
    start: int,
    end: int,
    corpus: CorpusIndex,
) -> str:
    """One side of a row: the heading or paragraph where the passage starts, the passage (as
    far as it goes in it) marked, linking to it."""
    number = signature.unit_at(start)
    anchor = signature.anchors[number]
    unit = units[anchor]
    offset = signature.starts[number]
    _, places = stream_positions(unit)
    last = min(end, offset + len(places)) - 1
    first, after = places[start - offset], places[last - offset] + 1
    href = f"../../{TEXTS}/{corpus.slug(text.name)}/{fragment(anchor)}"
    return (
        f'<div class="corpus-pair-cell"><a class="corpus-pair-link" href="{href}">¶</a> '
        f"{html_text(unit[:first])}"
        f'<span class="corpus-shared">{html_text(unit[first:after])}</span>'
        f"{html_text(unit[after:])}</div>"
    )
