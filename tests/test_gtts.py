"""The gtts engine, with Google's service stood in for at the HTTP boundary by a real MP3 body.

Google cannot be reached from here, so ``responses`` answers gTTS's requests (requests'
transport adapter, nothing inside gTTS or audionews is replaced).
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
from urllib.parse import unquote_plus

import pytest
import requests
import responses

from audionews.errors import SynthesisError
from audionews.ffmpeg import ffmpeg_path
from audionews.speech.engines import Voice, get_engine
from audionews.speech.engines import gtts as gtts_engine

from conftest import EXAMPLES, init_feed, invoke

GOOGLE = re.compile(r"https://translate\.google\.[a-z.]+/_/TranslateWebserverUi/data/batchexecute.*")


@pytest.fixture(scope="module")
def real_mp3() -> bytes:
    """A real MP3: one second of speech-band tone encoded by ffmpeg's LAME."""
    return subprocess.run(
        [ffmpeg_path(), "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=1:sample_rate=24000",
         "-ac", "1", "-b:a", "32k", "-f", "mp3", "pipe:1"], capture_output=True, check=True).stdout


def google_body(mp3: bytes) -> str:
    """The batchexecute answer gTTS parses: the MP3 in base64 inside a JSON-ish line."""
    payload = json.dumps([base64.b64encode(mp3).decode("ascii")])
    return ")]}'\n\n" + '[["wrb.fr","jQ1olc",' + json.dumps(payload) + ',null,null,null,"generic"]]\n'


@responses.activate
def test_gtts_speaks_through_the_http_boundary(real_mp3: bytes) -> None:
    responses.add(responses.POST, GOOGLE, body=google_body(real_mp3), status=200)
    speech = get_engine(Voice(engine="gtts")).synthesize("The ferry is running again.")
    assert speech.sample_rate == 24000
    assert len(speech.pcm) / 2 / speech.sample_rate == pytest.approx(1.0, abs=0.1)
    assert len(responses.calls) == 1
    sent = unquote_plus(responses.calls[0].request.body)
    assert '\\"The ferry is running again.\\",\\"en\\"' in sent


@responses.activate
def test_gtts_retries_after_a_rate_limit(real_mp3: bytes, monkeypatch) -> None:
    monkeypatch.setattr(gtts_engine, "BACKOFF", 0.0)
    responses.add(responses.POST, GOOGLE, status=429)
    responses.add(responses.POST, GOOGLE, body=google_body(real_mp3), status=200)
    speech = get_engine(Voice(engine="gtts")).synthesize("Hello.")
    assert len(speech.pcm) > 0
    assert len(responses.calls) == 2


@responses.activate
def test_gtts_offline_is_a_clear_error() -> None:
    responses.add(responses.POST, GOOGLE, body=requests.ConnectionError("network unreachable"))
    with pytest.raises(SynthesisError, match="cannot reach Google's text-to-speech service"):
        get_engine(Voice(engine="gtts")).synthesize("Hello.")


@responses.activate
def test_gtts_offline_speak_leaves_nothing_half_made(tmp_path) -> None:
    responses.add(responses.POST, GOOGLE, body=requests.ConnectionError("network unreachable"))
    out = tmp_path / "out.mp3"
    result = invoke(tmp_path / "feeds", "speak", "-q", "--engine", "gtts", str(EXAMPLES / "harbor-wind-farm.html"),
                    "-o", str(out))
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "offline" in result.stderr
    assert list(tmp_path.iterdir()) == []  # no MP3, no temporary file, no feed folder


@responses.activate
def test_gtts_speak_writes_an_episode(real_mp3: bytes, tmp_path) -> None:
    responses.add(responses.POST, GOOGLE, body=google_body(real_mp3), status=200)
    out = tmp_path / "out.mp3"
    result = invoke(tmp_path / "feeds", "speak", "-q", "--engine", "gtts", str(EXAMPLES / "library-late-fees.txt"),
                    "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes()[:3] == b"ID3"
    assert len(responses.calls) >= 12  # one request (or more) per segment


GERMAN = """<!doctype html><html lang="de"><head><title>Der Nachtmarkt ist zurück</title></head><body><article>
<h1>Der Nachtmarkt kehrt in das alte Straßenbahndepot zurück</h1>
<p>Der Nachtmarkt öffnet am Freitagabend wieder seine Türen im alten Straßenbahndepot, nach zwei Jahren Bauzeit.
Die Veranstalter erwarten bis zum Ende des Sommers jede Woche mehr als dreitausend Besucher.</p>
<p>Die Händler im Viertel sagen, der Markt habe das Leben der Straße verändert, und die Familien kämen abends
wieder, um zu essen, Musik zu hören und unter den Lampions spazieren zu gehen.</p>
</article></body></html>"""


@responses.activate
def test_a_german_article_in_a_gtts_feed_is_read_in_german(real_mp3: bytes, tmp_path) -> None:
    """The feed is English and speaks with gtts: a German article asks Google for German, every sentence."""
    responses.add(responses.POST, GOOGLE, body=google_body(real_mp3), status=200)
    feeds = tmp_path / "feeds"
    init_feed(feeds, "ledger", "https://example.org/pod/", engine="gtts")
    article = tmp_path / "nachtmarkt.html"
    article.write_text(GERMAN, encoding="utf-8")
    result = invoke(feeds, "publish", "-q", str(article))
    assert result.exit_code == 0, result.stderr
    sent = [unquote_plus(call.request.body) for call in responses.calls]
    assert sent and all('\\",\\"de\\"' in body for body in sent), sent[:2]
