"""Page → Article: the readable article and its metadata, nothing else."""

from __future__ import annotations

from ..model import Article, Page
from .html import extract_html
from .text import extract_text

__all__ = ["extract", "extract_html", "extract_text"]


def extract(page: Page) -> Article:
    """Pick the extractor for the page's kind."""
    return extract_html(page) if page.kind == "html" else extract_text(page)
