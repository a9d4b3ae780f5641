"""Sentence splitting reads the normalizer's abbreviation tables, so a title stays with its name and is said in full."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audionews.model import Article, Block
from audionews.script.normalize import for_speech
from audionews.script.normalize import tables as data
from audionews.script.segments import make_script
from audionews.script.sentences import split_sentences
from conftest import examples

BEFORE_A_NAME = {
    **data.TITLES,
    **{f"{key}.": said for key, said in data.HONORIFICS.items()},
    **{f"{key}.": person for key, (person, _) in data.PLACE_OR_PERSON.items()},
}
"""Every abbreviation read before a name, with a full stop, and the word it is said as."""
BEFORE_A_NUMBER = {
    **{key: said for key, said in data.BEFORE_NUMBER.items() if key.endswith(".")},
    **{f"{key}.": month for key, month in data.MONTH_ABBREVIATIONS.items()},
}
ANYWHERE = {key: said for table in (data.AFTER_NAME, data.STREET_SUFFIXES, data.ABBREVIATIONS)
            for key, said in table.items() if key.endswith(".")}
ABBREVIATED = {key.removesuffix(".") for table in (BEFORE_A_NAME, BEFORE_A_NUMBER, ANYWHERE) for key in table}

LEADS = st.sampled_from(["", "Officials praised the troops. ", "It was a long day! ", "\u201cWe won,\u201d she said. "])
NAMES = st.from_regex(r"[A-Z][a-z]{2,10}", fullmatch=True).filter(
    lambda word: word not in ABBREVIATED and word not in data.SENTENCE_STARTERS)
"""A capitalized name; never a word the tables abbreviate ("St", "Mrs") or one that opens a sentence
("How", "When"), which is no name."""
STARTERS = st.sampled_from(sorted(data.SENTENCE_STARTERS - {"A", "I"}))
VERBS = st.sampled_from(["led the unit", "said so", "spoke on Friday", "arrived late", "won the vote"])


def _said(text: str) -> list[tuple[str, str]]:
    """Each sentence as written and as spoken, the way :func:`make_script` speaks a paragraph."""
    return [(sentence, for_speech(sentence)) for sentence in split_sentences(text)]


def _lead_sentences(lead: str) -> list[str]:
    return [lead.strip()] if lead else []


def _initial_like(key: str) -> bool:
    """"v.", "e.g.": letters each with a full stop read as initials, which never end a sentence."""
    return re.fullmatch(r"(?:[A-Za-z]\.)+", key) is not None


@pytest.mark.parametrize("abbreviation", sorted(BEFORE_A_NAME))
@settings(max_examples=examples(15), deadline=None)
@given(lead=LEADS, first=NAMES, last=NAMES, verb=VERBS)
def test_an_abbreviation_before_a_name_stays_with_it_and_is_said_in_full(
    abbreviation: str, lead: str, first: str, last: str, verb: str
) -> None:
    sentence = f"{abbreviation} {first} {last} {verb}."
    said = _said(f"{lead}{sentence}")
    assert [written for written, _ in said] == [*_lead_sentences(lead), sentence]
    assert f"{BEFORE_A_NAME[abbreviation]} {first} {last} " in said[-1][1]


@pytest.mark.parametrize("abbreviation", sorted(BEFORE_A_NUMBER))
@settings(max_examples=examples(10), deadline=None)
@given(lead=LEADS, n=st.integers(1, 28), name=NAMES)
def test_an_abbreviation_before_a_number_ends_a_sentence_only_before_anything_else(
    abbreviation: str, lead: str, n: int, name: str
) -> None:
    sentence = f"It was {abbreviation} {n} on the list."
    said = _said(f"{lead}{sentence}")
    assert [written for written, _ in said] == [*_lead_sentences(lead), sentence]
    assert f" {BEFORE_A_NUMBER[abbreviation]} " in said[-1][1]

    word = abbreviation.removesuffix(".")
    ending = f"It was {abbreviation} {name} said so."
    one_sentence = _initial_like(abbreviation) or abbreviation in BEFORE_A_NAME  # "p." an initial, "Sec." a title
    expected = [ending] if one_sentence else [f"It was {word}.", f"{name} said so."]
    assert split_sentences(ending) == expected


@pytest.mark.parametrize("abbreviation", sorted(ANYWHERE))
@settings(max_examples=examples(10), deadline=None)
@given(name=NAMES, following=NAMES, starter=STARTERS)
def test_an_abbreviation_after_a_word_ends_a_sentence_only_before_a_word_that_opens_one(
    abbreviation: str, name: str, following: str, starter: str
) -> None:
    inside = f"It went to {name} {abbreviation} {following} said so."
    assert split_sentences(inside) == [inside]

    ending = f"It went to {name} {abbreviation} {starter} rest came later."
    said = _said(ending)
    if _initial_like(abbreviation):
        assert [written for written, _ in said] == [ending]
    else:
        assert [written for written, _ in said] == [f"It went to {name} {abbreviation}", f"{starter} rest came later."]
        assert said[0][1].endswith(f"{ANYWHERE[abbreviation]}.")


@pytest.mark.parametrize("title, said", [
    ("Maj.", "Major"), ("Cpl.", "Corporal"), ("Fr.", "Father"), ("Pvt.", "Private"), ("Amb.", "Ambassador"),
    ("Asst.", "Assistant"), ("Atty.", "Attorney"), ("Msgr.", "Monsignor"), ("Sens.", "Senators"),
])
def test_a_script_says_a_title_in_full(title: str, said: str) -> None:
    article = Article(source="test", headline="Unit", byline=None, published=None, language="en",
                      blocks=(Block("paragraph", f"{title} Ana Ruiz led the unit."),))
    paragraph = make_script(article).segments[-1]
    assert [s.text for s in paragraph.sentences] == [f"{title} Ana Ruiz led the unit."]
    assert paragraph.sentences[0].spoken == f"{said} Ana Ruiz led the unit."


@pytest.mark.parametrize("text, sentences", [
    ("He said no. Then he left.", ["He said no.", "Then he left."]),
    ("It ranked No. 5 nationally.", ["It ranked No. 5 nationally."]),
    ("I met Jan. She was late.", ["I met Jan.", "She was late."]),
    ("On Jan. 5 they met.", ["On Jan. 5 they met."]),
    ("We sat in the sun. Then it rained.", ["We sat in the sun.", "Then it rained."]),
    ("I spoke to Ed. He agreed.", ["I spoke to Ed.", "He agreed."]),
    ("It was OK. Then it rained.", ["It was OK.", "Then it rained."]),
    ("Acme Inc. The firm grew.", ["Acme Inc.", "The firm grew."]),
    ("Acme Inc. Shares fell.", ["Acme Inc. Shares fell."]),
    ("Smith et al. Nature printed it.", ["Smith et al. Nature printed it."]),
    ("She grew up in Dover, Del. Her father farmed.", ["She grew up in Dover, Del.", "Her father farmed."]),
    ("Del. Ana Ruiz spoke.", ["Del. Ana Ruiz spoke."]),
    ("I was in St. Then it rained.", ["I was in St. Then it rained."]),  # "St." as a place's name: kept
    ("J. K. Rowling wrote it. Fans cheered.", ["J. K. Rowling wrote it.", "Fans cheered."]),
    ("It grew 3.5 percent. Prices fell.", ["It grew 3.5 percent.", "Prices fell."]),
    ("Really? Yes! \u201cGo.\u201d Then", ["Really?", "Yes!", "\u201cGo.\u201d", "Then"]),
])
def test_sentences_end_where_the_abbreviation_tables_say(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences
