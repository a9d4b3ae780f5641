"""Serve a feed's ``public/`` over HTTP, as a podcast app and a browser expect it.

Podcast apps seek with HTTP Range requests and revalidate with ETags; Python's ``http.server``
ignores Range, so this is Starlette's :class:`~starlette.staticfiles.StaticFiles` under uvicorn,
which answers 206, suffix ranges, 416, HEAD and 304. Added: the media type of the files audionews
writes, which the system's MIME table gets wrong or does not know, and ``Access-Control-Allow-Origin: *``
on every response (:class:`_AnyOrigin`), as web players fetch the feed, transcripts and chapters from
pages of other sites.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import FileResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from audionews.errors import ConfigError, FeedError
from audionews.feed.companions import COMPANIONS
from audionews.feed.rss import AUDIO_TYPE, FEED_FILE

__all__ = ["build_app", "listening_socket", "local_url", "media_type", "serve"]

_BY_NAME = {FEED_FILE: "application/rss+xml"}
_BY_SUFFIX = (  # longest first: ".chapters.json" before ".json"
    (".chapters.json", COMPANIONS[".chapters.json"]),
    (".html", "text/html; charset=utf-8"),
    (".mp3", AUDIO_TYPE),
    (".vtt", COMPANIONS[".vtt"] + "; charset=utf-8"),
)


def media_type(path: str) -> str | None:
    """The media type audionews insists on for ``path``, or None to let the MIME table decide."""
    name = os.path.basename(path)
    if name in _BY_NAME:
        return _BY_NAME[name]
    return next((kind for suffix, kind in _BY_SUFFIX if name.endswith(suffix)), None)


class _PublicFiles(StaticFiles):
    """StaticFiles with audionews's media types; ranges, ETags and path checks are Starlette's."""

    def file_response(self, full_path: str | os.PathLike[str], stat_result: os.stat_result, scope: Scope,
                      status_code: int = 200) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        kind = media_type(str(full_path))
        if kind and isinstance(response, FileResponse):
            response.media_type = kind
            response.headers["content-type"] = kind
        return response


_CORS = [(b"access-control-allow-origin", b"*"),
         (b"access-control-expose-headers", b"Accept-Ranges, Content-Length, Content-Range, ETag")]
"""What every response says to a page of another site: anyone may read it (it is public), and a player
may read how long it is and which bytes a range gave."""
_PREFLIGHT = [(b"access-control-allow-methods", b"GET, HEAD"), (b"access-control-allow-headers", b"Range"),
              (b"access-control-max-age", b"86400"), (b"content-length", b"0")]


class _AnyOrigin:
    """Every response readable from any origin (whatever answers it: a file, a range, 304, 404), and a
    browser's preflight (OPTIONS, before a fetch with a Range header) answered. Nothing here needs
    credentials, so ``*`` is all a browser asks; Starlette's CORSMiddleware answers only requests that
    name an Origin, and caches would keep a response without the header for the next browser."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            await send({"type": "http.response.start", "status": 204, "headers": _CORS + _PREFLIGHT})
            await send({"type": "http.response.body", "body": b""})
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *_CORS]}
            await send(message)

        await self.app(scope, receive, send_with_cors)


def build_app(public: Path) -> Starlette:
    """The ASGI app serving ``public/``: ``/`` is ``index.html``; nothing outside it is reachable."""
    if not public.is_dir():
        raise FeedError("no public/ folder yet (publish or build the feed first)", str(public))
    return Starlette(routes=[Mount("/", app=_PublicFiles(directory=public, html=True))],
                     middleware=[Middleware(_AnyOrigin)])


def local_url(host: str, port: int, path: str = "") -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/{path.lstrip('/')}"


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket accepting connections on ``host``:``port`` (0: any free port); a busy port is one ConfigError."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family)
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise ConfigError(f"cannot listen on {host} port {port} ({reason})") from exc


def serve(public: Path, host: str = "127.0.0.1", port: int = 8000,
          on_start: Callable[[str], None] = lambda _: None) -> None:
    """Serve ``public/`` until Ctrl+C or SIGTERM; ``on_start`` gets the feed's URL once the port is open.

    The socket is bound here rather than by uvicorn so that port 0 (any free port) works and
    the URL is announced only when connections are already accepted.
    """
    app = build_app(public)
    sock = listening_socket(host, port)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    with sock:
        try:
            on_start(local_url(host, sock.getsockname()[1], FEED_FILE))
            uvicorn.Server(config).run(sockets=[sock])
        except KeyboardInterrupt:  # uvicorn re-raises Ctrl+C after a clean shutdown; it is how one stops
            pass
