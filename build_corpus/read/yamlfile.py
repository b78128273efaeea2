"""Reading the corpus's YAML files with line numbers for every error.

Files are composed into nodes (not loaded into plain values) so that each
problem can name the line it is on. Shared by `metadata` and `glossary`.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from build_corpus.errors import CorpusError

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader when PyYAML has it (ten times faster on a 1,000-text metadata file)."""


def compose(text: str, path: Path, error: type[CorpusError]) -> yaml.Node | None:
    """Parse `text` into a node tree; a syntax error becomes `error` with its line."""
    try:
        return yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise error(
            path, f"is not valid YAML: {problem}", mark.line + 1 if mark else None
        ) from None


def top_level(text: str, path: Path, key: str, error: type[CorpusError]) -> yaml.Node | None:
    """The node under a file's one top-level `key`; None for an empty file or entry."""
    root = compose(text, path, error)
    if is_null(root):
        return None
    top = mapping(root, path, "the top level", error)
    unknown = [k for k in top if k.value != key]
    if unknown:
        raise error(path, f"unknown top-level key {unknown[0].value!r}", line_of(unknown[0]))
    node = next(iter(top.values()), None)
    return None if is_null(node) else node


def mapping(
    node: yaml.Node, path: Path, what: str, error: type[CorpusError]
) -> dict[yaml.ScalarNode, yaml.Node]:
    """The entries of a mapping node, refusing other nodes and repeated keys."""
    if not isinstance(node, yaml.MappingNode):
        raise error(path, f"{what} must be a mapping", line_of(node))
    out: dict[yaml.ScalarNode, yaml.Node] = {}
    seen: set[str] = set()
    for key, value in node.value:
        if key.value in seen:
            raise error(path, f"key {key.value!r} appears twice in {what}", line_of(key))
        seen.add(key.value)
        out[key] = value
    return out


def check_fields(
    fields: dict[yaml.ScalarNode, yaml.Node],
    known: set[str],
    path: Path,
    owner: str,
    error: type[CorpusError],
) -> None:
    """Refuse a field not in `known`, naming the line and the fields that are."""
    for key in fields:
        if key.value not in known:
            raise error(
                path,
                f"unknown field {key.value!r} for {owner} (known: {', '.join(sorted(known))})",
                line_of(key),
            )


def scalar(node: yaml.Node, path: Path, what: str, error: type[CorpusError]) -> object:
    """The value of a scalar node (str, int, …), refusing lists and mappings."""
    if not isinstance(node, yaml.ScalarNode):
        raise error(path, f"{what} must be a single value", line_of(node))
    return yaml.constructor.SafeConstructor().construct_object(node)


def is_null(node: yaml.Node | None) -> bool:
    """Whether a node is missing or an explicit null."""
    return node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"))


def line_of(node: yaml.Node) -> int:
    """1-based line where a node starts."""
    return node.start_mark.line + 1


def read_text(path: Path, error: type[CorpusError]) -> str:
    """A YAML file's text; unreadable or non-UTF-8 files become `error`."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(path, f"cannot be read as UTF-8: {exc}") from None
