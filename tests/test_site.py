"""The built site, read as files: faithful text, inert sources, generated Markdown."""

from __future__ import annotations

import gzip
import hashlib
import json
import re

import pytest
from conftest import (
    GOLDEN,
    SAMPLES,
    SEED_FILES,
    article,
    check_golden,
    make_project,
    run_cli,
    squeeze,
)

from build_corpus.read.sources import read_source

SLUGS = {
    "000_1ecf946f01ba9833.txt": "2022-shiweishuji-jiangzhengzhi",
    "001_d692f105936694d5.txt": "2021-bianban-fuzeren",
    "002_d2c4fd0f5dacfba5.txt": "2021-quwei-fushuji",
    "003_eeed8751cc19b1e4.txt": "2022-shiweishuji",
    "004_1ba1f5e5e2bd770c.txt": "2023-banzi-zhutijiaoyu",
}
ALLOWED_TAGS = {
    "article",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "a",
    "span",
    "code",
    "button",
}


def page_html(project, slug):
    return (project / "site" / "texts" / slug / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_every_source_character_is_on_the_page_in_order(built_site, path):
    source = read_source(path)
    shown = "".join(article(page_html(built_site, SLUGS[path.name])).text)
    assert squeeze(shown) == squeeze(source.text)


GOLDEN_PAGES = [
    *(f"texts/{slug}.md" for slug in SLUGS.values()),
    *(f"texts/.bodies/{slug}.html" for slug in SLUGS.values()),
    "texts/.catalogue.md",
    "phrases/liang-ge-wei-hu.md",  # a glossary term
    "phrases/.bodies/liang-ge-wei-hu.html",
    "phrases/li-lun-wu-zhuang.md",  # a phrase found by mining
    "phrases/.bodies/li-lun-wu-zhuang.html",
    "trends/index.md",
    "reuse/index.md",
    "reuse/2021-bianban-fuzeren--2021-quwei-fushuji.md",  # the two 2021 reports' template
    "reuse/.bodies/2021-bianban-fuzeren--2021-quwei-fushuji.html",
]


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_generated_markdown_matches_golden(built_site, page):
    generated = (built_site / "docs" / page).read_text(encoding="utf-8")
    name = page.replace("/.", "/").replace("/", "__")
    check_golden(GOLDEN / "markdown" / name, generated)


def test_redactions_are_styled_and_never_bold(built_site):
    html = page_html(built_site, SLUGS["000_1ecf946f01ba9833.txt"])
    assert '发生了<span class="corpus-redaction" title="原文此处已隐去">**</span>农商行' in html
    assert "<strong>" not in html
    html = page_html(built_site, SLUGS["001_d692f105936694d5.txt"])
    assert '视察<span class="corpus-redaction" title="原文此处已隐去">XX</span>' in html


def test_home_page_lists_texts_grouped_by_year(built_site):
    html = (built_site / "site" / "index.html").read_text(encoding="utf-8")
    years = [html.index(f'id="y{y}"') for y in (2023, 2022, 2021)]
    assert years == sorted(years)
    for slug in SLUGS.values():
        assert f'href="texts/{slug}/"' in html


def test_page_has_title_metadata_outline_and_language(built_site):
    html = page_html(built_site, SLUGS["003_eeed8751cc19b1e4.txt"])
    assert '<html lang="zh"' in html
    assert "<title>市委书记2022年民主生活会对照检查材料 - " in html
    assert "2022年</span> · <span>市委书记</span> · <span>2022年度民主生活会" in html
    assert "<code>003_eeed8751cc19b1e4.txt</code>" in html
    # the outline (table of contents) links every heading anchor
    for anchor in ("s1", "s1-1", "s1-1-1", "s2-5", "s3-0-4"):
        assert f'href="#{anchor}"' in html
        assert f'id="{anchor}"' in html


def test_search_index_holds_every_section_once(built_site, seed_texts):
    search = built_site / "site/search"
    raw = (search / "search_index.json").read_text(encoding="utf-8")
    manifest = json.loads(raw)["config"]["corpus"]
    pages = [
        gzip.decompress((search / manifest["version"] / f"p/{n}.bin").read_bytes())
        for n in range(manifest["pages"])
    ]
    locations = [doc[0] for page in pages for doc in json.loads(page)]
    assert len(locations) == len(set(locations))
    for name, text in seed_texts.items():
        for section in text.walk():
            assert f"texts/{SLUGS[name]}/#{section.anchor}" in locations
    assert not any(loc.startswith("#") or loc == "" for loc in locations), "home page is excluded"
    for stored in [raw, *(page.decode("utf-8") for page in pages)]:
        assert not re.search(r"\\u[3-9][0-9a-f]{3}", stored), "Chinese is UTF-8, not escapes"


def test_site_requests_nothing_from_other_hosts(built_site):
    for page in (built_site / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        assert 'src="http' not in html and 'href="http' not in html.replace(
            'href="https://squidfunk.github.io/mkdocs-material/"', ""
        )


def test_the_corpus_scripts_are_linked_by_a_digest_of_what_is_published(built_site):
    """A browser that kept an earlier build's worker or scripts fetches these instead: their
    URLs change with their content."""
    site = built_site / "site"
    digest = hashlib.sha256()
    for path in sorted((site / "assets/corpus").glob("*.js")):
        digest.update(f"assets/corpus/{path.name}".encode() + b"\0" + path.read_bytes())
    version = digest.hexdigest()[:12]
    for page in [site / "index.html", site / "texts/2022-shiweishuji/index.html"]:
        html = page.read_text(encoding="utf-8")
        config = json.loads(re.search(r'<script id="__config"[^>]*>(.*?)</script>', html, re.S)[1])
        assert config["search"].endswith(f"assets/corpus/search-worker.js?v={version}")
        scripts = re.findall(r'<script src="([^"]*assets/corpus/[^"]*)"', html)
        assert sorted(s.rsplit("/", 1)[1] for s in scripts) == [
            f"corpus.js?v={version}",
            f"search-query.js?v={version}",
        ]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("hostile"), SAMPLES / "hostile")
    result = run_cli(project, "site")
    assert result.returncode == 0, result.stderr
    return project


def test_hostile_source_is_shown_literally(hostile_site):
    source = read_source(SAMPLES / "hostile" / "hostile.txt")
    parsed = article(page_html(hostile_site, "hostile"))
    assert squeeze("".join(parsed.text)) == squeeze(source.text)
    for fragment in (
        "<script>alert(",
        "{{ config.site_name }}",
        "**加粗**",
        "`反引号`",
        "{: #injected",
    ):
        assert fragment in "".join(parsed.text)


def test_hostile_source_adds_no_element_link_or_script(hostile_site):
    parsed = article(page_html(hostile_site, "hostile"))
    assert {tag for tag, _ in parsed.tags} <= ALLOWED_TAGS
    for tag, attrs in parsed.tags:
        href = attrs.get("href") or ""
        assert not href.startswith(("javascript:", "http")), (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert attrs.get("id") != "injected"


def test_hostile_metadata_is_escaped_everywhere(hostile_site):
    for page in (hostile_site / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<script>alert("title")' not in html, page
        assert "<img src=x" not in html, page
    html = page_html(hostile_site, "hostile")
    assert "&lt;/title&gt;&lt;script&gt;" in html
    assert "{{ page.title }} 会议" in html
