"""`metadata.yml`: valid entries load, every mistake names the file and line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, SEED_FILES, make_project, run_cli

from build_corpus.config import BuildConfig
from build_corpus.errors import MetadataError
from build_corpus.model import MetaEntry, TextMeta
from build_corpus.pipeline import build_fresh, generate
from build_corpus.read.inferred import infer_meta
from build_corpus.read.metadata import (
    load_metadata,
    parse_metadata,
    text_meta,
    text_slugs,
    with_entries,
)

PATH = Path("corpus/metadata.yml")
NAMES = {"a.txt", "b.txt"}


def test_bundled_metadata_covers_every_seed():
    metas = load_metadata(CORPUS / "metadata.yml", {p.name for p in SEED_FILES})
    assert set(metas) == {p.name for p in SEED_FILES}
    assert all(m.slug and m.title and m.year and m.role and m.meeting for m in metas.values())


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


# --- metadata from the text, metadata.yml over it ---------------------------------------------

TITLED = "市委书记2022年民主生活会对照检查材料"


def test_an_entry_overrides_what_the_title_line_says_field_by_field():
    entries = parse_metadata("texts:\n  a.txt:\n    year: 2023\n    role: ''\n", PATH, NAMES)
    meta = text_meta("a.txt", entries["a.txt"], infer_meta(f"{TITLED}\n正文。"), "a")
    assert meta == TextMeta(slug="a", title=TITLED, year=2023, role="", meeting="2022年民主生活会")
    # no entry, no title line: the file name
    assert text_meta("b.txt", None, infer_meta("正文。"), "b-2") == TextMeta("b-2", "b")


def test_inferred_entries_are_added_to_a_new_metadata_file():
    metas = {"a b.txt": TextMeta("a-b", TITLED, 2022, "市委书记", "2022年民主生活会")}
    text = with_entries(None, metas, PATH)
    assert text.endswith(
        "texts:\n"
        "  a b.txt:  # inferred from the text: review, then remove this\n"
        "    slug: a-b\n"
        f"    title: {TITLED}\n"
        "    year: 2022\n"
        "    role: 市委书记\n"
        "    meeting: 2022年民主生活会\n"
    )
    assert parse_metadata(text, PATH, {"a b.txt"}) == {
        "a b.txt": MetaEntry("a-b", TITLED, 2022, "市委书记", "2022年民主生活会")
    }


@pytest.mark.parametrize(
    "before",
    [
        "# notes\ntexts:\n    a.txt:   # checked\n        slug: a\n        title: '1: A'\n# end\n",
        "# my notes\ntexts:\n",
        "# my notes\n",
        "texts:\n  a.txt: {slug: a}\n",
    ],
    ids=["indented-by-four-with-comments", "empty-texts", "only-comments", "flow-entry"],
)
def test_inferred_entries_are_added_leaving_the_rest_of_the_file_as_it_was(before):
    metas = {"b.txt": TextMeta("b", "2024: 标题", 2024), "c.txt": TextMeta("c", "'引号'")}
    after = with_entries(before, metas, PATH)
    kept_lines = [line for line in before.splitlines() if line.strip()]
    assert [line for line in after.splitlines() if line in kept_lines] == kept_lines
    entries = parse_metadata(after, PATH, {"a.txt", "b.txt", "c.txt"})
    assert entries["b.txt"] == MetaEntry("b", "2024: 标题", 2024)
    assert entries["c.txt"] == MetaEntry("c", "'引号'")
    assert set(entries) == {"b.txt", "c.txt"} | ({"a.txt"} if "a.txt" in before else set())


def test_metadata_command_writes_what_the_build_shows_then_nothing_more(tmp_path):
    project = make_project(tmp_path / "p")
    corpus = tmp_path / "texts"
    corpus.mkdir()
    for path in SEED_FILES:
        shutil.copy(path, corpus / path.name)
    (corpus / "real.txt").write_text(
        f"奋书文库，欢迎您！\n{TITLED}\n按照要求，我认真查摆。\n一、存在的问题\n问题。\n", "utf-8"
    )
    built = run_cli(project, "generate", "--corpus", str(corpus))
    assert built.returncode == 0, built.stderr
    # one summary line, no warning per text
    summary = [line for line in built.stderr.splitlines() if "metadata" in line]
    assert len(summary) == 1 and summary[0].startswith("INFO metadata: 6 texts have no entry")
    assert "2 described from their title line, 4 titled by file name" in summary[0]
    warnings = [line for line in built.stderr.splitlines() if line.startswith("WARNING")]
    assert all("runs into the body" in line for line in warnings), warnings
    page = (project / "docs/texts/real.md").read_text("utf-8")
    assert f"# {TITLED} {{#title}}" in page

    wrote = run_cli(project, "metadata", "--corpus", str(corpus))
    assert wrote.returncode == 0, wrote.stderr
    assert "6 entries added" in wrote.stdout
    entries = load_metadata(corpus / "metadata.yml", [p.name for p in corpus.glob("*.txt")])
    assert entries["real.txt"] == MetaEntry("real", TITLED, 2022, "市委书记", "2022年民主生活会")
    assert entries["001_d692f105936694d5.txt"] == MetaEntry(
        "001-d692f105936694d5", "001_d692f105936694d5"
    )
    again = run_cli(project, "metadata", "--corpus", str(corpus))
    assert "every text has an entry already" in again.stdout
    rebuilt = run_cli(project, "generate", "--corpus", str(corpus))
    assert "metadata:" not in rebuilt.stderr
    assert (project / "docs/texts/real.md").read_text("utf-8") == page


# --- slugs: a published URL never moves to another text ------------------------------------

TWINS = {  # two file names that spell the same slug, a-b
    "a-b.txt": "一、连字符的文本\n这是连字符文件的正文，两个维护。\n",
    "a b.txt": "一、空格的文本\n这是空格文件的正文，两个维护。\n",
}


def pages(docs: Path) -> dict[str, str]:
    """Which source each text page shows, by slug (the page's URL)."""
    out = {}
    for page in (docs / "texts/.bodies").glob("[!.]*.html"):
        (source,) = re.findall(r'data-corpus-source="([^"]+)"', page.read_text("utf-8"))
        out[page.stem] = source
    return out


@pytest.mark.parametrize("first", list(TWINS))
def test_a_published_url_stays_with_its_text_whatever_is_added(tmp_path, first):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    config = BuildConfig(
        corpus_dir=corpus,
        docs_dir=tmp_path / "docs",
        mkdocs_config=tmp_path / "mkdocs.yml",
        cache_dir=tmp_path / "cache",
    )
    (corpus / first).write_text(TWINS[first], encoding="utf-8")
    generate(config)
    before = pages(config.docs_dir)
    assert before == {"a-b": first}
    (second,) = set(TWINS) - {first}
    (corpus / second).write_text(TWINS[second], encoding="utf-8")
    generate(config)
    after = pages(config.docs_dir)
    assert after["a-b"] == first  # the old URL opens the old text
    assert sorted(after.values()) == sorted(TWINS)
    # a build from scratch (no cache) of the same folder keeps them where they are
    build_fresh(BuildConfig(**{**config.__dict__, "cache_dir": None}))
    assert pages(config.docs_dir) == after


def test_slugs_follow_entries_then_the_published_then_the_file_name():
    names = ["a b.txt", "a-b.txt", "c.txt"]
    assert text_slugs(names, {}, {}) == {"a-b.txt": "a-b", "a b.txt": "a-b-cd6c", "c.txt": "c"}
    # published slugs stay, whatever the file names would now give
    published = {"a b.txt": "a-b", "a-b.txt": "a-b-2", "c.txt": "c"}
    assert text_slugs(names, {}, published) == published
    # an entry's slug wins over a published one; the text it displaces gets its own suffix
    entries = {"c.txt": MetaEntry(slug="a-b")}
    assert text_slugs(names, entries, published) == {
        "c.txt": "a-b",
        "a-b.txt": "a-b-2",
        "a b.txt": "a-b-cd6c",
    }
    # a published slug that is no slug (a damaged file) is passed over
    assert text_slugs(["c.txt"], {}, {"c.txt": "Not A Slug"}) == {"c.txt": "c"}
