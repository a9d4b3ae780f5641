"""``audionews build``: what it loads, and the feed it writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PIPELINE_ONLY = ("numpy", "scipy", "PIL", "piper", "onnxruntime", "pydub", "mutagen", "trafilatura", "requests",
                 "httpx", "uvicorn", "starlette", "feedparser", "num2words")
"""Modules of speech, audio, fetching, extraction and serving: building the feed needs none of them."""


def loaded_modules(*args: str) -> set[str]:
    """Top-level modules loaded by ``python -m audionews.cli ARGS``, in a process of its own."""
    code = ("import atexit, runpy, sys\n"
            "atexit.register(lambda: print(' '.join(sorted({m.split('.')[0] for m in sys.modules}))))\n"
            "sys.argv[0] = 'audionews'\n"
            "runpy.run_module('audionews.cli', run_name='__main__')\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_cli_starts_without_the_pipeline() -> None:
    loaded = loaded_modules("--help")
    assert "click" in loaded
    assert loaded.isdisjoint(PIPELINE_ONLY), sorted(loaded & set(PIPELINE_ONLY))


def test_build_loads_no_speech_audio_or_extraction(feed_copy: Path) -> None:
    loaded = loaded_modules("--feeds-dir", str(feed_copy), "build")
    assert {"feedgen", "lxml", "sqlite3"} <= loaded
    assert loaded.isdisjoint(PIPELINE_ONLY), sorted(loaded & set(PIPELINE_ONLY))
