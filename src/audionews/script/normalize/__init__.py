"""Written text → the words an engine should say, for every engine alike (the order: :mod:`.rules`)."""

from __future__ import annotations

from audionews.script.normalize.doubts import Doubt, doubts
from audionews.script.normalize.rules import for_speech

__all__ = ["Doubt", "doubts", "for_speech"]
