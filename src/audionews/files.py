"""Write files so a reader never sees half of one: a temporary name in the same folder, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["TEMP_PREFIX", "atomic_path", "open_synced", "write_atomic"]

TEMP_PREFIX = ".tmp-"
"""Temporary files start with this; a crashed run's leftovers are recognised and removed."""


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``, on failure it is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=path.suffix, dir=path.parent)
    os.close(handle)
    temp_path = Path(temp)
    try:
        yield temp_path
        with open(temp_path, "rb+") as written:
            os.fsync(written.fileno())
        os.chmod(temp_path, 0o644)
        os.replace(temp_path, path)
    finally:
        temp_path.unlink(missing_ok=True)


@contextlib.contextmanager
def open_synced(path: Path) -> Iterator[BinaryIO]:
    """``path`` opened for writing in pieces; on success it is on disk before the block ends."""
    with open(path, "wb") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


def write_atomic(path: Path, data: bytes) -> None:
    with atomic_path(path) as temp:
        temp.write_bytes(data)
