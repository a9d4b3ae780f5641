"""Property: any plain text through the text extractor raises nothing but ExtractionError, never makes a
credit line ("By …") its headline or speaks it in the body, and returns a headline and non-empty
paragraphs; and a story among random lines is nearly always read."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from audionews.errors import ExtractionError
from audionews.extract import extract_text
from audionews.extract.lines import is_by_line
from audionews.model import Page
from conftest import examples, judged

SENTENCES = ["The harbor board agreed on Monday to rebuild the old sea wall after two winters of storms.",
             "Work starts next month, the chairwoman said, and should be finished before the autumn.",
             "Fishing families asked for the slipway to stay open while the builders are at work.",
             "Ça coûte 3 500 €, dit-il.", "東京の図書館は延滞料金を廃止した。"]
FURNITURE = ["By Ann Writer", "By JANE DOE, Staff Writer", "Posted on May 2, 2024 by Jo Park", "June 3, 2024",
             "ADVERTISEMENT", "RELATED COVERAGE", "Related: Another story", "Read more", "Share", "Leave a Reply",
             "FILE - A ship in port. (AP Photo/Rosa Vidal, File)", "Photo: Jo Park", "Tags: a, b", "Menu",
             "Harbor wall to be rebuilt", "3 thoughts on “Harbor wall”", "Previous post", "© 2024 Example"]
line = st.one_of(st.sampled_from(SENTENCES), st.sampled_from(FURNITURE),
                 st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
page = st.lists(line, max_size=30).map("\n".join)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page)
@example("By Ann Writer\n" + "\n".join(SENTENCES[:3]))
@example("\n".join(["By Ann Writer", "June 3, 2024", *SENTENCES[:3], "By Ann Writer", *SENTENCES[1:3]]))
def test_text_extraction_invariants(text: str) -> None:
    check(text)


def check(text: str) -> tuple[str, ...] | None:
    """The body read from ``text``, checked; None when extraction found no article."""
    try:
        article = extract_text(Page("random.txt", "text", text))
    except ExtractionError:
        return None
    assert article.headline.strip()
    assert not is_by_line(article.headline)
    assert article.body and all(p.strip() for p in article.body)
    assert not any(is_by_line(p) for p in article.body)
    return article.body


STORY = SENTENCES[:3]
story_among_lines = st.builds(lambda before, after: "\n".join([*before, "Harbor wall to be rebuilt", *STORY, *after]),
                              st.lists(line, max_size=8), st.lists(line, max_size=8))


def test_a_story_among_random_lines_is_read() -> None:
    """Not every random text holds an article, so the property above allows "no article text found"; a
    headline and three paragraphs of a story do make one, whatever random lines come before and after."""
    bodies = judged(story_among_lines, check)
    assert len(bodies) >= 50
    read = [body for body in bodies if body is not None]
    assert len(read) >= 0.95 * len(bodies)
    whole = [body for body in read if all(paragraph in body for paragraph in STORY)]
    assert len(whole) >= 0.9 * len(bodies)
