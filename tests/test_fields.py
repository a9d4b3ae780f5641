"""Table tests of the small field extractors."""

from __future__ import annotations

import datetime as dt

import pytest

from audionews.extract.fields import (
    clean_byline,
    clean_headline,
    find_date,
    guess_language,
    is_dateline,
    looks_like_handle,
    looks_like_name,
)
from factories import article


@pytest.mark.parametrize("raw, expected", [
    ("By Leo Cruz", "Leo Cruz"),
    ("by  Ana María Pérez | Reuters", "Ana María Pérez"),
    ("By Ingrid Solberg, Transport Correspondent", "Ingrid Solberg"),
    ("Maria Okafor and Tom Lindqvist", "Maria Okafor and Tom Lindqvist"),
    (["Maria Okafor", "Tom Lindqvist", "Ruth Haskell"], "Maria Okafor, Tom Lindqvist and Ruth Haskell"),
    ("By JANE DOE", "JANE DOE"),  # as written: the script, not the byline, says it as a name
    ("By Ann Lee in Harbor News", "Ann Lee"),  # the section it is filed in is not part of the name
    ("Leo Cruzhttps://example.com/author/leo", "Leo Cruz"),
    ("By the Associated Press", "Associated Press"),  # a wire service counts when no person is named
    ("By Staff Writer", None),
    ("", None),
    (None, None),
])
def test_clean_byline(raw, expected) -> None:
    assert clean_byline(raw) == expected


@pytest.mark.parametrize("title, site, expected", [
    ("Harbor votes for wind farm | The Coastal Ledger", None, "Harbor votes for wind farm"),
    ("Harbor votes for wind farm - The Coastal Ledger", "The Coastal Ledger", "Harbor votes for wind farm"),
    ("IRS Sparks Uproar – Top Official Resigns in Protest", None, "IRS Sparks Uproar – Top Official Resigns in Protest"),
    ("  Spaces   inside\n a title ", None, "Spaces inside a title"),
    ("The Coastal Ledger: Harbor votes for wind farm", "The Coastal Ledger", "Harbor votes for wind farm"),
    ("Harbor votes for wind farm • coastalledger.com", ["coastalledger.com"], "Harbor votes for wind farm"),
    ("Harbor votes for wind farm – Coastal Ledger News", ["coastalledger"], "Harbor votes for wind farm"),
    ("Harbor votes: wind farm approved", "The Coastal Ledger", "Harbor votes: wind farm approved"),
    ("coastalledger.com Harbor votes for wind farm", ["coastalledger.com"], "Harbor votes for wind farm"),
    # a headline that starts with the brand keeps it
    ("Ledger Signal #18 – The harbor votes", ["ledger.com", "ledger"], "Ledger Signal #18 – The harbor votes"),
    (None, None, None),
])
def test_clean_headline(title, site, expected) -> None:
    assert clean_headline(title, site) == expected


@pytest.mark.parametrize("text, expected", [
    ("Friday, June 13, 2025", dt.date(2025, 6, 13)),
    ("Published 9 October 2024", dt.date(2024, 10, 9)),
    ("Updated 5:40 PM EDT, Tue July 16, 2024", dt.date(2024, 7, 16)),
    ("Jan. 5, 2024", dt.date(2024, 1, 5)),
    ("2023-05-20T09:00:00+02:00", dt.date(2023, 5, 20)),
    ("Sept 31, 2024", None),
    ("No date here at all", None),
    ("quarta-feira, 3 de abril de 2019", dt.date(2019, 4, 3)),
    ("jueves, 5 de diciembre de 2019", dt.date(2019, 12, 5)),
    ("Montag, 4. März 2019", dt.date(2019, 3, 4)),
])
def test_find_date(text, expected) -> None:
    found = find_date(text)
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize("text, expected", [
    ("Updated 5:40 PM EDT, Tue July 16, 2024", True),
    ("quarta-feira, 3 de abril de 2019 às 9:41", True),
    ("Le 3 mars 2019 à 14h00", True),
    ("Nació el 3 de marzo de 1990 en Lima", False),
])
def test_is_dateline(text, expected) -> None:
    assert is_dateline(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("Leo Cruz", True), ("Ana María Pérez", True), ("June Carter", True), ("Jun Park", True), ("Ludwig van Beethoven", True), ("Latest Posts", False),
    ("Top Stories", False), ("Don't Miss", False), ("June 13, 2025", False), ("The IRS is under fire.", False),
])
def test_looks_like_name(text, expected) -> None:
    assert looks_like_name(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("The council voted on Monday and the plan will go ahead as it was written in the spring.", "en"),
    ("El consejo votó el lunes y el plan seguirá adelante como se escribió en la primavera.", "es"),
    ("Der Rat hat am Montag abgestimmt und der Plan wird wie im Frühjahr geschrieben umgesetzt.", "de"),
    ("12 34 56", None),
])
def test_guess_language(text, expected) -> None:
    assert guess_language(text) == expected


@pytest.mark.parametrize("text, expected", [
    # an initial or a last name that is a short word in Spanish, Italian or Portuguese ("e", "y", "do")
    ("Maria E. Okafor", True), ("Tom Y. Lindqvist", True), ("Anh Do", True), ("Rui E Costa", True),
    ("Lucas Da Silva", True), ("The Day", False), ("Read E. More", False), ("Is Do", False),
])
def test_looks_like_name_initials_and_short_surnames(text, expected) -> None:
    assert looks_like_name(text) is expected


@pytest.mark.parametrize("raw, expected", [
    ("Reuters", "Reuters"), ("By REUTERS", "Reuters"), ("Associated Press", "Associated Press"), ("PTI", "PTI"),
    ("By The Associated Press", "Associated Press"), (["AFP"], "AFP"),
    ("Maria Okafor, Reuters", "Maria Okafor"), ("By Maria Okafor | AP", "Maria Okafor"),
    ("Staff", None), ("By AP Staff", None),
])
def test_clean_byline_news_agencies(raw, expected) -> None:
    assert clean_byline(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    # credit words before the name, in several languages and scripts
    ("Analysis by Leo Cruz, Editor-at-large", "Leo Cruz"), ("Opinion by Ana Ruiz", "Ana Ruiz"),
    ("Author: Ana Ruiz", "Ana Ruiz"), ("Texto: Ana Ruiz", "Ana Ruiz"), ("Текст: Мария Окафор", "Мария Окафор"),
    # a date on the credit line ends the names, with the words that lead up to it
    ("Von Ana Ruiz publiziert am 4. März 2025", "Ana Ruiz"), ("By Ana Ruiz, June 3, 2024", "Ana Ruiz"),
    ("By Leo Cruz , Anh Do on Monday, November 18th, 2024 at 11:08 a.m.", "Leo Cruz and Anh Do"),
    ("By Ana Ruiz - 2024-06-03", "Ana Ruiz"),
])
def test_clean_byline_credit_lines(raw, expected) -> None:
    assert clean_byline(raw) == expected


@pytest.mark.parametrize("text, expected", [
    ("Kristin", True), ("MixmasterFred", True), ("Great Day Editorial Team", True),
    ("admin", False), ("Staff Writer", False), ("Head Winemaker", False), ("Dec 19, 2025", False),
    ("Read the full story here now please", False), ("the", False),
])
def test_looks_like_handle(text, expected) -> None:
    assert looks_like_handle(text) is expected


def test_a_byline_in_capitals_is_said_as_a_name() -> None:
    """The byline keeps the page's capitals; the script says "JANE DOE" as a name, not letter by letter."""
    from audionews.script.segments import make_script

    story = article("The harbor board agreed.", headline="Sea wall to be rebuilt",
                    byline="DANICA KIRKA and Jill Lawless, AFP")
    credit = make_script(story).segments[1]
    assert credit.sentences[0].text.startswith("By Danica Kirka and Jill Lawless, AFP")
