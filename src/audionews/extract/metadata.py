"""Page metadata, each field by small extractors tried in turn: JSON-LD, then OpenGraph and meta
tags, then the page itself (``<h1>``, ``<title>``, htmldate, the credit line in its text)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import htmldate
from lxml import etree

from audionews.extract.fields import (
    CREDIT,
    ROLE,
    clean_byline,
    clean_headline,
    looks_like_name,
    parse_iso_date,
    same_site,
    squash,
    words,
)
from audionews.urls import on_same_site, public_url, registrable_domain

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
    guessed_date: dt.date | None = None
    """htmldate's reading of the page, for when neither the page's credit line nor its markup dates it."""
    modified: frozenset[dt.date] = frozenset()
    """The dates the page declares it was changed on: none of them is when it was published."""


def read_metadata(root: etree._Element, html: str, page_url: str | None) -> PageMeta:
    ld, nodes = _json_ld_article(root)
    meta = _meta_tags(root)
    site = meta.get("og:site_name") or _first(_ld_names(ld.get("publisher"), nodes))
    sites = _site_names(site, meta, page_url)
    headline = _headline(root, ld, meta, sites)
    authors = [name for name in _ld_names(ld.get("author"), nodes)
               if not site or squash(name).lower() != squash(site).lower()]  # the site credited as its own author
    written_by = _labelled_author(meta)
    structured = [*authors, *filter(None, (meta.get("author"), meta.get("article:author"), meta.get("parsely-author"),
                                           meta.get("sailthru.author"), meta.get("dc.creator"), written_by))]
    credits = _credits(root, page_url)
    declared = clean_byline(authors) or clean_byline(
        meta.get("author") or meta.get("article:author") or meta.get("parsely-author") or meta.get("sailthru.author")
        or meta.get("dc.creator") or written_by)
    page_text = squash(" ".join(root.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")))
    byline = (
        (declared if declared and all(_shows(page_text, n) for n in re.split(r", | and ", declared)) else None)
        # "Lauren", "The Acme Team": a name the metadata declares and the page shows, though not a full name
        or clean_byline([n for n in authors or structured if _shows(page_text, n) and not same_site(n, sites)],
                        marked=True)
        or _first_byline(credits, sites)  # the credit line the page shows, over metadata it does not
        or declared
        or _first_byline(credits, sites, marked=[squash(n).lower() for n in structured])
        or clean_byline([n for n in structured if _shows(" ".join(" ".join(c) for c in credits), n)], marked=True)
        or _author_box(root, sites)
    )
    published = (
        parse_iso_date(ld.get("datePublished"))
        or parse_iso_date(meta.get("article:published_time") or meta.get("datepublished")
                          or meta.get("date") or meta.get("dc.date") or meta.get("parsely-pub-date")
                          or meta.get("pubdate") or meta.get("publish-date"))
        or _time_element(root)
    )
    guessed = None if published else _unless_modified(_htmldate(html, page_url), ld, meta)
    language = _language_code(_first(_text(ld.get("inLanguage")), root.get("lang"), meta.get("og:locale"),
                                     meta.get("content-language")))
    url = _own_url(root, meta, ld, page_url)
    body = ld.get("articleBody") if isinstance(ld.get("articleBody"), str) else None
    images = (_ld_image(ld.get("image")), meta.get("og:image"), meta.get("twitter:image"))
    image = next(filter(None, (public_url(_first(found), url) for found in images)), None)
    return PageMeta(headline, byline, published, language, url, body, image, guessed,
                    _modified(ld, meta, nodes))


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
        except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
            continue
        for item in _walk_ld(data):
            if isinstance(item.get("@id"), str) and len(item) > 1:
                nodes.setdefault(item["@id"], item)
            types = item.get("@type")
            types = types if isinstance(types, list) else [types]
            if not article and any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types):
                article = item
    return article, nodes


_LD_DEPTH = 8
"""How deep in JSON-LD's lists and @graph we look: real markup nests two or three levels, and a page's
structure must not set how deep Python recurses."""


def _walk_ld(data: Any, depth: int = 0) -> Iterator[dict]:
    if depth > _LD_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_ld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _walk_ld(data["@graph"], depth + 1)


def _ld_names(value: Any, nodes: dict[str, dict] | None = None, depth: int = 0) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if not isinstance(value.get("name"), str) and isinstance(value.get("@id"), str) and nodes:
            value = nodes.get(value["@id"], value)  # {"@id": "…#/schema/person/…"}, named elsewhere in @graph
        return [value["name"]] if isinstance(value.get("name"), str) else []
    if isinstance(value, list) and depth < _LD_DEPTH:
        return [name for item in value for name in _ld_names(item, nodes, depth + 1)]
    return []


def _ld_image(value: Any, depth: int = 0) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _text(value.get("url")) or _text(value.get("contentUrl"))
    if isinstance(value, list) and value and depth < _LD_DEPTH:
        return _ld_image(value[0], depth + 1)
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


def _labelled_author(meta: dict[str, str]) -> str | None:
    """The author in the labelled pairs of Twitter's card: ``twitter:label1`` "Written by",
    ``twitter:data1`` "Ann Lee" (what Yoast writes)."""
    for n in range(1, 5):
        if re.match(r"^\s*(?:written by|author|by)\s*:?\s*$", meta.get(f"twitter:label{n}") or "", re.IGNORECASE):
            return meta.get(f"twitter:data{n}")
    return None


def _site_names(site: str | None, meta: dict[str, str], page_url: str | None) -> list[str]:
    """What the site calls itself, and its domain ("example.co.uk" and "example")."""
    names = [n for n in (site, meta.get("application-name"), meta.get("apple-mobile-web-app-title"))
             if n and len(words(n)) <= 5 and not re.search(r"\s[|–—-]\s", n)]  # not a whole title put there
    host = (urlsplit(page_url or "").hostname or "").lower().removeprefix("www.")
    if host:
        domain = registrable_domain(host)  # "example.co.uk" (the Public Suffix List)
        names += [host, domain.split(".")[0]] if domain != host or "." in host else [host]
    return names


def _headline(root: etree._Element, ld: dict[str, Any], meta: dict[str, str], sites: list[str]) -> str | None:
    """The visible headline: the ``<h1>`` that agrees with the page's SEO titles (JSON-LD, OpenGraph,
    ``<title>``), which often differ from it or carry the site's name; the SEO title when no h1 does."""
    raw = [_unescape(t) for t in (_text(ld.get("headline")), meta.get("og:title"), meta.get("twitter:title"),
                                  _title(root)) if t]
    titles = [t for t in (clean_headline(t, sites) for t in raw) if t]
    declared = [t for t in (clean_headline(_unescape(t), sites) for t in (
        _text(ld.get("headline")), meta.get("og:title"), meta.get("twitter:title")) if t) if t]
    best, best_score = None, 0.0
    for element in root.iter("h1"):
        h1 = clean_headline(_unescape(squash(element.text_content())), sites)
        if not h1 or len(h1) > 300 or _names_site(h1, raw, sites):
            continue
        tokens = {w.lower() for w in words(h1)}
        score = max((_dice(tokens, {w.lower() for w in words(t)}) for t in titles), default=1.0) if tokens else 0.0
        if best is None or score > best_score:
            best, best_score = h1, score
    if best is None or best_score < 0.3:  # no h1 agrees: a declared headline, the <title> unless it is "Home"
        return _first(declared, [t for t in titles if len(words(t)) >= 3], best, titles)
    for title in titles:
        if title != best and title.lower() == best.lower() and best.isupper():
            return title  # "HARBOR VOTES": capitals are styling
        if len(title) < len(best) and len(title) >= 0.5 * len(best) and _wraps(best, title):
            return title  # the h1 adds "Title:", a date or "Posted on … by …" around the headline
    return best


def _names_site(h1: str, titles: list[str], sites: list[str]) -> bool:
    """An h1 that is the site's name: a name it goes by, or the part of a title that is not the story."""
    if same_site(h1, sites):
        return True
    low = h1.lower()
    for title in titles:
        title = squash(title).lower()
        if title.startswith(low):
            rest = re.match(r"^\s*(?:[|–—:·•»~-]|::)\s+(.+)$", title[len(low):])
        elif title.endswith(low):
            rest = re.match(r"^(.+?)\s+(?:[|–—:·•»~-]|::)\s*$", title[: -len(low)])
        else:
            continue
        if rest and len(words(rest.group(1))) > len(words(h1)):
            return True
    return False


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def _wraps(outer: str, inner: str) -> bool:
    return re.search(r"(?:^|\W)" + re.escape(inner.lower()) + r"(?:\W|$)", outer.lower()) is not None


def _unescape(text: str) -> str:
    """Titles entity-encoded twice arrive with "&#39;" or "&amp;" left in them."""
    return html.unescape(text) if "&" in text else text


def _title(root: etree._Element) -> str | None:
    title = root.find(".//title")
    return squash(title.text_content()) if title is not None else None


_DATE_TAIL = re.compile(r"\s*(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d).*$",
                        re.IGNORECASE)
_NOT_CREDIT_TAGS = ("script", "style", "meta", "link", "img", "html", "body")
_AUTHOR_CLASS = re.compile(r"author(?!it)", re.IGNORECASE)
_CREDIT_MARK = re.compile(r"author(?!it)|byline|writer|contributor", re.IGNORECASE)
_NOT_CREDIT = re.compile(r"bio|avatar|photo|image|img|comment|desc|about|box|related|more|list|social|share|"
                         r"follow|title|label|date|time", re.IGNORECASE)


_AUTHOR_PAGE = re.compile(r"/(?:authors?|contributors?|writers?|columnists?)/[^/]+/?$", re.IGNORECASE)


def _same_host(href: str | None, page_url: str | None) -> bool:
    """A relative link, or one to the page's own site (not a profile on a social network)."""
    host = (urlsplit(href or "").hostname or "").removeprefix("www.")
    return not host or host == (urlsplit(page_url or "").hostname or "").removeprefix("www.")


def _credits(root: etree._Element, page_url: str | None = None, limit: int = 6) -> list[list[str]]:
    """The text pieces of what the markup calls an author (``rel=author``, ``itemprop=author``, a class
    such as "byline" or "author-name", ``data-testid="author-name"``, a link to /author/…), first those
    after the first h1, outside comment threads."""
    h1 = next(root.iter("h1"), None)
    before: list[etree._Element] = []
    after: list[etree._Element] = []
    seen_h1 = h1 is None
    for element in root.iter():
        if element is h1:
            seen_h1 = True
        if not isinstance(element.tag, str) or element.tag in _NOT_CREDIT_TAGS:
            continue
        data = (v for k, v in element.attrib.items() if k.startswith("data-"))  # data-testid
        marks = " ".join(filter(None, (element.get("rel"), element.get("itemprop"), element.get("class"), *data)))
        if element.tag == "a" and _AUTHOR_PAGE.search(urlsplit(element.get("href") or "").path) and \
                _same_host(element.get("href"), page_url):
            pass  # a link to the author's page on the site: <a href="/author/ann-lee">Ann Lee</a>
        elif not _CREDIT_MARK.search(marks) or (_NOT_CREDIT.search(marks.replace("author", "")) and \
                "author" not in (element.get("rel") or "") + (element.get("itemprop") or "")):
            continue
        if any(_COMMENTS.match(token) for a in element.iterancestors() if a.tag not in ("body", "html")
               for token in f'{a.get("class") or ""} {a.get("id") or ""}'.lower().split()):
            continue
        pieces = _pieces(element)
        if pieces and sum(map(len, pieces)) <= 150:
            (after if seen_h1 else before).append(pieces)
        if len(after) >= limit:
            break
    return after + before


_NOT_A_NAME = re.compile(r"\b(?:bio|share|follow|size|print|e-?mail|subscribe|view|profile|posts|articles)\b",
                         re.IGNORECASE)
_GROUP_WORDS = {"team", "desk", "staff", "newsroom", "agency", "press", "bureau"}
_COMMENTS = re.compile(r"^(?:comments?|comment-?list|comment-(?:body|content|author|meta)|respond|replies|disqus.*)$")
_INLINE = {"a", "span", "b", "strong", "em", "i", "u", "small", "abbr", "font", "bdi", "mark"}
_OTHER_CREDIT = re.compile(r"\b(?:edit|review|fact|check|photo|illustrat|video|produc|updat|sponsor|translat|"
                           r"verif|medical)", re.IGNORECASE)


def _pieces(element: etree._Element) -> list[str]:
    """The element's text as it shows, one piece per block ("Ann Lee" and "Dec 19" apart), inline
    markup joined ("Molly Woo<span>d</span>")."""
    out = [""]

    def walk(node: etree._Element, top: bool = False) -> None:
        block = not top and node.tag not in _INLINE
        if block:
            out.append("")
        add(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag not in ("script", "style"):
                walk(child)
            add(child.tail)
        if block:
            out.append("")

    def add(text: str | None) -> None:
        if text:  # "Ann Lee<span>Founder</span>" shows as two words though no space is written
            out[-1] += " " + text if out[-1][-1:].islower() and text[:1].isupper() else text

    walk(element, top=True)
    return [p for p in map(squash, out) if p]


def _credit_names(pieces: list[str], marked: list[str] | None) -> list[str]:
    """The names of a credit, up to what credits someone else ("Edited by", "Reviewed by") or says
    what they do ("Head Winemaker")."""
    credited = bool(CREDIT.match(" ".join(pieces)))
    names: list[str] = []
    for piece in pieces:
        if _OTHER_CREDIT.search(piece) and not CREDIT.match(piece):
            if names:
                break
            continue
        if _NOT_A_NAME.search(piece):
            continue  # "Full Bio", "Text Size"
        if names and _job(piece):
            break  # "EdTech Content writer" under the name
        named = marked is not None and (credited or squash(CREDIT.sub("", piece)).lower() in marked)
        found = _piece_names(piece, named)
        if found:
            names += [n for part in found.split(", ") for n in part.split(" and ")]
        elif names and not re.fullmatch(r"(?:and|&|,|by|\W)*", piece, re.IGNORECASE):
            break
    return names


def _shows(text: str, name: str) -> bool:
    pattern = r"(?<!\w)" + re.escape(squash(name)) + r"(?!\w)"
    return bool(name.strip()) and re.search(pattern, text, re.IGNORECASE) is not None


def _author_box(root: etree._Element, sites: list[str]) -> str | None:
    """The name heading an author box or card ("author-box", "author-card", "author-bio"), whose bio
    made it too long to read as a credit line: a full name only."""
    for element in root.iter():
        if not isinstance(element.tag, str) or not _AUTHOR_CLASS.search(element.get("class") or ""):
            continue
        if any(_COMMENTS.match(token) for a in element.iterancestors() if a.tag not in ("body", "html")
               for token in f'{a.get("class") or ""} {a.get("id") or ""}'.lower().split()):
            continue
        pieces = _pieces(element)
        if pieces and looks_like_name(CREDIT.sub("", pieces[0])) and not same_site(pieces[0], sites) \
                and not re.match(r"author", pieces[0], re.IGNORECASE):  # "Author Spotlight"
            return clean_byline(CREDIT.sub("", pieces[0]))
    return None


def _first_byline(credits: list[list[str]], sites: list[str], marked: list[str] | None = None) -> str | None:
    """Names from the first credit that has any; with ``marked``, a single name or handle ("Kristin")
    counts where the credit says "By" or the page's structured data names it too."""
    for pieces in credits:
        names = _credit_names(pieces, marked)
        people = [n for n in names if not same_site(n, sites)] or names  # "Ann Lee and Example Farmer"
        if people:
            return clean_byline(list(dict.fromkeys(people)), marked=True)
    return None


def _job(text: str) -> re.Match | None:
    return next((m for m in ROLE.finditer(text) if m.group(0).lower() not in _GROUP_WORDS), None)


def _piece_names(piece: str, marked: bool) -> str | None:
    if re.search(r"admin", piece, re.IGNORECASE):
        return None  # an account, not a person
    piece = re.sub(r"^(.+?)\s*\1$", r"\1", CREDIT.sub("", piece))  # "Ann Lee Ann Lee": a name and its hidden copy
    cut = _DATE_TAIL.sub("", piece)  # "Ann Lee Dec 19", "Ann Lee 7 min read"
    role = _job(cut)
    if role and role.start() > 0:  # "Ann Lee, Certified Sleep Consultant", "Ann Lee Founder at Acme"
        head = cut[: role.start()]
        separator = max(head.rfind(c) for c in ",|–—")
        cut = (head[:separator] if separator > 0 else head).rstrip(" ,-–—|")
    return clean_byline(cut, marked=marked and cut == piece)


def _own_url(root: etree._Element, meta: dict[str, str], ld: dict[str, Any], page_url: str | None) -> str | None:
    """The URL the page gives itself (canonical link, ``og:url``, JSON-LD ``url``), if it passes the URL
    check and is on the site the page was fetched from (so no page can take another site's episode);
    else the URL it was fetched from. A file, fetched from nowhere, is taken at its word."""
    fetched = public_url(page_url) if page_url else None
    for declared in (_canonical(root), meta.get("og:url"), _text(ld.get("url"))):
        found = public_url(declared, fetched)
        if found and (fetched is None or on_same_site(found, fetched)):
            return found
    return fetched


def _canonical(root: etree._Element) -> str | None:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            return link.get("href")
    return None


def _time_element(root: etree._Element) -> dt.date | None:
    """The first ``<time datetime>`` after the headline (before it when none follows), not an update."""
    before: list[etree._Element] = []
    after: list[etree._Element] = []
    seen_h1 = False
    for element in root.iter("h1", "time"):
        if element.tag == "h1":
            seen_h1 = True
        elif parse_iso_date(element.get("datetime")):
            (after if seen_h1 else before).append(element)
    times = after or before
    for time in times:
        context = " ".join(filter(None, (time.get("class"), time.get("itemprop"),
                                         (time.getparent().text_content() if time.getparent() is not None else ""))))
        if not re.search(r"modif|updat", context[:200], re.IGNORECASE):
            return parse_iso_date(time.get("datetime"))
    return None


def _modified(ld: dict[str, Any], meta: dict[str, str], nodes: dict[str, dict]) -> frozenset[dt.date]:
    found = {parse_iso_date(ld.get("dateModified")), parse_iso_date(meta.get("article:modified_time")),
             parse_iso_date(meta.get("og:updated_time")), parse_iso_date(meta.get("datemodified")),
             *(parse_iso_date(node.get("dateModified")) for node in nodes.values())}
    return frozenset(day for day in found if day is not None)


def _unless_modified(found: dt.date | None, ld: dict[str, Any], meta: dict[str, str]) -> dt.date | None:
    """htmldate falls back on the modified date; a page that declares only when it changed has not said
    when it was published."""
    modified = {parse_iso_date(ld.get("dateModified")), parse_iso_date(meta.get("article:modified_time")),
                parse_iso_date(meta.get("og:updated_time")), parse_iso_date(meta.get("datemodified"))}
    return None if found in modified else found


def _htmldate(html: str, url: str | None) -> dt.date | None:
    try:
        found = htmldate.find_date(html, original_date=True, extensive_search=False, url=url)
    except Exception:
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
