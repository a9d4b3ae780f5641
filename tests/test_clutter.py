"""The last clean-up pass for the ear, one clutter class per case, and what must survive it."""

from __future__ import annotations

import pytest

from audionews.extract.clutter import tidy_blocks
from audionews.model import Block

STORY = "The council approved the new harbor wall on Monday after a long debate about its cost."
MORE = "Work will start in the spring and should be finished before the autumn storms arrive."


def P(text: str) -> Block:
    return Block("paragraph", text)


@pytest.mark.parametrize("clutter", [
    "Advertisement",
    "ADVERTISEMENT",
    "Read more: Council weighs a new ferry timetable",
    "SEE MORE: Storm warnings for the weekend",
    "Also on example.com Five towns vote on wind power",
    "Follow her on Twitter @reporter and on Facebook",
    "Like this story? Share it with a friend!",
    "Email the reporter at news.desk@example.org",
    "Updated at 1:23 p.m.",
    "November 20, 2019 - 11:28 AM",
    "Text size",
    "Tags: harbor, council, weather",
    "© 2024 The Example Times",
    "5 min read",
    "(Reporting by Ana Lima; Editing by Tom Best)",
    "Additional reporting by Sam Ode",
    "Staff writer Jo Park contributed to this report.",
    "Follow the Harbor Desk on Facebook and Instagram.",
    "Leia também",
    "Lire aussi : Le port ferme ses portes",
    "Tempo de leitura: 3 minutos",
])
def test_clutter_line_is_dropped_and_the_story_goes_on(clutter: str) -> None:
    assert tidy_blocks([P(STORY), P(clutter), P(MORE)]) == [P(STORY), P(MORE)]


@pytest.mark.parametrize("lead_in", ["Related:", "Related stories", "Don't miss", "DON'T MISS", "Latest news",
                                     "Sign up for our newsletter"])
def test_teasers_after_a_lead_in_are_dropped_until_the_story_resumes(lead_in: str) -> None:
    teasers = [Block("item", "Ferry fares rise again"), P("Plague warning for travellers [WARNING]"),
               P("FIVE THINGS TO KNOW ABOUT THE STORM")]
    assert tidy_blocks([P(STORY), P(lead_in), *teasers, P(MORE)]) == [P(STORY), P(MORE)]


def test_a_comment_form_ends_the_article() -> None:
    blocks = [P(STORY), P("Leave a Reply"), P("This comment is long enough to look like a paragraph of prose.")]
    assert tidy_blocks(blocks) == [P(STORY)]


def test_a_paragraph_shown_twice_in_a_row_is_read_once_but_far_repeats_stay() -> None:
    caption = "Ministers shake hands in Hanoi on Wednesday, November 20, as talks on trade begin."
    question = "What kind of cooking do you like yourself, and is there anything you will never eat?"
    blocks = [P(caption), P(caption), P(STORY), P(question), P(MORE), P(STORY + " Again."), P(MORE + " Still."),
              P(question)]
    assert tidy_blocks(blocks) == [P(caption), P(STORY), P(question), P(MORE), P(STORY + " Again."),
                                   P(MORE + " Still."), P(question)]


@pytest.mark.parametrize("kept", [
    "WHAT YOU NEED TO MAKE JAM",  # a heading in capitals is not a promo
    "Pre-Workout Meal",
    "The council said: “Read more about the plan on our website.”",
    "Results",
])
def test_ordinary_lines_survive(kept: str) -> None:
    assert tidy_blocks([P(STORY), P(kept), P(MORE)]) == [P(STORY), P(kept), P(MORE)]


@pytest.mark.parametrize("sentence", ["Officials declined to comment.",
                                      "Reached for comment."])
def test_a_sentence_ending_in_comment_is_not_a_comments_heading(sentence: str) -> None:
    assert tidy_blocks([P(STORY), P(sentence), P(MORE)]) == [P(STORY), P(sentence), P(MORE)]
