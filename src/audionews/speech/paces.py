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
import hashlib
import json
import math
import os
from pathlib import Path

from audionews.files import write_atomic
from audionews.speech.check import CALIBRATION

__all__ = ["PACES_FILE", "cache_folder", "recall", "remember"]

PACES_FILE = "voice-paces.json"
_LIMIT = 64 * 1024
"""A larger file is not ours to read (some hundred voices fit)."""


def cache_folder() -> Path | None:
    """``$XDG_CACHE_HOME/audionews`` (an absolute one: the spec ignores others), else ``~/.cache/audionews``;
    None where there is no home to hold it."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME, and no passwd entry
            return None
    return Path(base) / "audionews"


def _key(identity: str, language: str) -> str:
    """The voice, the language, and the calibration sentences it was measured on."""
    said = hashlib.sha256("\n".join(CALIBRATION.get(language, ())).encode("utf-8")).hexdigest()[:12]
    return f"{identity} {language} {said}"


def _read() -> dict[str, object]:
    folder = cache_folder()
    if folder is None:
        return {}
    path = folder / PACES_FILE
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
    if not all(0 < v < 1 for v in paces) or not all(-200 < v < 50 for v in levels):
        return None  # no voice takes a second a phoneme: not a measurement
    return [float(v) for v in paces], [float(v) for v in levels]


def remember(identity: str, language: str, paces: list[float], levels: list[float]) -> None:
    """Keep what ``identity`` showed; a cache that cannot be written is left as it is."""
    data = _read()
    data[_key(identity, language)] = {"paces": paces, "levels": levels}
    encoded = json.dumps(data, sort_keys=True).encode("utf-8")
    if len(encoded) > _LIMIT:
        encoded = json.dumps({_key(identity, language): data[_key(identity, language)]}).encode("utf-8")
    folder = cache_folder()
    if folder is None:
        return
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / PACES_FILE, encoded)
