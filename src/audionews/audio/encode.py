"""MP3 encoding beside the synthesis: PCM goes into ffmpeg as each segment is ready.

Two ffmpeg processes run while the article is still being spoken: the encoder, which writes the
MP3 and copies it to a pipe, and a meter reading that pipe (BS.1770 loudness and true peak of
the file as players decode it). When the last segment is in, the file is written and measured
within moments. The PCM is also kept in a spool file beside the MP3, so the rare episode that
measures out of bounds is encoded again from it, never from the lossy MP3.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO

from audionews.audio.loudness import Measured, parse_ebur128
from audionews.errors import AudioError
from audionews.ffmpeg import ffmpeg_command, run_ffmpeg
from audionews.files import TEMP_PREFIX

__all__ = ["BITRATE", "SAMPLE_RATE", "Mp3Writer", "measure"]

SAMPLE_RATE = 44_100
BITRATE = "64k"
"""Mono, 44.1 kHz, 64 kbit/s CBR: speech needs no more, and every podcast app plays it. LAME's
quality 5 (its own default) rather than ffmpeg's 3: a third less CPU, the same loudness and peaks."""
METER = "ebur128=peak=true:framelog=quiet"


class Mp3Writer:
    """Encode 16-bit mono PCM at ``rate`` to an MP3 at ``path``, as it arrives; measure the result.

    ``stream``, if given, gets the MP3's bytes as the encoder makes them (from a thread of its own), a
    third copy from the same encoder, so ``audionews listen`` plays what the file holds while later
    sentences are still being spoken. (No Xing header there: a pipe cannot be rewritten at the end.)
    """

    def __init__(self, path: Path, rate: int, stream: Callable[[bytes], None] | None = None) -> None:
        self.path = path
        self.rate = rate
        self._streamer: threading.Thread | None = None
        outputs = [f"[f=mp3]{_tee_escaped(path)}", "[f=mp3]pipe:1"]
        read_end = write_end = -1
        if stream is not None:
            read_end, write_end = os.pipe()
            outputs.append(f"[f=mp3]pipe:{write_end}")
        try:
            # these live as long as the writer and are closed by close()
            self._spool: IO[bytes] = tempfile.NamedTemporaryFile(prefix=TEMP_PREFIX, suffix=".pcm", dir=path.parent)  # noqa: SIM115
            self._errors: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
            self._report: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
            self._encoder = subprocess.Popen(
                [*ffmpeg_command("error"), *self._pcm_input("pipe:0"), *_mp3_output(""),
                 "-f", "tee", "-map", "0:a", "|".join(outputs)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors,
                pass_fds=(write_end,) if stream is not None else ())
            self._meter = subprocess.Popen(
                [*ffmpeg_command("info"), "-f", "mp3", "-i", "pipe:0", "-af", METER, "-f", "null", "-"],
                stdin=self._encoder.stdout, stdout=subprocess.DEVNULL, stderr=self._report)
            if stream is not None:
                os.close(write_end)  # the encoder holds it now: its end is the stream's end
                write_end = -1
                self._streamer = threading.Thread(target=_copy, args=(read_end, stream), daemon=True)
                self._streamer.start()  # once started, the thread owns read_end (and closes it)
        except BaseException as exc:  # Ctrl+C too: nothing of a writer half made is left for later
            self.close()
            if write_end >= 0:
                os.close(write_end)
            if read_end >= 0 and (self._streamer is None or self._streamer.ident is None):
                os.close(read_end)
            if isinstance(exc, OSError):
                raise AudioError(f"cannot run ffmpeg ({exc})") from exc
            raise
        assert self._encoder.stdin and self._encoder.stdout  # both opened with PIPE
        self._input: IO[bytes] = self._encoder.stdin
        self._encoder.stdout.close()  # the meter holds the read end now

    def _pcm_input(self, source: str) -> list[str]:
        return ["-f", "s16le", "-ar", str(self.rate), "-ac", "1", "-i", source]

    def write(self, pcm: bytes) -> None:
        self._spool.write(pcm)
        try:
            self._input.write(pcm)
        except (BrokenPipeError, OSError) as exc:
            raise AudioError(f"ffmpeg failed ({self._failure(self._encoder, self._errors)})") from exc

    def finish(self) -> Measured:
        """Close the input, wait for the MP3 to be written, and return its loudness and true peak."""
        try:
            self._input.close()
        except OSError:
            pass
        if self._encoder.wait() != 0:
            raise AudioError(f"ffmpeg failed ({self._failure(self._encoder, self._errors)})")
        if self._streamer:
            self._streamer.join()  # every byte streamed before the episode is called finished
        if self._meter.wait() != 0:
            raise AudioError(f"measuring the MP3 failed ({self._failure(self._meter, self._report)})")
        self._report.seek(0)
        return parse_ebur128(self._report.read())

    def encode_again(self, gain_db: float) -> Measured:
        """Encode the spooled PCM once more with ``gain_db`` applied, and measure the new file."""
        self._spool.flush()
        volume = f"volume={gain_db:.2f}dB:precision=float,"
        run_ffmpeg([*self._pcm_input(self._spool.name), *_mp3_output(volume), "-f", "mp3", "-y", str(self.path)])
        return measure(self.path)

    def close(self) -> None:
        """Stop whatever still runs and remove the spool; safe to call more than once."""
        for process in (getattr(self, "_encoder", None), getattr(self, "_meter", None)):
            if process and process.poll() is None:
                process.kill()
                process.wait()
        if self._streamer and self._streamer.ident is not None:
            self._streamer.join()
        for name in ("_spool", "_errors", "_report"):  # any not made yet (close() from __init__) is skipped
            if (handle := getattr(self, name, None)) is not None:
                handle.close()

    def __enter__(self) -> Mp3Writer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @staticmethod
    def _failure(process: subprocess.Popen, log: IO[bytes]) -> str:
        process.wait()
        log.seek(0)
        lines = log.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else f"ffmpeg exit {process.returncode}"


def _copy(read_end: int, stream: Callable[[bytes], None]) -> None:
    """Hand what the encoder writes to ``read_end`` to ``stream`` until the encoder ends."""
    with open(read_end, "rb", buffering=0) as pipe:
        while chunk := pipe.read(65536):
            stream(chunk)


def measure(path: Path) -> Measured:
    """Integrated loudness and true peak of an audio file as a player decodes it (ffmpeg's BS.1770 meter)."""
    return parse_ebur128(run_ffmpeg(["-i", str(path), "-af", METER, "-f", "null", "-"], stderr=True))


def _mp3_output(filters: str) -> list[str]:
    return ["-af", f"{filters}aresample={SAMPLE_RATE}", "-ac", "1", "-ar", str(SAMPLE_RATE),
            "-c:a", "libmp3lame", "-b:a", BITRATE, "-compression_level", "5"]


def _tee_escaped(path: Path) -> str:
    """A path as the tee muxer's list syntax needs it: ``| [ ] \\ : '`` are special there."""
    text = str(path)
    for special in ("\\", "|", "[", "]", ":", "'"):
        text = text.replace(special, "\\" + special)
    return text
