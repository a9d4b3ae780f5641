"""Written text → the words an engine should say, for every engine alike.

For now only whitespace is tidied; numbers, dates, abbreviations, initialisms and URLs come next.
"""

from __future__ import annotations

import re

__all__ = ["for_speech"]


def for_speech(text: str, language: str = "en") -> str:
    """The text as it should be spoken in ``language``."""
    return re.sub(r"\s+", " ", text).strip()
