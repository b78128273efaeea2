"""MkDocs hooks: generated pages get their bodies back; the search index gets the corpus.

A generated page's Markdown holds its headings and slots; its bodies wait in
a sidecar file (see `render.markdown.Page`), put in place here once Markdown
has made the page's HTML.

Material's search plugin indexes the hand-written pages (the generated text
pages opt out with `search: exclude`); after it has written
`search/search_index.json`, this hook turns its entries into plain text, adds
the generator's section documents (also written out as `data/sections.jsonl`, as the
phrases' rows are joined into `data/phrases.csv`), and
writes the sharded index
(`search_index.build`) in its place: the shard files under `search/<version>/`, and in
`search_index.json` only Material's config, the manifest and the folding table
(traditional → simplified, for queries). The browser side is our worker
(`theme/assets/corpus/search-worker.js`).
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
import shutil
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from build_corpus.layout import (
    BODIES,
    DATA,
    FOLD_FILE,
    PHRASE_ORDER,
    PHRASE_ROWS,
    RE_SLOT,
    SEARCH_DIR,
    SEARCH_FILE,
    SETTINGS_FILE,
    TEXTS,
    split_bodies,
)

RE_TAG = re.compile(r"<[^>]+>")
log = logging.getLogger("mkdocs.plugins.build_corpus")


def on_env(env, config, files):
    """Templates get `corpus_assets`: a digest of the corpus' scripts (`assets/corpus/*.js`),
    which `main.html` puts in their URLs, so that a browser holding an earlier build's
    scripts fetches these rather than read a new index with an old worker."""
    digest = hashlib.sha256()
    for file in sorted(files, key=lambda f: f.src_uri):
        if file.src_uri.startswith("assets/corpus/") and file.src_uri.endswith(".js"):
            digest.update(file.src_uri.encode() + b"\0" + Path(file.abs_src_path).read_bytes())
    env.globals["corpus_assets"] = digest.hexdigest()[:12]
    return env


def on_page_content(html_: str, page, config, files) -> str:
    """Put a generated page's bodies into its slots."""
    folder, _, name = page.file.src_uri.rpartition("/")
    sidecar = Path(config.docs_dir) / folder / BODIES / (Path(name).stem + ".html")
    if not sidecar.is_file():
        return html_
    bodies = split_bodies(sidecar.read_text(encoding="utf-8"))

    def body(slot: re.Match[str]) -> str:
        try:
            return bodies[slot[1]]
        except KeyError:
            raise PluginError(
                f"page {page.file.src_uri} has slot {slot[1]}, which its body file {sidecar} "
                "lacks (page and body file do not match); run 'build-corpus generate' to "
                "write both again"
            ) from None

    return RE_SLOT.sub(body, html_)


def plain(value: str) -> str:
    """Text of an HTML fragment from Material's index, without its word breaks.

    >>> plain("<p>两个\u200b维护 &amp; <code>x</code></p>")
    '两个维护 & x'
    """
    return html.unescape(RE_TAG.sub("", value)).replace("\u200b", "")


@event_priority(-100)  # after Material's search plugin has written its index
def on_post_build(config, **kwargs) -> None:
    """Replace Material's index with the sharded one (`search_index`): its documents and ours
    go into the shard files under `search/<version>/`, and `search_index.json` keeps only Material's
    config, the manifest and the folding table, which every page fetches."""
    folder = Path(config.site_dir) / "search"
    index_path = folder / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    docs = [
        {**doc, "title": plain(doc.get("title", "")), "text": plain(doc.get("text", ""))}
        for doc in index["docs"]
    ]
    generated = Path(config.docs_dir) / TEXTS
    if (generated / FOLD_FILE).exists():
        index["config"]["fold"] = json.loads((generated / FOLD_FILE).read_text(encoding="utf-8"))
    from build_corpus.config import DEFAULT_TUNING
    from build_corpus.publish import search_index  # numpy: only when a site is built
    from build_corpus.read.mkdocs_config import site_address, with_slash
    from build_corpus.render.data import PHRASES_HEADER, section_records
    from build_corpus.text.aspects import SHOWN_ROLES, SLUGS

    settings = DEFAULT_TUNING.search_settings()  # the generator's, if it wrote them
    if (generated / SETTINGS_FILE).exists():
        settings = json.loads((generated / SETTINGS_FILE).read_text(encoding="utf-8"))

    ours = []
    data = Path(config.site_dir) / DATA
    if (generated / SEARCH_FILE).exists():
        for slug in json.loads((generated / SEARCH_FILE).read_text(encoding="utf-8")):
            path = generated / SEARCH_DIR / f"{slug}.json"
            ours += json.loads(path.read_text(encoding="utf-8"))
        data.mkdir(exist_ok=True)
        with (data / "sections.jsonl").open("w", encoding="utf-8") as out:
            # the generator's reading, not `config.site_url`: `mkdocs serve` sets that to
            # its own address, and sections.jsonl would disagree with texts.jsonl
            address = (
                site_address(Path(config.config_file_path))
                if config.config_file_path  # None: the configuration came from stdin
                else with_slash(config.site_url or "")
            )
            out.writelines(section_records(ours, address))
    order = Path(config.docs_dir) / DATA / PHRASE_ORDER
    if order.exists():
        rows = Path(config.docs_dir) / DATA / PHRASE_ROWS
        data.mkdir(exist_ok=True)
        with (data / "phrases.csv").open("w", encoding="utf-8") as out:
            out.write(PHRASES_HEADER)
            for slug in json.loads(order.read_text(encoding="utf-8")):
                out.write((rows / f"{slug}.csv").read_text(encoding="utf-8"))
    docs += ours

    started = time.perf_counter()
    try:
        built = search_index.build(docs, {"role": SHOWN_ROLES, "aspect": SLUGS}, settings)
    except ValueError as error:
        raise PluginError(f"search index: {error}") from None
    for old in folder.iterdir():  # an earlier build's files (Material writes no folder here)
        if old.is_dir():
            shutil.rmtree(old)
    files = folder / built.manifest["version"]
    for name in (search_index.BIGRAMS, search_index.CHARS, search_index.TABLE, search_index.PAGES):
        (files / name).mkdir(parents=True)
    for name, data in built.files.items():
        (files / name).write_bytes(data)
    log.info(
        "search index: %d documents, %d files, %.1f MB in %.2f s",
        len(docs),
        len(built.files),
        sum(map(len, built.files.values())) / 1e6,
        time.perf_counter() - started,
    )
    index["config"]["corpus"] = built.manifest
    index["docs"] = []
    index_path.write_text(
        json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
