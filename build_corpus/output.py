"""Writing generated files and publishing built folders: the output edge.

The generator owns its folder: it writes what changed, leaves identical files
untouched (so `mkdocs serve` reloads only what changed) and removes what is
no longer generated. Each file is replaced atomically.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def sync_folder(
    folder: Path, files: dict[str, str], keep: set[str] | None = None
) -> tuple[int, int]:
    """Write `files` (relative path → text) into `folder` and remove every other file, but
    those in `keep` (written by an earlier build and still current); return (written, removed).
    """
    keep = set(files) if keep is None else keep | set(files)
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for rel, content in sorted(files.items()):
        data = content.encode("utf-8")
        target = folder / rel
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_file(target, data)  # a temporary file a stopped build left is removed below
        written += 1
    removed = 0
    top = os.fspath(folder)
    for root, _, names in sorted(os.walk(top), reverse=True):
        prefix = os.path.relpath(root, top).replace(os.sep, "/") + "/"
        prefix = "" if prefix == "./" else prefix
        for name in sorted(names):
            if prefix + name not in keep:
                os.unlink(os.path.join(root, name))
                removed += 1
        if root != top and not os.listdir(root):
            os.rmdir(root)
    return written, removed


def replace_file(target: Path, data: bytes) -> None:
    """Put `data` in `target` atomically: written beside it, then renamed over it."""
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


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
