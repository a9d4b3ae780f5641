"""gtts: Google Translate's online text-to-speech, for those who want it.

It needs the network. When Google cannot be reached the error says so plainly; a rate limit
(HTTP 429) or a server error is retried with back-off. The MP3 Google returns is decoded to
PCM here so every engine hands the assembler the same kind of audio.
"""

from __future__ import annotations

import io
import time

from audionews.errors import SynthesisError
from audionews.ffmpeg import run_ffmpeg
from audionews.speech.engines.base import InstalledVoice, Speech, Voice, register

__all__ = ["GttsEngine"]

SAMPLE_RATE = 24_000
RETRIES = 3
BACKOFF = 1.0
"""Seconds before the first retry; doubled each time."""


class GttsEngine:
    name = "gtts"
    parallel = False  # waits on the network, not the CPU

    def __init__(self, voice: Voice) -> None:
        self.voice = voice
        self.language = (voice.language or "en").split("-")[0].lower()
        self.tld = voice.voice or "com"
        self.speed = voice.speed

    @property
    def identity(self) -> str:
        return f"gtts:{self.language}:{self.tld}:{self.speed:g}"

    @property
    def reader(self) -> str:
        return "Google Translate"

    def prepare(self) -> None:
        pass

    def synthesize(self, text: str) -> Speech:
        mp3 = self._fetch_mp3(text)
        tempo = [] if self.speed == 1.0 else ["-filter:a", f"atempo={self.speed}"]
        pcm = run_ffmpeg(["-i", "pipe:0", *tempo, "-f", "s16le", "-ac", "1", "-ar", str(SAMPLE_RATE), "pipe:1"], mp3)
        return Speech(pcm=pcm, sample_rate=SAMPLE_RATE)

    def _fetch_mp3(self, text: str) -> bytes:
        from gtts import gTTS, gTTSError

        try:
            speaker = gTTS(text, lang=self.language, tld=self.tld)
        except (ValueError, AssertionError) as exc:
            raise SynthesisError(f"gtts cannot speak this: {exc}") from exc
        delay = BACKOFF
        for attempt in range(RETRIES):
            buffer = io.BytesIO()
            try:
                speaker.write_to_fp(buffer)
                return buffer.getvalue()
            except gTTSError as exc:
                status = exc.rsp.status_code if exc.rsp is not None else None
                if status is None:
                    raise SynthesisError(
                        "gtts cannot reach Google's text-to-speech service (offline?); "
                        "use the piper engine to speak offline"
                    ) from exc
                if (status == 429 or status >= 500) and attempt < RETRIES - 1:
                    time.sleep(delay)
                    delay *= 2
                    continue
                raise SynthesisError(f"gtts: Google's text-to-speech service answered HTTP {status}") from exc
        raise AssertionError("unreachable")  # pragma: no cover


def _voices() -> list[InstalledVoice]:
    """Every language Google's service reads (gTTS keeps the list; asking it needs no network)."""
    from gtts.lang import tts_langs

    return [InstalledVoice("gtts", "", code.lower(), f"{name}, Google Translate (online: sends the text to Google)",
                           offline=False) for code, name in sorted(tts_langs().items())]


@register("gtts", _voices)
def _factory(voice: Voice, threads: int) -> GttsEngine:
    return GttsEngine(voice)
