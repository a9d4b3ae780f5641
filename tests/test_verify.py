"""``publish --verify``: each sentence of an English episode heard back offline (pocketsphinx)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, init_feed, invoke

FRENCH = """Le port accueille un nouveau parc éolien

Par Claire Dubois

Le conseil municipal a voté mardi soir pour le projet, après trois heures de débat animé entre les élus.

Les habitants du quartier du port craignaient pour la vue depuis la promenade et pour le bruit des machines.

Selon la mairie, les vingt éoliennes fourniront assez d'électricité pour quarante mille foyers de la région.

Les travaux commenceront au printemps prochain et dureront environ deux ans, selon les ingénieurs du chantier.
"""


def test_a_missing_recognizer_is_one_line_naming_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pocketsphinx", None)  # what Python does when it is not installed
    result = invoke(tmp_path / "feeds", "publish", "--verify", str(EXAMPLES / "library-late-fees.txt"))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "Error: verifying needs the offline recognizer pocketsphinx: pip install 'audionews[verify]'"]
    assert not (tmp_path / "feeds").exists()  # nothing made, nothing spoken


def test_a_non_english_episode_is_published_and_verification_skipped(tmp_path: Path) -> None:
    pytest.importorskip("pocketsphinx", reason="the verify extra")
    feeds = tmp_path / "feeds"
    init_feed(feeds, "ledger", "http://127.0.0.1:9/")
    source = tmp_path / "port.txt"
    source.write_text(FRENCH, encoding="utf-8")
    result = invoke(feeds, "publish", "-q", "--verify", str(source))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("added: ")
    assert lines[1:] == [f"{source}: verification is English-only (the article is 'fr'); skipped"]
    result = invoke(feeds, "publish", "-q", "--verify", "--json", str(source))
    assert json.loads(result.stdout)["verify"] is None  # unchanged: nothing new to hear


def test_the_silent_engine_has_nothing_to_verify(tmp_path: Path) -> None:
    pytest.importorskip("pocketsphinx", reason="the verify extra")
    feeds = tmp_path / "feeds"
    init_feed(feeds, "ledger", "http://127.0.0.1:9/")  # the silent engine: hums, no words
    source = EXAMPLES / "library-late-fees.txt"
    result = invoke(feeds, "publish", "-q", "--verify", str(source))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().splitlines()[1:] == [f"{source}: the silent engine speaks no words; nothing to verify"]


@pytest.mark.slow
def test_verify_hears_real_piper_speech_back(tmp_path: Path) -> None:
    pytest.importorskip("pocketsphinx", reason="the verify extra")
    feeds = tmp_path / "feeds"
    init_feed(feeds, "ledger", "http://127.0.0.1:9/", engine="piper")
    result = invoke(feeds, "publish", "-q", "--verify", "--json", str(EXAMPLES / "library-late-fees.txt"))
    assert result.exit_code == 0, result.stderr
    checked = json.loads(result.stdout)["verify"]
    heard = [score for score in checked["recalls"] if score is not None]
    assert len(heard) > 10
    assert sorted(heard)[len(heard) // 2] >= 0.6  # clean speech: most words of most sentences got through
    assert len(checked["unclear"]) <= len(heard) // 3  # piper varies run to run (its noise): 2 to 5 of 17 here
    for item in checked["unclear"]:
        assert item["recall"] < 0.5 and item["text"]
