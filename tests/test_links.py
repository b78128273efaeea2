"""Every link of the built site resolves: pages, files and #anchors."""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import make_project

from build_corpus.config import BuildConfig, Tuning
from build_corpus.pipeline import build_fresh
from build_corpus.publish import search_index
from build_corpus.publish.site import build_site

SITE_ROOT = "http://site.invalid/"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        for name in ("href", "src"):
            if a.get(name) and tag in {"a", "link", "script", "img"}:
                self.links.append(a[name])


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def target_file(site: Path, path: str) -> Path:
    target = site / unquote(path).lstrip("/")
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def check_links(site: Path) -> tuple[int, list, list]:
    """Every internal link and anchor of `site`: (how many, the broken ones, those that go
    outside the site)."""
    pages = {p: parse(p) for p in site.rglob("*.html")}
    checked, broken, outside = 0, [], []
    for page, parsed in pages.items():
        url = urljoin(SITE_ROOT, page.relative_to(site).as_posix())
        for link in parsed.links:
            absolute = urlsplit(urljoin(url, link))
            if not absolute.geturl().startswith(SITE_ROOT):
                outside.append((page, link))
                continue
            target = target_file(site, absolute.path)
            checked += 1
            if not target.is_file():
                broken.append((page, link))
            elif absolute.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(absolute.fragment) not in ids:
                    broken.append((page, link))
    return checked, broken, outside


def test_every_internal_link_and_anchor_resolves(built_site):
    checked, broken, outside = check_links(built_site / "site")
    assert checked > 5000
    assert broken == []
    assert outside == []


def test_phrase_links_in_texts_reach_phrase_pages(built_site):
    html = (built_site / "site/texts/2022-shiweishuji/index.html").read_text(encoding="utf-8")
    slugs = set(re.findall(r'class="corpus-phrase[^"]*" href="\.\./\.\./phrases/([^/]+)/"', html))
    assert "liang-ge-wei-hu" in slugs and len(slugs) > 50
    for slug in slugs:
        assert (built_site / "site/phrases" / slug / "index.html").is_file()


def published_locations(site: Path) -> list[str]:
    """Every document location of the published (sharded) search index, as the worker reads
    them: the page files named by the manifest in `search_index.json`."""
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []  # the hook moves every document into the shard files
    manifest = index["config"]["corpus"]
    folder = site / "search" / manifest["version"] / search_index.PAGES
    return [
        doc[0]
        for n in range(manifest["pages"])
        for doc in json.loads(
            gzip.decompress((folder / f"{n}{manifest['extension']}").read_bytes())
        )
    ]


def test_concordance_and_indexes_stay_out_of_search(built_site):
    locations = published_locations(built_site / "site")
    pages = {loc.partition("#")[0] for loc in locations}
    assert len(locations) == len(set(locations)) > 100
    assert {"texts/2022-shiweishuji/", "about/"} <= pages
    assert any(loc.startswith("texts/2022-shiweishuji/#s1") for loc in locations)
    repeating = ("phrases/", "keywords/", "aspects/", "reuse/", "trends/")
    assert not any(loc.startswith(repeating) for loc in locations)
    assert all(loc.startswith(("texts/", "about/", "data/")) or loc == "" for loc in locations)


def test_beyond_its_limit_the_home_page_lists_years_with_a_page_each(tmp_path):
    """A corpus larger than `Tuning.catalogue_texts`: the home page lists the years, each
    year's page its texts, and every link resolves."""
    project = make_project(tmp_path / "p")
    config = BuildConfig(
        corpus_dir=project / "corpus",
        docs_dir=project / "docs",
        cache_dir=None,
        tuning=Tuning(catalogue_texts=2),
    )
    build_fresh(config)
    build_site(project / "mkdocs.yml", project / "site")
    site = project / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'href="(texts/years/[^"]+)"', home) == [
        "texts/years/2023/",
        "texts/years/2022/",
        "texts/years/2021/",
    ]
    assert "2022-shiweishuji/" not in home
    year = (site / "texts/years/2022/index.html").read_text(encoding="utf-8")
    assert re.findall(r'href="(\.\./\.\./[^"]*shiweishuji[^"]*|[^"]*#years)"', year) == [
        "../../../#years",
        "../../2022-shiweishuji/",
        "../../2022-shiweishuji-jiangzhengzhi/",
    ]
    checked, broken, _ = check_links(site)
    assert checked > 1000 and broken == []
