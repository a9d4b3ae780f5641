"""Source (URL, file or ``-`` for stdin) → :class:`Page`.

Everything that can go wrong before we have text is caught here and reported as one
:class:`FetchError` naming the source: a missing or empty file, binary data, an unreachable
host, an HTTP error, a page larger than we are willing to read.

A URL passes :func:`audionews.urls.check_url` first, and so does every redirect, which is followed
here, one hop at a time: a redirect to something that is no http(s) URL, or that carries a user name
and password, is refused. Credentials written into the URL the user gave are sent as HTTP
authentication to that URL's own origin only, and never kept in the page's URL. With
``allow_private=False`` (a service fetching what strangers name) every connection is checked after
DNS resolution, on the address it actually connects to, so neither a numeric form of 127.0.0.1, nor a
name that resolves to a private address, nor a redirect to one reaches the machine's own network.
"""

from __future__ import annotations

import codecs
import contextlib
import http.client
import ipaddress
import json
import os
import re
import socket
import ssl
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import charset_normalizer
import requests
import urllib3
import webencodings
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util.connection import allowed_gai_family, create_connection

from audionews.errors import FetchError
from audionews.model import Page, PageKind
from audionews.urls import check_url, credentials

__all__ = ["MAX_BYTES", "decode", "fetch", "fetch_bytes"]

MAX_BYTES = 20 * 1024 * 1024
"""Largest source we read; news pages are well under 5 MB, anything bigger is not an article."""
# Module attributes, read at each call, so tests (and embedders) can shorten them.
CONNECT_TIMEOUT = 10
READ_TIMEOUT = 30
"""Seconds of silence allowed between two packets."""
TOTAL_TIMEOUT = 60
"""Seconds one download may take in all: a server dripping a byte a second must not keep us for hours."""
MAX_REDIRECTS = 10
USER_AGENT = "audionews/0.1 (+text-to-speech of articles)"

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
_MAGIC = [
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"ID3", "MP3 audio"),
    (b"RIFF", "a RIFF (WAV or WebP) file"),
    (b"OggS", "Ogg audio"),
    (b"\x7fELF", "a program"),
]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_HTML_SNIFF = re.compile(r"<(!doctype html|html|head|body|article|p|div|meta|title)\b", re.IGNORECASE)


def fetch(source: str, *, allow_private: bool = True) -> Page:
    """Read a source into a decoded :class:`Page`; ``allow_private=False`` refuses to connect to
    private, loopback and link-local addresses (see the module's docstring)."""
    if source == "-":
        return _page(source, _read_capped(sys.stdin.buffer, source), None, None)
    if re.match(r"^https?://", source, re.IGNORECASE):
        return _fetch_url(source, allow_private)
    if re.match(r"^[a-z][a-z0-9+.-]*://", source, re.IGNORECASE):
        raise FetchError("only http and https URLs can be fetched", source)
    path = Path(source)
    data = _read_file(path, source)
    suffix = path.suffix.lower()
    hint: PageKind | None = ("html" if suffix in (".html", ".htm", ".xhtml")
                             else "text" if suffix in (".txt", ".text") else None)
    return _page(source, data, None, hint)


def _read_file(path: Path, source: str) -> bytes:
    """A local file's bytes, up to the size cap; a missing file or a folder is a one-line error."""
    if not path.exists():
        raise FetchError("no such file", source)
    if path.is_dir():
        raise FetchError("is a folder, not a file", source)
    try:
        with _open(path) as handle:
            return _read_capped(handle, source)
    except OSError as exc:
        raise FetchError(f"cannot read file ({exc.strerror or exc})", source) from exc


def _open(path: Path) -> BinaryIO:
    """Open a file for reading; a named pipe without a writer would block open() forever, so pipes
    are opened non-blocking (then switched back): with no writer they read as empty."""
    if not path.is_fifo():
        return path.open("rb")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _read_capped(handle: BinaryIO, source: str) -> bytes:
    data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise FetchError(f"larger than {MAX_BYTES // (1024 * 1024)} MB, not an article", source)
    return data


def fetch_bytes(source: str, accept: str, *, allow_private: bool = True) -> tuple[bytes, str | None]:
    """A URL's or file's raw bytes, with the same limits and errors as :func:`fetch` (for feeds,
    which are XML, not pages); also the URL after redirects, None for a file."""
    if re.match(r"^https?://", source, re.IGNORECASE):
        data, url, _, _ = _download(source, accept, allow_private=allow_private)
        if not data.strip():
            raise FetchError("empty", source)
        return data, url
    data = _read_file(Path(source), source)
    if not data.strip():
        raise FetchError("empty", source)
    return data, None


def _fetch_url(url: str, allow_private: bool) -> Page:
    data, final_url, ctype, charset = _download(url, "text/html,application/xhtml+xml,text/plain;q=0.9",
                                                 _check_page_type, allow_private)
    hint: PageKind | None = "html" if ctype in _HTML_TYPES else "text" if ctype in _TEXT_TYPES else None
    return _page(url, data, final_url, hint, charset)


def _check_page_type(ctype: str, url: str) -> None:
    if ctype and not ctype.startswith("text/") and ctype not in _HTML_TYPES:
        raise FetchError(f"content type {ctype} is not a web page or text", url)


def _download(url: str, accept: str, check_type: Callable[[str, str], None] = lambda ctype, url: None,
              allow_private: bool = True) -> tuple[bytes, str, str, str | None]:
    """GET with timeouts, a size cap and a redirect limit: body, final URL, content type, declared charset."""
    deadline = time.monotonic() + TOTAL_TIMEOUT
    try:
        with _session(allow_private) as session, _follow(session, url, deadline, accept) as (response, final):
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} {response.reason or ''}".strip(), url)
            ctype = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            check_type(ctype, url)
            declared = response.raw.length_remaining or 0  # urllib3's reading: "abc" is none, "470, 470" is 470
            if declared > MAX_BYTES:
                raise FetchError(f"larger than {MAX_BYTES // (1024 * 1024)} MB, not an article", url)
            chunks, size = [], 0
            while True:
                if time.monotonic() > deadline:
                    raise FetchError(f"took longer than {TOTAL_TIMEOUT} s to download, gave up", url)
                # read1 returns what one read gives (iter_content waits for a full chunk, so a slow drip
                # would never reach the deadline check); it also bounds how much one read decompresses.
                chunk = response.raw.read1(64 * 1024, decode_content=True)
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_BYTES:
                    raise FetchError(f"larger than {MAX_BYTES // (1024 * 1024)} MB, not an article", url)
                chunks.append(chunk)
            charset = response.encoding if "charset" in response.headers.get("Content-Type", "").lower() else None
            return b"".join(chunks), final, ctype, charset
    except _Refused as exc:
        raise FetchError(str(exc), url) from exc
    except urllib3.exceptions.ReadTimeoutError as exc:  # raw reads raise urllib3's errors, not requests'
        raise FetchError("timed out", url) from exc
    except (urllib3.exceptions.HTTPError, requests.RequestException) as exc:
        raise FetchError(_failure(exc), url) from exc


class _Refused(Exception):
    """A connection or redirect we will not make; its message is the reason a FetchError gives."""


@contextlib.contextmanager
def _session(allow_private: bool) -> Iterator[requests.Session]:
    """A session for one download; without private addresses, on connections checked after DNS."""
    with requests.Session() as session:
        if not allow_private:
            session.trust_env = False  # a proxy from the environment would connect for us, unchecked
            session.mount("http://", _PublicOnly())
            session.mount("https://", _PublicOnly())
        yield session


@contextlib.contextmanager
def _follow(session: requests.Session, url: str, deadline: float,
            accept: str) -> Iterator[tuple[requests.Response, str]]:
    """The response at the end of the redirects from ``url``, and its URL; each hop passes the URL check.

    The user's credentials (``http://ann:pw@host/``) go as HTTP authentication, to the URL's own origin
    only; a redirect that carries credentials of its own is refused.
    """
    try:
        target = check_url(url)
    except FetchError as exc:
        raise FetchError(exc.reason, url) from None
    auth, origin = credentials(url), _origin(target)
    headers = {"User-Agent": USER_AGENT, "Accept": accept}
    for hop in range(MAX_REDIRECTS + 1):
        response = _get_before(deadline, url, session, target, headers=headers, timeout=(CONNECT_TIMEOUT, READ_TIMEOUT),
                               stream=True, allow_redirects=False, auth=auth if _origin(target) == origin else None)
        location = session.get_redirect_target(response)
        if not location:
            with response:
                yield response, target
            return
        response.close()  # the body of a redirect is not read: it is not the page, and could be endless
        if hop == MAX_REDIRECTS:
            break
        if credentials(location, target):
            raise _Refused("redirected to a URL with a user name or password in it")
        try:
            target = check_url(location, target)
        except FetchError as exc:
            raise _Refused(f"redirected to {exc.source}, which is {exc.reason}") from None
    raise FetchError(f"more than {MAX_REDIRECTS} redirects", url)


def _origin(url: str) -> tuple[str, str | None, int | None]:
    parsed = urllib3.util.parse_url(url)
    return parsed.scheme or "", parsed.host, parsed.port


def _public(address: str) -> bool:
    """An address on the public internet; an IPv6 form of an IPv4 address counts as that address."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        inside = [ip.ipv4_mapped, ip.sixtofour, ip.teredo[1] if ip.teredo else None]
        if ip in _NAT64:
            inside.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        if any(v4 is not None and not _public(str(v4)) for v4 in inside):
            return False
    return ip.is_global and not ip.is_multicast


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _connect_public(connection: HTTPConnection) -> socket.socket:
    """Resolve the host once, keep its public addresses, and connect to one of those: the address
    checked is the address connected to (a second lookup could answer otherwise, as in DNS rebinding)."""
    host = connection._dns_host
    try:
        found = socket.getaddrinfo(host, connection.port, allowed_gai_family(), socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise urllib3.exceptions.NameResolutionError(connection.host, connection, exc) from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    public = [address for address in addresses if _public(address)]
    if not public:
        named = addresses[0] if _is_address(host) else f"{host} ({addresses[0]})"
        raise _Refused(f"refused to connect to {named}, a private or local address (allow_private_addresses is false)")
    failure: OSError | None = None
    for address in public:
        try:
            return create_connection((address, connection.port), connection.timeout,
                                     source_address=connection.source_address,
                                     socket_options=connection.socket_options)
        except TimeoutError as exc:
            raise urllib3.exceptions.ConnectTimeoutError(connection, f"connection to {host} timed out") from exc
        except OSError as exc:
            failure = exc
    raise urllib3.exceptions.NewConnectionError(connection, f"Failed to establish a new connection: {failure}")


class _PublicHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _connect_public(self)


class _PublicHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        return _connect_public(self)


class _PublicHTTPPool(HTTPConnectionPool):
    ConnectionCls = _PublicHTTPConnection


class _PublicHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _PublicHTTPSConnection


class _PublicOnly(requests.adapters.HTTPAdapter):
    """requests' adapter, on connections to public addresses only."""

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _PublicHTTPPool, "https": _PublicHTTPSPool}


def _failure(exc: BaseException) -> str:
    """What went wrong, in words, from the chain of errors requests and urllib3 wrap around the cause."""
    causes = list(_causes(exc))
    for cause in causes:
        if isinstance(cause, _Refused):
            return str(cause)
        if isinstance(cause, ssl.SSLCertVerificationError):
            return _certificate_failure(cause)
    for cause in causes:
        if isinstance(cause, http.client.LineTooLong):
            return f"the server sent a {'status' if 'status' in str(cause) else 'header'} line that is too long"
        if isinstance(cause, http.client.HTTPException) and re.search(r"more than \d+ headers", str(cause)):
            return "the server sent too many headers"
        if isinstance(cause, (urllib3.exceptions.InvalidHeader, requests.exceptions.InvalidHeader)) \
                and "content-length" in str(cause).lower():
            return "the server sent conflicting Content-Length headers"
        if isinstance(cause, ssl.SSLError):
            return f"the TLS handshake failed ({cause.reason or type(cause).__name__})"
        if isinstance(cause, (urllib3.exceptions.NameResolutionError, socket.gaierror)):
            return "cannot find the host (no such name, or offline)"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused (nothing answers on that port)"
        if isinstance(cause, http.client.RemoteDisconnected):
            return "the server closed the connection without answering"
        if isinstance(cause, ConnectionResetError):
            return "the server reset the connection"
        if isinstance(cause, http.client.BadStatusLine):
            return "the server did not answer in HTTP"
        if isinstance(cause, (http.client.IncompleteRead, urllib3.exceptions.IncompleteRead)):
            return "the server closed the connection before sending the whole page"
    if isinstance(exc, requests.Timeout):
        return "timed out"
    if any(isinstance(cause, (urllib3.exceptions.NewConnectionError, ConnectionError)) for cause in causes):
        return "cannot connect (host unreachable or offline)"
    return f"request failed ({type(exc).__name__})"


def _certificate_failure(error: ssl.SSLCertVerificationError) -> str:
    reason = {
        18: "self-signed", 19: "self-signed, in its chain", 10: "expired", 9: "not valid yet",
        20: "issued by an unknown authority", 21: "issued by an unknown authority",
        62: "for another host name", 64: "for another address",
    }.get(error.verify_code, error.verify_message or "unknown reason")
    return f"the server's TLS certificate is not trusted ({reason})"


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The error and every error inside it: causes, contexts, arguments and urllib3's ``reason``."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        error = todo.pop(0)
        if id(error) in seen:
            continue
        seen.add(id(error))
        yield error
        inner = [error.__cause__, error.__context__, getattr(error, "reason", None), *error.args]
        todo += [item for item in inner if isinstance(item, BaseException)]


def _get_before(deadline: float, source: str, session: requests.Session, url: str,
                **kwargs) -> requests.Response:
    """session.get, given up at the deadline: headers dripped a byte at a time never trip the read
    timeout, so the request runs in a daemon thread that is left to the server if it is too slow."""
    result: dict[str, object] = {}

    def run() -> None:
        try:
            result["response"] = session.get(url, **kwargs)
        except BaseException as exc:  # handed to the caller's thread below
            result["error"] = exc

    worker = threading.Thread(target=run, name="audionews-fetch", daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()))
    if worker.is_alive():
        raise FetchError(f"took longer than {TOTAL_TIMEOUT} s to answer, gave up", source)
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    return result["response"]  # type: ignore[return-value]


def _page(source: str, data: bytes, url: str | None, hint: PageKind | None, charset: str | None = None) -> Page:
    if not data.strip():
        raise FetchError("empty", source)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise FetchError(f"{what}, not an article", source)
    if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FetchError("binary data, not an article", source)
    text = decode(data, charset)
    stripped = text.lstrip()
    if stripped[:1] in "{[" and _is_json(stripped):
        raise FetchError("JSON data, not an article", source)
    kind: PageKind = hint or ("html" if _HTML_SNIFF.search(text[:4096]) else "text")
    return Page(source=source, kind=kind, text=text, url=url)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: brackets nested thousands deep, read as text
        return False
    return True


def decode(data: bytes, charset: str | None = None) -> str:
    """Bytes → text: BOM, then the declared charset, then strict UTF-8, then a statistical guess.

    A declared charset counts only if it is a label the web knows (WHATWG Encoding, by webencodings):
    "punycode", "undefined" or "utf_16_be" are Python codecs, not charsets a page can declare.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    candidates = [_web_encoding(charset)]
    meta = _META_CHARSET.search(data[:8192])
    if meta:
        candidates.append(_web_encoding(meta.group(1).decode("ascii", "ignore")))
    for encoding in filter(None, candidates):
        try:
            return encoding.codec_info.decode(data)[0]
        except (LookupError, UnicodeError, ValueError):
            continue  # a wrong declaration is common; fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[:1_000_000]).best()
    encoding = best.encoding if best else "windows-1252"
    return data.decode(encoding, errors="replace")


def _web_encoding(label: str | None) -> webencodings.Encoding | None:
    """The encoding a label names on the web; ISO-8859-1 and ASCII read as windows-1252, as browsers
    read them. None for no label, an unknown one, "replacement" (labels of encodings that are unsafe),
    and UTF-16: without a BOM, UTF-16 text is full of NUL bytes, refused as binary before it gets here,
    so what declares it is mislabelled."""
    found = webencodings.lookup(label) if label else None
    return found if found and found.name not in ("replacement", "utf-16be", "utf-16le") else None
