"""E-mail addresses, URLs and bare domains, said as people say them: the site, not the path.

They run before the abbreviation and number rules, which would otherwise eat their dots and digits.
"""

from __future__ import annotations

import re

from audionews.script.normalize import tables as data
from audionews.script.normalize.base import Locale, letters
from audionews.script.normalize.capitals import sayable

__all__: list[str] = []


_KNOWN_TLDS = data.TLD_WORDS | frozenset("edu io ai us uk ca au nz ie de fr eu in tv me ly fm gg".split())
_EMAIL = re.compile(r"(?<![\w.+-])([A-Za-z0-9][\w.+-]*)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_DOMAIN = re.compile(
    r"(?<![\w@./-])((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+(?:" + "|".join(sorted(_KNOWN_TLDS)) + r"))"
    r"(?![\w-])(/[^\s]*)?"
)
_TRAILING = re.compile(r"[.,;:!?)\]'\"]+$")


def _spoken_host(host: str) -> str:
    """"www.bbc.co.uk" → "B B C dot co dot U K": the site name, as people say it."""
    labels = host.split(":")[0].split(".")
    if labels[0].lower() == "www" and len(labels) > 2:
        labels = labels[1:]
    spoken = []
    for index, label in enumerate(labels):
        last = index == len(labels) - 1
        if label.lower() in data.TLD_WORDS:
            spoken.append(label.lower())
        elif (last and label.isalpha()) or (label.isalpha() and len(label) <= 3 and not sayable(label)):
            spoken.append(letters(label.upper()))
        else:
            spoken.append(label.replace("-", " dash "))
    return " dot ".join(spoken)


def _emails(text: str, locale: Locale) -> str:
    """"jane.doe@example.org" → "jane dot doe at example dot org"."""

    def say(m: re.Match) -> str:
        local = re.sub(r"[._+-]", lambda c: {".": " dot ", "_": " underscore ", "+": " plus ", "-": " dash "}[c[0]],
                       m[1])
        return f"{local} at {_spoken_host(m[2])}"

    return _EMAIL.sub(say, text)


def _urls(text: str, locale: Locale) -> str:
    """"https://www.example.com/path?x=1" → "example dot com": the site, not the path."""

    def say(m: re.Match) -> str:
        url = m.group(0)
        trailing = _TRAILING.search(url)
        url = url[: trailing.start()] if trailing else url
        host = re.sub(r"^(?:https?://)?", "", url, flags=re.IGNORECASE).split("/")[0].split("?")[0]
        host = host.rpartition("@")[2]
        return _spoken_host(host) + (trailing.group(0) if trailing else "")

    text = _URL.sub(say, text)

    def say_domain(m: re.Match) -> str:
        trailing = _TRAILING.search(m[2]) if m[2] else None
        return _spoken_host(m[1]) + (trailing.group(0) if trailing else "")

    return _DOMAIN.sub(say_domain, text)
