"""`metadata.yml`: valid entries load, every mistake names the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, SEED_FILES

from build_corpus.errors import MetadataError
from build_corpus.metadata import load_metadata, parse_metadata

PATH = Path("corpus/metadata.yml")
NAMES = {"a.txt", "b.txt"}


def test_bundled_metadata_covers_every_seed():
    metas = load_metadata(CORPUS / "metadata.yml", {p.name for p in SEED_FILES})
    assert set(metas) == {p.name for p in SEED_FILES}
    assert all(m.year and m.role and m.meeting for m in metas.values())


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("texts:\n  a.txt: {slug: a, title: [}\n", 2, "not valid YAML"),
        (
            "texts:\n  a.txt:\n    slug: a\n    title: T\n    colour: red\n",
            5,
            "unknown field 'colour'",
        ),
        ("texts:\n  a.txt:\n    slug: Not_OK\n    title: T\n", 3, "not URL-safe"),
        (
            "texts:\n  a.txt:\n    slug: a\n    title: T\n  gone.txt:\n    slug: g\n",
            5,
            "not in the corpus",
        ),
        ("texts:\n  a.txt: {slug: x, title: A}\n  b.txt: {slug: x, title: B}\n", 3, "also used by"),
        ("texts:\n  a.txt: {title: A}\n", 2, "lacks slug"),
        (
            "texts:\n  a.txt: {slug: a, title: A, year: soon}\n",
            2,
            "year of 'a.txt' must be a number",
        ),
        ("text:\n  a.txt: {slug: a, title: A}\n", 1, "unknown top-level key 'text'"),
    ],
    ids=[
        "yaml",
        "unknown-field",
        "slug",
        "missing-text",
        "duplicate-slug",
        "required",
        "year",
        "top",
    ],
)
def test_errors_name_file_and_line(text, line, message):
    with pytest.raises(MetadataError) as info:
        parse_metadata(text, PATH, NAMES)
    assert info.value.line == line
    assert message in info.value.message
    assert str(info.value).startswith(f"{PATH}:{line}: ")


def test_empty_file_means_no_metadata():
    assert parse_metadata("", PATH, NAMES) == {}
    assert parse_metadata("texts:\n", PATH, NAMES) == {}
