"""The built site in a real headless Chromium: search, deep links, permalinks, citations.

Playwright drives Debian's /usr/bin/chromium (never `playwright install`); the
site is served on 127.0.0.1 and every request to another host is refused and
reported.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import json
import re
import shutil
import threading
import unicodedata
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pytest
from conftest import CORPUS, SAMPLES, site_project
from playwright.sync_api import sync_playwright

from build_corpus.config import DEFAULT_TUNING
from build_corpus.publish import search_index
from build_corpus.text.folding import view

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
THEME = Path(__file__).resolve().parents[1] / "build_corpus/publish/theme"
WORKER = THEME / "assets/corpus/search-worker.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUERIES = [
    "两个维护",
    "四个意识",
    "一岗双责",
    "判断力",  # part of 政治判断力
    "以会代学",
    "动真碰硬",
    "习近平新时代中国特色社会主义思想",
    "国之大者",
    "形式主义官僚主义",
    "老好人",
    "店小二",  # once in the corpus
    "2021年度",  # digits and Chinese
    "管觉治党",  # a typo of the original, kept
    "新情況",  # a traditional character in a simplified text
    "农商行",  # right after a ** redaction
    "学深悟透",
    "政治判断力 政治领悟力",  # two phrases, both required
]


SEARCH_NOTES_JS = """
/* Before the page's scripts: note how many queries the page sends its search worker, and the
   number of the query the worker last answered (its RESULT says which), and that answer */
(() => {
  const Native = window.Worker
  const noted = window.corpusSearch = { asked: 0, answered: 0 }
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener("message", ev => {
        if (ev.data && ev.data.type === 3) {
          noted.answered = ev.data.data.number
          noted.result = ev.data.data
        }
      })
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) noted.asked++
      return super.postMessage(message, ...rest)
    }
  }
})()
"""
"""Material handles a RESULT as it arrives, after this script's listener: once the worker has
answered the last query asked, the list shows that answer (not one to an earlier query)."""


def asked(page) -> int:
    """How many queries the page has sent its search worker."""
    return page.evaluate("() => window.corpusSearch.asked")


def wait_answered(page, query: str, before: int) -> None:
    """Wait until the search box holds `query`, the page has asked the worker more than `before`
    queries, and the worker has answered the last of them."""
    page.wait_for_function(
        """([query, before]) => {
          const noted = window.corpusSearch
          return document.querySelector("input.md-search__input").value === query
            && noted.asked > before && noted.answered === noted.asked
        }""",
        arg=[query, before],
    )


class QuietHandler(SimpleHTTPRequestHandler):
    requests: list[str] | None = None
    """Where the path of every request is noted, if anywhere."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.requests is not None:
            self.requests.append(urlsplit(self.path).path)
        super().do_GET()


@contextlib.contextmanager
def serving(site: Path, requests: list[str] | None = None):
    """`site` served on 127.0.0.1, noting the path of each request in `requests` if given;
    yields its address."""
    logged = type("Logged", (QuietHandler,), {"requests": requests})
    handler = functools.partial(logged, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def server(built_site):
    with serving(built_site / "site") as address:
        yield address


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def problems():
    """Console errors, page errors and requests to other hosts, from every test."""
    found: list[str] = []
    yield found
    assert found == []


@pytest.fixture
def page(browser, server, problems):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)

    def route(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            problems.append(f"request to another host: {route.request.url}")
            route.abort()

    context.route("**/*", route)
    context.add_init_script(SEARCH_NOTES_JS)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    yield page
    context.close()


def normalise(text: str) -> str:
    """What search matches: full-width forms and case folded, traditional characters folded
    to simplified, white space between Chinese characters taken out."""
    return view(unicodedata.normalize("NFKC", text).lower())


SECTIONS_JS = """
() => {
  const out = []
  const title = document.querySelector("article h1").textContent.trim()
  let current = {anchor: "", parts: [title]}
  out.push(current)
  const clean = el => {
    const c = el.cloneNode(true)
    c.querySelectorAll(".headerlink, .corpus-cite").forEach(x => x.remove())
    return c.textContent
  }
  for (const el of document.querySelectorAll("article [data-corpus-path], article .corpus-p")) {
    if (el.matches("[data-corpus-path]")) {
      current = {anchor: el.id, parts: [clean(el).trim()]}
      out.push(current)
    } else {
      current.parts.push(clean(el))
    }
  }
  return out.map(s => ({anchor: s.anchor, title: s.parts[0], text: s.parts.slice(1).join("\\n")}))
}
"""


def shown_sections(browser, server: str, project: Path) -> list[tuple[str, str, str]]:
    """Every section of every text page as the browser shows it: (location, title, text),
    normalised as search matches them."""
    page = browser.new_page()
    found = []
    for html in sorted((project / "site" / "texts").glob("*/index.html")):
        slug = html.parent.name
        page.goto(f"{server}/texts/{slug}/")
        for s in page.evaluate(SECTIONS_JS):
            location = f"texts/{slug}/" + (f"#{s['anchor']}" if s["anchor"] else "")
            found.append((location, normalise(s["title"]), normalise(s["text"])))
    page.close()
    return found


@pytest.fixture(scope="module")
def sections(browser, server, built_site):
    found = shown_sections(browser, server, built_site)
    assert len(found) > 150
    return found


def expected_locations(sections, query: str) -> set[str]:
    terms = [normalise(t) for t in query.split()]
    return {
        location
        for location, title, text in sections
        if all(t in title or t in text for t in terms)
    }


def search(page, server, query: str, pages: int) -> list[str]:
    """Type `query` into the search box; return result links as `texts/<slug>/#anchor`.

    Waits until the worker has answered the last query, then until the results list `pages`
    text pages (hand-written pages may add more).
    """
    page.goto(f"{server}/")
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.keyboard.press(
        "End"
    )  # an input method ends composition with a key; Material reads on keyup
    wait_answered(page, query, 0)
    page.wait_for_function(
        """pages => [...document.querySelectorAll(".md-search-result__item a")]
          .filter(a => a.href.includes("/texts/") && !a.href.includes("#")).length === pages""",
        arg=pages,
        timeout=10_000,
    )
    return result_links(page)


def result_links(page) -> list[str]:
    """The links of the search results shown, as `texts/<slug>/#anchor`."""
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item a.md-search-result__link", "els => els.map(e => e.href)"
    )
    return [
        urlsplit(h).path.lstrip("/") + (f"#{urlsplit(h).fragment}" if urlsplit(h).fragment else "")
        for h in hrefs
    ]


@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_every_section_containing_the_phrase(page, server, sections, query):
    expected = expected_locations(sections, query)
    assert expected, f"{query!r} should occur in the corpus"
    pages = {loc.split("#")[0] for loc in expected}
    texts_hits = [h for h in search(page, server, query, len(pages)) if h.startswith("texts/")]
    # the page (article) entry of each group is listed even when only its sections match
    section_hits = {h for h in texts_hits if "#" in h or h in expected}
    assert section_hits == expected
    # the top hit contains the exact phrase, highlighted
    first = page.locator(".md-search-result__item").first
    marks = {normalise(m) for m in first.locator("mark").all_inner_texts()}
    assert {normalise(t) for t in query.split()} <= marks


def test_search_result_opens_the_section_with_the_phrase_highlighted(page, server, sections):
    query = "以会代学"
    expected = expected_locations(sections, query)
    search(page, server, query, len({e.split("#")[0] for e in expected}))
    link = page.locator(".md-search-result__item a.md-search-result__link[href*='#']").first
    anchor = urlsplit(link.get_attribute("href")).fragment
    link.click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).fragment == anchor
    page.wait_for_selector("article mark[data-md-highlight]")
    marks = page.locator("article mark[data-md-highlight]").all_inner_texts()
    assert marks and all(m == query for m in marks)


def test_search_for_an_absent_phrase_finds_nothing(page, server):
    search(page, server, "不存在的短语", 0)
    assert page.inner_text(".md-search-result__meta") == "没有找到符合条件的结果"


@pytest.mark.parametrize(
    ("slug", "anchor"),
    [
        ("2023-banzi-zhutijiaoyu", "s2-1"),
        ("2023-banzi-zhutijiaoyu", "s1-5-2-p1"),
        ("2022-shiweishuji-jiangzhengzhi", "s2-0-2-p1"),
        ("2022-shiweishuji-jiangzhengzhi", "s3-0-5"),  # near the end of the page
        ("2021-quwei-fushuji", "s0-p1"),
    ],
)
def test_deep_link_lands_on_heading_or_paragraph(page, server, slug, anchor):
    page.goto(f"{server}/texts/{slug}/#{anchor}")
    page.wait_for_load_state("load")
    assert page.evaluate("document.querySelector(':target').id") == anchor
    top = page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top")
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    at_bottom = page.evaluate(
        "scrollY + innerHeight >= document.documentElement.scrollHeight - 1 && scrollY > 0"
    )
    # just below the fixed header, or as far down as the page scrolls
    assert header <= top < (900 if at_bottom else 900 / 3)


def test_every_source_character_is_in_the_rendered_page(page, server, built_site, sections):
    from conftest import SEED_FILES, squeeze
    from test_site import SLUGS

    from build_corpus.read.sources import read_source

    for path in SEED_FILES:
        page.goto(f"{server}/texts/{SLUGS[path.name]}/")
        shown = page.evaluate(
            """() => [...document.querySelectorAll("article [data-corpus-path], article .corpus-p")]
                 .map(el => { const c = el.cloneNode(true)
                   c.querySelectorAll(".headerlink, .corpus-cite").forEach(x => x.remove())
                   return c.innerText }).join("")"""
        )
        assert squeeze(shown) == squeeze(read_source(path).text)


def test_paragraph_and_heading_permalinks(page, server):
    page.goto(f"{server}/texts/2023-banzi-zhutijiaoyu/")
    paragraph = page.locator("#s1-1-2-p1")
    paragraph.hover()
    link = paragraph.locator("a.headerlink")
    assert link.is_visible()
    link.click()
    assert urlsplit(page.url).fragment == "s1-1-2-p1"
    heading = page.locator("#s1-2")
    heading.hover()
    heading.locator("a.headerlink").click()
    assert urlsplit(page.url).fragment == "s1-2"


def test_copy_citation(page, server):
    page.goto(f"{server}/texts/2023-banzi-zhutijiaoyu/")
    paragraph = page.locator("#s1-1-1-p1")
    paragraph.hover()
    paragraph.locator("button.corpus-cite").click()
    page.wait_for_selector("#s1-1-1-p1 .corpus-cite--done")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == (
        "《市委部门领导班子主题教育专题民主生活会对照检查材料》"
        "（2023年，领导班子（班子对照检查），2023年主题教育专题民主生活会），"
        "一、（一）一是理论学习少态度，第1段。"
        f"{server}/texts/2023-banzi-zhutijiaoyu/#s1-1-1-p1"
    )
    heading = page.locator("#s2-1")
    heading.hover()
    heading.locator("button.corpus-cite").click()
    page.wait_for_selector("#s2-1 .corpus-cite--done")
    assert page.evaluate("navigator.clipboard.readText()") == (
        "《市委部门领导班子主题教育专题民主生活会对照检查材料》"
        "（2023年，领导班子（班子对照检查），2023年主题教育专题民主生活会），"
        f"二、（一）政治理论学习不够系统。{server}/texts/2023-banzi-zhutijiaoyu/#s2-1"
    )


def test_marked_phrase_shows_definition_and_leads_to_its_page(page, server):
    page.goto(f"{server}/texts/2022-shiweishuji/")
    link = page.locator("#s1-1 a.corpus-phrase", has_text="两个维护").first
    assert "坚决维护" in link.get_attribute("title")
    assert link.inner_text() == "两个维护"
    link.click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == "/phrases/liang-ge-wei-hu/"
    assert page.inner_text("article h1").startswith("两个维护")
    assert 'the "Two Upholds"' in page.inner_text(".corpus-definition")


def test_concordance_line_reaches_the_exact_paragraph_highlighted(page, server, built_site):
    page.goto(f"{server}/phrases/yi-gang-shuang-ze/")
    lines = page.locator("a.corpus-kwic")
    assert lines.count() >= 5
    line = lines.nth(2)
    anchor = urlsplit(line.get_attribute("href")).fragment
    context = "".join(line.text_content().replace("…", "").split())
    line.click()
    page.wait_for_load_state("load")
    target = page.locator(":target")
    assert target.get_attribute("id") == anchor
    assert context in "".join(target.text_content().split())
    # the paragraph is highlighted, and the phrase in it marked
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    page.wait_for_selector(":target mark[data-md-highlight]")
    assert set(target.locator("mark[data-md-highlight]").all_inner_texts()) == {"一岗双责"}


def test_a_sections_aspect_leads_to_its_texts_row_on_the_aspect_page(page, server):
    """Under a second-level heading, its aspect links to the aspect page, where this text's
    row is in view, its sections beside those of other texts."""
    page.goto(f"{server}/texts/2023-banzi-zhutijiaoyu/")
    kind = page.locator("#s2-3 + .corpus-kind")
    assert kind.inner_text().split() == ["方面", "斗争精神"]
    kind.locator("a").click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == "/aspects/douzheng-jingshen/"
    assert page.evaluate("document.querySelector(':target').id") == "t-2023-banzi-zhutijiaoyu"
    row = page.locator("#t-2023-banzi-zhutijiaoyu + .corpus-aspect-row")
    assert row.locator("[data-role=原因剖析] a").all_inner_texts() == ["（三）斗争精神有所弱化。"]
    top = page.evaluate("document.querySelector(':target').getBoundingClientRect().top")
    assert 0 <= top < 900 / 3
    assert page.locator(".corpus-aspect-text").count() >= 3  # other texts on the same aspect


def test_an_aspect_pages_section_link_lands_on_that_section(page, server):
    page.goto(f"{server}/aspects/")
    page.locator("article a", has_text="廉洁自律/从严治党").click()
    page.wait_for_load_state("load")
    cells = page.locator(".corpus-aspect-cell[data-role=整改措施] a")
    assert cells.count() >= 2
    link = cells.first
    heading, anchor = link.inner_text(), urlsplit(link.get_attribute("href")).fragment
    link.click()
    page.wait_for_load_state("load")
    target = page.locator(":target")
    assert target.get_attribute("id") == anchor
    assert heading in target.inner_text()
    assert "廉洁自律/从严治党" in page.locator(f"#{anchor} + .corpus-kind").inner_text()


def test_a_phrase_page_draws_its_frequency_by_year(page, server, built_site):
    """两个维护 occurs twice in each seed; 2021 and 2022 have two seeds each, 2023 one: a bar
    per year, drawn in proportion to the rate each names, the highest at full height."""
    page.goto(f"{server}/phrases/liang-ge-wei-hu/")
    chart = page.locator("#trend ~ .corpus-trend svg")
    box = chart.bounding_box()
    assert box["width"] > 100 and box["height"] > 80
    bars = chart.locator("rect").evaluate_all(
        "rects => rects.map(r => [r.closest('g').querySelector('title').textContent,"
        " r.getBoundingClientRect().height])"
    )
    found = [
        re.fullmatch(r"(\d+)年：每万字 ([\d.]+) 次（共 (\d+) 次）", title) for title, _ in bars
    ]
    assert [(m[1], m[3]) for m in found] == [("2021", "4"), ("2022", "4"), ("2023", "2")]
    rates = [float(m[2]) for m in found]
    heights = [height for _, height in bars]
    for rate, height in zip(rates, heights, strict=True):
        assert abs(height / max(heights) - rate / max(rates)) < 0.02
    # the figure's link leads to the trends page, whose row leads back here
    page.locator(".corpus-trend figcaption a").click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == "/trends/"
    row = page.locator("table.corpus-trends tr", has=page.locator("a", has_text="两个维护"))
    assert [float(x) for x in row.locator("td").all_inner_texts()[1:]] == rates
    row.locator("a").click()
    page.wait_for_load_state("load")
    assert page.evaluate("document.querySelector(':target').id") == "trend"
    assert 0 <= page.locator(".corpus-trend").bounding_box()["y"] < 900


def kept(value: str) -> str:
    """What comparison for shared passages sees of a value: no punctuation, no white space."""
    return re.sub(r"[\W_]", "", value)


def test_a_shared_passage_leads_to_the_same_words_in_the_other_text(page, server):
    """Seeds 001 and 002 take their headings from one template: under 001's third heading on
    problems, the shared words are marked and followed by a link, numbered as 002 in the
    line under the title, that lands on 002's heading with the same words."""
    page.goto(f"{server}/texts/2021-bianban-fuzeren/")
    line = page.locator(".corpus-shared-line")
    first = line.locator(".corpus-shared-with").first
    assert first.get_attribute("data-n") == "1"
    assert "区委副书记2021年度民主生活会个人对照检查材料" in first.inner_text()
    heading = page.locator("#s2-3")
    shared = "".join(heading.locator(".corpus-shared").all_inner_texts())
    assert kept(shared).startswith("带头践行以人民为中心的发展思想") and len(kept(shared)) > 60
    ref = heading.locator("a.corpus-shared-ref[data-n='1']")
    assert ref.inner_text() == ""  # the number is drawn: the heading's text is the source's
    box = ref.bounding_box()
    assert box["width"] > 0 and box["height"] > 0
    ref.click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == "/texts/2021-quwei-fushuji/"
    target = page.locator(":target")
    assert kept(shared) in kept(target.inner_text())
    assert 0 <= target.bounding_box()["y"] < 900
    # the other way, and the page of the two side by side
    assert target.locator("a.corpus-shared-ref").count() >= 1
    page.goto(f"{server}/texts/2021-bianban-fuzeren/")
    line.locator("a[href*='reuse/2021']").first.click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == "/reuse/2021-bianban-fuzeren--2021-quwei-fushuji/"
    rows = page.locator(".corpus-pair-row")
    assert rows.count() >= 5
    for i in range(rows.count()):
        left, right = rows.nth(i).locator(".corpus-shared").all_inner_texts()
        assert len(kept(left)) >= 15 and (kept(left) in kept(right) or kept(right) in kept(left))


def test_download_links_give_the_texts_citation_and_the_phrases_concordance(page, server):
    page.goto(f"{server}/texts/2022-shiweishuji/")
    with page.expect_download() as bib:
        page.locator(".corpus-downloads a", has_text="BibTeX").click()
    assert bib.value.suggested_filename == "2022-shiweishuji.bib"
    text = Path(bib.value.path()).read_text(encoding="utf-8")
    assert (
        text.startswith("@misc{2022-shiweishuji,")
        and "市委书记2022年民主生活会对照检查材料" in text
    )
    with page.expect_download() as csl:
        page.locator(".corpus-downloads a", has_text="CSL-JSON").click()
    assert json.loads(Path(csl.value.path()).read_text(encoding="utf-8"))[0]["id"] == (
        "2022-shiweishuji"
    )
    page.goto(f"{server}/phrases/yi-gang-shuang-ze/")
    with page.expect_download() as table:
        page.locator(".corpus-downloads a", has_text="CSV").click()
    lines = Path(table.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "text,anchor,left,match,right,url"
    assert len(lines) - 1 == page.locator("a.corpus-kwic").count()
    page.goto(f"{server}/data/")
    files = page.locator("article a[download]").evaluate_all("links => links.map(a => a.href)")
    assert [f.rsplit("/", 1)[1] for f in files] == ["texts.jsonl", "sections.jsonl", "phrases.csv"]
    for href in files:  # each is there
        assert page.request.get(href).ok


def test_phrase_index_orders_by_texts_count_and_pinyin(page, server):
    page.goto(f"{server}/phrases/")
    rows = page.locator("#corpus-phrase-table tbody tr")

    def column(name):
        return [int(v) for v in rows.evaluate_all(f"rs => rs.map(r => r.dataset.{name})")]

    assert column("texts") == sorted(column("texts"), reverse=True)
    page.click("button[data-sort=pinyin]")
    assert column("pinyin") == sorted(column("pinyin"))
    first = rows.first.locator("a").inner_text()
    assert first < rows.nth(5).locator("a").inner_text() or first.startswith(("安", "按", "把"))
    page.click("button[data-sort=count]")
    assert column("count") == sorted(column("count"), reverse=True)


def test_highlight_spans_a_marked_phrase_boundary(page, server, sections):
    query = "做到“两个维护”"  # the quote marks lie outside the link of 两个维护
    expected = expected_locations(sections, query)
    search(page, server, query, len({e.split("#")[0] for e in expected}))
    page.locator(".md-search-result__item a.md-search-result__link[href*='#']").first.click()
    page.wait_for_load_state("load")
    target = page.locator(":target")
    page.wait_for_selector(":target mark[data-md-highlight]")
    assert "".join(target.locator("mark[data-md-highlight]").all_inner_texts()) == query


# A query, a section where it is a whole word of the segmentation, and a section where it
# occurs as often but only inside a longer word. The second is shorter (for 黄河 it also
# comes first in the text), so on raw counts it would rank first: only the whole-word
# weight (README, "Search") puts the first above it.
WHOLE_WORD_RANKING = [
    # 像黄河“清四乱”工作 / 围绕黄河流域生态保护
    (
        "黄河",
        "texts/2022-shiweishuji-jiangzhengzhi/#s1-5",
        "texts/2022-shiweishuji-jiangzhengzhi/#s1-4",
    ),
    # 强力治标、致力治本 / 治标不治本
    ("治标", "texts/2022-shiweishuji-jiangzhengzhi/#s1-1", "texts/2021-quwei-fushuji/#s3-4"),
]
LENGTH_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY"
"""Word lengths 1 to 61; "Z" is 61 characters of a word that goes on."""


def on_word_boundaries(doc: dict, query: str) -> list[bool]:
    """For each occurrence of `query` in a search document: does it start and end on word
    boundaries of the document's `words`? (Read independently of the worker.)"""
    boundaries, pos = {0, len(doc["text"])}, 0
    for digit in doc["words"]:
        if digit == "Z":
            pos += len(LENGTH_DIGITS)
            continue
        pos += LENGTH_DIGITS.index(digit) + 1
        boundaries.add(pos)
    found, i = [], doc["text"].find(query)
    while i != -1:
        found.append(i in boundaries and i + len(query) in boundaries)
        i = doc["text"].find(query, i + len(query))
    return found


@pytest.mark.parametrize(("query", "whole", "part"), WHOLE_WORD_RANKING)
def test_search_ranks_a_whole_word_above_part_of_a_word(
    page, server, built_site, sections, query, whole, part
):
    docs = {
        doc["location"]: doc
        for path in (built_site / "docs/texts/.search").glob("*.json")
        for doc in json.loads(path.read_text("utf-8"))
    }
    # the pair is what it should be: equal raw counts, no title match, whole word vs part
    assert query not in docs[whole]["title"] and query not in docs[part]["title"]
    in_whole, in_part = (
        on_word_boundaries(docs[whole], query),
        on_word_boundaries(docs[part], query),
    )
    assert in_whole and len(in_whole) == len(in_part)
    assert all(in_whole) and not any(in_part), "the segmentation changed: choose another pair"
    # on raw counts the part-of-word section would rank first: the worker divides a
    # section's score by its length
    assert len(docs[part]["text"]) < len(docs[whole]["text"])

    expected = expected_locations(sections, query)
    assert {whole, part} <= expected
    hits = search(page, server, query, len({e.split("#")[0] for e in expected}))
    assert hits.index(whole) < hits.index(part)
    scores = page.eval_on_selector_all(
        ".md-search-result__item a.md-search-result__link",
        "els => Object.fromEntries(els.map(e => [e.getAttribute('href'),"
        " Number(e.querySelector('article').dataset.mdScore)]))",
    )
    by_location = {
        urlsplit(h).path.lstrip("/") + f"#{urlsplit(h).fragment}": s for h, s in scores.items()
    }
    assert by_location[whole] > by_location[part] > 0


# The worker's own reading of the index files (its `Numbers`, `shardOf`, `readShard`), run in
# Chromium: the worker script is evaluated as a function body with stubs for a worker's
# globals, and the given expression is evaluated inside it. The worker itself is not changed.
WORKER_JS = """
([source, expression, data]) => {
  const run = new Function("self", "postMessage", "importScripts", "addEventListener", "data",
                           source + "\\nreturn " + expression)
  const self = { location: new URL("http://127.0.0.1/assets/corpus/search-worker.js?v=1") }
  return run(self, () => {}, () => {}, () => {}, data)
}
"""


@pytest.fixture(scope="module")
def in_worker(browser):
    """Evaluate a JavaScript expression among the worker's functions, with `data`."""
    page = browser.new_page()
    source = WORKER.read_text(encoding="utf-8")
    yield lambda expression, data=None: page.evaluate(WORKER_JS, [source, expression, data])
    page.close()


def test_worker_reads_the_numbers_the_build_writes(in_worker):
    values = [0, 1, 127, 128, 300, 16383, 16384, 2**31 - 1, 2**31, 2**32 + 5, 2**45 + 3]
    data, _ = search_index.varints(np.array(values, dtype=np.uint64))
    read = in_worker(
        "(() => { const n = new Numbers(Uint8Array.from(data.bytes)); "
        "return data.count.map(() => n.next()) })()",
        {"bytes": data.tolist(), "count": values},
    )
    assert read == values


def test_a_teaser_never_cuts_a_character_outside_the_bmp(in_worker):
    """A teaser starts 40 code units before the first match and is 240 long: both ends fall
    inside a surrogate pair here (𠮷 is two UTF-16 code units)."""
    text = "𠮷" * 30 + "x两个维护" + "𠮷" * 200
    start = text.encode("utf-16-le").index("两".encode("utf-16-le")) // 2
    lone = r"/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/"
    got = in_worker(
        f"(() => {{ const t = teaser(data.settings, data.text, [[data.start, data.start + 4]]); "
        f"return [{lone}.test(t), t.includes('<mark data-md-highlight>两个维护</mark>'), "
        "(t.match(/𠮷/gu) || []).length] })()",
        {"text": text, "start": start, "settings": DEFAULT_TUNING.search_settings()},
    )
    assert got == [False, True, 20 + 97]  # both ends moved back to the start of a character


def test_worker_hashes_keys_to_the_shards_the_build_writes(in_worker):
    keys = [0, 1, 0xFFFF, 0x4E004E00, 0x4E2D56FD, 0x9FFF9FFF, 0xFFFFFFFF]
    keys += range(0x4E00 << 16, (0x4E00 << 16) + 50)
    for count in (1, 7, 496):
        expected = search_index.key_hash(np.array(keys, dtype=np.uint32), count).tolist()
        got = in_worker(
            "data.keys.map(k => shardOf(k, data.count))", {"keys": keys, "count": count}
        )
        assert got == expected


def test_worker_reads_a_shard_the_build_writes(in_worker, built_site):
    manifest = json.loads((built_site / "site/search/search_index.json").read_text("utf-8"))
    path = built_site / "site/search" / manifest["config"]["corpus"]["version"] / "b/0.bin"
    raw = gzip.decompress(path.read_bytes())
    expected = {
        str(key): [count, len(data)]
        for key, (count, data) in search_index.read_postings(path.read_bytes()).items()
    }
    got = in_worker(
        "Object.fromEntries([...readShard(Uint8Array.from(data)).keys]"
        ".map(([k, e]) => [String(k), [e.entries, e.end - e.start]]))",
        list(raw),
    )
    assert got == expected and len(expected) > 100


# --- either script, and white space left by PDF extraction ---------------------------------

SPACED = "一、存在的问题\n在第 一时间传达学习方面做得不够，对“两个 维护”的认识还不深。\n"


@pytest.fixture(scope="module")
def folded_site(tmp_path_factory) -> Path:
    """The seeds, a text in traditional characters and one with spaces inside words."""
    corpus = tmp_path_factory.mktemp("folded-corpus")
    for path in CORPUS.glob("*"):
        shutil.copy(path, corpus / path.name)
    shutil.copy(SAMPLES / "messy" / "traditional-utf8.txt", corpus)
    (corpus / "spaced.txt").write_text(SPACED, encoding="utf-8")
    return site_project(tmp_path_factory.mktemp("folded-site"), corpus)


@pytest.fixture(scope="module")
def folded_server(folded_site):
    with serving(folded_site / "site") as address:
        yield address


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("两个确立", "兩個確立"),  # simplified finds traditional, marked as the page shows it
        ("兩個確立", "两个确立"),  # and the other way round
        ("对照检查找出的问题", "對照檢查找出的問題"),  # a heading
        ("第一时间", "第 一时间"),  # white space between Chinese characters
        ("两个维护", "两个 维护"),
    ],
)
def test_search_folds_scripts_and_white_space_inside_words(
    browser, page, folded_site, folded_server, query, shown
):
    sections = shown_sections(browser, folded_server, folded_site)
    expected = expected_locations(sections, query)
    pages = {loc.split("#")[0] for loc in expected}
    assert len(pages) >= 2 or query == "第一时间"
    hits = [h for h in search(page, folded_server, query, len(pages)) if h.startswith("texts/")]
    assert {h for h in hits if "#" in h or h in expected} == expected
    marks = set(page.locator(".md-search-result__item mark").all_inner_texts())
    assert shown in marks


def test_a_result_in_the_other_script_opens_with_its_own_characters_highlighted(
    browser, page, folded_site, folded_server
):
    sections = shown_sections(browser, folded_server, folded_site)
    expected = expected_locations(sections, "两个确立")
    search(page, folded_server, "两个确立", len({e.split("#")[0] for e in expected}))
    link = page.locator(".md-search-result__item a[href*='traditional-utf8/'][href*='#']").first
    link.click()
    page.wait_for_load_state("load")
    page.wait_for_selector("article mark[data-md-highlight]")
    marks = page.locator("article mark[data-md-highlight]").all_inner_texts()
    assert marks and set(marks) == {"兩個確立"}
