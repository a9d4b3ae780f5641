"""silent: no voice, only soft hums in the rhythm of the words, for tests and dry runs.

Everything after the voice (trimming, levelling, cue timing, MP3, the feed) works on it as on
speech, in a fraction of the time piper takes and the same on every machine: for tests and dry
runs whose subject is not the voice. Each word is a low tone as long as the word (a word a voice
spells, as long as its letter names), with a short gap after it and a longer one after a comma or
a full stop; so the same text always gives the same bytes, and a longer text or a lower speed gives
longer audio.
"""

from __future__ import annotations

import math
import zlib

from audionews.errors import ConfigError
from audionews.speech.engines.base import ANY_LANGUAGE, InstalledVoice, Speech, Voice, register

__all__ = ["SilentEngine"]

SAMPLE_RATE = 22_050
VERSION = 4
"""Part of the identity: change it when the audio changes, so cached sentences are made again."""
SECONDS_PER_LETTER = 0.015
"""About four times a voice's pace, its pauses a voice's length: the same rhythm in a third of the audio,
so the tests' levelling, encoding and measuring (most of what a test publish costs) take a third of the time."""
SPELLED_LETTER = 0.055
"""Seconds for each letter of a word that is spelled out (no vowel, or a lone letter)."""
VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüáíóúãõåæøœ")
WORD_GAP = 0.025
CLAUSE_GAP = 0.1
"""Seconds after a word ending with a comma, a full stop or the like (piper pauses there too)."""
EDGE = 0.1
"""Seconds of silence before the first word and after the last, which the speaker trims as it trims a voice's."""
RAMP = 0.01
"""Seconds each tone fades in and out, so it starts and ends without a click."""
LEVEL = 0.25
"""Peak of a tone, of full scale: about as loud as raw speech, so levelling has work to do."""
CLAUSE_ENDS = ",;:.!?…)"


class SilentEngine:
    name = "silent"
    parallel = True
    """Not CPU-bound, but spoken in worker processes as piper is, so a publish with it goes the same way."""

    def __init__(self, voice: Voice) -> None:
        if voice.voice:
            raise ConfigError(f"the silent engine has no voices (voice {voice.voice!r}): leave voice empty")
        self.voice = voice
        self.speed = voice.speed

    @property
    def identity(self) -> str:
        return f"silent:{VERSION}:{self.speed:g}"

    @property
    def reader(self) -> str:
        return "Silent"

    def prepare(self) -> None:
        pass

    def synthesize(self, text: str) -> Speech:
        import numpy as np  # here, so commands that speak nothing don't load it

        pieces = [np.zeros(_samples(EDGE))]
        for word in text.split():
            pieces.append(_hum(word, _samples(_seconds(word) / self.speed)))
            pieces.append(np.zeros(_samples((CLAUSE_GAP if word[-1] in CLAUSE_ENDS else WORD_GAP) / self.speed)))
        pieces.append(np.zeros(_samples(EDGE)))
        if len(pieces) == 2:  # nothing to say
            return Speech(pcm=b"", sample_rate=SAMPLE_RATE)
        samples = np.round(np.concatenate(pieces) * 32767).astype("<i2")
        return Speech(pcm=samples.tobytes(), sample_rate=SAMPLE_RATE)


def _seconds(word: str) -> float:
    """How long a voice takes over ``word``: its length, or, for a word a voice spells ("B", "WP", "Q3"),
    a letter name's time for each letter, as the sentence check (speech/check.py) expects of speech."""
    letters = [c for c in word if c.isalnum()]
    spelled = 0 < len(letters) <= 6 and (len(letters) == 1 or not any(c.lower() in VOWELS for c in letters))
    return len(letters) * SPELLED_LETTER if spelled else len(word) * SECONDS_PER_LETTER


def _samples(seconds: float) -> int:
    return round(seconds * SAMPLE_RATE)


def _hum(word: str, count: int):
    """A low tone with two overtones, its pitch (110 to 230 Hz) taken from the word, faded in and out."""
    import numpy as np

    pitch = 110 + zlib.crc32(word.encode("utf-8")) % 120
    phase = 2 * math.pi * pitch * np.arange(count) / SAMPLE_RATE
    tone = LEVEL * (0.6 * np.sin(phase) + 0.3 * np.sin(2 * phase) + 0.1 * np.sin(3 * phase))
    ramp = min(_samples(RAMP), count // 2)
    if ramp:
        fade = np.sin(np.linspace(0, math.pi / 2, ramp)) ** 2
        tone[:ramp] *= fade
        tone[count - ramp:] *= fade[::-1]
    return tone


def _voices() -> list[InstalledVoice]:
    return [InstalledVoice("silent", "", ANY_LANGUAGE, "No voice: hums in the rhythm of the words (tests, dry runs)")]


@register("silent", _voices)
def _factory(voice: Voice, threads: int) -> SilentEngine:
    return SilentEngine(voice)
