"""Build an annotated corpus of Chinese texts into Markdown pages for MkDocs."""

__version__ = "0.1.0"
