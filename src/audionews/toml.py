"""TOML settings files (``feed.toml``, ``lexicon.toml``) read one way.

Python 3.11 has :mod:`tomllib`; before it the same parser is the ``tomli`` package. Text that is
not TOML (nested too deeply to parse, too) is a :class:`ConfigError` naming the file, as any other
wrong setting is.
"""

from __future__ import annotations

import sys
from typing import Any

from audionews.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["read_toml", "tomllib"]


def read_toml(text: str, where: str) -> dict[str, Any]:
    """The table ``text`` holds; ``where`` names the file in the error."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML ({' '.join(str(exc).split())})", where) from exc
    except RecursionError:  # arrays or tables nested thousands deep
        raise ConfigError("invalid TOML (nested too deeply)", where) from None
