"""`corpus/metadata.yml`: title, year, role, meeting and slug of each text.

    texts:
      000_1ecf946f01ba9833.txt:
        slug: 2022-shiweishuji-jiangzhengzhi
        title: 市委书记旗帜鲜明讲政治专题民主生活会对照检查材料
        year: 2022
        role: 市委书记
        meeting: 旗帜鲜明讲政治专题民主生活会

Errors name the file and line. A text without an entry still builds, with a
slug derived from its file name and a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from yaml import Node

from .anchors import slugify
from .errors import MetadataError
from .model import TextMeta
from .yamlfile import check_fields, line_of, mapping, read_text, scalar, top_level

RE_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""URL-safe slugs: lower-case ASCII letters and digits, single hyphens between."""

FIELDS = {"slug", "title", "year", "role", "meeting"}
REQUIRED = {"slug", "title"}


def parse_metadata(text: str, path: Path, names: set[str]) -> dict[str, TextMeta]:
    """Validate the YAML `text` of `path` against the source file `names`."""
    entries = top_level(text, path, "texts", MetadataError)
    if entries is None:
        return {}
    result: dict[str, TextMeta] = {}
    slugs: dict[str, str] = {}
    for key, node in mapping(entries, path, "'texts'", MetadataError).items():
        name = str(key.value)
        if name not in names:
            raise MetadataError(
                path,
                f"has metadata for {name!r}, which is not in the corpus",
                line_of(key),
            )
        meta = _text_meta(node, path, name)
        if meta.slug in slugs:
            raise MetadataError(
                path,
                f"slug {meta.slug!r} of {name!r} is also used by {slugs[meta.slug]!r}",
                line_of(key),
            )
        slugs[meta.slug] = name
        result[name] = meta
    return result


def _text_meta(node: Node, path: Path, name: str) -> TextMeta:
    fields = mapping(node, path, repr(name), MetadataError)
    check_fields(fields, FIELDS, path, repr(name), MetadataError)
    values: dict[str, object] = {
        key.value: scalar(value, path, f"field {key.value!r} of {name!r}", MetadataError)
        for key, value in fields.items()
    }
    missing = REQUIRED - values.keys()
    if missing:
        raise MetadataError(path, f"{name!r} lacks {', '.join(sorted(missing))}", line_of(node))
    slug = str(values["slug"])
    if not RE_SLUG.match(slug):
        raise MetadataError(
            path,
            f"slug {slug!r} of {name!r} is not URL-safe (use a-z, 0-9 and single hyphens)",
            line_of(node),
        )
    year = values.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise MetadataError(path, f"year of {name!r} must be a number, not {year!r}", line_of(node))
    return TextMeta(
        slug=slug,
        title=str(values["title"]),
        year=year,
        role=str(values.get("role") or ""),
        meeting=str(values.get("meeting") or ""),
    )


def default_meta(name: str, taken: set[str]) -> TextMeta:
    """Metadata for a text with no entry: a slug from the file name, the stem as title.

    Chinese is spelled in pinyin; a slug already taken gets `-2`, `-3`, ….

    >>> default_meta("My File (2).txt", set()).slug
    'my-file-2'
    >>> default_meta("市委 书记（2023）.txt", set()).slug
    'shi-wei-shu-ji-2023'
    >>> default_meta("report-a.txt", {"report-a"}).slug
    'report-a-2'
    """
    base = slugify(Path(name).stem)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return TextMeta(slug=slug, title=Path(name).stem)


def load_metadata(path: Path, names: Iterable[str]) -> dict[str, TextMeta]:
    """Read and validate `path` against the source file `names`; a missing file means no
    metadata."""
    if not path.exists():
        return {}
    return parse_metadata(read_text(path, MetadataError), path, set(names))
