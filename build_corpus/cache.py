"""What a build keeps for the next one: parsed texts and their tokens, and the build's state.

`TextCache` holds each text's parse and tokens under a content key. `Store`
adds the state of the last build (see `pipeline.BuildState`) and each text's
annotation, so that the next build redoes only what depends on what changed.

A text entry's key is a digest of everything its value depends on: the source
text, the titles that serve as evidence for run-on headings, the parser's
limits, the glossary's words for jieba and this module's version. A text
whose key is unchanged is neither parsed nor segmented again. Entries of texts
no longer in the corpus are removed at the end of a build: the cache holds one corpus.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import pickle
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .model import Text

log = logging.getLogger("build_corpus")


def code_digest(package: Path = Path(__file__).parent) -> str:
    """A digest of the package's Python code: what another version of the code kept does not
    apply."""
    files = sorted(package.rglob("*.py"))
    return digest(
        part
        for path in files
        for part in (path.relative_to(package).as_posix(), path.read_text("utf-8"))
    )


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

    def key(self, name: str, source: str, context: str) -> str:
        """Key of one source's entry, from a digest of the `source` text; `context` digests
        what every text's entry depends on."""
        return digest([CODE, context, name, source])

    def load(self, key: str) -> tuple[Text, object] | None:
        """The entry under `key`, or None."""
        if self.folder is None:
            return None
        try:
            return _load(self.folder / f"{key}.pickle")  # type: ignore[return-value]
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return None

    def store(self, key: str, text: Text, tokens: object) -> None:
        """Keep an entry for the next build."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        _dump((text, tokens), self.folder / f"{key}.pickle")

    def prune(self, keep: Iterable[str]) -> None:
        """Remove every entry but those under the keys `keep` (the corpus's texts now)."""
        if self.folder is None or not self.folder.is_dir():
            return
        wanted = set(keep)
        for path in self.folder.glob("*.pickle"):
            if path.stem not in wanted:
                path.unlink()


STATE_FILE = "state.pickle"
ANNOTATIONS = "annotations"


class Store:
    """The text cache, the last build's state and each text's annotation. Nothing more.

    Without a folder nothing is kept: every build starts afresh. Files are
    replaced atomically and the state is written last, so a build that stops
    half-way leaves the last complete state in place.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.texts = TextCache(folder / "texts" if folder else None)
        self.files: dict[str, str] = {}
        """Annotation file of each text (by source name), as the loaded state knows them."""

    def load(self):
        """The last build's state, if this version of the tool wrote it; else None.

        Whether it still applies (its `settings`) is for the caller to judge.
        """
        if self.folder is None:
            return None
        try:
            version, state, files = _load(self.folder / STATE_FILE)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            return None
        if version != CODE:
            return None
        self.files = files
        return state

    def annotation(self, name: str):
        """A text's annotation as the last build stored it."""
        assert self.folder is not None, "no stored annotation without a cache folder"
        return _load(self.folder / ANNOTATIONS / self.files[name])

    def save(self, state, annotations: dict, order: list[str]) -> None:
        """Keep `state` and the new `annotations` (by source name) for the next build."""
        if self.folder is None:
            return
        folder = self.folder / ANNOTATIONS
        folder.mkdir(parents=True, exist_ok=True)
        current = set(order)
        files = {name: file for name, file in self.files.items() if name in current}
        for name, annotation in annotations.items():
            file = f"{digest([name, state.settings, str(time.time_ns())])[:24]}.pickle"
            _dump(annotation, folder / file)
            files[name] = file
        _dump((CODE, state, files), self.folder / STATE_FILE)
        self.files = files
        kept = set(files.values())
        for path in folder.glob("*.pickle"):
            if path.name not in kept:
                path.unlink()
        self.texts.prune(state.keys.values())


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cycle collector: (un)pickling a state of millions of objects would
    otherwise trigger it again and again, for a third of the time, and finds no garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(path: Path) -> object:
    with path.open("rb") as handle, _no_gc():
        return pickle.load(handle)


def _dump(value: object, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as handle, _no_gc():
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)


CODE = code_digest()
"""Digest of this code: part of every key."""
