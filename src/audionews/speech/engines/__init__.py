"""Speech engines behind one protocol, found by name in a registry.

An engine turns one segment's text into 16-bit mono PCM. Engines register themselves with
:func:`register`; :func:`get_engine` builds one from a name and :class:`Voice` settings.
"""

from __future__ import annotations

from audionews.speech.engines import gtts as _gtts  # noqa: F401  (registers "gtts")
from audionews.speech.engines import kokoro as _kokoro  # noqa: F401  (registers "kokoro")
from audionews.speech.engines import piper as _piper  # noqa: F401  (registers "piper")
from audionews.speech.engines import silent as _silent  # noqa: F401  (registers "silent")
from audionews.speech.engines.base import (
    ANY_LANGUAGE,
    Engine,
    InstalledVoice,
    Speech,
    Voice,
    allowed_cores,
    available,
    get_engine,
    installed_voices,
    preload,
    register,
    still_loading,
)

__all__ = ["ANY_LANGUAGE", "Engine", "InstalledVoice", "Speech", "Voice", "allowed_cores", "available", "get_engine",
           "installed_voices", "preload", "register", "still_loading"]
