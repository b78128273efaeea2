"""Rendering the texts as search documents, one per section. Pure.

Each document holds the exact text the reader sees, so the browser can find
any typed phrase by substring and highlight it on the page, and the lengths of
its words (from the one segmentation, of the text's `folding.view`), so
whole-word matches rank first. The search index (`search_index`) is built from
these documents.
"""

from __future__ import annotations

from build_corpus.layout import TEXTS
from build_corpus.model import PREAMBLE, Paragraph, Section, Text, TextMeta
from build_corpus.text.aspects import section_kinds
from build_corpus.text.folding import view

LENGTH_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY"
"""Word lengths 1 to 61, one character each (the search worker decodes them alike)."""
CONTINUED = "Z"
"""61 characters of a longer word, which goes on in the next character."""


def encode_lengths(lengths: list[int]) -> str:
    """Word lengths as one character each; a word longer than 61 is written as `CONTINUED`
    pieces of 61 and the rest.

    >>> encode_lengths([2, 2, 1, 61, 62, 70])
    '110YZ0Z8'
    """
    out = []
    for length in lengths:
        if length < 1:
            raise ValueError(f"a word has no length: {lengths!r}")
        while length > len(LENGTH_DIGITS):
            out.append(CONTINUED)
            length -= len(LENGTH_DIGITS)
        out.append(LENGTH_DIGITS[length - 1])
    return "".join(out)


def search_documents(text: Text, meta: TextMeta, lengths: dict[str, list[int]]) -> list[dict]:
    """Documents for one text: the page (title and preamble), then each section; `lengths`
    holds the word lengths of each heading and paragraph, by anchor. Each document also
    carries what search results can be narrowed by (`search_index.FACETS`): the text's year,
    and the section's role and aspect."""
    base = f"{TEXTS}/{meta.slug}/"
    kinds = {section.anchor: kind for section, kind in section_kinds(text)}

    def document(location: str, title: str, paragraphs: list[Paragraph], **more) -> dict:
        words: list[int] = []
        for i, paragraph in enumerate(paragraphs):
            if i:
                words.append(1)  # the newline between paragraphs
            words.extend(lengths.get(paragraph.anchor, [len(view(paragraph.text))]))
        return {
            "location": location,
            "title": title,
            "text": "\n".join(p.text for p in paragraphs),
            "words": encode_lengths(words),
            **more,
            "year": meta.year,
        }

    docs = [
        document(
            base,
            meta.title,
            text.preamble,
            anchor=PREAMBLE,
            markers="",
            level=0,
            role=None,
            aspect=None,
        )
    ]

    def walk(sections: list[Section], path: str) -> None:
        for section in sections:
            kind = kinds[section.anchor]
            docs.append(
                document(
                    f"{base}#{section.anchor}",
                    section.heading,
                    section.paragraphs,
                    anchor=section.anchor,
                    markers=path + section.marker,
                    level=section.depth,
                    role=kind.role,
                    aspect=kind.aspect,
                )
            )
            walk(section.children, path + section.marker)

    walk(text.sections, "")
    return docs


def word_starts(words: str, length: int) -> list[int]:
    """Where words start in a text of `length` characters whose word lengths `encode_lengths`
    gave as `words`, with its start and its end.

    >>> word_starts(encode_lengths([2, 1, 61, 62, 3]), 129)
    [0, 2, 3, 64, 126, 129]
    """
    starts, pos = [0], 0
    for digit in words:
        if digit == CONTINUED:
            pos += len(LENGTH_DIGITS)
            continue
        pos += LENGTH_DIGITS.index(digit) + 1
        if pos < length:
            starts.append(pos)
    starts.append(length)
    return starts
