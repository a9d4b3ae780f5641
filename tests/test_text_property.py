"""Property: any plain text through the text extractor raises nothing but ExtractionError, never makes a
credit line ("By …") its headline or speaks it in the body, and returns a headline and non-empty
paragraphs."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from audionews.errors import ExtractionError
from audionews.extract import extract_text
from audionews.extract.lines import is_by_line
from audionews.model import Page

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


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page)
@example("By Ann Writer\n" + "\n".join(SENTENCES[:3]))
@example("\n".join(["By Ann Writer", "June 3, 2024", *SENTENCES[:3], "By Ann Writer", *SENTENCES[1:3]]))
def test_text_extraction_invariants(text: str) -> None:
    try:
        article = extract_text(Page("random.txt", "text", text))
    except ExtractionError:
        return
    assert article.headline.strip()
    assert not is_by_line(article.headline)
    assert article.body and all(p.strip() for p in article.body)
    assert not any(is_by_line(p) for p in article.body)
