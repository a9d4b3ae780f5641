"""A content-addressed cache of synthesized sentences, in a feed's ``cache/`` folder.

The key is a hash of everything that decides the sound — the engine's identity (engine,
voice, speed) and the exact text it speaks (after normalization and the lexicon) — so a
corrected paragraph re-synthesizes only the sentences that changed. Entries are written under
a temporary name and renamed, so two publishes can share the cache; a hit refreshes the
entry's time, and :meth:`SpeechCache.trim` evicts the least recently used entries beyond the
size limit. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from audionews.files import TEMP_PREFIX, write_atomic
from audionews.speech.engines import Speech

__all__ = ["LEVELLED", "SENTENCE", "SpeechCache"]

SENTENCE, LEVELLED = ".s16", ".lev"
"""File suffixes of the two kinds of entry: sentences as the engine spoke them, and whole segments
as levelled for the episode (levelling costs a tenth of a second a segment, so a correction
re-levels only the segment it touches)."""


class SpeechCache:
    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root
        self.max_bytes = max_bytes

    def _path(self, engine_identity: str, text: str, kind: str = SENTENCE) -> Path:
        key = hashlib.sha256(f"{engine_identity}\0{text}".encode()).hexdigest()
        return self.root / key[:2] / f"{key}{kind}"

    def has(self, engine_identity: str, text: str) -> bool:
        return self._path(engine_identity, text).is_file()

    def get(self, engine_identity: str, text: str, kind: str = SENTENCE) -> Speech | None:
        """The speech stored for ``text``: a sentence as spoken, or (``kind=LEVELLED``) a levelled segment."""
        path = self._path(engine_identity, text, kind)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if len(data) < 4:
            return None
        try:
            os.utime(path)  # recently used
        except OSError:
            pass
        return Speech(pcm=data[4:], sample_rate=int.from_bytes(data[:4], "little"))

    def put(self, engine_identity: str, text: str, speech: Speech, kind: str = SENTENCE) -> None:
        """Keep ``speech``; a cache that cannot be written (a full disk, a read-only folder) is skipped,
        since it only saves time: what cannot be kept is spoken again next time."""
        try:
            write_atomic(self._path(engine_identity, text, kind), speech.sample_rate.to_bytes(4, "little") + speech.pcm)
        except OSError:
            pass

    def trim(self) -> int:
        """Evict least recently used entries until the cache fits; returns how many were removed."""
        if not self.root.is_dir():
            return 0
        entries = []
        for path in self.root.glob("*/*"):
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.name.startswith(TEMP_PREFIX):
                continue
            entries.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in entries)
        removed = 0
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            try:
                path.unlink(missing_ok=True)
            except OSError:  # a read-only cache is left as it is
                break
            total -= size
            removed += 1
        return removed
