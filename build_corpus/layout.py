"""The output layout: where the generator writes and what the MkDocs hook reads.

This module imports nothing of the build, so that the hook (run inside every
MkDocs build) needs no more than these names.
"""

from __future__ import annotations

import re

TEXTS, PHRASES, KEYWORDS = "texts", "phrases", "keywords"
"""Generated folders under `docs/`: one page per text, per phrase, and the keyword index."""
ASPECT_PAGES = "aspects"
"""Generated folder of the aspect pages: the sections of every text on one aspect."""
DATA = "data"
"""Generated folder of the data to take away (see `render.data`), copied into the site."""
PHRASE_ROWS = ".phrase-rows"
"""Inside `data/`: each phrase's rows of `phrases.csv`, which the hook joins."""
PHRASE_ORDER = ".phrases.json"
"""Inside `data/`: the phrases' slugs, in the order their rows go into `phrases.csv`."""
TRENDS = "trends"
"""Generated folder of the trends page: the most frequent phrases year by year."""
REUSE = "reuse"
"""Generated folder of the shared passages: the pairs of texts, a page per pair."""
GENERATED = (TEXTS, PHRASES, KEYWORDS, ASPECT_PAGES, DATA, TRENDS, REUSE)
"""The folders the generator owns: it replaces what they hold, and removes from them any file
it no longer generates; a file it never wrote stops the build (see `OWNED_FILE`)."""
OWNED_FILE = ".build-corpus-files.txt"
"""Under `docs/`: every file the generator left in its folders, a path per line, so that the
next build tells them from files someone put there. MkDocs leaves it out (a dot-file)."""
TEXTS_FILE = "texts.jsonl"
"""Inside `data/`: one line per text (slug, title, …, source file); the slugs published, which
the next build keeps with their texts."""
YEARS = "years"
"""Inside `texts/`: a page per year, when the home page lists years instead of every text."""
BODIES = ".bodies"
"""Sidecar folder of body HTML, inside each generated folder (hidden from MkDocs' page list)."""
RE_SLOT = re.compile(r"^<!-- corpus:(\d+) -->$", re.M)
"""Where a body goes in a page's Markdown, and where it starts in the sidecar file."""
CATALOGUE_FILE = ".catalogue.md"
"""Home-page list of texts, included by `docs/index.md`; hidden from MkDocs' page list."""
SEARCH_FILE = ".search-docs.json"
"""Slugs of the texts in corpus order: whose search documents `mkdocs_hooks` merges into the
search index, in that order."""
FOLD_FILE = ".search-fold.json"
"""The traditional → simplified table the search worker folds queries with (`from`, `to`),
put into the search index's `config` by the hook."""
SEARCH_DIR = ".search"
"""Search documents of each text, `<slug>.json`."""
SETTINGS_FILE = ".search-settings.json"
"""The search worker's settings (`Tuning.search_settings`: weights, teaser lengths), which the
hook puts into the search index's manifest."""
USER_DICT_FILE = ".jieba-user-dict.txt"
"""The corpus's jieba user dictionary, also given to Material's search plugin."""


def split_bodies(sidecar: str) -> dict[str, str]:
    """Bodies by slot number from a sidecar file.

    >>> split_bodies("<!-- corpus:0 -->\\n<p>a</p>\\n<!-- corpus:1 -->\\n<p>b</p>\\n")
    {'0': '<p>a</p>\\n', '1': '<p>b</p>\\n'}
    """
    parts = RE_SLOT.split(sidecar)
    pairs = zip(parts[1::2], parts[2::2], strict=True)
    return {number: body.removeprefix("\n") for number, body in pairs}
