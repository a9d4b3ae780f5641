"""Write files so a reader never sees half of one, and read small files without trusting them.

Writing: a temporary name in the same folder, then rename. The target is treated as ``cp`` treats
it: a symlink is followed, a device or FIFO is written to in place (never replaced), a regular file
keeps its mode and a new one gets the umask's. Moving a finished file across filesystems (EXDEV)
copies it under a temporary name in the target's folder and renames it there.

Reading: :func:`read_regular` reads only regular files, and only up to a limit, so ``/dev/zero``
or a FIFO given as a settings file is an error, not gigabytes or a wait forever.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["TEMP_PREFIX", "atomic_path", "move_file", "new_file_mode", "open_synced", "read_regular", "write_atomic"]

TEMP_PREFIX = ".tmp-"
"""Temporary files start with this; a crashed run's leftovers are recognised and removed."""


def new_file_mode() -> int:
    """The mode a new file gets here (0o666 less the umask), read without changing the umask when
    the system tells it (Linux), since changing it would race with other threads creating files."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def atomic_path(path: Path, synced: bool = True) -> Iterator[Path]:
    """Yield a temporary path to write; on success its content becomes ``path``'s, on failure it is removed.

    A symlink is written through. A regular file (or none) is replaced by a rename, keeping the old
    file's mode (a new one gets :func:`new_file_mode`); a device, FIFO or socket is never replaced: the
    content is written into it, as ``cp`` does. A directory is an ``IsADirectoryError``. The content is
    on disk before the rename, unless ``synced`` is false: then the caller has put it there (``os.sync``).
    """
    target = Path(os.path.realpath(path))
    try:
        found = target.stat()
    except FileNotFoundError:
        found = None
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    regular = found is None or stat.S_ISREG(found.st_mode)
    if regular:
        target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix, dir=target.parent if regular else None)
    try:  # from here: Ctrl+C on the next line leaves no temporary file either
        os.close(handle)
        temp_path = Path(temp)
        yield temp_path
        with _named(path):
            if not regular:
                _copy_into(temp_path, target)
                return
            if synced:
                with open(temp_path, "rb+") as written:
                    os.fsync(written.fileno())
            _take_over(temp_path, found)
            os.replace(temp_path, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


@contextlib.contextmanager
def _named(path: Path) -> Iterator[None]:
    """An OSError that names no file (a write, an fsync) named after ``path``, the file being written."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None and exc.errno is not None:
            raise type(exc)(exc.errno, exc.strerror, str(path)) from exc
        raise


def _take_over(temp: Path, old: os.stat_result | None) -> None:
    """Give ``temp`` the mode (and, where allowed, the owner) of the file it replaces."""
    if old is None:
        os.chmod(temp, new_file_mode())
        return
    os.chmod(temp, stat.S_IMODE(old.st_mode))
    if hasattr(os, "chown") and (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(OSError):
            os.chown(temp, old.st_uid, old.st_gid)


def _copy_into(source: Path, target: Path) -> None:
    """Write ``source``'s bytes into a device or FIFO that is already there (never creating a file)."""
    with open(source, "rb") as data, os.fdopen(os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0)), "wb") as out:
        shutil.copyfileobj(data, out)


def move_file(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target``; across filesystems, copy it to a temporary name beside
    ``target``, put it on disk, rename it into place and remove ``source``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(source, target)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
    with atomic_path(target) as temp:
        shutil.copyfile(source, temp)
    source.unlink(missing_ok=True)


@contextlib.contextmanager
def open_synced(path: Path, name: Path | None = None) -> Iterator[BinaryIO]:
    """``path`` opened for writing in pieces; on success it is on disk before the block ends. A
    failure to write names ``name`` (the file ``path`` will become), or ``path``."""
    with _named(name or path), open(path, "wb") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


def write_atomic(path: Path, data: bytes) -> None:
    with atomic_path(path) as temp, _named(path):
        temp.write_bytes(data)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Raises ``FileNotFoundError`` and the other ``OSError`` s of reading, and ``ValueError`` with a
    plain reason for a device, FIFO, folder or socket (opened without blocking and never read) and
    for a file larger than ``limit``.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ValueError("not a regular file")
        handle = os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    with handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"larger than {_size(limit)}")
    return data


def _size(count: int) -> str:
    return f"{count // 1024 // 1024} MB" if count >= 1024 * 1024 else f"{count} bytes"
