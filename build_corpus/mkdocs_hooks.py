"""MkDocs hook: the search index holds the corpus documents the generator wrote.

Material's search plugin indexes the hand-written pages (the generated text
pages opt out with `search: exclude`); after it has written
`search/search_index.json`, this hook turns its entries into plain text and
appends the generator's section documents. The browser side is our worker
(`theme/assets/corpus/search-worker.js`).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority

from build_corpus.pipeline import SEARCH_FILE
from build_corpus.render_markdown import TEXTS

RE_TAG = re.compile(r"<[^>]+>")


def plain(value: str) -> str:
    """Text of an HTML fragment from Material's index, without its word breaks.

    >>> plain("<p>两个\u200b维护 &amp; <code>x</code></p>")
    '两个维护 & x'
    """
    return html.unescape(RE_TAG.sub("", value)).replace("\u200b", "")


@event_priority(-100)  # after Material's search plugin has written its index
def on_post_build(config, **kwargs) -> None:
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    docs = [
        {
            **doc,
            "title": plain(doc.get("title", "")),
            "text": plain(doc.get("text", "")),
        }
        for doc in index["docs"]
    ]
    generated = Path(config.docs_dir) / TEXTS / SEARCH_FILE
    if generated.exists():
        docs += json.loads(generated.read_text(encoding="utf-8"))
    index["docs"] = docs
    index_path.write_text(
        json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
