"""Marks for the eye: typographic characters made plain, footnote references and decorations dropped.

They run first and know no English: other languages get them too.
"""

from __future__ import annotations

import re
import unicodedata

from audionews.script.normalize.base import Locale

__all__: list[str] = []


_CHARACTERS = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
    "«": '"', "»": '"', "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u2002": " ",
    "\u2003": " ", "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\u2060": "", "\u00ad": "",
    "\u2010": "-", "\u2011": "-", "\u2212": "-", "…": "...", "\ufe0f": "", "\ufe0e": "", "№": "No.",
})


def _characters(text: str, locale: Locale) -> str:
    """Curly quotes straight, odd spaces plain, the minus sign a hyphen, whitespace single."""
    return _whitespace(text.translate(_CHARACTERS), locale)


def _whitespace(text: str, locale: Locale) -> str:
    return re.sub(r"\s+", " ", text).strip()


_REFERENCE = re.compile(
    r"\s?\[(?:\d+(?:\s?[,–-]\s?\d+)*|[a-z]|citation needed|clarification needed|who\?|when\?|by whom\?"
    r"|according to whom\?|dubious[^\]]*|sic|edit|note \d+|nb \d+|update|\d+ ?[a-z]?)\]",
    re.IGNORECASE,
)
_FOOTNOTE = re.compile(r"(?<![\d\s]m)(?<![\d\s]km)(?<![\d\s]ft)[¹²³⁰⁴⁵⁶⁷⁸⁹]+")


def _references(text: str, locale: Locale) -> str:
    """Footnote markers and editorial brackets are for the eye: "[1]", "[citation needed]", "¹", "[sic]"."""
    return _FOOTNOTE.sub("", _REFERENCE.sub("", text))


_KEEP_SYMBOLS = frozenset("°")
_DROP_CATEGORIES = frozenset(("So", "Sk", "Co", "Cs"))
_DROP_CHARACTERS = frozenset("•◦‣⁃※†‡¶→←↑↓⇒⇐↔▪▫■□●○◆◇►▶◀✓✔✗✘")


def _decorations(text: str, locale: Locale) -> str:
    """Emoji, bullets, arrows, ™ and ® say nothing a listener needs."""
    if text.isascii():
        return text
    return "".join(
        " " if ch in _DROP_CHARACTERS
        else "" if ch not in _KEEP_SYMBOLS and unicodedata.category(ch) in _DROP_CATEGORIES
        else ch
        for ch in text
    )
