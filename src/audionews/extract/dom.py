"""HTML parsed once with lxml, and the two views of it the extractors need.

lxml parses a page in about a millisecond where BeautifulSoup takes fifteen; every extractor
here works on the same tree (or a copy). Walks are iterative, so a page nested 100,000 levels
deep cannot exhaust Python's stack.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import lxml.html
from lxml import etree

from audionews.extract.fields import squash

__all__ = ["BLOCK_TAGS", "is_hidden", "parse_html", "streamed_visible_text", "visible_text"]

BLOCK_TAGS = frozenset(
    "p div section article main header footer aside nav li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr "
    "figure figcaption form br hr dd dt dl address details summary title caption fieldset legend center".split()
)
_INVISIBLE = frozenset("script style noscript template svg head iframe object embed canvas video audio select "
                       "option button input textarea map".split())
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
"""Inside a block, a browser shows any run of whitespace (newlines too) as one space."""
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
_CONTROL_REFERENCE = re.compile(r"&#(?:[xX]0*(?:[0-8bBeEfF]|1[0-9a-fA-F]|7[fF])(?![0-9a-fA-F])"
                                r"|0*(?:[0-8]|11|1[4-9]|2\d|3[01]|127)(?!\d));?")
"""``&#1;``, ``&#x1b;``: a reference to a control character, which no XML tool downstream (trafilatura,
readability, the feed) can hold; a browser shows nothing for it, and neither do we."""


def parse_html(html: str) -> etree._Element | None:
    """The page's root element, or None when there is nothing to parse."""
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(_CONTROL_REFERENCE.sub("", html), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


def is_hidden(element: etree._Element) -> bool:
    if not isinstance(element.tag, str):
        return True
    tag = element.tag.lower()
    if tag in _INVISIBLE or element.get("hidden") is not None:
        return True
    if element.get("aria-hidden") == "true" and tag not in ("p", "div", "span", "a"):
        return True
    return bool(_HIDDEN_STYLE.search(element.get("style") or ""))


def visible_text(root: etree._Element) -> str:
    """What select-all and copy gives in a browser: visible text, block elements on their own lines."""
    parts: list[str] = []
    skip_depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if skip_depth or is_hidden(element):
                skip_depth += 1
                continue
            if tag in BLOCK_TAGS:
                parts.append("\n")
            if element.text:
                parts.append(_WHITESPACE.sub(" ", element.text))
        else:
            if skip_depth:
                skip_depth -= 1
                if skip_depth:
                    continue
            elif tag in BLOCK_TAGS:
                parts.append("\n")
            elif tag in ("td", "th"):
                parts.append("\t")
            if element.tail and element is not root:
                parts.append(_WHITESPACE.sub(" ", element.tail))
    lines = (squash(line) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)


class _TextStream(HTMLParser):
    """Visible text from a token stream, with no tree: for pages too deep for a tree parser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self.skipping:
            return
        if tag in ("script", "style", "template", "noscript", "svg", "head"):
            self.skipping = tag
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping == tag:
            self.skipping = None
        elif not self.skipping and tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(_WHITESPACE.sub(" ", data))

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        # html.parser raises AssertionError on "<![0…" (found by the hostile-input property test);
        # a browser reads it as a bogus comment, up to the next ">".
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1


def streamed_visible_text(html: str) -> str:
    """Like :func:`visible_text`, read as a stream: libxml2 drops what lies deeper than it will nest."""
    stream = _TextStream()
    stream.feed(html)
    stream.close()
    lines = (squash(line) for line in "".join(stream.parts).splitlines())
    return "\n".join(line for line in lines if line)
