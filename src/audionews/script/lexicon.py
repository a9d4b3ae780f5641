"""A feed's pronunciation lexicon: words and phrases respelled so every engine says them right.

``feeds/<name>/lexicon.toml`` (or the file named by ``lexicon = "..."`` in ``feed.toml``)::

    Nguyen = "win"
    "Xi Jinping" = "shee jin-ping"
    UNRWA = "un-rah"
    gif = "jif"

Case rules:

- a key with no capital letter matches the word in any case: ``gif`` matches gif, Gif and GIF;
- a key with a capital matches only that exact case: ``US`` matches US but not us or Us;
- when both could match (``us`` and ``US``), the exact-case key wins;
- keys match whole words and phrases only: ``Nguyen`` matches "Nguyen", "Nguyen's" and
  "(Nguyen)", never "Nguyenville"; letters, digits and ``_`` make a word, so an apostrophe,
  hyphen or any punctuation mark ends one; spaces inside a phrase match any run of spaces;
- at any point the longest key wins (``Xi Jinping`` before ``Xi``), and matching goes left to right
  without overlaps; within a pass (below) a respelling is not looked up again.

When each entry applies — every sentence goes: pre-entries → :func:`~audionews.script.normalize.for_speech`
→ post-entries. An entry whose key normalization leaves as it is ("Nguyen", "Xi Jinping") applies
*after* normalization, to the words that survive it: the rules still see the name as written
("Dr. Nguyen" is "Doctor win", since "Dr." before a capitalised name is a title), and the respelling
reaches the engine untouched. An entry whose key normalization would change ("US" becomes "U S",
"UNRWA" "U N R W A", "Louis XIV" "Louis the Fourteenth") could never be found afterwards, so it
applies *before* normalization, to the written words; its respelling then goes through the rules
with the rest of the sentence, so write such respellings as plain words.

:attr:`Lexicon.version` is a hash of the entries. The episode fingerprint hashes the spoken text,
so a changed entry changes exactly the sentences that hold that word, and nothing else.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from audionews.errors import ConfigError
from audionews.files import read_regular
from audionews.script.normalize import Doubt, doubts, for_speech
from audionews.toml import read_toml

__all__ = ["Lexicon", "load_lexicon", "parse_lexicon"]


@dataclass(frozen=True)
class Lexicon:
    """Words and phrases and how to say them; empty by default."""

    entries: tuple[tuple[str, str], ...] = ()
    """(key, respelling) pairs, sorted by key."""

    @property
    def version(self) -> str:
        """A short hash of the entries: equal for equal lexicons, whatever their file order."""
        payload = json.dumps(sorted(self.entries), ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]

    def __len__(self) -> int:
        return len(self.entries)

    def for_speech(self, text: str, language: str = "en") -> str:
        """``text`` as it should be spoken: pre-entries, normalization, then post-entries."""
        before, after = _passes(self, language)
        return after.apply(for_speech(before.apply(text), language))

    def covers(self, word: str) -> bool:
        """Whether some key matches all of ``word``."""
        matcher = _Matcher.of(self.entries)
        return any(m.span() == (0, len(word)) for m in matcher.finditer(word))

    def doubts(self, texts: Iterable[str], language: str = "en") -> list[Doubt]:
        """The words ``audionews check`` lists, less those this lexicon says how to say."""
        before, _ = _passes(self, language)
        return [d for d in doubts([before.apply(t) for t in texts], language) if not self.covers(d.word)]


def parse_lexicon(text: str, where: str) -> Lexicon:
    """A lexicon from TOML text; ``where`` names the file in errors."""
    data = read_toml(text, where)
    entries: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            raise ConfigError(f"entry {key!r} is a table; quote a key that holds a dot, e.g. \"St. Louis\" = "
                              "\"saint loo-iss\"", where)
        if not isinstance(value, str):
            raise ConfigError(f"entry {key!r}: the respelling must be a string, not {_toml_type(value)}", where)
        words = " ".join(key.split())
        if not words:
            raise ConfigError(f"entry {key!r}: the word must not be empty", where)
        if not re.search(r"\w", words):
            raise ConfigError(f"entry {key!r}: the word has no letter or digit", where)
        if not value.strip():
            raise ConfigError(f"entry {key!r}: the respelling must not be empty", where)
        if words in entries:
            raise ConfigError(f"entry {key!r} is given twice", where)
        entries[words] = " ".join(value.split())
    return Lexicon(tuple(sorted(entries.items())))


LEXICON_LIMIT = 4 * 1024 * 1024
"""Bytes a lexicon file may hold (some hundred thousand entries); a bigger one is surely not a lexicon."""


def load_lexicon(path: Path, required: bool = True) -> Lexicon:
    """The lexicon in ``path``; an empty one when the file is absent and not ``required``. Only a
    regular file of at most :data:`LEXICON_LIMIT` bytes is read (not ``/dev/zero``, not a FIFO)."""
    try:
        text = read_regular(Path(path), LEXICON_LIMIT).decode("utf-8")
    except FileNotFoundError:
        if required:
            raise ConfigError("lexicon file not found", str(path)) from None
        return Lexicon()
    except ValueError as exc:  # not a regular file, too large, not UTF-8
        raise ConfigError(f"cannot read the lexicon ({exc})", str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read the lexicon ({exc.strerror or exc})", str(path)) from None
    return parse_lexicon(text, str(path))


def _toml_type(value: object) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", list: "an array"}
    return names.get(type(value), "a date or time")


class _Matcher:
    """All keys of some entries as one regular expression: longest first, exact case before any case."""

    def __init__(self, entries: tuple[tuple[str, str], ...]) -> None:
        self.exact = {key: said for key, said in entries if _has_capital(key)}
        self.folded = {key.casefold(): said for key, said in entries if not _has_capital(key)}
        ordered = sorted((key for key, _ in entries), key=lambda k: (-len(k), not _has_capital(k), k))
        alternatives = [_pattern(key) if _has_capital(key) else f"(?i:{_pattern(key)})" for key in ordered]
        self.regex = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)") if alternatives else None

    @staticmethod
    @functools.lru_cache(maxsize=64)
    def of(entries: tuple[tuple[str, str], ...]) -> _Matcher:
        return _Matcher(entries)

    def finditer(self, text: str) -> Iterable[re.Match]:
        return self.regex.finditer(text) if self.regex else ()

    def apply(self, text: str) -> str:
        return self.regex.sub(self._respelling, text) if self.regex else text

    def _respelling(self, m: re.Match) -> str:
        found = " ".join(m.group(0).split())
        return self.exact.get(found) or self.folded[found.casefold()]


def _has_capital(key: str) -> bool:
    return any(c.isupper() for c in key)


def _pattern(key: str) -> str:
    return r"\s+".join(re.escape(word) for word in key.split(" "))


@functools.lru_cache(maxsize=64)
def _passes(lexicon: Lexicon, language: str) -> tuple[_Matcher, _Matcher]:
    """The entries applied before normalization (it would change their key) and after it."""
    before = tuple(e for e in lexicon.entries if for_speech(e[0], language) != e[0])
    after = tuple(e for e in lexicon.entries if e not in before)
    return _Matcher.of(before), _Matcher.of(after)
