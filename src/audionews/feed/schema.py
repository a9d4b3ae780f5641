"""The one schema of ``feed.toml``: each setting's type, taken from the dataclass's annotations, and its rules.

The same checks run when ``feed.toml`` is read and when ``init`` builds settings from its options,
so a wrong type (``speed = "fast"``, ``explicit = "no"``), a control character, a language that is
no BCP 47 tag, a URL that is not http(s) or a number out of range is one line naming the key,
before anything is spoken, committed or published.

Four scalar types and rules that are ours whatever does the type check (BCP 47, Apple's categories,
paths that stay in the feed folder, "did you mean") are why this is a few functions, not a library.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import MISSING, fields
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from audionews.errors import ConfigError

__all__ = ["Rule", "between", "check_fields", "check_keys", "email", "http_url", "language_tag", "relative_path",
           "required", "shown"]

Rule = Callable[[str, Any], "str | None"]
"""A rule takes a key and its (well-typed) value and gives the whole reason it is wrong, or None."""

_TYPES: dict[str, tuple[type, ...]] = {"str": (str,), "bool": (bool,), "int": (int,), "float": (int, float),
                                       "dict[str, str]": (dict,)}
"""Each annotation the settings use, and the Python types TOML gives for it (an integer is a number too)."""
_KINDS = {str: "a string", bool: "a boolean", int: "an integer", float: "a decimal number", list: "an array",
          dict: "a table"}
_WANTED = {"str": "a string", "bool": "true or false", "int": "a whole number", "float": "a number",
           "dict[str, str]": "a table"}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
"""Characters no setting may hold: control characters (C0 but tab and newline, DEL, C1), line and
paragraph separators, lone surrogates (undecodable bytes from a command line) and the two XML cannot
carry."""
_BREAKS = re.compile(r"[\t\n]")
"""Tab and newline: in a multi-line setting (the description) only."""


def shown(value: object, limit: int = 40) -> str:
    """A value as a message quotes it: ``repr`` (so on one line, control characters escaped), cut short."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def check_keys(data: Mapping[str, Any], cls: type) -> None:
    """Every key known (else the closest known one is suggested) and every required key present."""
    known = [f.name for f in fields(cls)]
    for key in sorted(set(data) - set(known)):
        close = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else f" (known settings: {', '.join(known)})"
        raise ConfigError(f"unknown setting {shown(key)}{hint}")
    for f in fields(cls):
        if f.default is MISSING and f.default_factory is MISSING and f.name not in data:
            raise ConfigError(f"missing setting {f.name!r}")


def check_fields(settings: Any, rules: Mapping[str, Iterable[Rule]], multiline: Iterable[str] = ()) -> None:
    """Each field of a dataclass instance: its annotated type, no control characters, then its rules."""
    for f in fields(settings):
        key, value = f.name, getattr(settings, f.name)
        wanted = _TYPES[str(f.type)]
        if not isinstance(value, wanted) or (isinstance(value, bool) and bool not in wanted):
            raise ConfigError(f"{key} must be {_WANTED[str(f.type)]}, not {_kind(value)} ({shown(value)})")
        if isinstance(value, dict):
            for name, item in value.items():
                label = f"{key}.{name}" if name.isprintable() and len(name) <= 40 else f"{key}.{shown(name)}"
                if not isinstance(item, str):
                    raise ConfigError(f"{label} must be a string, not {_kind(item)} ({shown(item)})")
                _check_text(label, name, multiline=False)
                _check_text(label, item, multiline=False)
        if isinstance(value, str):
            _check_text(key, value, multiline=key in multiline)
        for rule in rules.get(key, ()):
            problem = rule(key, value)
            if problem:
                raise ConfigError(problem)


def _check_text(key: str, value: str, multiline: bool) -> None:
    control = _CONTROL.search(value) or (None if multiline else _BREAKS.search(value))
    if control:
        char = control.group()
        what = ("an undecodable byte" if "\ud800" <= char <= "\udfff" else
                "a line break" if char in "\n\r\u2028\u2029" else "a control character")
        raise ConfigError(f"{key} holds {what} (U+{ord(char):04X}) at {control.start() + 1} of {shown(value)}")


def _kind(value: object) -> str:
    return _KINDS.get(type(value), "a date or time")


def required(key: str, value: str) -> str | None:
    return None if value.strip() else f"{key} must not be empty"


def between(low: float, high: float) -> Rule:
    """A number from ``low`` to ``high`` (never NaN or infinite: TOML can write both)."""
    def rule(key: str, value: float) -> str | None:
        if math.isfinite(value) and low <= value <= high:
            return None
        return f"{key} {_number(value)} is outside {_number(low)} to {_number(high)}"
    return rule


def _number(value: float) -> str:
    return str(int(value)) if math.isfinite(value) and float(value).is_integer() else f"{value:g}"


_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"\\]+@[^\s@<>()\[\],;:\"\\.][^\s@<>()\[\],;:\"\\]*")


def email(key: str, value: str) -> str | None:
    return None if _EMAIL.fullmatch(value) else f"{key} {shown(value)} is not an e-mail address"


_NOT_IN_URL = re.compile(r"[\s\"<>\\^`{|}]")


def http_url(key: str, value: str) -> str | None:
    """An absolute http(s) URL with a host, and nothing that would be published by mistake (a user
    name or password) or that breaks every URL built from it (a query or a fragment)."""
    def wrong(why: str) -> str:
        return f"{key} {shown(value)} must be an absolute http(s) URL{why}"

    try:
        parts = urlsplit(value)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return wrong("")
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or not port_ok:
        return wrong("")
    if _NOT_IN_URL.search(value):
        return wrong(" without spaces, quotes or angle brackets")
    if parts.username is not None or parts.password is not None:
        return wrong(" without a user name or password: it is published in the feed")
    if parts.query or parts.fragment or value.endswith(("?", "#")):
        return wrong(" without a query or fragment: file names are added to it")
    return None


_LANGUAGE_TAG = re.compile(
    r"""[a-z]{2,3}(?:-[a-z]{3}){0,3}                  # language, and up to three extended languages
        (?:-[a-z]{4})?                               # script
        (?:-(?:[a-z]{2}|[0-9]{3}))?                  # region
        (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*     # variants
        (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*          # extensions
        (?:-x(?:-[a-z0-9]{1,8})+)?                   # private use
      | x(?:-[a-z0-9]{1,8})+                         # private use alone""",
    re.ASCII | re.IGNORECASE | re.VERBOSE)
"""RFC 5646's ``Language-Tag`` grammar (BCP 47), as a regular expression; grandfathered tags below. The
primary language is an ISO 639 code of two or three letters: the grammar's longer ones are reserved
and none is registered, so ``english`` is refused, not taken for a language."""
_GRANDFATHERED = frozenset(
    "en-gb-oed i-ami i-bnn i-default i-enochian i-hak i-klingon i-lux i-mingo i-navajo i-pwn i-tao i-tay i-tsu "
    "sgn-be-fr sgn-be-nl sgn-ch-de art-lojban cel-gaulish no-bok no-nyn zh-guoyu zh-hakka zh-min zh-min-nan "
    "zh-xiang".split())


def language_tag(key: str, value: str) -> str | None:
    if _LANGUAGE_TAG.fullmatch(value) or value.lower() in _GRANDFATHERED:
        return None
    return f"{key} {shown(value)} is not a BCP 47 language tag such as en, en-US or pt-BR"


def relative_path(key: str, value: str) -> str | None:
    """A file named relative to the feed folder, never above it (symbolic links are followed when it is
    opened: ``FeedFolder.inside``)."""
    if not value:
        return None  # no file: the setting's default
    path = PurePosixPath(value)
    if not path.parts or path.is_absolute() or ".." in path.parts or "\\" in value:
        return f"{key} {shown(value)} must name a file inside the feed folder, relative to it"
    return None
