"""`corpus/glossary.yml`: curated definitions of known formulae.

    terms:
      形式主义官僚主义:
        zh: 脱离实际、做表面文章的作风和脱离群众、高高在上的作风。
        en: formalism and bureaucratism
        variants: [形式主义、官僚主义]

Each term is a phrase of the corpus even where it occurs only once; its
variants are written forms that count as the same phrase.
"""

from __future__ import annotations

from pathlib import Path

from yaml import Node, SequenceNode

from .errors import GlossaryError
from .model import GlossaryEntry
from .yamlfile import check_fields, is_null, line_of, mapping, read_text, scalar, top_level

FIELDS = {"zh", "en", "variants"}


def parse_glossary(text: str, path: Path) -> list[GlossaryEntry]:
    """Validate the YAML `text` of `path`; entries in file order."""
    terms = top_level(text, path, "terms", GlossaryError)
    if terms is None:
        return []
    entries: list[GlossaryEntry] = []
    forms: dict[str, str] = {}
    for key, node in mapping(terms, path, "'terms'", GlossaryError).items():
        entry = _entry(str(key.value), node, path)
        for form in (entry.term, *entry.variants):
            if form in forms:
                raise GlossaryError(
                    path,
                    f"{form!r} is listed for both {forms[form]!r} and {entry.term!r}",
                    line_of(key),
                )
            forms[form] = entry.term
        entries.append(entry)
    return entries


def _entry(term: str, node: Node, path: Path) -> GlossaryEntry:
    if len(term.strip()) < 2 or term != term.strip():
        raise GlossaryError(path, f"term {term!r} must be two or more characters", line_of(node))
    values: dict[str, object] = {}
    if not is_null(node):
        fields = mapping(node, path, repr(term), GlossaryError)
        check_fields(fields, FIELDS, path, repr(term), GlossaryError)
        for key, value in fields.items():
            field = key.value
            if field == "variants":
                values[field] = _variants(value, path, term)
            else:
                values[field] = str(scalar(value, path, f"{field!r} of {term!r}", GlossaryError))
    return GlossaryEntry(
        term=term,
        zh=str(values.get("zh", "")),
        en=str(values.get("en", "")),
        variants=tuple(values.get("variants", ())),  # type: ignore[arg-type]
    )


def _variants(node: Node, path: Path, term: str) -> tuple[str, ...]:
    if not isinstance(node, SequenceNode):
        raise GlossaryError(path, f"variants of {term!r} must be a list", line_of(node))
    out = []
    for item in node.value:
        value = str(scalar(item, path, f"a variant of {term!r}", GlossaryError))
        if len(value) < 2:
            raise GlossaryError(path, f"variant {value!r} of {term!r} is too short", line_of(item))
        out.append(value)
    return tuple(out)


def load_glossary(path: Path) -> list[GlossaryEntry]:
    """Read and validate `path`; a missing file means an empty glossary."""
    if not path.exists():
        return []
    return parse_glossary(read_text(path, GlossaryError), path)
