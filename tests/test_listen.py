"""``audionews listen``: the MP3 streams over real HTTP while later sentences are still unspoken, the page's
transcript grows, ``--save`` keeps a complete episode, Ctrl+C leaves nothing behind, and bad input is one line.

Speech is the silent engine's (real PCM, real ffmpeg, real uvicorn on 127.0.0.1). That the stream starts
before the end is made observable, not timed: the test holds the speaker at the start of the last segment
(its progress callback waits, in the speaking thread, before that segment's sentences are synthesized) until
it has read MP3 frames from the stream; a server that sent nothing before the end would make the read time out.
"""

from __future__ import annotations

import errno
import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
import uvicorn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutagen.mp3 import MPEGInfo

from audionews.listen import AUDIO_PATH, TRANSCRIPT_PATH, Session, build_app, has_frame, listen, page
from audionews.model import Cue, Script, Segment, Sentence, Voice
from audionews.pipeline import read_script
from conftest import ENGINE, EXAMPLES, decoded_seconds, examples, invoke, src_env

ARTICLE = EXAMPLES / "harbor-wind-farm.html"
HANG = 60
"""Seconds a read may wait before the test fails instead of hanging (a guard, not a measure)."""


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=HANG) as response:
        return response.read()


def transcript(url: str) -> dict:
    return json.loads(get(url.rstrip("/") + TRANSCRIPT_PATH))


class Held:
    """``listen`` in a thread, its speaker held before the last segment until :meth:`release`."""

    def __init__(self, source: Path, save: Path | None = None) -> None:
        self.segments = len(read_script(str(source), "en").segments)
        self.ready = threading.Event()
        self.at_last = threading.Event()
        self.released = threading.Event()
        self.stop = threading.Event()
        self.url = ""
        self.episode = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(source, save), daemon=True)
        self.thread.start()
        assert self.ready.wait(HANG), f"listen did not start: {self.error!r}"

    def _progress(self, message: str) -> None:
        if message.endswith(f"speaking segment {self.segments} of {self.segments}"):
            self.at_last.set()
            assert self.released.wait(HANG)

    def _announce(self, url: str) -> None:
        self.url = url
        self.ready.set()

    def _run(self, source: Path, save: Path | None) -> None:
        try:
            self.episode = listen(str(source), Voice(ENGINE, "", 1.0, "en"), save=save, jobs=1,
                                  progress=self._progress, on_ready=self._announce, stop=self.stop)
        except BaseException as exc:  # reported by the test
            self.error = exc
            self.ready.set()

    def release(self) -> None:
        self.released.set()

    def close(self) -> None:
        self.released.set()
        self.stop.set()
        self.thread.join(HANG)
        assert not self.thread.is_alive()
        if self.error:
            raise self.error


@pytest.fixture
def held() -> Iterator[Held]:
    session = Held(ARTICLE)
    yield session
    session.close()


def test_mp3_frames_stream_before_the_last_segment_is_spoken(held: Held) -> None:
    with urllib.request.urlopen(held.url.rstrip("/") + AUDIO_PATH, timeout=HANG) as response:
        assert response.headers["Content-Type"] == "audio/mpeg"
        seen = b""
        while not has_frame(seen):
            chunk = response.read1(65536)
            assert chunk, "the stream ended before a frame"
            seen += chunk
        # frames are here, and the last segment is not spoken: the speaker is held before it until released
        assert not held.released.is_set()
        assert held.at_last.wait(HANG)
        info = MPEGInfo(io.BytesIO(seen))
        assert (info.layer, info.sample_rate, info.channels) == (3, 44100, 1)
        so_far = transcript(held.url)
        assert not so_far["complete"] and len(so_far["segments"]) == held.segments - 1
        held.release()
        rest = response.read()
    whole = seen + rest
    done = transcript(held.url)
    assert done["complete"] and len(done["segments"]) == done["next"] == held.segments
    assert done["segments"][: len(so_far["segments"])] == so_far["segments"]  # it grows, nothing changes
    assert get(held.url.rstrip("/") + AUDIO_PATH) == whole  # a late listener hears it all from the start


def test_the_page_grows_and_says_so_without_script(held: Held) -> None:
    assert held.at_last.wait(HANG)
    before = lxml.html.fromstring(get(held.url))
    assert before.get_element_by_id("player").tag == "audio"
    spans = before.xpath('//div[@id="transcript"]/p/span[@class="sentence"]')
    assert spans and before.get_element_by_id("note") is not None
    held.release()
    while not transcript(held.url)["complete"]:
        held.thread.join(0.05)
    after = lxml.html.fromstring(get(held.url))
    every = after.xpath('//div[@id="transcript"]/p/span[@class="sentence"]')
    assert [s.text_content() for s in every[: len(spans)]] == [s.text_content() for s in spans]
    assert len(every) > len(spans) and not after.xpath('//*[@id="note"]')
    cues = [(float(s.get("data-start")), float(s.get("data-end"))) for s in every]
    assert all(start < end for start, end in cues) and cues == sorted(cues)


def test_streamed_mp3_decodes_to_the_episode(held: Held, tmp_path: Path) -> None:
    held.release()
    whole = get(held.url.rstrip("/") + AUDIO_PATH)
    last_end = transcript(held.url)["segments"][-1]["sentences"][-1]["end"]
    held.close()
    assert held.episode is not None
    path = tmp_path / "streamed.mp3"
    path.write_bytes(whole)
    seconds = decoded_seconds(path)
    assert abs(seconds - held.episode.duration) < 0.1
    assert last_end <= seconds


# -- the command, as a user runs it ---------------------------------------------------------------------------

def long_article(path: Path, paragraphs: int = 400) -> Path:
    """An article long enough that speaking it is still under way when the test stops it."""
    body = "\n".join(f"<p>Paragraph {n} tells how the harbor council met again on a windy evening, and how the "
                     f"ferry number {n} waited at the pier while the vote went on past midnight.</p>"
                     for n in range(paragraphs))
    path.write_text(f"<!doctype html><html lang='en'><head><title>A long night</title></head><body><article>"
                    f"<h1>A long night at the harbor</h1>{body}</article></body></html>", encoding="utf-8")
    return path


def start_cli(tmp: Path, *args: str) -> subprocess.Popen:
    env = {**src_env(), "TMPDIR": str(tmp)}
    return subprocess.Popen([sys.executable, "-m", "audionews.cli", "listen", "--engine", ENGINE, "--no-browser",
                             "--json", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def events_until(process: subprocess.Popen, name: str) -> dict[str, dict]:
    seen = {}
    assert process.stdout
    for line in process.stdout:
        event = json.loads(line)
        seen[event["event"]] = event
        if event["event"] == name:
            return seen
    raise AssertionError(f"no {name!r} event; stderr: {process.communicate()[1]}")


def leftovers(folder: Path) -> list[str]:
    """What is left in the temporary folder, but onnxruntime's ``.ses`` (a session file it writes there on import,
    and keeps: piper's phonemizer, which the sentence check reads, imports it)."""
    return sorted(p.name for p in folder.iterdir() if p.name != ".ses")


def descendants(pid: int) -> set[int]:
    """Every process started under ``pid``, however deep (Linux /proc)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = {int(c) for c in (task / "children").read_text().split()}
            except OSError:
                continue
            todo.extend(children - found)
            found |= children
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc (Linux)")
def test_ctrl_c_while_speaking_stops_everything_and_leaves_nothing(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "out" / "episode.mp3"
    process = start_cli(tmp, "--jobs", "2", "--save", str(out), str(long_article(tmp_path / "long.html")))
    events_until(process, "first audio")
    children = descendants(process.pid)
    assert children, "no speech workers or ffmpeg running: nothing was being made"
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=HANG)
    assert process.returncode == 130, stderr
    assert "complete" not in stdout and "Traceback" not in stderr
    assert [pid for pid in children if alive(pid)] == []
    assert leftovers(tmp) == []
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc (Linux)")
def test_save_writes_the_complete_episode_and_ctrl_c_after_it_leaves_only_that(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "out" / "episode.mp3"
    process = start_cli(tmp, "--jobs", "2", "--save", str(out), str(ARTICLE))
    events = events_until(process, "complete")
    url = events["listening"]["url"]
    streamed = get(url.rstrip("/") + AUDIO_PATH)
    cues = [s for segment in transcript(url)["segments"] for s in segment["sentences"]]
    children = descendants(process.pid)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=HANG)
    assert process.returncode == 0, stderr
    assert [pid for pid in children if alive(pid)] == []
    assert leftovers(tmp) == []
    assert [p.name for p in out.parent.iterdir()] == [out.name]
    seconds = decoded_seconds(out)
    assert abs(seconds - events["complete"]["duration"]) < 0.1
    assert cues[-1]["end"] <= seconds <= cues[-1]["end"] + 2.0
    assert len(cues) == sum(len(segment.sentences) for segment in read_script(str(ARTICLE), "en").segments)
    copy = tmp_path / "streamed.mp3"
    copy.write_bytes(streamed)
    assert abs(decoded_seconds(copy) - seconds) < 0.1


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc (Linux)")
@pytest.mark.parametrize("engine, moments", [(ENGINE, 5), pytest.param("piper", 12, marks=pytest.mark.slow)])
def test_ctrl_c_at_any_moment_of_the_start_is_quiet_and_leaves_nothing(tmp_path: Path, engine: str,
                                                                        moments: int) -> None:
    """Ctrl+C from the first instant to the first audio: while Python imports the command line, while the
    voice's model loads, while the reader and the encoder start. Each time: status 130 (or the signal itself,
    before Python has a handler), nothing on stderr but progress lines, nothing left behind."""
    for moment in range(moments):
        tmp = tmp_path / f"tmp{moment}"
        tmp.mkdir()
        process = subprocess.Popen([sys.executable, "-m", "audionews", "listen", "--engine", engine, "--no-browser",
                                    str(ARTICLE)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env={**src_env(), "TMPDIR": str(tmp)})
        time.sleep(moment * 0.12)
        children = descendants(process.pid)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=HANG)
        assert process.returncode in (130, -signal.SIGINT), stderr
        assert [line for line in stderr.splitlines() if not line.startswith(f"{ARTICLE}: ")] == [], stderr
        # a worker stopped by Ctrl+C as it started ends by itself once its input closes: give it a moment
        waited = time.monotonic()
        while (left := [pid for pid in children if alive(pid)]) and time.monotonic() - waited < 10:
            time.sleep(0.05)
        assert left == []
        assert leftovers(tmp) == []


def test_bad_source_is_one_line_and_nothing_is_served(tmp_path: Path) -> None:
    result = invoke(tmp_path / "feeds", "listen", "--engine", ENGINE, "--no-browser", str(tmp_path / "missing.html"))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith(f"Error: {tmp_path / 'missing.html'}: ") and len(lines[-1].splitlines()) == 1


def test_port_in_use_is_one_line(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        result = invoke(tmp_path / "feeds", "listen", "--engine", ENGINE, "--no-browser", "--port", str(port),
                        str(ARTICLE))
    assert result.exit_code == 1 and result.stdout == ""
    reason = os.strerror(errno.EADDRINUSE)
    assert result.stderr.strip().splitlines() == [f"Error: cannot listen on 127.0.0.1 port {port} ({reason})"]


def test_no_voice_for_the_engine_is_one_line(tmp_path: Path) -> None:
    result = invoke(tmp_path / "feeds", "listen", "--engine", "kokoro", "--no-browser", str(ARTICLE))
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("Error: the Kokoro model is not installed") and "Traceback" not in result.stderr


# -- the boundaries, over arbitrary input --------------------------------------------------------------------

class AppServer:
    """The reader app of a session under a real uvicorn on 127.0.0.1."""

    def __init__(self, session: Session) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.server = uvicorn.Server(uvicorn.Config(build_app(session), log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(HANG)
        self.socket.close()


def session_of(texts: list[list[str]]) -> Session:
    segments = tuple(Segment("paragraph", tuple(Sentence(t, t) for t in group), 0.5) for group in texts)
    session = Session(Script("A <title> & more", None, None, "en", segments))
    time = 0.0
    for segment in segments:
        cues = []
        for sentence in segment.sentences:
            cues.append(Cue(time, time + 1.0, sentence.text))
            time += 1.25
        session.segment(segment, tuple(cues))
    return session


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1).filter(str.strip)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.lists(TEXT, min_size=1, max_size=3), min_size=1, max_size=4))
def test_page_shows_any_text_as_it_is(texts: list[list[str]]) -> None:
    document = lxml.html.fromstring(page(session_of(texts)))
    paragraphs = document.xpath('//div[@id="transcript"]/p')
    assert [[span.text_content() for span in p.xpath('span[@class="sentence"]')] for p in paragraphs] == texts
    assert document.xpath("//title")[0].text_content() == "A <title> & more"


@pytest.fixture(scope="module")
def reader_server() -> Iterator[AppServer]:
    server = AppServer(session_of([["One."], ["Two.", "Three."]]))
    yield server
    server.close()


@settings(max_examples=examples(80), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text())
def test_transcript_endpoint_answers_any_query(reader_server: AppServer, start: str) -> None:
    url = f"{reader_server.url}{TRANSCRIPT_PATH}?from={urllib.parse.quote(start, safe='')}"
    try:
        body = get(url)
        status = 200
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    answer = json.loads(body)
    if start.isascii() and start.isdigit() and len(start) <= 9:
        assert status == 200 and len(answer["segments"]) == max(0, 2 - int(start))
    else:
        assert status == 400 and "error" in answer
