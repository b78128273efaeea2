"""The sharded search on a generated corpus of 300 texts, in headless Chromium: what a page
fetches before and while the reader searches, and results equal to the truth (the sections
whose title or text holds the query, as matching sees them), the lazily filled ones included.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, site_project
from playwright.sync_api import sync_playwright
from test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SEARCH_NOTES_JS,
    asked,
    normalise,
    result_links,
    serving,
    wait_answered,
)

from build_corpus.config import DEFAULT_TUNING
from build_corpus.layout import SEARCH_DIR, SEARCH_FILE, TEXTS
from build_corpus.publish import search_index

sys.path.insert(0, str(ROOT / "bench"))
from synth import synthesise

pytestmark = pytest.mark.browser

TEXT_COUNT = 300


@pytest.fixture(scope="module")
def synth_site(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("synth-corpus")
    synthesise(TEXT_COUNT, corpus)
    # one text in traditional characters, as copied from a Taiwanese or Hong Kong page
    first = sorted(corpus.glob("*.txt"))[0]
    first.write_text(
        first.read_text("utf-8").replace("两个维护", "兩個維護").replace("问题", "問題"), "utf-8"
    )
    return site_project(tmp_path_factory.mktemp("synth-site"), corpus)


@pytest.fixture(scope="module")
def served(synth_site):
    requests: list[str] = []
    with serving(synth_site / "site", requests) as address:
        yield address, requests


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def errors() -> list[str]:
    """Console errors and page errors of the test's page: none, unless the test takes them."""
    return []


@pytest.fixture
def page(browser, errors):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(SEARCH_NOTES_JS)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []


def search_documents(project: Path) -> list[dict]:
    """The search documents of a built project's texts."""
    generated = project / "docs" / TEXTS
    return [
        doc
        for slug in json.loads((generated / SEARCH_FILE).read_text("utf-8"))
        for doc in json.loads((generated / SEARCH_DIR / f"{slug}.json").read_text("utf-8"))
    ]


@pytest.fixture(scope="module")
def documents(synth_site) -> list[dict]:
    return search_documents(synth_site)


def truth(documents, query: str) -> set[str]:
    """Locations of the text documents holding every phrase of `query`."""
    terms = [normalise(t) for t in query.split()]
    return {
        d["location"]
        for d in documents
        if all(t in normalise(d["title"]) or t in normalise(d["text"]) for t in terms)
    }


def index_requests(requests: list[str]) -> list[str]:
    return [r.split("/search/", 1)[1] for r in requests if "/search/" in r]


def open_search(page, server: str) -> None:
    page.goto(f"{server}/")
    page.wait_for_load_state("networkidle")
    page.click("input.md-search__input")


def type_last(page, query: str) -> None:
    """Put all of `query` but its last character into the search box without searching, then
    type that character, as a reader's last keystroke; wait until the worker has answered it."""
    before = asked(page)  # (a query the box already holds is not sent again: no answer)
    page.fill("input.md-search__input", query[:-1])
    page.keyboard.type(query[-1])
    page.keyboard.press(
        "End"
    )  # an input method ends composition with a key; Material reads on keyup
    wait_answered(page, query, before)


def results(page, query: str) -> list[str]:
    """Type `query`; scroll the result list until every result is rendered and filled;
    return each result's link as `texts/<slug>/#anchor`."""
    type_last(page, query)
    return listed(page)


def listed(page) -> list[str]:
    """The results of the answer shown, scrolled until every one is rendered and filled."""
    meta = page.inner_text(".md-search-result__meta")
    count = int(re.search(r"\d+", meta)[0]) if "没有" not in meta else 0
    page.wait_for_function(
        """count => {
          /* Material renders more results each time the list reaches its end: up and down
             again, one frame at a time */
          const wrap = document.querySelector(".md-search__scrollwrap")
          window.corpusDown = !window.corpusDown
          wrap.scrollTop = window.corpusDown ? wrap.scrollHeight : 0
          const list = document.querySelector(".md-search-result__list")
          return list.children.length === count && !list.querySelector(".corpus-pending")
        }""",
        arg=count,
        polling=40,
    )
    return result_links(page)


def test_a_page_fetches_only_the_manifest_until_the_reader_searches(page, served):
    server, requests = served
    del requests[:]
    page.goto(f"{server}/texts/t00007/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert index_requests(requests) == ["search_index.json"]
    page.click("input.md-search__input")
    page.wait_for_timeout(300)
    assert index_requests(requests) == ["search_index.json"]


def test_the_manifest_is_small(synth_site):
    manifest = (synth_site / "site/search/search_index.json").read_bytes()
    assert len(manifest) < 24_000  # the folding table is most of it
    assert json.loads(manifest)["docs"] == []


@pytest.mark.parametrize(
    "query",
    [
        "廉",  # one character
        "判断力",  # part of a word
        "两个维护",  # a formula; one text has it in traditional characters
        "兩個維護",  # typed in traditional characters
        "問題",
        "存在的问题",  # a heading of most texts, also in body text
        "党的 群众",  # two phrases, both required
    ],
)
def test_results_are_every_section_holding_the_query(page, served, documents, query):
    server, _ = served
    expected = truth(documents, query)
    assert expected
    open_search(page, server)
    found = results(page, query)
    pages = {loc.split("#")[0] for loc in expected}
    assert {h.split("#")[0] for h in found if h.startswith("texts/")} == pages
    # each page's own entry is listed even when only its sections match
    assert {h for h in found if h.startswith("texts/") and ("#" in h or h in expected)} == expected


def test_a_phrase_across_a_heading_and_its_text_is_not_found_there(page, served, documents):
    """A heading's last characters and its text's first are neighbours in the index's stream,
    but not in what the reader sees."""
    doc = next(d for d in documents if "#" in d["location"] and len(d["text"]) > 4)
    query = doc["title"][-2:] + doc["text"][:2]
    expected = truth(documents, query)
    assert doc["location"] not in expected
    server, _ = served
    open_search(page, server)
    found = results(page, query)
    assert {h for h in found if h.startswith("texts/") and ("#" in h or h in expected)} == expected


def test_later_keystrokes_fetch_only_new_shards(page, served, synth_site):
    server, requests = served
    manifest = json.loads((synth_site / "site/search/search_index.json").read_text("utf-8"))
    corpus = manifest["config"]["corpus"]
    open_search(page, server)
    del requests[:]
    query = "坚持两个维护"
    seen: set[str] = set()
    for n in range(1, len(query) + 1):
        before = len(requests)
        type_last(page, query[:n])
        fetched = index_requests(requests[before:])
        assert all(f.startswith(f"{corpus['version']}/") for f in fetched)
        fetched = [f.split("/", 1)[1] for f in fetched]
        prefix = query[:n]
        if n == 1:
            keys, kind, count = [ord(prefix)], "c", corpus["char_shards"]
        else:
            offsets = sorted({*range(0, n - 1, 2), n - 2})
            keys = [ord(prefix[i]) << 16 | ord(prefix[i + 1]) for i in offsets]
            kind, count = "b", corpus["bigram_shards"]
        needed = {
            f"{kind}/{s}.bin" for s in search_index.key_hash(np.array(keys, np.uint32), count)
        }
        shards = {f for f in fetched if f[0] in "bc"}
        assert shards == needed - seen, prefix
        assert len(fetched) == len(set(fetched)) and not set(fetched) & seen
        assert len([f for f in fetched if f.startswith("p/")]) <= 10
        seen |= set(fetched)


def test_search_works_under_a_sub_path(page, synth_site, documents, tmp_path):
    """Published at https://example.org/corpus/: every fetch is relative to the site."""
    (tmp_path / "corpus").symlink_to(synth_site / "site")
    requests: list[str] = []
    with serving(tmp_path, requests) as address:
        open_search(page, f"{address}/corpus")
        found = results(page, "判断力")
    expected = truth(documents, "判断力")
    assert found and all(h.startswith("corpus/") for h in found)
    found = [h.removeprefix("corpus/") for h in found]
    assert {h for h in found if h.startswith("texts/") and ("#" in h or h in expected)} == expected
    assert all(r.startswith("/corpus/") for r in requests)


def test_a_page_open_while_a_new_build_is_published_searches_the_new_index(
    page, synth_site, built_site, tmp_path
):
    """A reader searched, then the site was built again (here: another corpus) and published:
    the next query finds the index files it knows of gone, reads the manifest again and
    answers from the new index, not from new files read with the old manifest."""
    live = tmp_path / "live"
    live.symlink_to(synth_site / "site")
    requests: list[str] = []
    with serving(tmp_path, requests) as address:
        open_search(page, f"{address}/live")
        before = results(page, "判断力")
        live.unlink()
        live.symlink_to(built_site / "site")
        del requests[:]
        found = results(page, "两个维护")

    def texts(links: list[str], expected: set[str]) -> set[str]:
        links = [h.removeprefix("live/") for h in links]
        return {h for h in links if h.startswith("texts/") and ("#" in h or h in expected)}

    expected = truth(search_documents(synth_site), "判断力")
    assert texts(before, expected) == expected
    expected = truth(search_documents(built_site), "两个维护")
    assert texts(found, expected) == expected
    assert "/live/search/search_index.json" in requests  # read again


def page_blocks(site: Path, where: Path, monkeypatch) -> Path:
    """A copy of `site` in `where` whose search index is built again from its documents with a
    block of the document table for each page: the table of a corpus of more than
    `search_index.BLOCK_DOCS` documents, cheaply (whole words and facets left out)."""
    corpus = json.loads((site / "search/search_index.json").read_text("utf-8"))
    files = site / "search" / corpus["config"]["corpus"]["version"]
    docs = [
        {"location": location, "title": title, "text": text}
        for n in range(corpus["config"]["corpus"]["pages"])
        for location, title, text in json.loads(
            gzip.decompress((files / f"p/{n}.bin").read_bytes())
        )
    ]
    monkeypatch.setattr(search_index, "BLOCK_DOCS", 1)
    built = search_index.build(docs)
    where.mkdir()
    for entry in site.iterdir():
        if entry.name != "search":
            (where / entry.name).symlink_to(entry)
    for name, data in built.files.items():
        path = where / "search" / built.manifest["version"] / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    corpus["config"]["corpus"] = built.manifest
    (where / "search/search_index.json").write_text(json.dumps(corpus), "utf-8")
    return where


def test_files_on_their_way_while_the_index_is_replaced_are_read_with_their_own_manifest(
    page, synth_site, documents, built_site, tmp_path, monkeypatch
):
    """A query's blocks of the document table are on their way when the site is built again
    (here: another corpus, whose table has fewer blocks) and published, and an earlier query,
    finding its file gone, has the worker read the new manifest: the blocks that arrive are
    read with the manifest they were asked under, not the new one (which has no such blocks),
    and the query, finding its index replaced, is searched again, on the new index."""
    old = page_blocks(built_site / "site", tmp_path / "old", monkeypatch)
    manifest = json.loads((old / "search/search_index.json").read_text("utf-8"))
    version = manifest["config"]["corpus"]["version"]
    new = json.loads((synth_site / "site/search/search_index.json").read_text("utf-8"))
    live = tmp_path / "live"
    live.symlink_to(old)
    gone = []  # the earlier query's file, held until the site is replaced: then missing
    held = []  # the query's blocks, fetched from the old site, held until the worker reread
    hold = {"c": False, "d": False}

    def holding(route):
        kind = route.request.url.split(f"/search/{version}/", 1)[1].split("/")[0]
        if kind == "c" and hold["c"]:
            gone.append(route)
        elif kind == "d" and hold["d"]:
            held.append((route, route.fetch()))
        else:
            route.continue_()

    def wait_until(condition) -> None:
        for _ in range(500):  # the routes are handled while Playwright waits
            if condition():
                return
            page.wait_for_timeout(20)
        raise AssertionError("timed out")

    page.route(re.compile(rf".*/live/search/{version}/.*"), holding)
    requests: list[str] = []
    with serving(tmp_path, requests) as address:
        open_search(page, f"{address}/live")
        before = asked(page)
        hold["c"] = True
        page.fill("input.md-search__input", "廉")  # one character: a shard of c/
        page.keyboard.press("End")
        wait_until(lambda: gone)
        hold["d"] = True
        query = "两个维护"  # bigrams (b/, not held), then the blocks of their positions (d/)
        page.fill("input.md-search__input", query[:-1])
        page.keyboard.type(query[-1])
        page.keyboard.press("End")
        wait_until(lambda: held)
        page.wait_for_timeout(300)  # the other blocks, asked for with the first
        blocks = {int(route.request.url.rsplit("/", 1)[1].split(".")[0]) for route, _ in held}
        assert max(blocks) >= len(new["config"]["corpus"]["blocks"])  # none in the new index
        live.unlink()
        live.symlink_to(synth_site / "site")
        reads = requests.count("/live/search/search_index.json")
        gone[0].continue_()  # 404: the earlier query has the worker read the manifest again
        wait_until(lambda: requests.count("/live/search/search_index.json") > reads)
        page.wait_for_timeout(300)
        for route, response in held:
            route.fulfill(response=response)
        wait_answered(page, query, before)
        found = [h.removeprefix("live/") for h in listed(page)]
    expected = truth(documents, query)
    assert expected
    assert {h for h in found if h.startswith("texts/") and ("#" in h or h in expected)} == expected


def test_a_worker_given_an_index_of_another_format_finds_nothing_and_says_why(
    page, errors, built_site, tmp_path
):
    """A page (and its worker) kept from an earlier build meets an index this worker cannot
    read (its manifest says another `format`): the worker finds nothing rather than misread
    the files, and says why, in the console."""
    other = tmp_path / "other"
    other.mkdir()
    for entry in (built_site / "site").iterdir():
        if entry.name != "search":
            (other / entry.name).symlink_to(entry)
    (other / "search").mkdir()
    for entry in (built_site / "site/search").iterdir():
        if entry.name != "search_index.json":
            (other / "search" / entry.name).symlink_to(entry)
    index = json.loads((built_site / "site/search/search_index.json").read_text("utf-8"))
    assert index["config"]["corpus"]["format"] == search_index.FORMAT
    index["config"]["corpus"]["format"] = search_index.FORMAT + 1
    (other / "search/search_index.json").write_text(json.dumps(index), "utf-8")
    with serving(tmp_path) as address:
        open_search(page, f"{address}/other")
        assert results(page, "两个维护") == []
        assert results(page, "四个意识") == []
    reload = f"format {search_index.FORMAT + 1}, this page's search reads format"
    assert [e for e in errors if reload in e]
    errors.clear()


def test_a_manifest_of_another_format_from_a_cache_is_read_again(page, served, documents):
    """Material's copy of the manifest came from an HTTP cache, an earlier build's (another
    format): the worker reads it again, past the cache, and searches the index it names."""
    server, _ = served
    fetched: list[str] = []

    def stale_first(route):
        fetched.append(route.request.url)
        if len(fetched) > 1:
            route.continue_()
            return
        index = route.fetch().json()
        index["config"]["corpus"]["format"] = search_index.FORMAT - 1
        route.fulfill(json=index)

    page.route(re.compile(r".*/search/search_index\.json$"), stale_first)
    open_search(page, server)
    found = results(page, "判断力")
    expected = truth(documents, "判断力")
    assert {h for h in found if h.startswith("texts/") and ("#" in h or h in expected)} == expected
    assert len(fetched) >= 2  # read again


def test_page_files_that_fail_are_fetched_again(page, served, documents):
    """A host's hiccup: the page files of the results Material shows first answer 503 twice.
    The worker tries each again once, then sends those results as placeholders, which are
    filled when shown, from a third request; every other file comes at once."""
    server, _ = served
    requests: dict[str, int] = {}

    def flaky(route):
        url = route.request.url
        requests[url] = requests.get(url, 0) + 1
        first = list(requests).index(url) < 10  # asked for before any result is shown
        if first and requests[url] <= 2:
            route.fulfill(status=503, body="busy")
        else:
            route.continue_()

    page.route(re.compile(r".*/search/[0-9a-f]+/p/\d+\.bin$"), flaky)
    open_search(page, server)
    found = results(page, "判断力")
    expected = truth(documents, "判断力")
    assert {h for h in found if h.startswith("texts/") and ("#" in h or h in expected)} == expected
    counts = list(requests.values())
    assert counts[:10] == [3] * 10 and set(counts[10:]) == {1}


def narrowed(documents, query: str, admits) -> set[str]:
    """`truth` for the phrases of `query`, of the documents `admits`."""
    return truth([d for d in documents if admits(d)], query)


@pytest.mark.parametrize(
    ("query", "phrases", "admits"),
    [
        ("两个维护 年:2021", "两个维护", lambda d: d["year"] == 2021),
        ("问题 作用:原因剖析", "问题", lambda d: d["role"] == "原因剖析"),
        # full-width colon and digits, a range, part of an aspect's name, in any order
        (
            "年：２０２０-２０２１ 方面:理论 学习",
            "学习",
            lambda d: d["year"] in (2020, 2021) and d["aspect"] == "理论学习",
        ),
        # alternatives for one facet; another name for the facet; traditional characters
        ("担当 aspect:作風,政治", "担当", lambda d: d["aspect"] in ("作风", "政治素质/政治能力")),
        # a facet still being typed narrows nothing
        ("判断力 方面:", "判断力", lambda d: True),
    ],
)
def test_facets_narrow_the_results(page, served, documents, query, phrases, admits):
    server, _ = served
    expected = narrowed(documents, phrases, admits)
    assert expected
    if not query.endswith(":"):
        assert expected != truth(documents, phrases)
    open_search(page, server)
    found = results(page, query)
    texts = {h for h in found if h.startswith("texts/")}
    assert {h.split("#")[0] for h in texts} == {loc.split("#")[0] for loc in expected}
    assert {h for h in texts if "#" in h or h in expected} == expected
    if not query.endswith(":"):
        assert not [h for h in found if not h.startswith("texts/")]  # phrase pages have none


@pytest.mark.parametrize("query", ["年:2021", "两个维护 年:1999", "两个维护 方面:天文"])
def test_a_facet_alone_or_naming_nothing_finds_nothing(page, served, query):
    server, _ = served
    open_search(page, server)
    assert results(page, query) == []
    hint = page.locator(".corpus-facets__hint")
    assert hint.is_visible() == (query == "年:2021")


def test_the_facet_menus_write_the_query_and_follow_it(page, served, synth_site, documents):
    server, _ = served
    manifest = json.loads((synth_site / "site/search/search_index.json").read_text("utf-8"))
    facets = manifest["config"]["corpus"]["facets"]
    open_search(page, server)
    menus = page.locator(".corpus-facets select")
    menus.first.wait_for()
    assert menus.count() == 3
    # each menu offers 全部 and the index's values, newest year first
    assert menus.nth(0).locator("option:not([hidden])").all_inner_texts() == [
        "全部",
        *map(str, facets["year"]),
    ]
    assert facets["year"] == [2023, 2022, 2021, 2020, 2019]
    assert menus.nth(2).locator("option:not([hidden])").all_inner_texts()[1:] == facets["aspect"]
    results(page, "两个维护")
    before = asked(page)
    menus.nth(0).select_option("2021")
    wait_answered(page, "两个维护 年:2021 ", before)
    found = results(page, "两个维护 年:2021 作用:查摆问题")
    expected = narrowed(
        documents, "两个维护", lambda d: d["year"] == 2021 and d["role"] == "查摆问题"
    )
    assert {h for h in found if "#" in h or h in expected} == expected
    # typed facets set their menus; one no item names is shown as typed
    assert menus.nth(1).input_value() == "查摆问题"
    type_last(page, "两个维护 年:2020-2021")
    assert menus.nth(0).input_value() == "2020-2021"
    assert menus.nth(1).input_value() == ""
    # 全部 takes the facet out
    menus.nth(0).select_option("")
    assert page.input_value("input.md-search__input") == "两个维护"


def test_a_link_with_a_narrowed_query_opens_the_search_narrowed(page, served, documents):
    server, _ = served
    page.goto(f"{server}/?q=判断力 年:2022")
    page.locator(".corpus-facets select").first.wait_for()
    page.wait_for_function(
        "() => /\\d/.test(document.querySelector('.md-search-result__meta').textContent)"
    )
    assert page.locator(".corpus-facets select").first.input_value() == "2022"
    expected = narrowed(documents, "判断力", lambda d: d["year"] == 2022)
    pages = {loc.split("#")[0] for loc in expected}
    meta = page.inner_text(".md-search-result__meta")
    assert int(re.search(r"\d+", meta)[0]) == len(pages)


def with_settings(site: Path, where: Path, **settings) -> Path:
    """A copy of `site` in `where` whose search manifest gives the worker these settings (as a
    build with another `Tuning.search_*` would)."""
    where.mkdir()
    for entry in site.iterdir():
        if entry.name != "search":
            (where / entry.name).symlink_to(entry)
    (where / "search").mkdir()
    for entry in (site / "search").iterdir():
        if entry.name != "search_index.json":
            (where / "search" / entry.name).symlink_to(entry)
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    index["config"]["corpus"]["settings"].update(settings)
    (where / "search/search_index.json").write_text(json.dumps(index), "utf-8")
    return where


def answered(page, server: str, query: str) -> dict[str, tuple[float, str]]:
    """The score and teaser (its text, without marks or ellipses) of each result of `query`
    the worker's answer fills at once (the first pages'), by location."""
    open_search(page, server)
    type_last(page, query)
    items = page.evaluate("() => window.corpusSearch.result.items")
    return {
        entry["location"]: (entry["score"], re.sub(r"<[^>]+>|…", "", entry["text"]))
        for group in items
        for entry in group
        if entry["score"] and entry["location"] not in ("", "#")  # "#": one not filled yet
    }


def test_the_worker_ranks_and_cuts_with_the_settings_of_the_manifest(
    page, synth_site, documents, tmp_path
):
    """`Tuning.search_*` reach the worker through the manifest: with another title weight,
    exactly the sections whose heading holds the query score otherwise; with another teaser
    length, every teaser has that length at most."""
    site = synth_site / "site"
    built = json.loads((site / "search/search_index.json").read_text("utf-8"))
    assert built["config"]["corpus"]["settings"] == DEFAULT_TUNING.search_settings()
    query = "问题"
    titles = {d["location"]: normalise(d["title"]) for d in documents}
    found = {}
    for name, settings in {
        "default": {},
        "titles": {"title_weight": 1000},
        "short": {"teaser_chars": 12},
    }.items():
        copy = with_settings(site, tmp_path / name, **settings)
        with serving(copy) as server:
            found[name] = answered(page, server, query)
    default, titled, short = found["default"], found["titles"], found["short"]
    both = default.keys() & titled.keys()  # filled in both answers (the first pages')
    headed = {loc for loc in both if query in titles[loc]}
    assert headed and headed != both
    for loc in both:
        score = default[loc][0]
        if loc in headed:
            assert titled[loc][0] > score, loc
        else:
            assert titled[loc][0] == score, loc
    assert max(len(text) for _, text in default.values()) > 12
    assert all(len(text) <= 12 for _, text in short.values())
    assert all(
        default[loc][1].startswith(text) or text in default[loc][1]
        for loc, (_, text) in short.items()
    )
