"""Script → Takes: every sentence spoken on its own by an engine, in worker processes, through a cache.

:func:`speak` is the entry point, with a :class:`Speaker` held open for a batch; :mod:`.engines`
holds the voices behind one protocol.
"""

from __future__ import annotations

from audionews.speech.cache import SpeechCache
from audionews.speech.choice import choose_voice
from audionews.speech.engines import Engine, Speech, Voice, available, get_engine
from audionews.speech.speaker import Speaker, Speakers, Takes, speak

__all__ = ["Engine", "Speaker", "Speakers", "Speech", "SpeechCache", "Takes", "Voice", "available", "choose_voice",
           "get_engine", "speak"]
