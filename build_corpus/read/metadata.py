"""`corpus/metadata.yml`: title, year, role, meeting and slug of each text.

    texts:
      000_1ecf946f01ba9833.txt:
        slug: 2022-shiweishuji-jiangzhengzhi
        title: 市委书记旗帜鲜明讲政治专题民主生活会对照检查材料
        year: 2022
        role: 市委书记
        meeting: 旗帜鲜明讲政治专题民主生活会

Every field is optional and overrides, field by field, what the text says of
itself in its title line (`inferred`); a text without a slug gets one from its
file name. `with_entries` adds entries for review, leaving the rest of the
file as it was. Errors name the file and line.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path

import yaml
from yaml import MappingNode, Node

from build_corpus.errors import MetadataError
from build_corpus.model import MetaEntry, TextMeta
from build_corpus.read.inferred import Inferred
from build_corpus.read.yamlfile import (
    check_fields,
    compose,
    is_null,
    line_of,
    mapping,
    read_text,
    scalar,
    top_level,
)
from build_corpus.text.anchors import slugify

RE_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""URL-safe slugs: lower-case ASCII letters and digits, single hyphens between."""

FIELDS = ("slug", "title", "year", "role", "meeting")

HEADER = """\
# Metadata of each text in this folder, keyed by file name. Every field is optional and
# overrides what the build finds in the text's own title line.
# Fields: slug (URL of the page, texts/<slug>/; a-z, 0-9, hyphens), title,
# year (the year, 年度, the meeting reviewed), role (of the author), meeting.
texts:
"""
"""A new `metadata.yml`, before its entries."""


def parse_metadata(text: str, path: Path, names: set[str]) -> dict[str, MetaEntry]:
    """Validate the YAML `text` of `path` against the source file `names`."""
    entries = top_level(text, path, "texts", MetadataError)
    if entries is None:
        return {}
    result: dict[str, MetaEntry] = {}
    slugs: dict[str, str] = {}
    for key, node in mapping(entries, path, "'texts'", MetadataError).items():
        name = str(key.value)
        if name not in names:
            raise MetadataError(
                path,
                f"has metadata for {name!r}, which is not in the corpus",
                line_of(key),
            )
        entry = _entry(node, path, name)
        if entry.slug is not None:
            if entry.slug in slugs:
                raise MetadataError(
                    path,
                    f"slug {entry.slug!r} of {name!r} is also used by {slugs[entry.slug]!r}",
                    line_of(key),
                )
            slugs[entry.slug] = name
        result[name] = entry
    return result


def _entry(node: Node, path: Path, name: str) -> MetaEntry:
    if is_null(node):
        return MetaEntry()
    fields = mapping(node, path, repr(name), MetadataError)
    check_fields(fields, set(FIELDS), path, repr(name), MetadataError)
    values: dict[str, object] = {
        key.value: scalar(value, path, f"field {key.value!r} of {name!r}", MetadataError)
        for key, value in fields.items()
    }
    slug = values.get("slug")
    if slug is not None and not RE_SLUG.match(str(slug)):
        raise MetadataError(
            path,
            f"slug {slug!r} of {name!r} is not URL-safe (use a-z, 0-9 and single hyphens)",
            line_of(node),
        )
    year = values.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise MetadataError(path, f"year of {name!r} must be a number, not {year!r}", line_of(node))

    def text(field: str) -> str | None:
        value = values.get(field)
        return None if value is None else str(value)

    return MetaEntry(
        slug=text("slug"),
        title=text("title"),
        year=year,  # type: ignore[arg-type]
        role=text("role"),
        meeting=text("meeting"),
    )


def text_meta(name: str, entry: MetaEntry | None, found: Inferred, slug: str) -> TextMeta:
    """A text's metadata: its entry's fields, over what its title line says (`found`), over
    its file name (as title); its `slug` as `text_slugs` gave it."""
    entry = entry or MetaEntry()

    def pick(given, inferred):
        return inferred if given is None else given

    return TextMeta(
        slug=slug,
        title=entry.title or found.title or Path(name).stem,
        year=pick(entry.year, found.year),
        role=pick(entry.role, found.role),
        meeting=pick(entry.meeting, found.meeting),
    )


def text_slugs(
    names: Iterable[str], entries: dict[str, MetaEntry], published: dict[str, str]
) -> dict[str, str]:
    """The slug of each text (file `names`), so that a published URL never moves to another
    text, whatever is added and in whatever order:

    1. the slug its entry in `metadata.yml` gives;
    2. else the slug it was published under (`published`, by file name), if no entry now
       claims it;
    3. else its file name's slug (`file_slug`), if free: among files that spell the same
       slug, the one whose name is already that slug (`a-b.txt` before `a b.txt`), then the
       first by name;
    4. else that slug with a suffix made from its own file name (`a-b-cd6c`), never from
       the order of the corpus.

    >>> text_slugs(["a b.txt", "a-b.txt"], {}, {})
    {'a-b.txt': 'a-b', 'a b.txt': 'a-b-cd6c'}
    >>> text_slugs(["a b.txt", "a-b.txt"], {}, {"a b.txt": "a-b"})
    {'a b.txt': 'a-b', 'a-b.txt': 'a-b-4279'}
    """
    names = sorted(names)
    out = {n: entries[n].slug for n in names if n in entries and entries[n].slug}
    taken = set(out.values())
    for name in names:
        old = published.get(name)
        if name not in out and old and RE_SLUG.match(old) and old not in taken:
            out[name] = old
            taken.add(old)
    rest = [n for n in names if n not in out]
    rest.sort(key=lambda n: (file_slug(n) != Path(n).stem, n))
    for name in rest:
        slug = file_slug(name)
        if slug in taken:
            slug = suffixed(slug, name, taken)
        out[name] = slug
        taken.add(slug)
    return out


def file_slug(name: str) -> str:
    """A slug from a file name: Chinese spelled in pinyin.

    >>> file_slug("My File (2).txt")
    'my-file-2'
    >>> file_slug("市委 书记（2023）.txt")
    'shi-wei-shu-ji-2023'
    """
    return slugify(Path(name).stem)


def suffixed(slug: str, name: str, taken: set[str]) -> str:
    """`slug` with a suffix from a digest of the file `name`, four hex digits (more if those
    are taken): the same for that file whatever else the corpus holds.

    >>> suffixed("report-a", "Report A.txt", {"report-a"})
    'report-a-3c0f'
    """
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()
    for size in range(4, len(digest) + 1, 2):
        candidate = f"{slug}-{digest[:size]}"
        if candidate not in taken:
            return candidate
    raise ValueError(f"no free slug for {name}")  # 64 hex digits all taken: cannot happen


def published_slugs(path: Path) -> dict[str, str]:
    """The slug of each source file (by name) in the last published `texts.jsonl` (`path`);
    none if there is no such file. A line that cannot be read is passed over."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    out = {}
    for line in lines:
        try:
            record = json.loads(line)
            source, slug = record["source"], record["slug"]
        except (ValueError, TypeError, KeyError):
            continue
        if isinstance(source, str) and isinstance(slug, str):
            out[source] = slug
    return out


def load_metadata(path: Path, names: Iterable[str]) -> dict[str, MetaEntry]:
    """Read and validate `path` against the source file `names`; a missing file means no
    metadata."""
    if not path.exists():
        return {}
    return parse_metadata(read_text(path, MetadataError), path, set(names))


def with_entries(text: str | None, metas: dict[str, TextMeta], path: Path) -> str:
    """The text of `metadata.yml` (`text`; None if there is no file yet) with entries for
    `metas` added at the end of its `texts`, each marked for review; the rest of the file,
    comments included, as it was."""
    if text is None or not text.strip():
        return HEADER + _entries(metas, 2)
    root = compose(text, path, MetadataError)
    node = None  # a file of comments only has no root
    if not is_null(root):
        assert isinstance(root, MappingNode)  # the file was validated before
        node = next((value for key, value in root.value if key.value == "texts"), None)
    if node is None:
        return text.rstrip("\n") + "\ntexts:\n" + _entries(metas, 2)
    if is_null(node):
        end = node.end_mark.index
        return text[:end].rstrip(" ") + "\n" + _entries(metas, 2) + text[end:].lstrip("\n")
    if not isinstance(node, MappingNode) or node.flow_style:
        raise MetadataError(
            path, "add entries by hand: 'texts' is written in flow style", line_of(node)
        )
    end = node.end_mark.index
    head = text[:end] if text[:end].endswith("\n") else text[:end] + "\n"
    return head + _entries(metas, node.value[0][0].start_mark.column) + text[end:]


def _entries(metas: dict[str, TextMeta], indent: int) -> str:
    """YAML entries for `metas`, their keys indented by `indent` spaces."""
    pad, out = " " * indent, []
    for name, meta in metas.items():
        out.append(f"{pad}{_scalar(name)}:  # inferred from the text: review, then remove this")
        for field in FIELDS:
            value = getattr(meta, field)
            if value not in (None, ""):
                out.append(f"{pad}  {field}: {_scalar(value)}")
    return "".join(line + "\n" for line in out)


def _scalar(value: object) -> str:
    """`value` as a YAML scalar on one line: plain where YAML reads it back the same."""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=2**20)
    return dumped.removesuffix("\n").removesuffix("\n...")
