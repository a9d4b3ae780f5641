"""Article → Script: the words to say, segment by segment, sentence by sentence.

:func:`make_script` is the entry point; :mod:`.normalize` turns written forms into spoken words,
:mod:`.lexicon` holds a feed's own pronunciations, :mod:`.sentences` splits paragraphs.
"""

from __future__ import annotations

from audionews.script.lexicon import Lexicon, load_lexicon
from audionews.script.segments import PAUSES, disclose, make_script, spoken_date

__all__ = ["PAUSES", "Lexicon", "disclose", "load_lexicon", "make_script", "spoken_date"]
