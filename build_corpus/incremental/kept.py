"""What a build keeps for the next one, reached through one object: `Kept`.

`.cache/build_corpus/` holds

- `texts/<key>.pickle`: each text's outline and tokens (a memo), under a
  digest of everything they depend on: the source, the titles that serve as
  evidence for run-on headings, the glossary's words, the tuning and the code;
- `state.pickle`: the digest of the code that wrote it, then the last
  build's `State`: the annotation kept by difference
  (`annotate.AnnotationState`), what each page showed, the files written;
- `annotations/<file>.pickle`: each text's own annotation as last found.

The state applies only to a build with the same code, tuning, glossary and
evidence (its `key`); any other build starts afresh. A missing, truncated or
unreadable file is a miss, never an error: a memo entry is computed again;
a state that cannot be used whole raises `CacheMiss`, and the build starts
afresh (`pipeline.generate`), with one warning. Without a folder nothing is
read or kept: that is the from-scratch build every other is tested against.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import pickle
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import BinaryIO

from build_corpus.config import Tuning
from build_corpus.incremental.annotate import AnnotationState
from build_corpus.model import Outline, Parsed, Reuse, Signature, Text, TextAnnotation, TextMeta
from build_corpus.text import anchors
from build_corpus.text.folding import view
from build_corpus.text.segmentation import Packed, unpack

log = logging.getLogger("build_corpus")

STATE_FILE = "state.pickle"
TEXTS_DIR = "texts"
ANNOTATIONS_DIR = "annotations"
SIGNATURES_DIR = "signatures"


class CacheMiss(Exception):
    """What the last build kept cannot be used whole: build afresh."""


class Damaged(Exception):
    """A kept file cannot be unpickled: a miss, said once. Only reading raises it; what is
    made of a file read whole is outside its guard, so a bug there is not taken for damage."""


def _is_memo(found: object) -> bool:
    """Whether `found` is a text memo entry: a text and its packed tokens."""
    return isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], Text)


@dataclass
class State:
    """What a build keeps for the next one, besides the text memo and the annotations."""

    key: str
    """Digest of what every result depends on (code, tuning, glossary, evidence)."""
    annotation: AnnotationState
    """Phrases, counts, keyword counts, related sections: kept by difference."""
    texts: dict[str, str] = field(default_factory=dict)
    """Text-memo key of each text (by name) as last annotated."""
    annotations: dict[str, str] = field(default_factory=dict)
    """File of each text's annotation in `annotations/`."""
    metas: dict[str, TextMeta] = field(default_factory=dict)
    """Metadata of each text as last rendered."""
    outlines: dict[str, Outline] = field(default_factory=dict)
    """What the build needs to know of each text's outline (see `model.Outline`)."""
    fingerprints: dict[str, str] = field(default_factory=dict)
    """Digest of what each text's page shows of other texts."""
    charts: dict[str, str] = field(default_factory=dict)
    """Digest of each phrase's chart by year, as its page shows it."""
    pairs: dict[str, str] = field(default_factory=dict)
    """Digest of what each page of two texts' shared passages shows, by its slug."""
    reuse: tuple[str, Reuse] | None = None
    """The shared passages last found (without the signatures), with the digest of what they
    depend on: every text's version, in order, and the tuning."""
    address: str = ""
    """The site's address the data's URLs were written with (`Corpus.address`)."""
    shown: str = ""
    """Digest of the tuning of scope `PAGE` the pages were rendered with."""
    files: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Size and modification time of each generated file as written."""
    pinyin: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Pinyin of phrases and keywords, so that pypinyin is needed only for new ones."""
    titles: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    """Clean titles of each text, with the digest of the source they were found in."""


class Kept:
    """What the last build kept: the text memo, its state and each text's annotation, read
    and written here only; damage is reported once and treated as a miss."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        """Where everything is kept; None keeps nothing."""
        self.last: State | None = None
        """The last build's state, whatever its key."""
        self._warned = False
        if folder is not None:
            self.last = self._load_state(folder / STATE_FILE)

    def _load_state(self, path: Path) -> State | None:
        """The state in `path` if this code wrote it. The file holds two pickles: the digest
        of the code that wrote it, then the state, read only if that code is this code."""
        try:
            with path.open("rb") as handle, _no_gc():
                if _unpickle(handle, path) != CODE:
                    return None  # written by other code: none of it applies
                state = _unpickle(handle, path)
        except FileNotFoundError:
            return None
        except Damaged as damage:
            self.warn(str(damage))
            return None
        if not isinstance(state, State):
            self.warn(_unreadable(path, f"it holds a {type(state).__name__}"))
            return None
        return state

    def warn(self, problem: str) -> None:
        """One warning line per build about a damaged cache, whatever the damage."""
        if not self._warned:
            log.warning("cache: %s; redoing the work it held", problem)
            self._warned = True

    def begin(self, key: str, tuning: Tuning) -> State:
        """The state this build brings up to date: the last build's if it was made with the
        same `key`, else an empty one that takes over only what no key decides (clean
        titles, each kept with the digest of its source; pinyin)."""
        last = self.last
        if last is not None and last.key == key:
            state = last
        else:
            state = State(key, AnnotationState.new(tuning))
            if last is not None:
                state.titles, state.pinyin = last.titles, last.pinyin
        anchors.remember(state.pinyin)
        return state

    def forget(self) -> None:
        """Use nothing of the last build's state (the text memo stays)."""
        self.last = None

    def parsed(self, key: str) -> Parsed | None:
        """The text memo's entry under `key`; None if there is none or it is unreadable."""
        found = self._read(TEXTS_DIR, key, _is_memo)
        return None if found is None else Parsed(found[0], unpack_tokens(*found))

    def keep_parsed(self, key: str, text: Text, packed: Packed) -> None:
        """Keep a text's outline and (packed) tokens in the memo under `key`."""
        self._keep(TEXTS_DIR, key, (text, packed))

    def signature(self, key: str) -> Signature | None:
        """The signature kept of the text whose memo key is `key` (see `reuse`); None if
        there is none or it is unreadable."""
        found = self._read(SIGNATURES_DIR, key, lambda found: isinstance(found, Signature))
        return found if isinstance(found, Signature) else None

    def keep_signature(self, key: str, signature: Signature) -> None:
        """Keep a text's signature under its memo key."""
        self._keep(SIGNATURES_DIR, key, signature)

    def _read(self, folder: str, key: str, whole: Callable[[object], bool]) -> object | None:
        """What is kept under `key` in `folder`, if `whole` finds it whole; None if there is
        none, or if it is damaged: then said once. Only reading the file is guarded: what
        the caller makes of it runs outside, so a bug there is an error, not a miss."""
        if self.folder is None:
            return None
        path = self.folder / folder / f"{key}.pickle"
        try:
            found = _load(path)
        except FileNotFoundError:
            return None
        except Damaged as damage:
            self.warn(str(damage))
            return None
        if not whole(found):
            self.warn(_unreadable(path, f"it holds a {type(found).__name__}"))
            return None
        return found

    def _keep(self, folder: str, key: str, value: object) -> None:
        """Keep `value` under `key` in `folder`, if anything is kept."""
        if self.folder is not None:
            (self.folder / folder).mkdir(parents=True, exist_ok=True)
            _dump(value, self.folder / folder / f"{key}.pickle")

    def earlier(self, state: State, name: str) -> Parsed:
        """The version of a text the last build annotated; `CacheMiss` if it is lost."""
        found = self.parsed(state.texts[name])
        if found is None:
            raise CacheMiss(f"the last build's version of {name} is missing")
        return found

    def annotation(self, state: State, name: str) -> TextAnnotation:
        """A text's annotation as the last build left it; `CacheMiss` if it is lost."""
        if self.folder is None or name not in state.annotations:
            raise CacheMiss(f"the annotation of {name} is missing")
        path = self.folder / ANNOTATIONS_DIR / state.annotations[name]
        try:
            found = _load(path)
        except (FileNotFoundError, Damaged) as exc:
            raise CacheMiss(str(exc)) from exc
        if not isinstance(found, TextAnnotation):
            raise CacheMiss(_unreadable(path, f"it holds a {type(found).__name__}"))
        return found

    def save(
        self,
        state: State,
        *,
        texts: dict[str, str],
        outlines: dict[str, Outline],
        metas: dict[str, TextMeta],
        fingerprints: dict[str, str],
        charts: dict[str, str],
        pairs: dict[str, str],
        address: str,
        shown: str,
        files: dict[str, tuple[int, int] | None],
        annotations: dict[str, TextAnnotation],
        words: Iterable[str],
    ) -> None:
        """Keep for the next build what this one found: the memo key, outline and metadata of
        each text, the fingerprint of each text's page, the digest of each phrase's chart
        and of each page of two texts' shared passages, the size and time of each generated
        file, the `annotations` redone (by name) and the pinyin of `words` (phrases and
        keywords). Memo entries, signatures and annotations of texts no longer in the corpus
        are dropped. The state is written last, so a build stopped
        half-way leaves the last one whole."""
        state.texts, state.outlines, state.metas = texts, outlines, metas
        state.fingerprints, state.charts, state.files = fingerprints, charts, files
        state.pairs, state.address, state.shown = pairs, address, shown
        if self.folder is None:
            return
        state.pinyin = anchors.remembered(words)
        folder = self.folder / ANNOTATIONS_DIR
        folder.mkdir(parents=True, exist_ok=True)
        for name, annotation in annotations.items():
            file = f"{digest([name, state.key, str(time.time_ns())])[:24]}.pickle"
            _dump(annotation, folder / file)
            state.annotations[name] = file
        state.annotations = {n: f for n, f in state.annotations.items() if n in state.texts}
        _dump(state, self.folder / STATE_FILE, header=CODE)
        _prune(folder, set(state.annotations.values()))
        memo = {f"{key}.pickle" for key in state.texts.values()}
        _prune(self.folder / TEXTS_DIR, memo)
        _prune(self.folder / SIGNATURES_DIR, memo)


def unpack_tokens(text: Text, packed: Packed) -> list[list[str]]:
    """Tokens of a text's units (of their `folding.view`) from their packed form (see
    `segmentation.pack`)."""
    return unpack([view(unit.text) for unit in text.units()], packed)


DEPENDENCIES = ("rjieba", "jieba", "pyahocorasick", "pypinyin", "opencc")
"""Libraries whose version changes what a build finds (tokens, dictionary, matches, pinyin,
folding)."""


def code_digest(package: Path = Path(__file__).parents[1]) -> str:
    """A digest of the package's Python code and of the versions of `DEPENDENCIES`: what
    other code kept does not apply."""
    files = sorted(package.rglob("*.py"))
    versions = []
    for name in DEPENDENCIES:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} missing")
    return digest(
        [
            *versions,
            *(
                part
                for path in files
                for part in (path.relative_to(package).as_posix(), path.read_text("utf-8"))
            ),
        ]
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


CODE = code_digest()
"""Digest of this code: part of every key."""


def _unreadable(path: Path, why: str) -> str:
    """What the one warning says of a kept file that cannot be used."""
    return f"{path} is unreadable ({why})"


def _why(exc: Exception) -> str:
    return type(exc).__name__ + (f": {exc}" if str(exc) else "")


def _prune(folder: Path, keep: set[str]) -> None:
    """Remove the files of `folder` not in `keep` (and what an interrupted write left)."""
    if folder.is_dir():
        for path in folder.iterdir():
            if path.name not in keep and path.suffix in (".pickle", ".tmp"):
                path.unlink()


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
    """The pickle in `path`; `FileNotFoundError` if there is none, `Damaged` if it cannot
    be read."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise
    except OSError as exc:  # a folder in its place, a file that cannot be read
        raise Damaged(_unreadable(path, _why(exc))) from exc
    with handle, _no_gc():
        return _unpickle(handle, path)


def _unpickle(handle: BinaryIO, path: Path) -> object:
    """The next pickle in `handle`; `Damaged` whatever goes wrong in reading it (a
    truncated file, a class since renamed, bytes that are no pickle at all)."""
    try:
        return pickle.load(handle)
    except Exception as exc:  # unpickling raises almost anything on damaged bytes
        raise Damaged(_unreadable(path, _why(exc))) from exc


def _dump(value: object, path: Path, header: str | None = None) -> None:
    """Pickle `value` into `path` atomically (after a `header`, if given)."""
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as handle, _no_gc():
        if header is not None:
            pickle.dump(header, handle, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
