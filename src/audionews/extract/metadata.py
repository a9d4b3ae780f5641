"""Page metadata, each field by small extractors tried in turn: JSON-LD, then OpenGraph and meta
tags, then the page itself (``<h1>``, ``<title>``, htmldate, the credit line in its text)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass
from typing import Any, Iterator
from urllib.parse import urljoin

import htmldate
from lxml import etree

from .fields import clean_byline, clean_headline, parse_iso_date, squash

__all__ = ["PageMeta", "read_metadata"]

_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                  "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "scholarlyarticle",
                  "techarticle", "socialmediaposting", "liveblogposting", "report"}


@dataclass(frozen=True)
class PageMeta:
    headline: str | None
    byline: str | None
    published: dt.date | None
    language: str | None
    url: str | None
    article_body: str | None
    """JSON-LD ``articleBody``, for pages whose visible body is drawn by JavaScript."""
    image: str | None = None
    """The lead image's absolute URL."""


def read_metadata(root: etree._Element, html: str, page_url: str | None) -> PageMeta:
    ld, nodes = _json_ld_article(root)
    meta = _meta_tags(root)
    site = meta.get("og:site_name") or _first(_ld_names(ld.get("publisher"), nodes))
    headline = clean_headline(
        _first(_text(ld.get("headline")), meta.get("og:title"), meta.get("twitter:title"), _h1(root), _title(root)),
        site,
    )
    authors = [name for name in _ld_names(ld.get("author"), nodes)
               if not site or squash(name).lower() != squash(site).lower()]  # the site credited as its own author
    byline = (
        clean_byline(authors)
        or clean_byline(meta.get("author") or meta.get("article:author") or meta.get("parsely-author")
                        or meta.get("sailthru.author") or meta.get("dc.creator"))
        or clean_byline(_rel_author(root))
    )
    published = (
        parse_iso_date(ld.get("datePublished"))
        or parse_iso_date(meta.get("article:published_time") or meta.get("datepublished")
                          or meta.get("date") or meta.get("dc.date") or meta.get("parsely-pub-date")
                          or meta.get("pubdate") or meta.get("publish-date"))
        or _htmldate(html, page_url)
    )
    language = _language_code(_first(_text(ld.get("inLanguage")), root.get("lang"), meta.get("og:locale"),
                                     meta.get("content-language")))
    url = _first(_canonical(root), meta.get("og:url"), _text(ld.get("url")), page_url)
    body = ld.get("articleBody") if isinstance(ld.get("articleBody"), str) else None
    image = _first(_ld_image(ld.get("image")), meta.get("og:image"), meta.get("twitter:image"))
    if image and not image.startswith(("http://", "https://")):
        image = urljoin(url, image) if url and url.startswith(("http://", "https://")) else None
    return PageMeta(headline, byline, published, language, url, body, image)


def _json_ld_article(root: etree._Element) -> tuple[dict[str, Any], dict[str, dict]]:
    """The first JSON-LD object whose @type is an article (looking inside @graph and lists), and
    every object that has an @id, by @id, to follow references such as ``"author": {"@id": …}``."""
    article: dict[str, Any] = {}
    nodes: dict[str, dict] = {}
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in _walk_ld(data):
            if isinstance(item.get("@id"), str) and len(item) > 1:
                nodes.setdefault(item["@id"], item)
            types = item.get("@type")
            types = types if isinstance(types, list) else [types]
            if not article and any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types):
                article = item
    return article, nodes


def _walk_ld(data: Any, depth: int = 0) -> Iterator[dict]:
    if depth > 8:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_ld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _walk_ld(data["@graph"], depth + 1)


def _ld_names(value: Any, nodes: dict[str, dict] | None = None) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if not isinstance(value.get("name"), str) and isinstance(value.get("@id"), str) and nodes:
            value = nodes.get(value["@id"], value)  # {"@id": "…#/schema/person/…"}, named elsewhere in @graph
        return [value["name"]] if isinstance(value.get("name"), str) else []
    if isinstance(value, list):
        return [name for item in value for name in _ld_names(item, nodes)]
    return []


def _ld_image(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _text(value.get("url")) or _text(value.get("contentUrl"))
    if isinstance(value, list) and value:
        return _ld_image(value[0])
    return None


def _meta_tags(root: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in root.iter("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop") or tag.get("http-equiv")
        value = tag.get("content")
        if key and value and value.strip():
            key = key.strip()
            found.setdefault(key if key.startswith("og:") else key.lower(), value.strip())
    return found


def _h1(root: etree._Element) -> str | None:
    for h1 in root.iter("h1"):
        text = squash(h1.text_content())
        if text:
            return text
    return None


def _title(root: etree._Element) -> str | None:
    title = root.find(".//title")
    return squash(title.text_content()) if title is not None else None


def _rel_author(root: etree._Element) -> str | None:
    for link in root.iter("a"):
        if "author" in (link.get("rel") or "").split():
            text = squash(link.text_content())
            if text:
                return text
    return None


def _canonical(root: etree._Element) -> str | None:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            href = link.get("href") or ""
            if href.startswith(("http://", "https://")):
                return href
    return None


def _htmldate(html: str, url: str | None) -> dt.date | None:
    try:
        found = htmldate.find_date(html, original_date=True, extensive_search=False, url=url)
    except Exception:  # noqa: BLE001 - a date we cannot find is a missing date, not a failure
        return None
    return parse_iso_date(found)


def _text(value: Any) -> str | None:
    """A JSON-LD string; CMS plugins often leave HTML entities in them ("&#8216;Alarmed&#8217;")."""
    if not isinstance(value, str):
        return None
    return html.unescape(value) if "&" in value else value


def _first(*values: Any) -> Any:
    for value in values:
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _language_code(value: str | None) -> str | None:
    match = re.match(r"^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}))?\b", (value or "").strip())
    if not match:
        return None
    lang, region = match.groups()
    return f"{lang.lower()}-{region.upper()}" if region else lang.lower()
