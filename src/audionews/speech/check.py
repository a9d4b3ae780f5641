"""Proof that no sentence was dropped: each sentence's voiced time against what its phonemes predict.

The complaint users file most against every audiobook tool is text skipped or cut short in
silence. So every sentence an engine speaks is measured before it is kept: the time its voice is
heard (10 ms frames within :data:`VOICED_BELOW_DB` of the voice's typical level; pauses and the
engine's trimmed silence do not count) against ``phonemes × seconds per phoneme``. The seconds per
phoneme are learned from the voice itself, per engine identity (engine, voice, speed) and language:
a few fixed calibration sentences in the article's language are spoken first, through the speech
cache (so a feed pays for them once), and every sentence accepted since joins a running median.
A sentence under :data:`MIN_RATIO` of its prediction is spoken again by the speaker; twice short,
the publish fails naming it.

Phonemes are counted with espeak-ng, the copy piper-tts bundles (loaded on the first sentence
checked, so commands that speak nothing never load it).
"""

from __future__ import annotations

import statistics
import threading
import unicodedata
from collections import deque
from dataclasses import dataclass
from functools import lru_cache

from audionews.speech.engines import Speech

__all__ = ["CALIBRATION", "MIN_PHONEMES", "MIN_RATIO", "VOICED_BELOW_DB", "Checker", "Measure", "espeak_voice",
           "phonemes", "speech_level", "voiced_seconds"]

MIN_RATIO = 0.4
"""A sentence voiced for less than this share of its predicted time was cut short (or is silent).
Measured by ``benchmarks/sentence_check.py`` over the 96 sentences of ``examples/`` and the
intelligibility articles: real piper speech lies between 0.83 and 1.22 (median 0.97), the silent
engine's hums between 0.74 and 1.39; the same speech cut in half, around 0.5 (at most 0.65). So
0.4 is half the lowest clean sentence: a false alarm costs a second synthesis and two in a row a
failed publish, while silence and most of a sentence lost are always caught."""

MIN_PHONEMES = 8
"""A sentence of fewer phonemes (a word or two) is judged for silence only: whether a voice spells
"US", "url" or "id" or says it as a word changes its length threefold, and a word or two is no
sentence a voice drops in part."""

VOICED_BELOW_DB = 30.0
"""A 10 ms frame more than this far below the voice's typical level is a pause, not voice."""

SILENCE_DBFS = -60.0
"""A frame below this level is silence whatever the voice (an all-zero sentence has no typical level)."""

KEEP = 101
"""Observations kept for the running medians: the calibration sentences and the latest accepted ones."""

CALIBRATION: dict[str, tuple[str, ...]] = {
    "en": ("The morning ferry left the harbor on time, carrying workers and a few early visitors.",
           "Officials said the new schedule would add two trips on weekends during the summer.",
           "Residents who spoke at the meeting asked for more benches and better lighting."),
    "fr": ("Le bateau du matin a quitté le port à l'heure, avec des ouvriers et quelques visiteurs.",
           "Selon la mairie, le nouvel horaire ajoutera deux traversées le week-end pendant l'été.",
           "Les habitants présents à la réunion ont demandé plus de bancs et un meilleur éclairage."),
    "es": ("El ferri de la mañana salió del puerto a tiempo, con trabajadores y algunos visitantes.",
           "Según el ayuntamiento, el nuevo horario sumará dos viajes los fines de semana en verano.",
           "Los vecinos que hablaron en la reunión pidieron más bancos y una mejor iluminación."),
    "de": ("Die Morgenfähre verließ den Hafen pünktlich, mit Arbeitern und einigen frühen Besuchern.",
           "Die Stadt sagte, der neue Fahrplan bringe im Sommer zwei zusätzliche Fahrten am Wochenende.",
           "Anwohner baten bei der Versammlung um mehr Bänke und eine bessere Beleuchtung."),
    "it": ("Il traghetto del mattino ha lasciato il porto in orario, con lavoratori e alcuni visitatori.",
           "Secondo il comune, il nuovo orario aggiungerà due corse nei fine settimana d'estate.",
           "I residenti intervenuti alla riunione hanno chiesto più panchine e una migliore illuminazione."),
    "pt": ("A balsa da manhã saiu do porto no horário, levando trabalhadores e alguns visitantes.",
           "Segundo a prefeitura, o novo horário vai acrescentar duas viagens nos fins de semana de verão.",
           "Os moradores que falaram na reunião pediram mais bancos e uma iluminação melhor."),
}
"""Ordinary prose per language (by primary subtag), spoken once per voice to learn its pace. A
language without sentences here learns from the running median alone: until :data:`MIN_SEEN`
sentences are accepted, only silence is caught."""

MIN_SEEN = 3
"""Observations needed before a sentence's length is judged (silence is caught from the first)."""

_ESPEAK_NAMES = {"en": "en-us", "en-gb": "en-gb-x-rp", "zh": "cmn", "zh-cn": "cmn", "zh-hans": "cmn",
                 "zh-tw": "cmn", "zh-hk": "yue", "pt-pt": "pt", "es-es": "es", "es-mx": "es-419", "fr-fr": "fr",
                 "de-de": "de", "it-it": "it", "nb": "nb", "no": "nb"}
"""BCP 47 tags whose espeak-ng voice has another name (espeak's "en" is British)."""

_LOCK = threading.Lock()
"""espeak-ng is one voice per process: set it and read phonemes as one step."""


@lru_cache(maxsize=1)
def _phonemizer():
    from piper.phonemize_espeak import EspeakPhonemizer  # bundled espeak-ng and its data

    return EspeakPhonemizer()


@lru_cache(maxsize=64)
def espeak_voice(language: str) -> str | None:
    """The espeak-ng voice for a BCP 47 tag ("en-us", "pt-br", "fr"), or None when espeak has none."""
    tag = language.lower().replace("_", "-")
    primary = tag.split("-")[0]
    for name in dict.fromkeys((_ESPEAK_NAMES.get(tag, tag), _ESPEAK_NAMES.get(primary, primary))):
        try:
            with _LOCK:
                _phonemizer().phonemize(name, "a")
        except RuntimeError:  # espeak: "Failed to set voice"
            continue
        return name
    return None


@lru_cache(maxsize=4096)
def phonemes(text: str, language: str) -> int:
    """How many phonemes ``text`` has in ``language``: espeak-ng's IPA letters (stress and length
    marks, tones and diacritics are not phonemes of their own). A language espeak-ng cannot read is
    estimated from letters (a CJK character as two phonemes): a cruder measure, but the pace it is
    compared with is learned with the same measure, so only its spread matters."""
    voice = espeak_voice(language)
    if voice is None:
        return sum(2 if unicodedata.east_asian_width(c) == "W" else 1 for c in text if c.isalpha())
    with _LOCK:
        clauses = _phonemizer().phonemize(voice, text)
    return sum(1 for clause in clauses for symbol in clause if unicodedata.category(symbol) in ("Ll", "Lu", "Lo"))


def _frame_levels(speech: Speech):
    """The level of each 10 ms frame, in dB of full scale."""
    import numpy as np  # here, so commands that speak nothing don't load it

    samples = np.frombuffer(speech.pcm, dtype="<i2")
    size = max(1, speech.sample_rate // 100)
    frames = samples[: len(samples) // size * size].astype(np.float64).reshape(-1, size) / 32768
    return 20 * np.log10(np.maximum(np.sqrt(np.mean(frames**2, axis=1)), 1e-9))


def speech_level(speech: Speech) -> float:
    """The voice's level in a sentence: its 90th percentile frame, in dBFS (−180 for no sound)."""
    import numpy as np

    levels = _frame_levels(speech)
    return float(np.percentile(levels, 90)) if len(levels) else -180.0


def voiced_seconds(speech: Speech, level: float) -> float:
    """Seconds of ``speech`` whose frames are within :data:`VOICED_BELOW_DB` of ``level`` (and above
    :data:`SILENCE_DBFS`): the time the voice is heard."""
    floor = max(SILENCE_DBFS, level - VOICED_BELOW_DB)
    frame = max(1, speech.sample_rate // 100) / speech.sample_rate
    return int((_frame_levels(speech) > floor).sum()) * frame


@dataclass(frozen=True)
class Measure:
    """One sentence measured: its phonemes, its voiced seconds, and the share of its prediction
    (None while the voice's pace is not known yet)."""

    phonemes: int
    voiced: float
    ratio: float | None

    @property
    def silent(self) -> bool:
        return self.voiced == 0.0


def speakable(text: str) -> bool:
    """Whether ``text`` has anything to say: a sentence with no letters ("—", "…") is exempt."""
    return any(character.isalpha() for character in text)


class Checker:
    """Judges one voice's sentences in one language, learning its pace and level as it goes."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._pace: deque[float] = deque(maxlen=KEEP)
        """Seconds per phoneme of the calibration sentences and the sentences accepted."""
        self._levels: deque[float] = deque(maxlen=KEEP)

    @property
    def calibration(self) -> tuple[str, ...]:
        return CALIBRATION.get(self.language.lower().split("-")[0], ())

    def learn(self, text: str, speech: Speech) -> None:
        """Take ``speech`` of ``text`` as this voice's normal pace (a calibration sentence)."""
        level = speech_level(speech)
        count = phonemes(text, self.language)
        voiced = voiced_seconds(speech, self._level(level))
        if count and voiced:
            self._pace.append(voiced / count)
            self._levels.append(level)

    def learned(self) -> tuple[list[float], list[float]]:
        """The paces and levels learned so far, to :meth:`seed` another checker of the same voice with."""
        return list(self._pace), list(self._levels)

    def seed(self, paces: list[float], levels: list[float]) -> None:
        """Start from what the same voice showed before (its calibration sentences, another time)."""
        self._pace.extend(paces)
        self._levels.extend(levels)

    def measure(self, text: str, speech: Speech) -> Measure:
        count = phonemes(text, self.language)
        voiced = voiced_seconds(speech, self._level(speech_level(speech)))
        if len(self._pace) < MIN_SEEN or not count:
            return Measure(count, voiced, None)
        return Measure(count, voiced, voiced / (count * statistics.median(self._pace)))

    def passes(self, text: str, speech: Speech) -> tuple[bool, Measure]:
        """Whether ``speech`` says all of ``text``; an accepted sentence joins the running medians."""
        if not speakable(text):
            return True, Measure(0, 0.0, None)
        measure = self.measure(text, speech)
        short = measure.ratio is not None and measure.ratio < MIN_RATIO and measure.phonemes >= MIN_PHONEMES
        if measure.silent or short:
            return False, measure
        self.learn(text, speech)
        return True, measure

    def _level(self, own: float) -> float:
        """The voice's typical level: the running median, or the sentence's own before there is one."""
        return statistics.median(self._levels) if self._levels else own
