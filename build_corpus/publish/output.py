"""Writing generated files and publishing built folders: the output edge.

The generator owns its folders: it writes what changed, leaves identical files
untouched (so `mkdocs serve` reloads only what changed) and removes what is
no longer generated. Each file is replaced atomically, and the files of a build
are put in place only once all of them are written. What it owns is recorded
(`OWNED_FILE`): a file in its folders that it neither wrote nor writes now is
someone's own, and stops the build before anything is replaced or removed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from build_corpus.errors import BuildError
from build_corpus.layout import OWNED_FILE

OWNED_HEADER = (
    "# Written by build-corpus: the files it generated in this folder. Any other file in\n"
    "# its folders is yours, and stops the build rather than being replaced or removed.\n"
)


class Staging:
    """Generated files, written beside their targets as they come and put in place together.

        with Staging(root) as staging:
            for rel, text in files:
                staging.add(rel, text)
            staging.commit(folders, keep)

    A file that is already as given is left alone. `commit` puts the files in place and
    removes from `folders` every other file not in `keep`, unless one of the files it would
    replace or remove is not the generator's (not in `OWNED_FILE`): then it raises
    `BuildError` naming them, and nothing is touched. Leaving the `with` block without
    committing (a page that cannot be rendered, a full disk, a file not the generator's)
    removes what was written: the folders are left as they were.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.paths: list[str] = []
        """Every file given (path under `root`), written or already the same, in order."""
        self.written = 0
        """Files written because they differed."""
        self.removed = 0
        """Files removed by `commit`."""
        self._given: set[str] = set()
        self._staged: list[tuple[Path, Path]] = []
        self._made: list[Path] = []  # folders made for staged files, outermost first

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        for tmp, _ in self._staged:
            tmp.unlink(missing_ok=True)
        for folder in reversed(self._made):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        self._staged, self._made = [], []

    def add(self, rel: str, content: str) -> None:
        """Write the file `rel` (path under the root) beside its target, unless it already
        holds `content`. A path given twice is an error (two pages would be one file)."""
        if rel in self._given:
            raise ValueError(f"{rel} is generated twice")
        self._given.add(rel)
        self.paths.append(rel)
        data = content.encode("utf-8")
        target = self.root / rel
        if not _holds(target, data):
            if not target.parent.is_dir():
                missing = [f for f in (target.parent, *target.parent.parents) if not f.exists()]
                self._made += reversed(missing)
                target.parent.mkdir(parents=True)
            tmp = _beside(target)
            self._staged.append((tmp, target))  # before writing: a failed write is removed too
            tmp.write_bytes(data)

    def commit(self, folders: Iterable[str], keep: set[str]) -> None:
        """Put the files written in place; then remove from `folders` (paths under the root)
        every file neither given nor in `keep`, and the folders left empty; record what the
        folders now hold. A file found there that the generator did not write, and that
        would be replaced or removed, is an error, before anything is touched."""
        folders = list(folders)
        keep = keep | set(self.paths)
        theirs = self._not_owned(folders, keep)
        if theirs:
            raise BuildError(self.root / theirs[0], _not_owned_message(self.root, folders, theirs))
        for tmp, target in self._staged:
            os.replace(tmp, target)
        self.written, self._staged, self._made = len(self._staged), [], []
        for folder in folders:
            self.removed += _prune(self.root, folder, keep)
        record = (OWNED_HEADER + "".join(f"{path}\n" for path in sorted(keep))).encode("utf-8")
        if not _holds(self.root / OWNED_FILE, record):
            replace_file(self.root / OWNED_FILE, record)

    def _not_owned(self, folders: list[str], keep: set[str]) -> list[str]:
        """Files in `folders` (paths under the root, sorted) that this build would replace
        or remove and that no build recorded writing: someone's own."""
        owned = _owned(self.root / OWNED_FILE)
        replaced = {target for _, target in self._staged}
        found = []
        for folder in folders:
            for path in _files(self.root, folder):
                if path in owned or _is_leftover(path):
                    continue
                if path not in keep or self.root / path in replaced:
                    found.append(path)
        return sorted(found)


def _holds(target: Path, data: bytes) -> bool:
    """Whether the file `target` holds exactly `data`."""
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


def _owned(record: Path) -> set[str]:
    """The files a build recorded leaving (see `OWNED_FILE`); none if there is no record."""
    try:
        lines = record.read_text("utf-8").splitlines()
    except FileNotFoundError:
        return set()
    return {line for line in lines if line and not line.startswith("#")}


def _not_owned_message(root: Path, folders: list[str], paths: list[str]) -> str:
    """What to say of files in the generated `folders` that are someone's own (`paths`)."""
    shown = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
    owned = ", ".join(f"{folder}/" for folder in folders)
    message = (
        f"not written by build-corpus, and this build would replace or remove "
        f"{'it' if len(paths) == 1 else 'them'} ({shown}): build-corpus owns {owned} "
        f"in {root}, and replaces what they hold; move your own files out of them"
    )
    if not (root / OWNED_FILE).exists():
        message += (
            f" (there is no {root / OWNED_FILE}, its record of what it wrote: if an "
            "earlier version of build-corpus wrote them, delete these folders and build again)"
        )
    return message


def _walk(root: Path, folder: str) -> Iterator[tuple[str, str, list[str]]]:
    """Each folder under `root/folder`, deepest first: its path, its path under `root` (with
    a trailing slash) and the names of its files."""
    top = os.fspath(root)
    for where, _, names in sorted(os.walk(os.path.join(top, folder)), reverse=True):
        yield where, os.path.relpath(where, top).replace(os.sep, "/") + "/", names


def _files(root: Path, folder: str) -> list[str]:
    """Every file under `root/folder`, as paths under `root`."""
    return [prefix + name for _, prefix, names in _walk(root, folder) for name in names]


def _is_leftover(path: str) -> bool:
    """Whether `path` is what a stopped build left: a file written beside its target."""
    name = path.rsplit("/", 1)[-1]
    return name.startswith(".") and name.endswith(".tmp")


def _prune(root: Path, folder: str, keep: set[str]) -> int:
    """Remove the files under `root/folder` whose path under `root` is not in `keep` (and
    what a stopped build left), then the folders left empty; return how many files."""
    removed = 0
    top = os.fspath(root)
    for where, prefix, names in _walk(root, folder):
        for name in sorted(names):
            if prefix + name not in keep:
                os.unlink(os.path.join(where, name))
                removed += 1
        if where != os.path.join(top, folder) and not os.listdir(where):
            os.rmdir(where)
    return removed


def replace_file(target: Path, data: bytes) -> None:
    """Put `data` in `target` atomically: written beside it, then renamed over it."""
    tmp = _beside(target)
    tmp.write_bytes(data)
    os.replace(tmp, target)


def _beside(target: Path) -> Path:
    """The temporary file beside `target` that is written before it is put in place."""
    return target.with_name(f".{target.name}.tmp")


def replace_folder(new: Path, target: Path) -> None:
    """Put the complete folder `new` in place of `target`, keeping the old one until then."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)
