"""Page → Article: the readable article and its metadata, nothing else."""

from __future__ import annotations

from audionews.errors import ExtractionError
from audionews.extract.html import extract_html
from audionews.extract.text import extract_text
from audionews.model import Article, Page

__all__ = ["extract", "extract_html", "extract_text"]


def extract(page: Page) -> Article:
    """Pick the extractor for the page's kind. The page's text comes in, and the article's goes out, as
    plain text (see :class:`Page` and :class:`Article`)."""
    article = extract_html(page) if page.kind == "html" else extract_text(page)
    if not article.blocks:  # a last guard: an article with nothing to read is no article
        raise ExtractionError("no article text found", page.source)
    return article
