"""Writing generated files and publishing built folders: the output edge.

The generator owns its folder: it writes what changed, leaves identical files
untouched (so `mkdocs serve` reloads only what changed) and removes what is
no longer generated. Each file is replaced atomically, and the files of a build
are put in place only once all of them are written.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path


class Staging:
    """Generated files, written beside their targets as they come and put in place together.

        with Staging(root) as staging:
            for rel, text in files:
                staging.add(rel, text)
            staging.commit(folders, keep)

    A file that is already as given is left alone. `commit` puts the files in place and
    removes from `folders` every other file not in `keep`. Leaving the `with` block
    without committing (a page that cannot be rendered, a full disk) removes what was
    written: the folders are left as they were.
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
        every file neither given nor in `keep`, and the folders left empty."""
        for tmp, target in self._staged:
            os.replace(tmp, target)
        self.written, self._staged, self._made = len(self._staged), [], []
        keep = keep | set(self.paths)
        for folder in folders:
            self.removed += _prune(self.root, folder, keep)


def _holds(target: Path, data: bytes) -> bool:
    """Whether the file `target` holds exactly `data`."""
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


def _prune(root: Path, folder: str, keep: set[str]) -> int:
    """Remove the files under `root/folder` whose path under `root` is not in `keep` (and
    what a stopped build left), then the folders left empty; return how many files."""
    removed = 0
    top = os.fspath(root)
    for where, _, names in sorted(os.walk(os.path.join(top, folder)), reverse=True):
        prefix = os.path.relpath(where, top).replace(os.sep, "/") + "/"
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
