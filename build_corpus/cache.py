"""A content-keyed cache of parsed texts and their tokens, kept between builds.

An entry's key is a digest of everything its value depends on: the source
text, the titles that serve as evidence for run-on headings, the parser's
limits, the glossary's words for jieba and this module's version. A text
whose key is unchanged is neither parsed nor segmented again. Entries not
used by a build are removed at its end, so the cache holds one corpus.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Iterable
from pathlib import Path

from .model import Text

VERSION = "1"
"""Bump when the parser, the model or the segmentation changes."""
log = logging.getLogger("build_corpus")


def digest(parts: Iterable[str]) -> str:
    """A stable digest of strings, in order.

    >>> digest(["a", "b"]) != digest(["ab"])
    True
    """
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


class TextCache:
    """Stores each text's parse and tokens under a key of what they depend on. Nothing more."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        """Where entries live; None turns the cache off."""
        self.used: set[str] = set()
        self.hits = 0
        """Texts taken from the cache in this build."""

    def key(self, name: str, text: str, context: str) -> str:
        """Key of one source's entry; `context` digests what every text's entry depends on."""
        return digest([VERSION, context, name, text])

    def load(self, key: str) -> tuple[Text, list[list[str]]] | None:
        """The entry under `key`, or None."""
        self.used.add(key)
        if self.folder is None:
            return None
        try:
            with (self.folder / f"{key}.pickle").open("rb") as handle:
                entry = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return None
        self.hits += 1
        return entry

    def store(self, key: str, text: Text, tokens: list[list[str]]) -> None:
        """Keep an entry for the next build."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{key}.tmp"
        with tmp.open("wb") as handle:
            pickle.dump((text, tokens), handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(self.folder / f"{key}.pickle")

    def prune(self) -> None:
        """Remove the entries this build did not use."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.glob("*.pickle"):
            if path.stem not in self.used:
                path.unlink()
