"""The voice's pace kept between runs, so its first sentence need not wait for the calibration sentences.

It may not change what is heard: a speaker that recalls a voice's pace judges its sentences as one that
spoke the calibration sentences itself, and speaks the same audio; a pace recalled wrong is measured again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audionews.speech import paces
from audionews.speech.check import CALIBRATION
from audionews.speech.engines import Voice
from audionews.speech.engines.silent import SilentEngine
from audionews.speech.speaker import Speaker
from conftest import ENGINE, examples

SENTENCES = ["The ferry to the island is running again after a month of repairs.",
             "Boats leave every hour from seven in the morning, the harbor master said.",
             "Tickets cost less than they did last summer."]


class Counting(SilentEngine):
    """The silent engine, counting what it is asked to say."""

    def __init__(self, voice: Voice) -> None:
        super().__init__(voice)
        self.said: list[str] = []

    def synthesize(self, text: str):  # type: ignore[no-untyped-def]
        self.said.append(text)
        return super().synthesize(text)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "audionews" / paces.PACES_FILE


def _spoken(engine: Counting) -> list[bytes]:
    with Speaker(engine, jobs=1) as speaker:
        return [order.result().pcm for order in speaker.order_all(SENTENCES, "en")]


def test_a_voice_calibrated_once_is_not_calibrated_again_and_sounds_the_same(cache: Path) -> None:
    first = Counting(Voice(engine=ENGINE))
    heard = _spoken(first)
    assert sorted(first.said) == sorted([*CALIBRATION["en"], *SENTENCES])  # calibrated
    assert cache.is_file()

    again = Counting(Voice(engine=ENGINE))
    assert _spoken(again) == heard
    assert again.said == SENTENCES  # the pace recalled: only the article is spoken

    other = Counting(Voice(engine=ENGINE, speed=1.5))  # another identity: calibrated afresh
    _spoken(other)
    assert sorted(other.said) == sorted([*CALIBRATION["en"], *SENTENCES])


def test_a_recalled_pace_judges_as_the_one_learned(cache: Path) -> None:
    engine = Counting(Voice(engine=ENGINE))
    with Speaker(engine, jobs=1) as speaker:
        speaker.order_all(SENTENCES[:1], "en")[0].result()
        learned = speaker._checker("en").learned()
    with Speaker(Counting(Voice(engine=ENGINE)), jobs=1) as speaker:
        speaker.order_all(SENTENCES[:1], "en")[0].result()
        recalled = speaker._checker("en").learned()
    assert recalled == learned  # the same medians, so the same verdicts


VALUES = st.lists(st.floats(allow_nan=True, allow_infinity=True) | st.integers() | st.booleans() | st.text(max_size=3)
                  | st.none(), max_size=5)


@settings(max_examples=examples(60), deadline=None)
@given(entry=st.dictionaries(st.sampled_from(["paces", "levels", "other"]), VALUES | st.text(max_size=5), max_size=3)
       | st.text(max_size=10) | st.integers())
def test_any_cache_file_gives_a_pace_or_none(entry: object, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        (folder / "audionews").mkdir()
        (folder / "audionews" / paces.PACES_FILE).write_text(json.dumps({paces._key("silent:2:1", "en"): entry}),
                                                             encoding="utf-8")
        found = paces.recall("silent:2:1", "en")
    if found is not None:
        rates, levels = found
        assert rates and len(rates) == len(levels) and all(0 < r < 1 for r in rates)


@settings(max_examples=examples(40), deadline=None)
@given(rates=st.lists(st.floats(1e-4, 0.99), min_size=1, max_size=5), data=st.data())
def test_what_is_remembered_is_recalled(rates: list[float], data: st.DataObject,
                                        tmp_path_factory: pytest.TempPathFactory) -> None:
    levels = data.draw(st.lists(st.floats(-80, 0), min_size=len(rates), max_size=len(rates)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        paces.remember("voice:1", "fr", rates, levels)
        assert paces.recall("voice:1", "fr") == (rates, levels)
        assert paces.recall("voice:1", "de") is None


def test_a_cache_that_cannot_be_written_only_costs_the_calibration(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    engine = Counting(Voice(engine=ENGINE))
    _spoken(engine)
    assert paces.recall(engine.identity, "en") is None


@pytest.mark.parametrize("scale", [5.0, 0.2])
def test_a_wrong_pace_in_the_cache_is_learned_again_not_believed(cache: Path, scale: float) -> None:
    """A pace recalled that makes a sentence fail (a voice file replaced under the same name, a damaged
    cache) is measured again at once; what is heard and judged is what a first run would hear."""
    heard = _spoken(Counting(Voice(engine=ENGINE)))
    data = json.loads(cache.read_text(encoding="utf-8"))
    [entry] = data.values()
    learned = list(entry["paces"])
    entry["paces"] = [pace * scale for pace in learned]
    cache.write_text(json.dumps(data), encoding="utf-8")
    engine = Counting(Voice(engine=ENGINE))
    if scale > 1:  # too slow a pace: the first sentence fails, so the voice is calibrated again
        assert _spoken(engine) == heard
        assert sorted(set(engine.said)) == sorted({*CALIBRATION["en"], *SENTENCES})
        assert paces.recall(engine.identity, "en")[0] == pytest.approx(learned)  # the cache mended
    else:  # too quick a pace passes every sentence: no sentence is lost by it, only the check is blunter
        assert _spoken(engine) == heard


def test_no_home_and_a_relative_cache_folder_mean_no_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.delenv("HOME")
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: (_ for _ in ()).throw(RuntimeError("no home"))))
    assert paces.cache_folder() is None
    _spoken(Counting(Voice(engine=ENGINE)))  # speaks, calibrating each time
    assert not (tmp_path / "relative").exists()
