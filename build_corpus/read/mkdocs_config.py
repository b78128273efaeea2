"""The one reader of the MkDocs configuration, for the generator and the MkDocs side alike:
where the site is published (`site_url`, following `INHERIT:` and `!ENV` as MkDocs does),
read without MkDocs' code.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from build_corpus.errors import BuildError
from build_corpus.read.yamlfile import compose, read_text


def site_address(mkdocs_config: Path) -> str:
    """Where the site is published: `site_url` of the MkDocs configuration, ending in a slash;
    "" when it sets none (or there is no configuration). The one reader of it, for the
    generator and the hook alike (MkDocs' own value is the dev server's under `mkdocs
    serve`). Read without MkDocs: the file is only composed, so that its tags
    (`!!python/name:`, `!ENV`) need no code to load; `!ENV` takes the first variable set,
    else its last item, and a file that does not set `site_url` takes it from the file it
    names in `INHERIT:` (relative to its own folder), as MkDocs does."""
    if not mkdocs_config.is_file():
        return ""
    seen: list[Path] = []
    path = mkdocs_config
    while True:
        seen.append(path.resolve())
        root = compose(read_text(path, BuildError), path, BuildError)
        if not isinstance(root, yaml.MappingNode):
            return ""
        nodes = {key.value: node for key, node in root.value}
        if "site_url" in nodes:
            return with_slash((_value(nodes["site_url"]) or "").strip())
        parent = nodes.get("INHERIT")
        if not isinstance(parent, yaml.ScalarNode) or not parent.value:
            return ""
        inherited = path.parent / parent.value
        if not inherited.is_file():
            raise BuildError(
                path, f"INHERIT names {inherited}, which does not exist", parent.start_mark.line + 1
            )
        if inherited.resolve() in seen:
            raise BuildError(path, f"INHERIT: {inherited} inherits from itself")
        path = inherited


def _value(found: yaml.Node) -> str | None:
    """The value of a scalar setting: a string, an `!ENV` lookup, or None (null, or not a
    scalar)."""
    if found.tag == "!ENV":  # !ENV NAME, or !ENV [NAME, ..., default]
        items = list(found.value) if isinstance(found, yaml.SequenceNode) else [found]
        default = items.pop().value if len(items) > 1 else None
        return next((os.environ[n.value] for n in items if n.value in os.environ), default)
    if isinstance(found, yaml.ScalarNode) and found.tag != "tag:yaml.org,2002:null":
        return found.value
    return None


def with_slash(address: str) -> str:
    """A site's address ending in a slash, so that a path can follow it ("" stays "").

    >>> with_slash("https://example.org/corpus"), with_slash("https://example.org/"), with_slash("")
    ('https://example.org/corpus/', 'https://example.org/', '')
    """
    return address if not address or address.endswith("/") else address + "/"
