"""``audionews listen``: an article heard now, in a reader page on 127.0.0.1, while it is still being spoken.

The article is read and scripted as ``speak`` reads it. Its MP3 is streamed as the encoder writes it
(:class:`audionews.audio.Listener`), so listening starts after the first sentence rather than the whole
article, and the page's transcript grows as each segment's sentences are timed. What has been made is
kept in memory, so a listener who connects late hears it from the start; nothing is written to disk
but temporary files (removed on the way out) and ``--save``'s MP3, once it is complete.

The server (uvicorn) runs in a thread; speech runs in the caller's, so Ctrl+C there unwinds as it does
for ``speak``: the speech workers and ffmpeg are stopped and every temporary file removed.
"""

from __future__ import annotations

import hashlib
import html
import io
import tempfile
import threading
from collections.abc import AsyncIterator, Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import anyio.to_thread
import uvicorn
from mutagen.mp3 import HeaderNotFoundError, MPEGInfo
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from audionews.feed.reader import READER_JS, reader_page
from audionews.files import TEMP_PREFIX
from audionews.model import Cue, Episode, Script, Segment, Voice
from audionews.pipeline import read_script, speak_script
from audionews.script import Lexicon
from audionews.serve import listening_socket, local_url
from audionews.speech import choose_voice, get_engine

__all__ = ["AUDIO_PATH", "TRANSCRIPT_PATH", "Session", "build_app", "has_frame", "listen", "page"]

AUDIO_PATH = "/audio.mp3"
TRANSCRIPT_PATH = "/transcript.json"
READER_PATH = "/reader.js"
GROW_PATH = "/listen.js"
_GROW_JS = files("audionews").joinpath("listen.js").read_bytes()
AUDIO_TYPE = "audio/mpeg"
POLL_SECONDS = 1.0
"""How long a waiting stream sleeps between looks at whether it was stopped (more audio wakes it at once)."""
SERVER_STOP_SECONDS = 5.0
"""Seconds to wait for the reader's server to stop (it closes within its 2 s graceful shutdown)."""

Event = Callable[..., None]
"""``event(name, **fields)``: a step of the session, for ``--json`` and the benchmark's breakdown."""


class Session:
    """What has been made so far, shared by the speech (which adds) and the server (which reads): the MP3's
    bytes, the timed segments, and whether the episode is complete. It is the assembler's listener."""

    def __init__(self, script: Script, event: Event = lambda name, **fields: None) -> None:
        self.script = script
        self._event = event
        self._changed = threading.Condition()
        self._audio = bytearray()
        self._segments: list[dict[str, Any]] = []
        self._ended = False
        self._heard = False
        self.file: Path | None = None
        """The stream's bytes as a file, once complete, so players can seek in it with Range requests."""

    def audio(self, chunk: bytes) -> None:
        with self._changed:
            self._audio += chunk
            self._changed.notify_all()
            heard = self._heard or has_frame(self._audio)
        if heard and not self._heard:
            self._heard = True
            self._event("first audio", bytes=len(self._audio))

    def segment(self, segment: Segment, cues: tuple[Cue, ...]) -> None:
        sentences = [{"start": round(cue.start, 3), "end": round(cue.end, 3), "text": cue.text} for cue in cues]
        with self._changed:
            self._segments.append({"kind": segment.kind, "sentences": sentences})
            self._changed.notify_all()
        if len(self._segments) == 1:
            self._event("first segment", sentences=len(sentences))

    def finish(self, folder: Path) -> None:
        """The episode is complete: keep the stream as a file in ``folder`` and end every stream."""
        path = folder / "stream.mp3"
        with self._changed:
            path.write_bytes(self._audio)
            self.file = path
        self.stop()

    def stop(self) -> None:
        """No more is coming (complete, stopped or failed): every stream ends with what it has."""
        with self._changed:
            self._ended = True
            self._changed.notify_all()

    @property
    def ended(self) -> bool:
        return self._ended

    def audio_after(self, offset: int, wait: float) -> tuple[bytes, bool]:
        """The MP3's bytes from ``offset`` (waiting up to ``wait`` seconds for some), and whether that is all."""
        with self._changed:
            self._changed.wait_for(lambda: len(self._audio) > offset or self._ended, timeout=wait)
            return bytes(self._audio[offset:]), self._ended

    def segments_after(self, start: int) -> tuple[list[dict[str, Any]], bool]:
        """The timed segments from number ``start`` (from 0), and whether the transcript is complete."""
        with self._changed:
            return self._segments[start:], self._ended


def has_frame(data: bytes | bytearray) -> bool:
    """Whether ``data`` holds an MP3 frame a player can decode (not only the ID3 tag the encoder writes first)."""
    try:
        MPEGInfo(io.BytesIO(data))
    except HeaderNotFoundError:
        return False
    return True


def page(session: Session) -> str:
    """The reader page, the episode page's own (``feed/reader``): the player and the text so far, which
    ``listen.js`` keeps growing and ``reader.js`` reads along; without script, a reload shows more."""
    segments, ended = session.segments_after(0)
    script = session.script
    paragraphs = [[Cue(s["start"], s["end"], s["text"]) for s in segment["sentences"]] for segment in segments]
    meta = f'By <span dir="auto">{html.escape(script.byline)}</span>.' if script.byline else ""
    note = "" if ended else "The article is still being read aloud: reload the page for more of its text."
    return reader_page(title=script.title, language=script.language or "en", audio=AUDIO_PATH,
                       paragraphs=paragraphs, meta=meta, note=note, scripts=[READER_PATH, GROW_PATH],
                       place=f"listen:{hashlib.sha256(script.title.encode()).hexdigest()[:16]}",
                       transcript_data={"next": str(len(segments)), "source": TRANSCRIPT_PATH})


def build_app(session: Session) -> Starlette:
    """The reader's server: the page, the MP3 as it grows, and the timed transcript as JSON."""

    async def reader(request: Request) -> Response:
        return HTMLResponse(page(session), headers={"Cache-Control": "no-store"})

    async def reader_script(request: Request) -> Response:
        return Response(READER_JS, media_type="text/javascript; charset=utf-8")

    async def grow_script(request: Request) -> Response:
        return Response(_GROW_JS, media_type="text/javascript; charset=utf-8")

    async def audio(request: Request) -> Response:
        if session.file is not None:  # complete: a file, which Starlette serves with Range and HEAD
            return FileResponse(session.file, media_type=AUDIO_TYPE)
        return StreamingResponse(_stream(session), media_type=AUDIO_TYPE, headers={"Cache-Control": "no-store"})

    async def transcript(request: Request) -> Response:
        start = request.query_params.get("from", "0")
        if not (start.isascii() and start.isdigit()) or len(start) > 9:
            return JSONResponse({"error": "from= takes a segment number"}, status_code=400)
        segments, complete = session.segments_after(int(start))
        return JSONResponse({"segments": segments, "next": int(start) + len(segments), "complete": complete},
                            headers={"Cache-Control": "no-store"})

    return Starlette(routes=[Route("/", reader), Route(AUDIO_PATH, audio, methods=["GET", "HEAD"]),
                             Route(TRANSCRIPT_PATH, transcript), Route(READER_PATH, reader_script),
                             Route(GROW_PATH, grow_script)])


async def _stream(session: Session) -> AsyncIterator[bytes]:
    """The MP3 from its first byte, then each new piece as the encoder writes it, until the episode ends."""
    offset = 0
    while True:
        chunk, ended = await anyio.to_thread.run_sync(session.audio_after, offset, POLL_SECONDS)
        if chunk:
            offset += len(chunk)
            yield chunk
        if ended:
            return


def listen(source: str, voice: Voice, lexicon: Lexicon = Lexicon(), port: int = 0, save: Path | None = None,
           jobs: int | None = None, progress: Callable[[str], None] = lambda _: None,
           on_ready: Callable[[str], None] = lambda _: None, event: Event = lambda name, **fields: None,
           stop: threading.Event | None = None) -> Episode:
    """Read ``source``, serve its reader page on 127.0.0.1:``port`` (0: a free one; ``on_ready`` gets its URL)
    and speak it, streaming the MP3 as it is made; then go on serving until Ctrl+C (or ``stop`` is set).
    ``save``: the finished MP3 is written there, whole or not at all. Returns the episode once stopped."""
    host = "127.0.0.1"
    sock = listening_socket(host, port)  # a busy port fails before anything is read
    with sock, tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as folder:
        progress(f"{source}: reading")
        script = read_script(source, voice.language, lexicon)
        voice = choose_voice(voice, script.language)
        get_engine(voice)  # no voice for the article's language: one line, before anything is served
        event("read", segments=len(script.segments),
              sentences=sum(len(segment.sentences) for segment in script.segments))
        session = Session(script, event)
        server = uvicorn.Server(uvicorn.Config(build_app(session), log_level="warning", access_log=False,
                                               lifespan="off", timeout_graceful_shutdown=2))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        try:
            url = local_url(host, sock.getsockname()[1])
            event("listening", url=url)
            on_ready(url)  # the socket accepts already: a browser opened now waits for the server, not fails
            episode = speak_script(script, voice, save or Path(folder) / "episode.mp3",
                                   lambda message: progress(f"{source}: {message}"), jobs, session)
            session.finish(Path(folder))
            event("complete", duration=round(episode.duration, 3), **({"saved": str(save)} if save else {}))
            progress(f"{source}: all read ({len(episode.cues)} sentences); Ctrl+C stops the server")
            stop = stop or threading.Event()
            try:
                while thread.is_alive() and not stop.wait(POLL_SECONDS):
                    pass
            except KeyboardInterrupt:  # after the last sentence, Ctrl+C is how one stops listening
                pass
            return episode
        finally:
            session.stop()
            server.should_exit = True
            thread.join(timeout=SERVER_STOP_SECONDS)  # a daemon: one caught mid-import by Ctrl+C is left to exit

