"""Text normalization for speech: a table of written → spoken cases, and the script keeps both."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from audionews.model import Block
from audionews.script.normalize import doubts, for_speech
from audionews.script.normalize.base import year
from audionews.script.normalize.rules import ENGLISH_RULES, locale_of
from audionews.script.segments import make_script
from factories import article

CORPUS = Path(__file__).resolve().parent / "data" / "normalize_en.tsv"


def _cases() -> list:
    cases = []
    for number, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, language, written, spoken = line.split("\t")
        name = re.sub(r"\s+", "_", written[:40])
        cases.append(pytest.param(language, written, spoken, id=f"{kind}-{language}-L{number}-{name}"))
    return cases


@pytest.mark.parametrize("language, written, spoken", _cases())
def test_corpus(language: str, written: str, spoken: str) -> None:
    assert for_speech(written, language) == spoken


def test_corpus_is_large_and_covers_every_class() -> None:
    rows = [line.split("\t") for line in CORPUS.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    assert len(rows) >= 300
    kinds = {row[0] for row in rows}
    assert {"cardinal", "ordinal", "decimal", "negative", "range", "percent", "currency", "date", "year", "time",
            "phone", "roman", "title", "abbreviation", "party", "initialism", "acronym", "web", "reference",
            "pause", "symbol", "other"} <= kinds


def test_normalizing_twice_changes_nothing_more() -> None:
    for param in _cases():
        language, _, spoken = param.values
        assert for_speech(spoken, language) == spoken, spoken


@pytest.mark.parametrize("n, said", [(1990, "nineteen ninety"), (2000, "two thousand"), (2009, "two thousand nine"),
                                     (2025, "twenty twenty-five"), (1905, "nineteen oh five"),
                                     (1900, "nineteen hundred"), (1066, "ten sixty-six"), (999, "nine hundred ninety-nine")])
def test_years(n: int, said: str) -> None:
    assert year(n, locale_of("en")) == said


def test_rules_run_in_one_explicit_order() -> None:
    names = [rule.__name__ for rule in ENGLISH_RULES]
    assert names.index("_urls") < names.index("_abbreviations") < names.index("_numbers")
    assert names.index("_emails") < names.index("_urls")
    assert names.index("_roman_numerals") < names.index("_initialisms")
    assert names[-1] == "_tidy"


def test_script_keeps_written_text_and_speaks_normalized_text() -> None:
    script = make_script(article(
        "Sen. Alex Padilla (D-CA) said the money arrived on Jan. 5.",
        Block("heading", "World War II records"),
        headline="FBI opens inquiry into a $5.2M grant", byline="Sam Lee", published=dt.date(2025, 6, 13),
        language="en-US",
    ))
    headline, byline, paragraph, heading = script.segments
    assert headline.text == "FBI opens inquiry into a $5.2M grant."
    assert headline.spoken == "F B I opens inquiry into a five point two million dollar grant."
    assert headline.chapter == "FBI opens inquiry into a $5.2M grant"
    assert byline.text == "By Sam Lee. Friday, June 13, 2025."
    assert byline.spoken == "By Sam Lee. Friday, June thirteenth, twenty twenty-five."
    assert paragraph.text == "Sen. Alex Padilla (D-CA) said the money arrived on Jan. 5."
    assert paragraph.spoken == "Senator Alex Padilla, Democrat of California, said the money arrived on January fifth."
    assert heading.text == "World War II records."
    assert heading.spoken == "World War Two records."


def test_other_languages_are_left_nearly_untouched() -> None:
    """A language with no rules of its own (French, Spanish, German, Italian, Portuguese have theirs)."""
    text = "Op 13 juni betaalde de NAVO 5 € — volgens de IRS [1] 🎉."
    assert for_speech(text, "nl") == "Op 13 juni betaalde de NAVO 5 €, volgens de IRS."


def test_doubts_name_words_no_table_knows() -> None:
    found = {d.word: d for d in doubts(["The XKQ and the ZORB met NATO and the FBI (D-CA) at 9 a.m. ET on 6/13.",
                                        "A 1500 plan, in 1990 and on June 13, 2025; 1/2 of them."], "en")}
    assert found["XKQ"].spoken == "X K Q"
    assert found["XKQ"].reason.startswith("capitals in no list")
    assert found["ZORB"].spoken == "ZORB"
    assert "NATO" not in found and "FBI" not in found
    assert found["1500"].reason.startswith("four-digit number")
    assert found["1500"].spoken == "fifteen hundred"
    assert "6/13" in found
    assert set(found) == {"XKQ", "ZORB", "1500", "6/13"}
    assert doubts(["Der XKQ kommt."], "de") == []


@pytest.mark.slow
@pytest.mark.parametrize("spoken, said_as_letter", [("the A P report", True), ("N A S A", True), ("the U A W strike", True),
                                              ("A U S official said", False), ("A B C", False)])
def test_piper_says_a_spelled_letter_a_as_ay(spoken: str, said_as_letter: bool) -> None:
    """espeak reads "A" before another letter as the article; the piper engine joins a spelled A to the next letter."""
    from audionews.speech.engines.piper import _load, _model_path, for_espeak

    voice = _load(_model_path(""), 0)
    phonemes = "".join(sum(voice.phonemize(for_espeak(spoken)), []))
    assert ("eɪ" in phonemes.split(" ")[spoken.split(" ").index("A")]) is said_as_letter, phonemes


def test_doubts_name_names_spelled_unlike_english() -> None:
    found = {d.word for d in doubts(["The council met Nguyen Van Thieu and Fritz von Weizsäcker on Monday.",
                                     "Then Xi met Aoife Byrne at the Manning House with John Young and Maria Okafor."])}
    assert {"Nguyen", "Thieu", "Weizsäcker", "Xi", "Aoife"} <= found
    assert not found & {"Monday", "Fritz", "Byrne", "Manning", "House", "John", "Young", "Maria", "Okafor", "The"}
