"""Source (URL, file or ``-`` for stdin) → :class:`Page`.

Everything that can go wrong before we have text is caught here and reported as one
:class:`FetchError` naming the source: a missing or empty file, binary data, an unreachable
host, an HTTP error, a page larger than we are willing to read.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
import threading
import time
from pathlib import Path
from typing import BinaryIO

import charset_normalizer
import requests
import urllib3

from audionews.errors import FetchError
from audionews.model import Page, PageKind

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


def fetch(source: str) -> Page:
    """Read a source into a decoded :class:`Page`."""
    if source == "-":
        return _page(source, _read_capped(sys.stdin.buffer, source), None, None)
    if re.match(r"^https?://", source, re.IGNORECASE):
        return _fetch_url(source)
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


def fetch_bytes(source: str, accept: str) -> tuple[bytes, str | None]:
    """A URL's or file's raw bytes, with the same limits and errors as :func:`fetch` (for feeds,
    which are XML, not pages); also the URL after redirects, None for a file."""
    if re.match(r"^https?://", source, re.IGNORECASE):
        data, url, _, _ = _download(source, accept)
        if not data.strip():
            raise FetchError("empty", source)
        return data, url
    data = _read_file(Path(source), source)
    if not data.strip():
        raise FetchError("empty", source)
    return data, None


def _fetch_url(url: str) -> Page:
    data, final_url, ctype, charset = _download(url, "text/html,application/xhtml+xml,text/plain;q=0.9",
                                                 _check_page_type)
    hint: PageKind | None = "html" if ctype in _HTML_TYPES else "text" if ctype in _TEXT_TYPES else None
    return _page(url, data, final_url, hint, charset)


def _check_page_type(ctype: str, url: str) -> None:
    if ctype and not ctype.startswith("text/") and ctype not in _HTML_TYPES:
        raise FetchError(f"content type {ctype} is not a web page or text", url)


def _download(url: str, accept: str, check_type=lambda ctype, url: None) -> tuple[bytes, str, str, str | None]:
    """GET with timeouts, a size cap and a redirect limit: body, final URL, content type, declared charset."""
    session = requests.Session()
    session.max_redirects = MAX_REDIRECTS
    deadline = time.monotonic() + TOTAL_TIMEOUT
    try:
        with _get_before(deadline, session, url, headers={"User-Agent": USER_AGENT, "Accept": accept},
                         timeout=(CONNECT_TIMEOUT, READ_TIMEOUT), stream=True) as response:
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} {response.reason or ''}".strip(), url)
            ctype = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            check_type(ctype, url)
            declared = int(response.headers.get("Content-Length") or 0)
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
            return b"".join(chunks), response.url, ctype, charset
    except urllib3.exceptions.ReadTimeoutError as exc:  # raw reads raise urllib3's errors, not requests'
        raise FetchError("timed out", url) from exc
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError(f"request failed ({type(exc).__name__})", url) from exc
    except requests.TooManyRedirects as exc:
        raise FetchError(f"more than {MAX_REDIRECTS} redirects", url) from exc
    except requests.Timeout as exc:
        raise FetchError("timed out", url) from exc
    except requests.ConnectionError as exc:
        raise FetchError("cannot connect (host unreachable or offline)", url) from exc
    except requests.RequestException as exc:
        raise FetchError(f"request failed ({type(exc).__name__})", url) from exc


def _get_before(deadline: float, session: requests.Session, url: str, **kwargs) -> requests.Response:
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
        raise FetchError(f"took longer than {TOTAL_TIMEOUT} s to answer, gave up", url)
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
    """Bytes → text: BOM, then the declared charset, then strict UTF-8, then a statistical guess."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    candidates = [charset]
    meta = _META_CHARSET.search(data[:8192])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "ignore"))
    for encoding in filter(None, candidates):
        try:
            return data.decode(_codec_name(encoding))
        except (LookupError, UnicodeDecodeError):
            continue  # a wrong declaration is common; fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[:1_000_000]).best()
    encoding = best.encoding if best else "windows-1252"
    return data.decode(encoding, errors="replace")


_WEB_CODECS = re.compile(r"utf-8|utf-16(?:-[lb]e)?|cp12[5]\d|iso8859-\d+|koi8-[ru]|cp866|mac-(?:roman|cyrillic)|cp874|"
                         r"tis-620|gbk|gb2312|gb18030|big5(?:hkscs)?|euc_jp|iso2022_jp|shift_jis|cp932|euc_kr|cp949|"
                         r"ascii|latin-1")
"""The codecs of the WHATWG Encoding standard's labels: a page declaring Python's ``unicode_escape`` or
``utf-7`` is read as a browser reads it, by detection, not by a codec that turns text into other text."""


def _codec_name(encoding: str) -> str:
    """Browsers read ISO-8859-1 and ASCII labels as windows-1252 (WHATWG Encoding); so do we."""
    name = codecs.lookup(encoding).name
    if not _WEB_CODECS.fullmatch(name):
        raise LookupError(f"{encoding} is not a web page's encoding")
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name
