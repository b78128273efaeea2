"""The data to take away (`site/data/`), read with standard readers: json, csv, a BibTeX
parser and the CSL-JSON schema; checked against the sources and the pages they point to."""

from __future__ import annotations

import csv
import html
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import bibtexparser
import jsonschema
import pytest
from conftest import SEED_FILES, make_project, run_cli, squeeze
from pylatexenc.latex2text import LatexNodes2Text

from build_corpus.errors import BuildError
from build_corpus.model import TextMeta
from build_corpus.read.mkdocs_config import site_address
from build_corpus.read.sources import read_source
from build_corpus.render.data import bibtex, csl_json

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "csl-data.json").read_text("utf-8"))


def data(built_site) -> Path:
    return built_site / "site" / "data"


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def page_of(built_site, url: str) -> Path:
    """The built page a data file's URL (relative to the site root) points to."""
    return built_site / "site" / urlsplit(url).path / "index.html"


def test_texts_jsonl_has_a_line_per_text_with_its_metadata(built_site):
    texts = lines(data(built_site) / "texts.jsonl")
    assert [t["source"] for t in texts] == sorted(p.name for p in SEED_FILES)
    assert set(texts[0]) == {"slug", "title", "year", "role", "meeting", "source", "url"}
    first = texts[0]
    assert (first["year"], first["role"]) == (2022, "市委书记")
    for text in texts:
        assert text["url"] == f"texts/{text['slug']}/"
        assert text["title"] in page_of(built_site, text["url"]).read_text("utf-8")


def test_the_sections_of_each_text_joined_in_order_give_its_source(built_site):
    sections = lines(data(built_site) / "sections.jsonl")
    texts = {t["slug"]: t["source"] for t in lines(data(built_site) / "texts.jsonl")}
    assert [s["text"] for s in sections if s["level"] == 0] == list(texts)  # preamble first
    fields = {"text", "anchor", "markers", "heading", "level", "role", "aspect", "body", "url"}
    assert all(set(s) == fields for s in sections)
    for slug, source in texts.items():
        own = [s for s in sections if s["text"] == slug]
        joined = "".join(("" if s["level"] == 0 else s["heading"]) + s["body"] for s in own)
        # apart from the page leftovers the build removes (##paidbegin## …), as on the page
        assert squeeze(joined) == squeeze(read_source(Path("corpus") / source).text)
    by_anchor = {(s["text"], s["anchor"]): s for s in sections}
    kind = by_anchor["2022-shiweishuji", "s1-6"]
    assert (kind["markers"], kind["level"], kind["role"], kind["aspect"]) == (
        "一、（六）",
        2,
        "查摆问题",
        "廉洁自律/从严治党",
    )
    assert kind["url"] == "texts/2022-shiweishuji/#s1-6"
    assert 'id="s1-6"' in page_of(built_site, kind["url"]).read_text("utf-8")


def test_phrases_csv_counts_each_phrase_in_each_text(built_site):
    table = rows(data(built_site) / "phrases.csv")
    assert list(table[0]) == ["phrase", "phrase_slug", "origin", "text", "count", "total"]
    totals = Counter()
    for row in table:
        totals[row["phrase"]] += int(row["count"])
        assert row["origin"] in ("glossary", "mined")
    assert all(totals[row["phrase"]] == int(row["total"]) for row in table)
    upholds = [row for row in table if row["phrase"] == "两个维护"]
    assert {row["origin"] for row in upholds} == {"glossary"} and len(upholds) >= 3
    sources = {p.name: read_source(p).text for p in SEED_FILES}
    texts = {t["slug"]: t["source"] for t in lines(data(built_site) / "texts.jsonl")}
    for row in upholds:
        assert sources[texts[row["text"]]].count("两个维护") >= int(row["count"])


def test_a_concordance_csv_holds_its_phrase_pages_lines(built_site):
    table = rows(data(built_site) / "concordance" / "yi-gang-shuang-ze.csv")
    assert list(table[0]) == ["text", "anchor", "left", "match", "right", "url"]
    page = (built_site / "site/phrases/yi-gang-shuang-ze/index.html").read_text("utf-8")
    assert len(table) == page.count('class="corpus-kwic"') >= 5
    sources = "".join(squeeze(read_source(p).text) for p in SEED_FILES)
    for row in table:
        assert row["match"] == "一岗双责"
        assert squeeze(row["left"] + row["match"] + row["right"]) in sources
        assert f'id="{row["anchor"]}"' in page_of(built_site, row["url"]).read_text("utf-8")


def test_citations_parse_as_bibtex_and_validate_as_csl_json(built_site):
    texts = lines(data(built_site) / "texts.jsonl")
    for text in texts:
        cite = data(built_site) / "cite"
        library = bibtexparser.parse_string((cite / f"{text['slug']}.bib").read_text("utf-8"))
        assert not library.failed_blocks
        (entry,) = library.entries
        assert entry.key == text["slug"] and entry.entry_type == "misc"
        assert entry["title"] == text["title"]
        assert entry["year"] == str(text["year"])
        items = json.loads((cite / f"{text['slug']}.json").read_text("utf-8"))
        jsonschema.validate(items, SCHEMA)
        (item,) = items
        assert (item["id"], item["title"], item["URL"]) == (
            text["slug"],
            text["title"],
            text["url"],
        )
        assert item["issued"] == {"date-parts": [[text["year"]]]}


def test_bibtex_of_a_hostile_title_reads_back_as_written():
    """Braces (unbalanced too), backslashes and TeX's special characters in a title: the entry
    parses, and its value, read as LaTeX, is the title."""
    title = "a {b} c} 100% _x_ \\ ~^ #&$ 《标题》"
    meta = TextMeta(slug="hostile", title=title, year=None, role="{角色")
    library = bibtexparser.parse_string(bibtex(meta, "hostile.txt"))
    assert not library.failed_blocks
    (entry,) = library.entries
    read = LatexNodes2Text().latex_to_text(entry["title"])
    assert read.replace("\u02c6", "^") == title  # pylatexenc reads \textasciicircum as ˆ
    assert LatexNodes2Text().latex_to_text(entry["author"]) == "{角色"
    jsonschema.validate(json.loads(csl_json(meta, "hostile.txt")), SCHEMA)


TWEMOJI = "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"


@pytest.mark.parametrize(
    ("config", "environment", "address"),
    [
        (None, {}, ""),  # no configuration file
        ("site_name: x\n# site_url: https://example.org/corpus/\n", {}, ""),
        ("site_url:\n", {}, ""),
        (  # a tag only MkDocs' code could load, elsewhere in the file
            "site_url: https://example.org/corpus\nmarkdown_extensions:\n"
            "  - pymdownx.emoji:\n" + TWEMOJI,
            {},
            "https://example.org/corpus/",
        ),
        ("site_url: !ENV CORPUS_URL\n", {}, ""),
        ("site_url: !ENV CORPUS_URL\n", {"CORPUS_URL": "https://e.example/"}, "https://e.example/"),
        ("site_url: !ENV [CORPUS_URL, 'https://d.example/x']\n", {}, "https://d.example/x/"),
        (
            "site_url: !ENV [CORPUS_URL, 'https://d.example/x']\n",
            {"CORPUS_URL": "https://e.example/y"},
            "https://e.example/y/",
        ),
    ],
)
def test_the_site_address_is_read_from_the_mkdocs_configuration(
    tmp_path, monkeypatch, config, environment, address
):
    monkeypatch.delenv("CORPUS_URL", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    path = tmp_path / "mkdocs.yml"
    if config is not None:
        path.write_text(config, encoding="utf-8")
    assert site_address(path) == address


@pytest.mark.parametrize(
    ("files", "address"),
    [
        ({"base.yml": "site_url: https://b.example/x\n"}, "https://b.example/x/"),
        (  # the file's own value wins, whatever it inherits
            {"base.yml": "site_url: https://b.example/x\n", "": "site_url: https://c.example/\n"},
            "https://c.example/",
        ),
        ({"base.yml": "site_url: https://b.example/x\n", "": "site_url:\n"}, ""),
        (  # two levels, each path relative to the file that names it
            {
                "conf/base.yml": "INHERIT: ../root.yml\nsite_name: b\n",
                "root.yml": "site_url: !ENV [CORPUS_URL, 'https://r.example/']\n",
            },
            "https://r.example/",
        ),
        ({"base.yml": "site_name: b\n"}, ""),
    ],
)
def test_the_site_address_is_inherited_as_mkdocs_inherits_it(tmp_path, monkeypatch, files, address):
    """`INHERIT:` names a parent configuration; a file that sets no `site_url` takes it from
    there, as MkDocs does (`INHERIT` is not MkDocs' own key, so MkDocs' loaded value would
    otherwise be the only one to know it)."""
    monkeypatch.delenv("CORPUS_URL", raising=False)
    parent = next(name for name in files if name)
    for name, text in files.items():
        if name:
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text, encoding="utf-8")
    own = files.get("", "site_name: x\n")
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"INHERIT: {parent}\n{own}", encoding="utf-8")
    assert site_address(path) == address


def test_an_inherited_configuration_that_is_not_there_is_named(tmp_path):
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: x\nINHERIT: nowhere.yml\n", encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        site_address(path)
    assert (
        str(caught.value)
        == f"{path}:2: INHERIT names {tmp_path / 'nowhere.yml'}, which does not exist"
    )
    (tmp_path / "nowhere.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    with pytest.raises(BuildError, match="inherits from itself"):
        site_address(path)


def test_a_broken_mkdocs_configuration_is_named_with_the_line_of_its_error(tmp_path):
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: x\nsite_url: [unclosed\n", encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        site_address(path)
    assert str(caught.value).startswith(f"{path}:3: is not valid YAML")


@pytest.fixture(scope="module")
def addressed_site(tmp_path_factory) -> Path:
    """The seeds' site with `site_url` set, as when it is published."""
    project = make_project(tmp_path_factory.mktemp("addressed"))
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("# site_url:", "site_url:"), encoding="utf-8"
    )
    result = run_cli(project, "site")
    assert result.returncode == 0, result.stderr
    return project


def test_the_data_served_by_mkdocs_serve_names_the_published_address(addressed_site):
    """`mkdocs serve` sets MkDocs' `site_url` to its own address; the data files it serves
    still agree with each other and with the published ones: every URL under the address of
    `mkdocs.yml`, as `build_corpus` reads it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "mkdocs", "serve", "--no-livereload"]
    command += ["--dev-addr", f"127.0.0.1:{port}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        command, cwd=addressed_site, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        served = {}
        for name in ("sections.jsonl", "texts.jsonl"):
            served[name] = fetch(f"http://127.0.0.1:{port}/corpus/data/{name}", server)
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    for name, text in served.items():
        urls = [json.loads(line)["url"] for line in text.splitlines()]
        assert urls and all(url.startswith("https://example.org/corpus/") for url in urls), (
            name,
            urls[:3],
            errors.decode()[-2000:],
        )
        assert text == (data(addressed_site) / name).read_text("utf-8")


def fetch(url: str, server: subprocess.Popen, wait: float = 180) -> str:
    """The text at `url`, once the server serves it (it builds the site first)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read().decode("utf-8")
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_with_a_site_address_every_url_of_the_data_is_absolute(addressed_site, built_site):
    """The same data as without one, each URL under the address, naming the same page."""
    address = "https://example.org/corpus/"
    for name in ("texts.jsonl", "sections.jsonl"):
        found = lines(data(addressed_site) / name)
        plain = lines(data(built_site) / name)
        assert [r["url"] for r in found] == [address + r["url"] for r in plain]
        assert [{**r, "url": ""} for r in found] == [{**r, "url": ""} for r in plain]
    page = html.unescape((data(addressed_site) / "index.html").read_text("utf-8"))
    assert f"网址均以本站地址 {address} 开头" in page  # as the browser shows it
    for path in (data(addressed_site) / "cite").glob("*.json"):
        (item,) = json.loads(path.read_text("utf-8"))
        assert item["URL"] == f"{address}texts/{path.stem}/"
        jsonschema.validate([item], SCHEMA)
