"""HTML pages cut into blocks, the class words read from them, and lists read whole."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from audionews.extract.blocks import FEATURE_NAMES, _groups_of, features, page_blocks, units
from audionews.extract.body import by_unit
from audionews.extract.dom import parse_html


def _blocks(html: str):
    return page_blocks(parse_html(html))


def test_leaves_loose_text_and_links() -> None:
    blocks = _blocks("<html><body><div>Loose words <a href='/x'>a link</a><br>after the break</div>"
                     "<p>A paragraph with <a href='/y'>one link</a>.</p><ul><li>An item</li></ul></body></html>")
    assert [(b.tag, b.kind, b.text) for b in blocks] == [
        ("loose", "paragraph", "Loose words a link"),
        ("loose", "paragraph", "after the break"),
        ("p", "paragraph", "A paragraph with one link."),
        ("li", "item", "An item"),
    ]
    assert blocks[0].link_chars == len("a link") and blocks[1].link_chars == 0
    assert blocks[2].link_chars == len("one link")


def test_hidden_text_is_no_block() -> None:
    blocks = _blocks("<html><body><p>Seen.</p><p style='display:none'>Unseen.</p><div hidden><p>Hidden.</p></div>"
                     "<script>var x;</script></body></html>")
    assert [b.text for b in blocks] == ["Seen."]


def test_a_data_row_is_one_block_and_a_layout_row_is_a_container() -> None:
    data = _blocks("<html><body><table><tr><td>Rovers</td><td>16</td></tr></table></body></html>")
    assert [(b.tag, b.text) for b in data] == [("tr", "Rovers, 16")]
    layout = _blocks("<html><body><table><tr><td><p>First paragraph.</p><p>Second paragraph.</p></td>"
                     "<td>Menu</td></tr></table></body></html>")
    assert [b.text for b in layout] == ["First paragraph.", "Second paragraph.", "Menu"]


def test_class_words_fall_in_groups_by_word_not_by_letters() -> None:
    assert "ad" in _groups_of("ad-slot") and "ad" not in _groups_of("add-to-cart shadow")
    assert "comment" in _groups_of("commentList") and "share" in _groups_of("shareBar")
    assert "content" in _groups_of(" entry-content  ") and not _groups_of("")


def test_every_block_gets_a_full_row_of_finite_features() -> None:
    blocks = _blocks("<html><body><h1>Title</h1><p>One sentence here, of some length, for the test.</p>"
                     "<div class='comments'><p>A comment.</p></div></body></html>")
    rows = features(blocks, "en", [1.0, 1.0, 0.0], [1.0, 0.5, 0.0])
    assert rows.shape == (3, len(FEATURE_NAMES)) and np.isfinite(rows).all()
    column = FEATURE_NAMES.index
    assert rows[2, column("near_comment")] == 1 and rows[1, column("near_comment")] == 0
    assert rows[1, column("after_h1")] == 1 and rows[1, column("prev_support")] == 1.0


def test_items_of_one_list_share_a_unit() -> None:
    blocks = _blocks("<html><body><ul><li>a</li><li>b</li></ul><p>c</p><ol><li>d</li></ol></body></html>")
    found = units(blocks)
    assert found[0] == found[1] != found[3] and found[2] == -1


@given(st.lists(st.tuples(st.floats(0, 1), st.integers(-1, 3)), max_size=30))
def test_a_unit_is_kept_or_dropped_whole(pairs) -> None:
    probabilities = np.array([p for p, _ in pairs])
    unit = [u for _, u in pairs]
    smoothed = by_unit(probabilities, unit)
    for u in set(unit) - {-1}:
        members = [i for i, v in enumerate(unit) if v == u]
        assert np.allclose(smoothed[members], probabilities[members].mean())
    alone = [i for i, v in enumerate(unit) if v == -1]
    assert np.array_equal(smoothed[alone], probabilities[alone])
