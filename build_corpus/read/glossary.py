"""Glossaries: curated definitions of known formulae.

The tool ships a default glossary of the genre's formulae (`DEFAULT_GLOSSARY`),
applied to every corpus; a corpus's own `glossary.yml`, in the same format,
adds terms or overrides them (`merge`):

    terms:
      形式主义官僚主义:
        zh: 脱离实际、做表面文章的作风和脱离群众、高高在上的作风。
        en: formalism and bureaucratism
        variants: [形式主义、官僚主义]

Each term is a phrase of the corpus even where it occurs only once; its
variants are written forms that count as the same phrase.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from yaml import Node, SequenceNode

from build_corpus.errors import GlossaryError
from build_corpus.model import GlossaryEntry
from build_corpus.read.yamlfile import (
    check_fields,
    is_null,
    line_of,
    mapping,
    read_text,
    scalar,
    top_level,
)

FIELDS = {"zh", "en", "variants"}

DEFAULT_GLOSSARY = Path(__file__).parents[1] / "data" / "glossary.yml"
"""The glossary that comes with the tool."""


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


def load_glossary(path: Path, required: bool = False) -> list[GlossaryEntry]:
    """Read and validate `path`; a missing file means an empty glossary, unless `required`."""
    if not path.exists():
        if required:
            raise GlossaryError(path, "does not exist")
        return []
    return parse_glossary(read_text(path, GlossaryError), path)


def merge(base: list[GlossaryEntry], overlay: list[GlossaryEntry]) -> list[GlossaryEntry]:
    """`base` with `overlay` laid over it: an overlay entry takes the place of the base entry
    of the same term, and takes its written forms from any other base entry (which keeps
    the rest of its forms, or goes if its term was taken); new terms come after.

    >>> base = [GlossaryEntry("四风", zh="a"), GlossaryEntry("老好人", variants=("好人主义",))]
    >>> overlay = [GlossaryEntry("四风", zh="b"), GlossaryEntry("好人主义")]
    >>> [(e.term, e.zh, e.variants) for e in merge(base, overlay)]
    [('四风', 'b', ()), ('老好人', '', ()), ('好人主义', '', ())]
    """
    taken = {form for e in overlay for form in (e.term, *e.variants)}
    replacing = {e.term: e for e in overlay}
    out = []
    for entry in base:
        if entry.term in replacing:
            out.append(replacing.pop(entry.term))
        elif entry.term not in taken:
            variants = tuple(v for v in entry.variants if v not in taken)
            out.append(entry if variants == entry.variants else replace(entry, variants=variants))
    return out + list(replacing.values())
