"""Written text → the words an engine should say, for every engine alike (see :mod:`.rules`)."""

from __future__ import annotations

from audionews.script.normalize.rules import Doubt, doubts, for_speech

__all__ = ["Doubt", "doubts", "for_speech"]
