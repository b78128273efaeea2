"""The one configuration object of a build; every option has a default."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuildConfig:
    """Where the build reads from and writes to, and how it parses."""

    corpus_dir: Path = Path("corpus")
    """Folder holding the source `.txt` files and `metadata.yml`."""
    docs_dir: Path = Path("docs")
    """MkDocs `docs_dir`; the generator owns only its `texts/`, `phrases/` and `keywords/`."""
    mkdocs_config: Path = Path("mkdocs.yml")
    """MkDocs configuration used by the `site` command."""
    site_dir: Path = Path("site")
    """Where the `site` command publishes the built website."""
    max_inline_title: int = 30
    """Longest title (in characters) of a heading found inside a line."""
    max_clean_title: int = 25
    """Longest level-1 title that counts as evidence for run-on titles."""
    min_phrase_texts: int = 2
    """A phrase found automatically must occur in at least this many texts."""
    concordance_limit: int = 100
    """Occurrences listed on a phrase's page; its counts per text are always complete."""
    cache_dir: Path | None = Path(".cache/build_corpus")
    """Cache of parsed texts and their tokens, keyed by content; None turns it off."""

    @property
    def parser_limits(self) -> tuple[int, int]:
        """The options the outline parser depends on (part of the cache key)."""
        return (self.max_inline_title, self.max_clean_title)

    @property
    def glossary_file(self) -> Path:
        """Curated definitions of known formulae."""
        return self.corpus_dir / "glossary.yml"

    @property
    def metadata_file(self) -> Path:
        """The corpus metadata file."""
        return self.corpus_dir / "metadata.yml"


DEFAULT_CONFIG = BuildConfig()
"""The configuration used when none is given."""
