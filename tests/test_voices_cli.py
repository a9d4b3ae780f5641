"""``audionews voices``: installing Kokoro from files and from a real HTTP server, listing, and samples.

Installs are checked before anything is put in place: a bad file is one line naming it, and the voice
folder is as it was. The model and voices are the real ones (conftest's ``kokoro_files``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audionews.speech.store import MODEL_FILE, VOICES_ENV, VOICES_FILE, VOICES_SHA256
from conftest import decoded_seconds, examples, invoke, snapshot


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty voice folder of this test's own."""
    folder = tmp_path / "voices"
    monkeypatch.setenv(VOICES_ENV, str(folder))
    return folder


def _voices(*args: str) -> tuple[int, str, str]:
    result = invoke(Path("feeds"), "voices", *args)
    return result.exit_code, result.stdout, result.stderr


def _error_line(stderr: str) -> str:
    """The one line the error is, after any progress lines."""
    lines = stderr.strip().splitlines()
    assert lines and lines[-1].startswith("Error: "), stderr
    assert sum(line.startswith("Error") for line in lines) == 1, stderr
    return lines[-1]


def _listed(language: str | None = None) -> list[dict]:
    code, out, err = _voices("list", "--json")
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    return [r for r in records if r["engine"] == "kokoro" and (language is None or r["language"] == language)]


@pytest.fixture(scope="module")
def archive(kokoro_files: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """kokoro-onnx's layout: one NumPy archive of every voice, made from kokoro-js's files."""
    path = tmp_path_factory.mktemp("archive") / VOICES_FILE
    voices = {f.stem: np.fromfile(f, dtype="<f4").reshape(510, 1, 256) for f in sorted(kokoro_files[1].glob("*.bin"))}
    with open(path, "wb") as out:
        np.savez(out, **voices)
    return path


# -- from files -------------------------------------------------------------------------------------------

def test_model_from_one_place_and_voices_from_another(home: Path, kokoro_files: tuple[Path, Path]) -> None:
    model, voices = kokoro_files
    code, out, err = _voices("install", "kokoro", "--from", str(model), "--from", str(voices))
    assert code == 0, err
    assert "kokoro-v1.0.int8.onnx" in out and "54 Kokoro voices" in out
    french = _listed("fr")
    assert [r["voice"] for r in french] == ["ff_siwis"]
    assert french[0]["description"].startswith("French, female (Siwis")
    assert next(r["voice"] for r in _listed("es")) == "ef_dora"
    code, plain, _ = _voices("list")
    assert code == 0
    assert "fr  kokoro  ff_siwis  French, female (Siwis; the default)" in plain.splitlines()
    languages = [line.split()[0] for line in plain.splitlines()]
    assert languages == sorted(languages)  # grouped by language
    # installed once more, the same: nothing changes
    before = snapshot(home)
    code, _, err = _voices("install", "kokoro", "--from", str(model), "--from", str(voices))
    assert code == 0, err
    assert snapshot(home) == before


def test_voices_in_kokoro_onnx_layout_and_the_official_bytes(home: Path, kokoro_files: tuple[Path, Path],
                                                              archive: Path) -> None:
    code, _out, err = _voices("install", "kokoro", "--from", str(kokoro_files[0]), "--from", str(archive))
    assert code == 0, err
    assert len(_listed()) == 54
    assert {r["language"] for r in _listed()} == {"en-us", "en-gb", "es", "fr", "hi", "it", "ja", "pt-br", "zh"}


def test_a_folder_holding_both(home: Path, kokoro_files: tuple[Path, Path], tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    (folder / "voices").mkdir(parents=True)
    shutil.copy(kokoro_files[0], folder / MODEL_FILE)
    for name in ("ff_siwis", "ef_dora"):
        shutil.copy(kokoro_files[1] / f"{name}.bin", folder / "voices")
    code, _out, err = _voices("install", "kokoro", "--from", str(folder))
    assert code == 0, err
    assert [r["voice"] for r in _listed()] == ["ef_dora", "ff_siwis"]
    # voices added later join those installed
    code, _, err = _voices("install", "kokoro", "--from", str(kokoro_files[1] / "af_heart.bin"))
    assert code == 0, err
    assert [r["voice"] for r in _listed()] == ["af_heart", "ef_dora", "ff_siwis"]


def test_voices_without_a_model_speak_nothing_yet(home: Path, kokoro_files: tuple[Path, Path]) -> None:
    code, _, err = _voices("install", "kokoro", "--from", str(kokoro_files[1]))
    assert code == 0, err
    assert _listed() == []  # no model: no voice can speak


def _bad_voice_cases(tmp_path: Path, voices: Path) -> list[tuple[Path, str]]:
    short = tmp_path / "af_short.bin"
    short.write_bytes((voices / "af_heart.bin").read_bytes()[:-4])
    nan = tmp_path / "af_nan.bin"
    values = np.fromfile(voices / "af_heart.bin", dtype="<f4")
    values[1000] = np.nan
    values.tofile(nan)
    wrong_name = tmp_path / "xx_heart.bin"
    shutil.copy(voices / "af_heart.bin", wrong_name)
    flat = tmp_path / "flat.npz"
    np.savez(flat, af_flat=np.zeros((255, 512), dtype=np.float32))
    pickled = tmp_path / "objects.npz"
    np.savez(pickled, af_obj=np.array([{"a": 1}], dtype=object))
    model = tmp_path / "kokoro-v1.0.int8.onnx"
    model.write_bytes(b"not a model at all")
    return [(short, "af_short.bin"), (nan, "af_nan.bin"), (wrong_name, "xx_heart"), (flat, "af_flat"),
            (pickled, "objects.npz"), (model, "kokoro-v1.0.int8.onnx")]


def test_a_bad_file_is_one_line_naming_it_and_nothing_is_installed(home: Path, kokoro_files: tuple[Path, Path],
                                                                   tmp_path: Path) -> None:
    model, voices = kokoro_files
    assert _voices("install", "kokoro", "--from", str(model), "--from", str(voices / "af_heart.bin"))[0] == 0
    before = snapshot(home)
    for bad, named in _bad_voice_cases(tmp_path, voices):
        # with a good model and a good voice beside it: all or nothing
        code, _out, err = _voices("install", "kokoro", "--from", str(voices / "ff_siwis.bin"), "--from", str(bad))
        assert code == 1
        assert named in _error_line(err)
        assert snapshot(home) == before, bad  # nothing installed, no temporary file left


@given(rows=st.sampled_from([1, 509, 510, 511]), width=st.sampled_from([255, 256]),
       dtype=st.sampled_from(["<f4", "<f8", "<i4"]), poison=st.sampled_from([None, np.nan, np.inf, -np.inf]),
       name=st.sampled_from(["af_test", "zm_test", "qf_test", "af-test", "AF_TEST"]))
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_archive_installs_only_if_it_holds_kokoro_voices(home: Path, tmp_path: Path, rows: int, width: int,
                                                             dtype: str, poison: float | None, name: str) -> None:
    values = np.full((rows, 1, width), 0.25).astype(dtype)
    if poison is not None and values.dtype.kind == "f":
        values[rows // 2, 0, 7] = poison
    path = tmp_path / "voices.npz"
    np.savez(path, **{name: values})
    shutil.rmtree(home, ignore_errors=True)
    code, out, err = _voices("install", "kokoro", "--from", str(path))
    fits = (rows, width) == (510, 256) and dtype != "<i4" and poison is None and name in ("af_test", "zm_test")
    if fits:
        assert code == 0, err
        assert name in out
    else:
        assert code == 1
        assert str(path) in _error_line(err)
        assert not (home / "kokoro" / "voices.npz").exists()


def test_nothing_to_install_here(home: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = _voices("install", "kokoro", "--from", str(tmp_path / "empty"))
    assert code == 1 and "no Kokoro model" in _error_line(err)


# -- from the release URL (a real server on 127.0.0.1) ------------------------------------------------------

@pytest.fixture
def release(kokoro_files: tuple[Path, Path], archive: Path, tmp_path: Path) -> Path:
    """A folder laid out as kokoro-onnx's release is, with its files' published bytes."""
    import hashlib

    if hashlib.sha256(archive.read_bytes()).hexdigest() != VOICES_SHA256:
        pytest.skip("numpy here writes the voices archive in other bytes than the published voices-v1.0.bin")
    folder = tmp_path / "release"
    folder.mkdir()
    shutil.copy(kokoro_files[0], folder / MODEL_FILE)
    shutil.copy(archive, folder / VOICES_FILE)
    return folder


def test_install_downloads_and_checks_the_release(home: Path, release: Path, serve) -> None:
    server = serve(release)
    code, out, err = _voices("install", "kokoro", "--url", server.url())
    assert code == 0, err
    assert "kokoro-v1.0.int8.onnx" in out and "54 Kokoro voices" in out
    assert len(_listed()) == 54
    before = snapshot(home)
    code, out, err = _voices("install", "kokoro", "--url", server.url(), "-q")
    assert code == 0, err
    assert "model" not in out  # the installed model is the published one: not downloaded again
    assert snapshot(home) == before


@pytest.mark.parametrize("damaged", [MODEL_FILE, VOICES_FILE])
def test_a_download_with_the_wrong_hash_installs_nothing(home: Path, release: Path, serve, damaged: str) -> None:
    data = bytearray((release / damaged).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (release / damaged).write_bytes(bytes(data))
    server = serve(release)
    code, _, err = _voices("install", "kokoro", "--url", server.url())
    assert code == 1
    line = _error_line(err)
    assert damaged in line and "SHA-256" in line
    assert [p.name for p in (home / "kokoro").iterdir()] == []  # nothing installed, no temporary file left


def test_an_unreachable_server_is_one_line(home: Path, serve, tmp_path: Path) -> None:
    server = serve(tmp_path)  # serves an empty folder: 404
    code, _, err = _voices("install", "kokoro", "--url", server.url())
    assert code == 1 and "HTTP 404" in _error_line(err)


# -- samples ----------------------------------------------------------------------------------------------

def test_a_sample_of_a_voice_not_installed_is_one_line(home: Path, tmp_path: Path) -> None:
    code, _, err = _voices("sample", "ff_siwis", "-o", str(tmp_path / "x.mp3"))
    assert code == 1 and "ff_siwis" in _error_line(err)
    assert not (tmp_path / "x.mp3").exists()


@pytest.mark.slow
def test_a_sample_in_the_voices_own_language(kokoro_installed, tmp_path: Path) -> None:
    out = tmp_path / "siwis.mp3"
    code, printed, err = _voices("sample", "ff_siwis", "-o", str(out))
    assert code == 0, err
    assert printed.startswith(str(out))
    assert 2.0 < decoded_seconds(out) < 30.0


def test_a_missing_path_is_one_line_naming_it(home: Path, tmp_path: Path) -> None:
    code, _, err = _voices("install", "kokoro", "--from", str(tmp_path / "nowhere"))
    assert code == 1 and "nowhere" in _error_line(err) and "no such file" in _error_line(err)
