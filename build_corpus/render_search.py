"""Rendering the texts as search documents, one per section. Pure.

Each document holds the exact text the reader sees, so the browser can find
any typed phrase by substring and highlight it on the page.
"""

from __future__ import annotations

from .model import Text


def search_documents(text: Text, folder: str) -> list[dict[str, str]]:
    """Documents for one text: the page (title and preamble), then each section."""
    base = f"{folder}/{text.meta.slug}/"
    docs = [
        {
            "location": base,
            "title": text.meta.title,
            "text": "\n".join(p.text for p in text.preamble),
        }
    ]
    for section in text.walk():
        docs.append(
            {
                "location": f"{base}#{section.anchor}",
                "title": section.heading,
                "text": "\n".join(p.text for p in section.paragraphs),
            }
        )
    return docs
