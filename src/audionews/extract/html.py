"""Web pages → :class:`Article`.

The body comes from trafilatura (a proven extractor) with precision favoured, then is cleaned
for the ear; the metadata comes from small extractors tried in turn — JSON-LD first, then
OpenGraph and meta tags, then what trafilatura and htmldate find in the page. When trafilatura
finds nothing, JSON-LD ``articleBody`` and then the plain-text extractor over the page's
visible text are tried.
"""

from __future__ import annotations

import json
import re
import warnings
from typing import Any, Iterator

import htmldate
import trafilatura
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
from lxml import etree

from ..errors import ExtractionError
from ..model import Article, Block, Page
from .fields import clean_byline, clean_headline, guess_language, parse_iso_date, squash, words
from .clutter import tidy_blocks
from .text import extract_text

__all__ = ["extract_html", "visible_text"]

_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                  "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "scholarlyarticle",
                  "techarticle", "posting", "socialmediaposting", "liveblogposting", "webpage"}
_MIN_BODY_WORDS = 25
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "li", "ul", "ol",
               "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "figure", "figcaption",
               "form", "br", "hr", "dd", "dt", "dl", "address", "details", "summary", "title"}


def extract_html(page: Page) -> Article:
    """Find the article in an HTML page."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(page.text, "lxml")
    ld = _json_ld_article(soup)
    meta = _meta(soup)
    document = _trafilatura(page)

    site = meta.get("og:site_name") or _ld_name(ld.get("publisher"))
    headline = clean_headline(
        _first(ld.get("headline"), meta.get("og:title"), meta.get("twitter:title"), _h1(soup),
               document.title if document else None, soup.title.string if soup.title else None),
        site,
    )
    blocks = _blocks_from_tree(document.body) if document is not None and document.body is not None else []
    if _word_count(blocks) < _MIN_BODY_WORDS and isinstance(ld.get("articleBody"), str):
        blocks = [Block("paragraph", squash(p)) for p in re.split(r"\n\s*\n|\n", ld["articleBody"]) if p.strip()]
    fallback = None
    if _word_count(blocks) < _MIN_BODY_WORDS:
        try:
            fallback = extract_text(Page(page.source, "text", visible_text(soup), page.url))
        except ExtractionError:
            raise ExtractionError("no article text found", page.source) from None
        blocks = list(fallback.blocks)
        headline = headline or fallback.headline
    if not headline:
        raise ExtractionError("no headline found", page.source)
    if blocks and squash(blocks[0].text).lower() == headline.lower():
        blocks = blocks[1:]  # the body repeats the headline: don't read it twice
    if not blocks:
        raise ExtractionError("no article text found", page.source)

    byline = (
        clean_byline(_ld_names(ld.get("author")))
        or clean_byline(meta.get("author") or meta.get("article:author") or meta.get("parsely-author"))
        or clean_byline(document.author if document else None)
        or (fallback.byline if fallback else None)
    )
    published = (
        parse_iso_date(ld.get("datePublished"))
        or parse_iso_date(meta.get("article:published_time") or meta.get("datePublished")
                          or meta.get("date") or meta.get("dc.date") or meta.get("parsely-pub-date"))
        or _htmldate(page)
        or (fallback.published if fallback else None)
    )
    html_lang = soup.html.get("lang") if soup.html else None
    language = _first(
        ld.get("inLanguage") if isinstance(ld.get("inLanguage"), str) else None,
        html_lang if isinstance(html_lang, str) else None,
        meta.get("og:locale"),
        guess_language(" ".join(b.text for b in blocks)),
    )
    url = _first(_canonical(soup), meta.get("og:url"), ld.get("url") if isinstance(ld.get("url"), str) else None,
                 page.url)
    return Article(
        source=page.source,
        url=url,
        headline=headline,
        byline=byline,
        published=published,
        language=_language_code(language),
        blocks=tuple(blocks),
    )


def _trafilatura(page: Page):
    try:
        return trafilatura.bare_extraction(
            page.text,
            url=page.url,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            with_metadata=True,
        )
    except Exception:  # noqa: BLE001 - a crash in a third-party heuristic falls back to our own
        return None


_LEAVES = {"head": "heading", "p": "paragraph", "item": "item", "code": "paragraph"}


def _blocks_from_tree(body: etree._Element) -> list[Block]:
    """trafilatura's XML → blocks, in document order, then tidied for the ear.

    Headings, paragraphs and list items become blocks; text that trafilatura leaves loose
    between them (an element's tail) becomes a paragraph of its own; a table is read row by
    row, its cells joined with commas, so a listener hears standings and results line by line.
    """
    blocks: list[Block] = []

    def add(kind: str, text: str | None) -> None:
        text = squash(text or "")
        if text:
            blocks.append(Block(kind, text))

    def walk(parent: etree._Element) -> None:
        add("paragraph", parent.text)
        for child in parent:
            if not isinstance(child.tag, str):
                pass  # comments and processing instructions
            elif child.tag in _LEAVES:
                add(_LEAVES[child.tag], "".join(child.itertext()))
            elif child.tag == "table":
                for row in child.iter("row"):
                    add("item", ", ".join(squash("".join(cell.itertext())) for cell in row.iter("cell")
                                          if "".join(cell.itertext()).strip()))
            elif len(child):
                walk(child)
            else:
                add("paragraph", child.text)
            add("paragraph", child.tail)

    walk(body)
    return tidy_blocks(blocks)


def _word_count(blocks: list[Block]) -> int:
    return sum(len(words(b.text)) for b in blocks)


# -- metadata ----------------------------------------------------------------------------------


def _json_ld_article(soup: BeautifulSoup) -> dict[str, Any]:
    """The first JSON-LD object whose @type is an article (looking inside @graph and lists)."""
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue
        for item in _walk_ld(data):
            types = item.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES - {"webpage"} for t in types):
                return item
    return {}


def _walk_ld(data: Any) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _walk_ld(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _walk_ld(data["@graph"])


def _ld_names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [value["name"]] if isinstance(value.get("name"), str) else []
    if isinstance(value, list):
        return [name for item in value for name in _ld_names(item)]
    return []


def _ld_name(value: Any) -> str | None:
    names = _ld_names(value)
    return names[0] if names else None


def _meta(soup: BeautifulSoup) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        value = tag.get("content")
        if isinstance(key, str) and isinstance(value, str) and value.strip():
            found.setdefault(key.strip().lower() if not key.startswith("og:") else key.strip(), value.strip())
    return found


def _h1(soup: BeautifulSoup) -> str | None:
    h1 = soup.find("h1")
    return squash(h1.get_text(" ")) if h1 else None


def _canonical(soup: BeautifulSoup) -> str | None:
    link = soup.find("link", rel=lambda rel: rel and "canonical" in rel)
    href = link.get("href") if link else None
    return href if isinstance(href, str) and href.startswith(("http://", "https://")) else None


def _htmldate(page: Page):
    try:
        found = htmldate.find_date(page.text, original_date=True, extensive_search=False, url=page.url)
    except Exception:  # noqa: BLE001 - a date we cannot find is a missing date, not a failure
        return None
    return parse_iso_date(found)


def _first(*values: Any) -> Any:
    for value in values:
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _language_code(value: str | None) -> str | None:
    if not value:
        return None
    match = re.match(r"^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}))?", value.strip())
    if not match:
        return None
    lang, region = match.groups()
    return f"{lang.lower()}-{region.upper()}" if region else lang.lower()


def visible_text(soup: BeautifulSoup) -> str:
    """The text a person gets by selecting all and copying: block elements on their own lines."""
    soup = BeautifulSoup(str(soup), "lxml")  # work on a copy
    for tag in soup(["script", "style", "noscript", "template", "svg", "head", "iframe", "object"]):
        tag.decompose()
    for tag in soup.find_all(attrs={"hidden": True}):
        tag.decompose()
    for tag in soup.find_all(style=re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (squash(line) for line in soup.get_text().splitlines())
    return "\n".join(line for line in lines if line)
