"""Search benchmark: what a reader's browser downloads and waits for, query by query.

For each corpus size N (the sites `bench/run.py` builds, built here if missing) it serves the
site on 127.0.0.1 as static hosts do (gzip for text, connections kept open), opens
the home page in headless Chromium with an empty cache for each query, types the query into
the search box as a reader does, right after the page has loaded, and records:

- bytes transferred (as sent, compressed) for search: by a page the reader does not search
  (until the network is idle), and for each query, from opening the page until its results
  show;
- time from the last keystroke to the first results shown;
- the JS heap of the page and its search worker once the results show.

Each site is measured twice in the same run: with its sharded index (`search_index.py`),
and as the baseline, with the whole index in `search_index.json` and the worker that
searched it (`bench/whole-index-worker.js`, the worker before the index was sharded), on a
copy of the same site. It reports the median and the worst query per N and index, and
the same per query in `search.json`.

    python bench/search.py                 # N = 100, 1000
    python bench/search.py --sizes 100 --runs 1
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "bench"))

from run import ENV, PY, clean, project  # noqa: E402

from build_corpus.text.folding import fold  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu"]

QUERIES = [
    # one character, frequent and rare
    "党",
    "学",
    "廉",
    "馁",
    # words, frequent and less so
    "政治",
    "问题",
    "学习",
    "理论学习",
    "担当作为",
    "调查研究",
    "形式主义",
    "宗旨意识",
    # formulae
    "两个维护",
    "四个意识",
    "一岗双责",
    "以会代学",
    "动真碰硬",
    "学深悟透",
    "国之大者",
    "政治判断力",
    "中央八项规定",
    "习近平新时代",
    # parts of words and spans across words
    "判断力",
    "治判断",
    "维护党中",
    "深刻剖",
    "不够深入",
    "的问题",
    # rare phrases, digits, a typo of the source, a traditional character
    "店小二",
    "管觉治党",
    "农商行",
    "2021年度",
    "新情況",
    # two phrases, both required; and a phrase the corpus lacks
    "政治判断力 政治领悟力",
    "不存在的短语",
]
"""Fixed queries of one to eight characters, drawn from the seeds (the synthetic corpora
recombine their lines)."""

COMPRESSED = (".html", ".js", ".css", ".json", ".xml", ".svg", ".txt", ".map")


class Ledger:
    """Bytes sent by the server, with when and for what."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent: list[tuple[float, str, int]] = []

    def add(self, path: str, size: int) -> None:
        with self.lock:
            self.sent.append((time.perf_counter(), path, size))

    def since(self, start: float, search_only: bool = True) -> int:
        with self.lock:
            return sum(n for t, p, n in self.sent if t >= start and (not search_only or _search(p)))


def _search(path: str) -> bool:
    """Whether a request is for search (index, shards, worker), not for the page itself."""
    return (
        "/search/" in path or "search-worker" in path or "/search-" in path or "/pagefind" in path
    )


def serve(site: Path, ledger: Ledger) -> tuple[ThreadingHTTPServer, str]:
    """`site` on 127.0.0.1, gzip for text as static hosts do; returns the server and its URL."""
    cache: dict[Path, bytes] = {}

    class Handler(SimpleHTTPRequestHandler):
        # as static hosts serve: connections kept open, and each response sent at once (with
        # Nagle's algorithm, a response written in two parts waits for the client's delayed
        # acknowledgement, 40 ms a request)
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, *args):
            pass

        def do_GET(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                return super().do_GET()
            body = path.read_bytes()
            zipped = path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
            if zipped:
                if path not in cache:
                    cache[path] = gzip.compress(body, compresslevel=6, mtime=0)
                body = cache[path]
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Length", str(len(body)))
            if zipped:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            self.wfile.write(body)
            ledger.add(self.path, len(body))

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


RESULTS_SHOWN = """() => {
  const meta = document.querySelector(".md-search-result__meta")
  const items = document.querySelectorAll(".md-search-result__item")
  return items.length > 0 || (meta && /没有找到/.test(meta.textContent))
}"""


class Heaps:
    """JS heap in use by every page and worker of the browser (one page is open at a time),
    read over the DevTools protocol: `performance.memory` does not exist in workers."""

    def __init__(self, browser) -> None:
        self.cdp = browser.new_browser_cdp_session()
        self.replies: dict[int, dict] = {}
        self.cdp.on("Target.receivedMessageFromTarget", self._reply)
        self.ids = 0

    def _reply(self, event: dict) -> None:
        message = json.loads(event["message"])
        if "id" in message:
            self.replies[message["id"]] = message

    def used(self, page) -> int:
        total = 0
        for target in self.cdp.send("Target.getTargets")["targetInfos"]:
            if target["type"] not in ("page", "worker"):
                continue
            session = self.cdp.send(
                "Target.attachToTarget", {"targetId": target["targetId"], "flatten": False}
            )["sessionId"]
            self.ids += 1
            ask = {"id": self.ids, "method": "Runtime.getHeapUsage"}
            self.cdp.send(
                "Target.sendMessageToTarget", {"sessionId": session, "message": json.dumps(ask)}
            )
            for _ in range(500):
                if self.ids in self.replies:
                    break
                page.wait_for_timeout(10)
            total += self.replies.pop(self.ids, {}).get("result", {}).get("usedSize", 0)
            self.cdp.send("Target.detachFromTarget", {"sessionId": session})
        return total


def measure_query(browser, heaps: Heaps, url: str, ledger: Ledger, query: str) -> dict:
    """One query on a fresh page with an empty cache, typed as soon as the page has loaded."""
    context = browser.new_context()
    page = context.new_page()
    opened = time.perf_counter()
    page.goto(f"{url}/", wait_until="load")
    page.click("input.md-search__input")
    page.keyboard.type(query[:-1])
    last = time.perf_counter()
    page.keyboard.type(query[-1])
    page.keyboard.press("End")  # Material reads the box on keyup
    page.wait_for_function(RESULTS_SHOWN, polling="raf", timeout=120_000)
    shown = time.perf_counter()
    heap = heaps.used(page)
    count = page.locator(".md-search-result__item").count()
    context.close()
    return {
        "query": query,
        "query_bytes": ledger.since(opened),
        "ms": 1000 * (shown - last),
        "heap_mb": heap / 1e6,
        "results": count,
    }


def measure_idle(browser, url: str, ledger: Ledger) -> int:
    """Search bytes a page fetches when the reader does not search (until the network is
    idle)."""
    context = browser.new_context()
    page = context.new_page()
    opened = time.perf_counter()
    page.goto(f"{url}/", wait_until="networkidle")
    page.wait_for_timeout(500)
    fetched = ledger.since(opened)
    context.close()
    return fetched


def site_for(n: int) -> Path:
    """The site of the synthetic corpus of `n` texts, built if `bench/run.py` has not."""
    folder = OUT / f"project-{n}"
    if not (folder / "site" / "search").is_dir():
        folder = project(n)
        clean(folder)
        subprocess.run([PY, "-m", "build_corpus", "site", "-q"], cwd=folder, env=ENV, check=True)
    return folder / "site"


def whole_index_site(n: int) -> Path:
    """The site of `n` texts with the whole index and its worker (the baseline): a copy made
    of hard links, in which only those two files are new."""
    site = site_for(n)
    folder = OUT / f"whole-{n}"
    search = site / "search"
    manifest = json.loads((search / "search_index.json").read_text("utf-8"))
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(site, folder, copy_function=os.link)
    generated = site.parent / "docs" / "texts"
    corpus = manifest["config"]["corpus"]
    pages = [
        json.loads(gzip.decompress((search / corpus["version"] / f"p/{page}.bin").read_bytes()))
        for page in range(corpus["pages"])
    ]
    # the hand-written pages, then every text's documents, as the old hook wrote them
    docs = [
        {"location": location, "title": title, "text": text}
        for page in pages
        for location, title, text in page
        if not location.startswith("texts/")
    ]
    for slug in json.loads((generated / ".search-docs.json").read_text("utf-8")):
        docs += json.loads((generated / ".search" / f"{slug}.json").read_text("utf-8"))
    for doc in docs:  # the old worker matched a folded copy of what has traditional characters
        for field in ("title", "text"):
            if (folded := fold(doc[field])) != doc[field]:
                doc[f"folded_{field}"] = folded
    config = {k: v for k, v in manifest["config"].items() if k != "corpus"}
    index = json.dumps({"config": config, "docs": docs}, ensure_ascii=False)
    worker = (ROOT / "bench/whole-index-worker.js").read_text("utf-8")
    for name, data in (
        ("search/search_index.json", index),
        ("assets/corpus/search-worker.js", worker),
    ):
        (folder / name).unlink()  # a hard link to the sharded site's file: not written through
        (folder / name).write_text(data, encoding="utf-8")
    return folder


PAGEFIND = ["pagefind@1.6.0", "@pagefind/linux-x64@1.6.0"]
"""Pagefind 1.x from npm, pinned (its extended binary segments Chinese)."""
PAGEFIND_PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>Pagefind</title></head><body>
<script type="module">
let pagefind = null
/* a reader's first query: Pagefind loaded and initialised, then the first ten results */
window.firstResults = async query => {
  const started = performance.now()
  if (!pagefind) {
    pagefind = await import("./pagefind/pagefind.js")
    await pagefind.init()
  }
  const search = await pagefind.search(query)
  await Promise.all(search.results.slice(0, 10).map(result => result.data()))
  return { ms: performance.now() - started, results: search.results.length }
}
/* every section Pagefind finds (for recall, not timed) */
window.allSections = async query => {
  const search = await pagefind.search(query)
  const pages = await Promise.all(search.results.map(result => result.data()))
  return pages.flatMap(page => page.sub_results.map(sub => sub.url))
}
</script></body></html>
"""


def pagefind_site(n: int) -> Path:
    """A copy of the site of `n` texts (hard links) with Pagefind's index of its text pages,
    their articles only, and a page that queries it."""
    site = site_for(n)
    folder = OUT / f"pagefind-{n}"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(site, folder, copy_function=os.link)
    node = OUT / "node"
    binary = node / "node_modules" / ".bin" / "pagefind"
    if not binary.exists():
        subprocess.run(
            ["npm", "install", "--prefix", str(node), "--no-audit", "--no-fund", *PAGEFIND],
            check=True,
        )
    subprocess.run(
        [
            str(binary),
            "--site",
            str(folder),
            "--glob",
            "texts/*/index.html",
            "--root-selector",
            "article",
            "--exclude-selectors",
            ".headerlink",
            "--quiet",
        ],
        check=True,
    )
    (folder / "pagefind-bench.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    return folder


def truth(n: int) -> tuple[list[tuple[str, str, str]], Callable[[str], set[str]]]:
    """The sections of the corpus of `n` texts as matching sees them, and the function that
    gives the locations of those holding a query."""
    from build_corpus.publish.search_index import match_view

    generated = OUT / f"project-{n}" / "docs" / "texts"
    docs = [
        (d["location"], match_view(d["title"]), match_view(d["text"]))
        for slug in json.loads((generated / ".search-docs.json").read_text("utf-8"))
        for d in json.loads((generated / ".search" / f"{slug}.json").read_text("utf-8"))
    ]

    def holding(query: str) -> set[str]:
        terms = [match_view(t) for t in query.split()]
        return {loc for loc, title, text in docs if all(t in title or t in text for t in terms)}

    return docs, holding


def pagefind_query(browser, heaps: Heaps, url: str, ledger: Ledger, query: str, expected) -> dict:
    """One query to Pagefind on a fresh page, as `measure_query` counts it, with its recall:
    the share of the sections holding the query (`expected`) that it finds."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{url}/pagefind-bench.html", wait_until="load")
    opened = time.perf_counter()
    first = page.evaluate("query => firstResults(query)", query)
    fetched = ledger.since(opened)
    heap = heaps.used(page)
    found = {
        urlsplit(u).path.lstrip("/") + (f"#{urlsplit(u).fragment}" if urlsplit(u).fragment else "")
        for u in page.evaluate("query => allSections(query)", query)
    }
    context.close()
    return {
        "query": query,
        "query_bytes": fetched,
        "ms": first["ms"],
        "heap_mb": heap / 1e6,
        "results": first["results"],
        "recall": len(found & expected) / len(expected) if expected else None,
        "sections": len(expected),
    }


@contextlib.contextmanager
def browsing(site: Path) -> Iterator[tuple]:
    """`site` served (see `serve`) to a headless Chromium: yields the browser, its heaps, the
    site's address and the ledger of bytes sent."""
    from playwright.sync_api import sync_playwright

    ledger = Ledger()
    httpd, url = serve(site, ledger)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            yield browser, Heaps(browser), url, ledger
            browser.close()
    finally:
        httpd.shutdown()


def best_of(runs: int, once: Callable[[], dict], label: str) -> dict:
    """The least disturbed (fastest) of `runs` tries of a query."""
    best = min((once() for _ in range(runs)), key=lambda r: r["ms"])
    recall = f", recall {best['recall']}" if "recall" in best else ""
    print(f"  {label}: {best['ms']:.0f} ms{recall}", file=sys.stderr, flush=True)
    return best


def measure_pagefind(n: int, runs: int) -> dict:
    """Pagefind on the same site: bytes, time and heap of a first query as `measure` counts
    them, and its recall."""
    site = pagefind_site(n)
    _, holding = truth(n)
    with browsing(site) as (browser, heaps, url, ledger):
        per_query = [
            best_of(
                runs,
                functools.partial(
                    pagefind_query, browser, heaps, url, ledger, query, holding(query)
                ),
                f"N={n} pagefind {query!r}",
            )
            for query in QUERIES
        ]
    return summarise(n, "Pagefind 1.6", None, per_query)  # idle: its page loads nothing


def measure(n: int, runs: int, index: str) -> dict:
    site = site_for(n) if index == "sharded" else whole_index_site(n)
    with browsing(site) as (browser, heaps, url, ledger):
        idle = measure_idle(browser, url, ledger)
        per_query = [
            best_of(
                runs,
                functools.partial(measure_query, browser, heaps, url, ledger, query),
                f"N={n} {index} {query!r}",
            )
            for query in QUERIES
        ]
    return summarise(n, index, idle, per_query)


def summarise(n: int, index: str, idle: int | None, per_query: list[dict]) -> dict:
    med = statistics.median
    summary = {
        "n": n,
        "index": index,
        "queries": len(per_query),
        "idle_bytes": idle,
        "per_query": per_query,
    }
    for key in ("query_bytes", "ms", "heap_mb"):
        values = [q[key] for q in per_query]
        summary[key] = {"median": med(values), "worst": max(values)}
    recalls = [q["recall"] for q in per_query if q.get("recall") is not None]
    if recalls:
        summary["recall"] = {
            "mean": statistics.mean(recalls),
            "complete": sum(r == 1 for r in recalls),
            "of": len(recalls),
        }
    return summary


def report(results: list[dict]) -> str:
    lines = [
        "| N | index | queries | search bytes of a page the reader does not search "
        "| search bytes per query, page load included (median / worst) "
        "| last keystroke → results (median / worst) | JS heap (median / worst) "
        "| recall: sections found of those holding the query (mean; queries all found) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        idle = "—" if r["idle_bytes"] is None else f"{r['idle_bytes'] / 1e6:.2f} MB"
        lines.append(
            f"| {r['n']} | {r['index']} | {r['queries']} | {idle} "
            f"| {r['query_bytes']['median'] / 1e3:.0f} KB"
            f" / {r['query_bytes']['worst'] / 1e3:.0f} KB "
            f"| {r['ms']['median']:.0f} ms / {r['ms']['worst']:.0f} ms "
            f"| {r['heap_mb']['median']:.0f} MB / {r['heap_mb']['worst']:.0f} MB "
            f"| {recall(r)} |"
        )
    return "\n".join(lines)


def recall(summary: dict) -> str:
    """Recall as reported: measured for Pagefind; our worker finds every section by
    construction (the browser tests compare its results with the same truth)."""
    if "recall" not in summary:
        return "1 (exact)"
    r = summary["recall"]
    return f"{r['mean']:.2f}; {r['complete']} of {r['of']}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=2, help="tries per query; the fastest counts")
    parser.add_argument("--no-pagefind", action="store_true", help="leave Pagefind out")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    results = []
    for n in args.sizes:
        results += [measure(n, args.runs, index) for index in ("sharded", "whole")]
        if not args.no_pagefind:
            results.append(measure_pagefind(n, args.runs))
    (OUT / "search.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), "utf-8")
    text = report(results)
    (OUT / "search.md").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
