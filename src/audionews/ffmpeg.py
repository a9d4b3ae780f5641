"""Where ffmpeg lives, and running it quietly.

A system ffmpeg wins when there is one; otherwise the static build shipped in the
``imageio-ffmpeg`` wheel, so a fresh ``pip install`` can encode MP3 with no system packages.
"""

from __future__ import annotations

import functools
import shutil
import subprocess

from audionews.errors import AudioError

__all__ = ["ffmpeg_command", "ffmpeg_path", "run_ffmpeg"]


@functools.lru_cache(maxsize=1)
def ffmpeg_path() -> str:
    system = shutil.which("ffmpeg")
    if system:
        return system
    try:
        import imageio_ffmpeg
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise AudioError("no ffmpeg found: install ffmpeg or the imageio-ffmpeg package") from exc
    return imageio_ffmpeg.get_ffmpeg_exe()


def ffmpeg_command(level: str) -> list[str]:
    """ffmpeg without its banner and progress, logging at ``level`` ("error", or "info" for filter reports)."""
    return [ffmpeg_path(), "-hide_banner", "-nostats", "-loglevel", level]


def run_ffmpeg(args: list[str], data: bytes | None = None, stderr: bool = False) -> bytes:
    """Run ffmpeg quietly and return its output (or, with ``stderr``, what its filters reported);
    its last error line becomes an :class:`AudioError`."""
    command = [*ffmpeg_command("info" if stderr else "error"), "-nostdin", *args]
    try:
        result = subprocess.run(command, input=data, capture_output=True, check=False)
    except OSError as exc:
        raise AudioError(f"cannot run ffmpeg ({exc})") from exc
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise AudioError(f"ffmpeg failed: {detail[-1] if detail else 'exit ' + str(result.returncode)}")
    return result.stderr if stderr else result.stdout
