"""Page → Article: the readable article and its metadata, nothing else."""

from __future__ import annotations

from ..errors import ExtractionError
from ..model import Article, Page
from .html import extract_html
from .text import extract_text

__all__ = ["extract", "extract_html", "extract_text"]


def extract(page: Page) -> Article:
    """Pick the extractor for the page's kind."""
    article = extract_html(page) if page.kind == "html" else extract_text(page)
    if not article.blocks:  # a last guard: an article with nothing to read is no article
        raise ExtractionError("no article text found", page.source)
    return article
