"""The one check every URL passes before audionews stores, publishes or fetches it.

A URL from the command line, a page (canonical, ``og:url``, JSON-LD, images), a feed (entry links,
thumbnails) or a redirect is read as a browser reads it (the WHATWG URL standard, by ada-url), and kept
only if it is http or https with a valid host. What comes out is clean: relative links resolved against
a base, the host lower-case (punycode for a non-ASCII name), unsafe characters percent-encoded, and no
user name or password, so a credential typed into a URL is never written into a feed or a catalog.

Which site a URL belongs to is its registrable domain by the Public Suffix List (bundled in
publicsuffixlist, never downloaded): ``news.example.co.uk`` and ``www.example.co.uk`` are one site,
``ann.github.io`` and ``bob.github.io`` are two.
"""

from __future__ import annotations

import codecs
import ipaddress
import re
from functools import cache
from urllib.parse import unquote

from ada_url import URL
from publicsuffixlist import PublicSuffixList

from audionews.errors import FetchError

__all__ = ["MAX_LENGTH", "check_url", "credentials", "on_same_site", "public_url", "registrable_domain"]

MAX_LENGTH = 8192
"""Longest URL we keep: browsers and feed readers give up well before; a longer one is not a link."""
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")


def check_url(value: object, base: str | None = None) -> str:
    """``value`` as a clean absolute http(s) URL (relative to ``base`` when it is relative), or a
    :class:`FetchError` that says why it is not one."""
    parsed = _parse(value, base)
    parsed.username = ""
    parsed.password = ""
    return parsed.href


def public_url(value: object, base: str | None = None) -> str | None:
    """:func:`check_url`'s URL, or None: for fields where a bad URL is simply left out."""
    try:
        return check_url(value, base)
    except FetchError:
        return None


def credentials(value: str, base: str | None = None) -> tuple[str, str] | None:
    """The user name and password written into a URL (``http://ann:pw@host/``), for the request
    only; None when it has none or is no URL."""
    try:
        parsed = _parse(value, base)
    except FetchError:
        return None
    if not parsed.username and not parsed.password:
        return None
    return unquote(parsed.username), unquote(parsed.password)


def on_same_site(url: str, other: str) -> bool:
    """Whether two URLs are on one site: the same registrable domain (the same host for an IP address)."""
    try:
        first, second = _parse(url, None), _parse(other, None)
    except FetchError:
        return False
    if first.host_type or second.host_type:  # an IPv4 or IPv6 address
        return bool(first.hostname == second.hostname)
    return registrable_domain(first.hostname) == registrable_domain(second.hostname)


def registrable_domain(host: str) -> str:
    """``example.co.uk`` for ``news.example.co.uk``; the host itself when it has none (an address, a
    single name such as ``localhost``, a public suffix)."""
    host = host.lower().rstrip(".")
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        return _suffixes().privatesuffix(host) or host


@cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()


def _parse(value: object, base: str | None) -> URL:
    if not isinstance(value, str) or not value.strip():
        raise FetchError("no URL", _shown(value))
    if len(value) > MAX_LENGTH:
        raise FetchError(f"a URL longer than {MAX_LENGTH} characters", _shown(value))
    base = base if base and _parses(base) else None  # an unusable base is no base
    try:
        parsed = URL(value, base) if base else URL(value)
    except (ValueError, UnicodeError):
        if not _SCHEME.match(value) and not base:
            raise FetchError("a relative link, with no URL to resolve it against", _shown(value)) from None
        raise FetchError("not a valid URL", _shown(value)) from None
    if parsed.protocol not in ("http:", "https:"):
        raise FetchError(f"only http and https URLs can be used, not {parsed.protocol[:20]}", _shown(value))
    if not parsed.host_type and not _valid_host_name(parsed.hostname):
        raise FetchError("not a valid host name", _shown(value))
    return parsed


def _parses(url: str) -> bool:
    try:
        return bool(URL.can_parse(url))
    except (ValueError, UnicodeError):
        return False


def _valid_host_name(host: str) -> bool:
    """Letters, digits, hyphens (not first or last) and underscores, in labels of 1 to 63 characters,
    253 in all; a punycode label must decode. (WHATWG lets ``a..b`` and ``-a-.com`` through.)"""
    labels = host.removesuffix(".").split(".")
    if not host or len(host) > 253 or not all(_LABEL.match(label) for label in labels):
        return False
    for label in labels:
        if label.startswith("xn--"):
            try:
                if not codecs.decode(label[4:].encode("ascii"), "punycode"):
                    return False
            except UnicodeError:
                return False
    return True


_CREDENTIALS = re.compile(r"^(:?|[^@/\\?#]*[/\\]+)[^/\\?#]*@")
"""``user:password@`` at the start of a URL, with what comes before it (a scheme, slashes) kept in group 1.
Each alternative is tried once from the start, so a long value costs one pass: the lazy form
``^([^@/\\?#]*?:?[/\\]*)[^/\\?#]*@`` rescanned the value from every character, and a 1 MB one took minutes."""


def _shown(value: object) -> str:
    """The value as an error names it: at most 200 characters, one line, no credentials."""
    text = value if isinstance(value, str) else repr(value)
    text = re.sub(r"[\x00-\x1f\x7f\ud800-\udfff]", "?", text)
    text = _CREDENTIALS.sub(r"\1", text)  # user:password@
    return text if len(text) <= 200 else text[:199] + "…"
