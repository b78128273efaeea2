"""The corpus as the catalogue lists it: texts by year, each year's size, each aspect's rows.
Pure: values from the texts' metadata and outlines, made once per build and read by the
renderers (`model.Years`, `model.Rows`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import groupby

from build_corpus.model import Outline, Rows, SectionSummary, TextMeta, Years
from build_corpus.text.aspects import SLUGS


def by_year(texts: list[tuple[TextMeta, str]]) -> list[tuple[int | None, list]]:
    """Texts grouped by year, newest first, unknown years last; by slug within a year."""

    def newest_first(text: tuple[TextMeta, str]) -> tuple[int, int]:
        year = text[0].year
        return (0, -year) if year is not None else (1, 0)

    ordered = sorted(texts, key=lambda t: (newest_first(t), t[0].slug))
    return [
        (group[0][0].year, group)
        for _, g in groupby(ordered, key=newest_first)
        if (group := list(g))
    ]


def years(listing: Iterable[tuple[TextMeta, str]], outlines: Mapping[str, Outline]) -> Years:
    """The year of each text and the size of each year (the characters of its texts)."""
    year_of: dict[str, int | None] = {name: meta.year for meta, name in listing}
    sizes: dict[int, int] = {}
    texts: dict[int, int] = {}
    for name, year in year_of.items():
        if year is not None:
            sizes[year] = sizes.get(year, 0) + outlines[name].chars
            texts[year] = texts.get(year, 0) + 1
    known = tuple(sorted(sizes))
    return Years(
        year_of,
        known,
        tuple(sizes[y] for y in known),
        tuple(texts[y] for y in known),
        sum(1 for year in year_of.values() if year is None),
    )


def aspect_rows(
    listing: Iterable[tuple[TextMeta, str]], outlines: Mapping[str, Outline]
) -> dict[str, Rows]:
    """For each aspect (in `SLUGS` order), the texts taking it up with their sections on it,
    newest year first, as the catalogue orders them."""
    rows: dict[str, Rows] = {aspect: [] for aspect in SLUGS}
    for year_group in by_year(list(listing)):
        for meta, name in year_group[1]:
            found: dict[str, list[SectionSummary]] = {}
            for summary in outlines[name].summaries:
                found.setdefault(summary.kind.aspect, []).append(summary)
            for aspect, sections in found.items():
                rows[aspect].append((meta, name, sections))
    return rows
