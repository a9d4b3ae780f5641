"""What the sentence check learned of a voice, kept between runs: its pace and level on the
calibration sentences (:mod:`.check`).

The same voice (an engine's identity: engine, voice, speed, version) speaks the same calibration
sentences the same way every time, so speaking them again at each ``speak`` or ``listen`` only delays
the first sentence. They are kept in the user's cache (``$XDG_CACHE_HOME/audionews``, else
``~/.cache/audionews``): a small JSON file, safe to delete, read and written whole (a file that cannot
be read or written only costs the calibration again).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
from pathlib import Path

from audionews.files import write_atomic

__all__ = ["PACES_FILE", "cache_folder", "recall", "remember"]

PACES_FILE = "voice-paces.json"
_LIMIT = 64 * 1024
"""A larger file is not ours to read (some hundred voices fit)."""


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "audionews"


def _key(identity: str, language: str) -> str:
    return f"{identity} {language}"


def _read() -> dict[str, object]:
    path = cache_folder() / PACES_FILE
    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.read(_LIMIT + 1)[:_LIMIT + 1])
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def recall(identity: str, language: str) -> tuple[list[float], list[float]] | None:
    """The paces and levels ``identity`` showed on ``language``'s calibration sentences, if known."""
    entry = _read().get(_key(identity, language))
    if not isinstance(entry, dict):
        return None
    paces, levels = entry.get("paces"), entry.get("levels")
    if not (isinstance(paces, list) and isinstance(levels, list) and paces and len(paces) == len(levels)):
        return None
    values = paces + levels
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in values):
        return None
    if not all(v > 0 for v in paces):
        return None
    return [float(v) for v in paces], [float(v) for v in levels]


def remember(identity: str, language: str, paces: list[float], levels: list[float]) -> None:
    """Keep what ``identity`` showed; a cache that cannot be written is left as it is."""
    data = _read()
    data[_key(identity, language)] = {"paces": paces, "levels": levels}
    encoded = json.dumps(data, sort_keys=True).encode("utf-8")
    if len(encoded) > _LIMIT:
        encoded = json.dumps({_key(identity, language): data[_key(identity, language)]}).encode("utf-8")
    with contextlib.suppress(OSError):
        cache_folder().mkdir(parents=True, exist_ok=True)
        write_atomic(cache_folder() / PACES_FILE, encoded)
