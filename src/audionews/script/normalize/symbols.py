"""Symbols said as words ("&" is "and"), dashes and brackets heard as pauses, and the final tidy-up.

Pauses and tidying know no English: other languages get them too.
"""

from __future__ import annotations

import re

from audionews.script.normalize.base import Locale

__all__: list[str] = []


_SYMBOLS = (
    (re.compile(r"\s*&\s*"), " and "),
    (re.compile(r"\s*±\s*"), " plus or minus "),
    (re.compile(r"(?<=\w)\s?\+(?=\s|$|[.,;:])"), " plus"),
    (re.compile(r"\s?\+\s?"), " plus "),
    (re.compile(r"\s=\s"), " equals "),
    (re.compile(r"\s?%"), " percent"),
    (re.compile(r"\s?°"), " degrees"),
    (re.compile(r"§\s?"), "section "),
    (re.compile(r"~\s?"), "about "),
    (re.compile(r"(?<![\w])@(?=\w)"), "at "),
    (re.compile(r"(?<![\w&])#(?=[A-Za-z])"), "hashtag "),
    (re.compile(r"(?<=\w)/(?=\w)"), " slash "),
    (re.compile(r"[*_]+"), " "),
)


def _symbols(text: str, locale: Locale) -> str:
    """"&" → "and", "+" → "plus", "@" → "at", "%" → "percent"; a slash left between words → "slash"."""
    return _substituted(text, _SYMBOLS)


_PAUSES = (
    (re.compile(r"\s*(?:—|―|--+)\s*"), ", "),
    (re.compile(r"\s+[–-]\s+"), ", "),
    (re.compile(r"(?<=[A-Za-z])–(?=[A-Za-z])"), " to "),
    (re.compile(r"\s*\|\s*"), ", "),
    (re.compile(r"\s*[(\[{]\s*"), ", "),
    (re.compile(r"\s*[)\]}]"), ","),
)
_TIDY = (
    (re.compile(r"\s+"), " "),
    (re.compile(r"\s+([,.;:!?])"), r"\1"),
    (re.compile(r",+(?=[,.;:!?])"), ""),
    (re.compile(r"([.;:!?]),(?=\w)"), r"\1 "),  # "a:,b" is "a: b", not "a:b" (nor "0:,0" a score "0:0")
    (re.compile(r"([.;:!?]),"), r"\1"),
    (re.compile(r"^[,\s]+"), ""),
    (re.compile(r",(?=\w)(?<!\d,(?=\d))"), ", "),  # not in "1,2": a decimal comma is no pause
)


def _pauses(text: str, locale: Locale) -> str:
    """Dashes and parentheses are heard as pauses: a comma each."""
    return _substituted(text, _PAUSES)


def _tidy(text: str, locale: Locale) -> str:
    """No doubled commas or spaces, none before a full stop, none at the start."""
    text = _substituted(text, _TIDY)
    return text.strip().rstrip(",").strip()


def _substituted(text: str, table: tuple[tuple[re.Pattern[str], str], ...]) -> str:
    """Each pattern of ``table`` replaced in turn."""
    for pattern, words in table:
        text = pattern.sub(words, text)
    return text
