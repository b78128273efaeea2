"""Errors the build reports to the user.

Every error names the file it concerns and, where known, the line, so the
command line can print one clear message and exit non-zero.
"""

from __future__ import annotations

from pathlib import Path


class CorpusError(Exception):
    """Base class of every error the build reports."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        """The file the problem is in."""
        self.message = message
        """What is wrong, in one sentence."""
        self.line = line
        """1-based line number, when the problem has one."""
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class SourceError(CorpusError):
    """A source text cannot be read as text."""


class MetadataError(CorpusError):
    """`metadata.yml` is malformed or does not match the corpus."""


class GlossaryError(CorpusError):
    """`glossary.yml` is malformed."""


class BuildError(CorpusError):
    """MkDocs or the output stage failed."""
