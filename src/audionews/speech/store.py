"""Where installed voices live, and how Kokoro's model and voices get there.

Nothing is downloaded while speaking: a voice is installed once, by ``audionews voices install``,
into ``$AUDIONEWS_VOICES`` (or ``${XDG_DATA_HOME:-~/.local/share}/audionews/voices``). Kokoro's
folder holds two files: ``model.onnx`` and ``voices.npz`` (a NumPy archive of 510×1×256 style
arrays keyed by voice name, kokoro-onnx's own layout, so its loader reads it as it is).

Every file is checked before it is installed (the published SHA-256, or the arrays' shapes and
values) and written under a temporary name in the same folder, then renamed: an install that
fails, or is killed, leaves what was installed before. Installing the same files again changes nothing.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audionews.errors import ConfigError, FetchError
from audionews.files import TEMP_PREFIX, open_synced

if TYPE_CHECKING:
    import numpy

__all__ = [
    "KOKORO_LANGUAGES",
    "KOKORO_MODELS",
    "MODEL_FILE",
    "MODEL_SHA256",
    "RELEASE_URL",
    "ROUGH_LANGUAGES",
    "URL_ENV",
    "VOICES_ENV",
    "VOICES_FILE",
    "VOICES_SHA256",
    "Installed",
    "file_sha256",
    "install_kokoro",
    "kokoro_folder",
    "kokoro_model",
    "kokoro_voices",
    "kokoro_voices_file",
    "model_digest",
    "voices_home",
]

VOICES_ENV = "AUDIONEWS_VOICES"
"""Where installed voices live, when set."""
URL_ENV = "AUDIONEWS_KOKORO_URL"
"""Where ``audionews voices install kokoro`` downloads from, when set (a mirror; the tests' own server)."""
RELEASE_URL = "https://github.com/thewh1teagle/kokoro-onnx/releases/download/model-files-v1.0"
"""kokoro-onnx's release of the Kokoro-82M v1.0 model files (its README links them)."""
MODEL_FILE = "kokoro-v1.0.int8.onnx"
MODEL_SHA256 = "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"
"""The int8 model: 92 MB, and faster on a CPU than the 310 MB float one for the same words."""
VOICES_FILE = "voices-v1.0.bin"
VOICES_SHA256 = "bca610b8308e8d99f32e6fe4197e7ec01679264efed0cac9140fe9c29f1fbf7d"
"""The 54 voices of v1.0, 28,214,398 bytes (the hash projects that pin this release publish)."""
KOKORO_MODELS = {
    MODEL_SHA256: "kokoro-v1.0.int8.onnx",
    "7d5df8ecf7d4b1878015a32686053fd0eebe2bc377234608764cc0ef3636a6c5": "kokoro-v1.0.onnx",
}
"""The published v1.0 models, by SHA-256: installed from a file without loading them first."""

KOKORO_LANGUAGES = {
    # prefix: (BCP 47 tag, espeak-ng language for the phonemes, the language's name, its default voice)
    "a": ("en-us", "en-us", "American English", "af_heart"),
    "b": ("en-gb", "en-gb", "British English", "bf_emma"),
    "e": ("es", "es", "Spanish", "ef_dora"),
    "f": ("fr", "fr-fr", "French", "ff_siwis"),
    "h": ("hi", "hi", "Hindi", "hf_alpha"),
    "i": ("it", "it", "Italian", "if_sara"),
    "j": ("ja", "ja", "Japanese", "jf_alpha"),
    "p": ("pt-br", "pt-br", "Brazilian Portuguese", "pf_dora"),
    "z": ("zh", "cmn", "Mandarin Chinese", "zf_xiaobei"),
}
"""What the first letter of a Kokoro voice's name says (the second is f or m: female or male)."""
ROUGH_LANGUAGES = frozenset({"j", "z"})
"""Japanese and Mandarin: Kokoro learned them from another front end (misaki), and espeak-ng reads no
kanji ("Japanese letter"), so an article in either is read by these voices only where the feed names one."""
VOICE_NAME = re.compile(r"^([a-z])([fm])_([a-z0-9]+)$")
VOICE_ROWS, VOICE_WIDTH = 510, 256
"""A voice is one 256-wide style vector per phoneme count, up to the model's 510 phonemes."""
RAW_VOICE_BYTES = VOICE_ROWS * VOICE_WIDTH * 4
"""kokoro-js's ``voices/<name>.bin``: the same arrays as raw little-endian float32."""
MAX_DOWNLOAD = 512 * 1024 * 1024
CONNECT_TIMEOUT = 10
READ_TIMEOUT = 60
TOTAL_TIMEOUT = 30 * 60
"""Seconds a whole download may take: 120 MB over a slow line, not a stalled one forever."""


def voices_home() -> Path:
    """Where installed voices live: ``$AUDIONEWS_VOICES``, else the XDG data folder."""
    chosen = os.environ.get(VOICES_ENV)
    if chosen:
        return Path(chosen).expanduser()
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data).expanduser() / "audionews" / "voices"


def kokoro_folder() -> Path:
    return voices_home() / "kokoro"


def kokoro_model() -> Path:
    return kokoro_folder() / "model.onnx"


def kokoro_voices_file() -> Path:
    return kokoro_folder() / "voices.npz"


def kokoro_voices() -> dict[str, int]:
    """The installed Kokoro voices, each with its array's CRC-32 (read from the archive's index, so
    listing voices loads nothing and a voice installed again with other values has another identity)."""
    try:
        with zipfile.ZipFile(kokoro_voices_file()) as archive:
            return {info.filename[:-4]: info.CRC for info in archive.infolist() if info.filename.endswith(".npy")}
    except (OSError, zipfile.BadZipFile):
        return {}


@dataclass(frozen=True)
class Installed:
    """What an install put in place."""

    model: str | None
    """The model's published name, or its SHA-256 when it is not a published one; None: none this time."""
    voices: tuple[str, ...]


# -- installing ------------------------------------------------------------------------------------

def install_kokoro(sources: Sequence[Path] = (), url: str | None = None,
                   progress: Callable[[str], None] = lambda _: None) -> Installed:
    """Install Kokoro's model and voices: from ``sources`` (files or folders), or else downloaded
    from ``url`` (:data:`URL_ENV`, or the official release). All is checked before anything is installed."""
    folder = kokoro_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the voice folder ({exc.strerror or exc})", str(folder)) from exc
    with _staging(folder) as temp:
        if sources:
            model, voices = _from_files(sources, temp)
        else:
            model, voices = _download(url or os.environ.get(URL_ENV) or RELEASE_URL, temp, progress)
        if voices:
            installed = _read_archive(kokoro_voices_file(), quiet=True)
            _write_archive({**installed, **voices}, temp("voices"))
        # all checked: now into place, the voices first, so a model never stands without them for long
        if voices:
            os.replace(temp("voices"), kokoro_voices_file())
        if model is not None:
            os.replace(temp("model"), kokoro_model())
    return Installed(KOKORO_MODELS.get(model, model) if model else None, tuple(sorted(voices)))


@contextlib.contextmanager
def _staging(folder: Path) -> Iterator[Callable[[str], Path]]:
    """Temporary file names in ``folder`` (so the final rename stays on one filesystem), removed after."""
    made: dict[str, Path] = {}
    stamp = f"{TEMP_PREFIX}{os.getpid()}-{time.monotonic_ns()}"

    def temp(role: str) -> Path:
        return made.setdefault(role, folder / f"{stamp}-{role}")

    try:
        yield temp
    finally:
        for path in made.values():
            path.unlink(missing_ok=True)


def _download(base: str, temp: Callable[[str], Path],
              progress: Callable[[str], None]) -> tuple[str | None, dict[str, numpy.ndarray]]:
    """The release's model (unless the one installed is it) and voices, each checked against its SHA-256."""
    base = base.rstrip("/")
    model: str | None = None
    if file_sha256(kokoro_model()) != MODEL_SHA256:
        progress(f"downloading {MODEL_FILE}")
        _fetch(f"{base}/{MODEL_FILE}", temp("model"), MODEL_SHA256)
        model = MODEL_SHA256
    progress(f"downloading {VOICES_FILE}")
    _fetch(f"{base}/{VOICES_FILE}", temp("download"), VOICES_SHA256)
    return model, _read_archive(temp("download"), source=f"{base}/{VOICES_FILE}")


def _fetch(url: str, target: Path, sha256: str) -> None:
    """Download ``url`` to ``target``, with timeouts and a size cap; a different SHA-256 is an error."""
    import requests

    from audionews.urls import check_url

    url = check_url(url)
    digest = hashlib.sha256()
    deadline = time.monotonic() + TOTAL_TIMEOUT
    try:
        with requests.get(url, stream=True, timeout=(CONNECT_TIMEOUT, READ_TIMEOUT)) as answer:
            if answer.status_code != 200:
                raise FetchError(f"HTTP {answer.status_code}", url)
            with open_synced(target) as out:
                size = 0
                for chunk in answer.iter_content(1 << 20):
                    size += len(chunk)
                    if size > MAX_DOWNLOAD or time.monotonic() > deadline:
                        raise FetchError("too large or too slow: stopped", url)
                    digest.update(chunk)
                    out.write(chunk)
    except requests.RequestException as exc:
        raise FetchError(f"cannot download ({type(exc).__name__})", url) from exc
    except OSError as exc:
        raise ConfigError(f"cannot write the download ({exc.strerror or exc})", str(target.parent)) from exc
    if digest.hexdigest() != sha256:
        raise FetchError(f"SHA-256 {digest.hexdigest()[:16]}… is not the published {sha256[:16]}…; "
                         "nothing installed", url)


def _from_files(sources: Sequence[Path], temp: Callable[[str], Path]) -> tuple[str | None, dict[str, numpy.ndarray]]:
    """The model and voices found in ``sources``, each checked; the model copied to ``temp("model")``."""
    models: list[Path] = []
    voices: dict[str, numpy.ndarray] = {}
    for source in sources:
        found = _found_in(source)
        if not found:
            raise ConfigError("no Kokoro model (.onnx) or voices (voices-v1.0.bin, .npz, voices/<name>.bin) here",
                              str(source))
        for kind, path in found:
            if kind == "model":
                models.append(path)
            elif kind == "archive":
                voices.update(_read_archive(path))
            else:
                voices[path.stem] = _read_raw_voice(path)
    if len(models) > 1:
        raise ConfigError(f"more than one model given ({', '.join(str(m) for m in models)}): give one")
    model = _copy_model(models[0], temp("model")) if models else None
    return model, voices


def _found_in(source: Path) -> list[tuple[str, Path]]:
    """What ``source`` holds: ("model" | "archive" | "raw", path) for each file of interest."""
    if source.is_dir():
        found = []
        for path in sorted(source.iterdir()):
            voices_folder = path.is_dir() and path.name == "voices"
            voice_file = path.is_file() and (path.suffix == ".onnx" or _is_archive(path)
                                             or (path.suffix == ".bin" and bool(VOICE_NAME.match(path.stem))))
            if voices_folder or voice_file:
                found += _found_in(path)
        return found
    if not source.is_file():
        raise ConfigError("no such file or folder", str(source))
    if source.suffix == ".onnx":
        return [("model", source)]
    if _is_archive(source):
        return [("archive", source)]
    if source.suffix == ".bin":
        return [("raw", source)]
    raise ConfigError("not a Kokoro model (.onnx) or voices file (.npz, .bin)", str(source))


def _is_archive(path: Path) -> bool:
    return path.suffix in (".npz", ".bin") and zipfile.is_zipfile(path)


def _copy_model(source: Path, target: Path) -> str:
    """Copy the model, and return its SHA-256. A published model is known by its hash; another file is
    accepted only if onnxruntime loads it and it takes Kokoro's inputs (an export of one's own), as a
    voice installed for it must fit it."""
    digest = hashlib.sha256()
    try:
        with open(source, "rb") as data, open_synced(target) as out:
            for chunk in iter(lambda: data.read(1 << 20), b""):
                digest.update(chunk)
                out.write(chunk)
    except OSError as exc:
        raise ConfigError(f"cannot copy the model ({exc.strerror or exc})", str(source)) from exc
    sha256 = digest.hexdigest()
    if sha256 not in KOKORO_MODELS:
        _check_model(target, str(source))
    return sha256


def _check_model(path: Path, source: str) -> None:
    try:
        import onnxruntime

        session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        inputs = {given.name for given in session.get_inputs()}
    except Exception as exc:
        raise ConfigError(f"not a Kokoro model: onnxruntime cannot load it ({str(exc)[:80]})", source) from exc
    if not ({"style", "speed"} <= inputs and inputs & {"tokens", "input_ids"}):
        raise ConfigError(f"not a Kokoro model: its inputs are {', '.join(sorted(inputs))}, not tokens, style "
                          "and speed", source)


def _read_raw_voice(path: Path) -> numpy.ndarray:
    """A kokoro-js voice: 510×256 raw float32, named by its file."""
    import numpy as np

    _check_name(path.stem, str(path))
    try:
        size = path.stat().st_size
        if size != RAW_VOICE_BYTES:
            raise ConfigError(f"{size} bytes, not a Kokoro voice's {RAW_VOICE_BYTES} (510×256 float32)", str(path))
        values = np.fromfile(path, dtype="<f4")
    except OSError as exc:
        raise ConfigError(f"cannot read ({exc.strerror or exc})", str(path)) from exc
    return _checked(values.reshape(VOICE_ROWS, 1, VOICE_WIDTH), str(path))


def _read_archive(path: Path, source: str | None = None, quiet: bool = False) -> dict[str, numpy.ndarray]:
    """Every voice in a NumPy archive (kokoro-onnx's voices-v1.0.bin), each checked. ``quiet``: the one
    installed now, read to add to; if it is missing or damaged, start afresh."""
    import numpy as np

    name = source or str(path)
    try:
        with np.load(path, allow_pickle=False) as archive:
            voices = {}
            for key in archive.files:
                _check_name(key, f"{name}: {key}")
                voices[key] = _checked(archive[key], f"{name}: {key}")
    except ConfigError:
        if quiet:
            return {}
        raise
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        if quiet:
            return {}
        raise ConfigError(f"not a NumPy voices archive ({str(exc)[:80]})", name) from exc
    if not voices and not quiet:
        raise ConfigError("holds no voices", name)
    return voices


def _check_name(name: str, source: str) -> None:
    found = VOICE_NAME.match(name)
    if not found or found.group(1) not in KOKORO_LANGUAGES:
        raise ConfigError(f"{name!r} is not a Kokoro voice name (like af_heart: language letter, f or m, _name)",
                          source)


def _checked(values: Any, source: str) -> numpy.ndarray:
    """A voice's style arrays as (510, 1, 256) float32, all finite."""
    import numpy as np

    values = np.asarray(values)
    if values.dtype.kind != "f" or values.size != VOICE_ROWS * VOICE_WIDTH or values.shape[0] != VOICE_ROWS:
        raise ConfigError(f"shape {values.shape} {values.dtype}, not a Kokoro voice's 510×1×256 float32", source)
    values = values.astype(np.float32).reshape(VOICE_ROWS, 1, VOICE_WIDTH)
    if not np.isfinite(values).all():
        raise ConfigError("holds values that are not finite numbers (NaN or infinity)", source)
    return values


def _write_archive(voices: dict[str, numpy.ndarray], target: Path) -> None:
    """An uncompressed NumPy archive, as kokoro-onnx publishes its own, put on disk before it is renamed."""
    import numpy as np

    try:
        with open_synced(target) as out:
            savez: Any = np.savez  # its stubs read the voices' names as its own keywords
            savez(out, **dict(sorted(voices.items())))
    except OSError as exc:
        raise ConfigError(f"cannot write the voices ({exc.strerror or exc})", str(target.parent)) from exc


def model_digest(path: str | Path) -> str:
    """The SHA-256 of a model file (a fifth of a second for Kokoro's), once per process and version of the
    file (its size and time); "" if it cannot be read."""
    try:
        found = os.stat(path)
    except (OSError, TypeError, ValueError):
        return ""
    return _digest(str(path), found.st_size, found.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _digest(path: str, size: int, modified: int) -> str:
    return file_sha256(Path(path)) or ""


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of a file, read a megabyte at a time; None if it cannot be read."""
    try:
        with open(path, "rb") as data:
            digest = hashlib.sha256()
            for chunk in iter(lambda: data.read(1 << 20), b""):
                digest.update(chunk)
            return digest.hexdigest()
    except OSError:
        return None

