"""Every link of the built site resolves: pages, files and #anchors."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

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


def test_every_internal_link_and_anchor_resolves(built_site):
    site = built_site / "site"
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
    assert checked > 5000
    assert broken == []
    assert outside == []


def test_phrase_links_in_texts_reach_phrase_pages(built_site):
    html = (built_site / "site/texts/2022-shiweishuji/index.html").read_text(encoding="utf-8")
    slugs = set(re.findall(r'class="corpus-phrase[^"]*" href="\.\./\.\./phrases/([^/]+)/"', html))
    assert "liang-ge-wei-hu" in slugs and len(slugs) > 50
    for slug in slugs:
        assert (built_site / "site/phrases" / slug / "index.html").is_file()


def test_concordance_and_indexes_stay_out_of_search(built_site):
    index = json.loads((built_site / "site/search/search_index.json").read_text(encoding="utf-8"))
    locations = [d["location"] for d in index["docs"]]
    assert not any(loc.startswith(("phrases/", "keywords/")) for loc in locations)
    assert all(loc.startswith("texts/") or loc.startswith("about/") for loc in locations)
