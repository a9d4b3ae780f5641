"""Table tests of page metadata: each field from inline HTML, extractors tried in turn."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from audionews.extract import extract
from audionews.model import Page
from factories import STORY

BODY = "".join(f"<p>{text}</p>" for text in STORY)


def article(head: str = "", before_body: str = "", html_attrs: str = "", url: str | None = None):
    html = f"<html {html_attrs}><head>{head}</head><body><article>{before_body}{BODY}</article></body></html>"
    return extract(Page("test.html", "html", html, url))


def ld(**fields) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", **fields})}</script>'


@pytest.mark.parametrize("head, before, expected", [
    (ld(headline="Sea wall to be rebuilt"), "", "Sea wall to be rebuilt"),
    ('<meta property="og:title" content="Sea wall to be rebuilt">', "", "Sea wall to be rebuilt"),
    ("<title>Sea wall to be rebuilt | Harbor Gazette</title>", "", "Sea wall to be rebuilt"),
    ("<title>Sea wall to be rebuilt - Harbor Gazette</title><meta property='og:site_name' content='Harbor Gazette'>",
     "", "Sea wall to be rebuilt"),
    ("<title>Home</title>", "<h1>Sea wall to be rebuilt</h1>", "Sea wall to be rebuilt"),
    (ld(headline="From JSON-LD") + '<meta property="og:title" content="From OpenGraph">', "", "From JSON-LD"),
    (ld(headline="Sea wall &#8216;must&#8217; be rebuilt, says board &amp; mayor"), "",
     "Sea wall ‘must’ be rebuilt, says board & mayor"),
])
def test_headline(head: str, before: str, expected: str) -> None:
    assert article(head, before).headline == expected


OG = '<meta property="og:title" content="{}">'.format


@pytest.mark.parametrize("head, before, url, expected", [
    # the visible h1 over an SEO title that words it differently
    (OG("Sea wall rebuild: 5 things to know in 2025"), "<h1>Five things to know about the sea wall rebuild</h1>",
     None, "Five things to know about the sea wall rebuild"),
    # an h1 that is the site's name (a suffix of <title>) is passed over for the story's
    ("<title>Sea wall to be rebuilt before winter | Harbor Gazette</title>",
     "<h1>Harbor Gazette</h1><h1>Sea wall to be rebuilt before winter</h1>", None, "Sea wall to be rebuilt before winter"),
    # ... or the domain's
    (OG("Sea wall to be rebuilt"), "<h1>harborgazette.com</h1>", "https://www.harborgazette.com/a/1",
     "Sea wall to be rebuilt"),
    # the site's name, matched through the domain, leaves the title
    ("<title>Sea wall to be rebuilt - Harbor Gazette</title>", "", "https://harborgazette.co.uk/a/1",
     "Sea wall to be rebuilt"),
    # an h1 with nothing in common with the declared headline is a section name
    (OG("Sea wall to be rebuilt"), "<h1>Latest news</h1>", None, "Sea wall to be rebuilt"),
    # entities left in a title encoded twice
    (OG("Sea wall &amp;#39;must&amp;#39; be rebuilt"), "", None, "Sea wall 'must' be rebuilt"),
    # capitals are styling: the declared headline's case
    (OG("Sea Wall to Be Rebuilt"), "<h1>SEA WALL TO BE REBUILT</h1>", None, "Sea Wall to Be Rebuilt"),
    # an h1 that wraps the headline in a date and credit
    (OG("Sea wall to be rebuilt before winter"), "<h1>Sea wall to be rebuilt before winter Posted on March 4, 2025 by admin</h1>",
     None, "Sea wall to be rebuilt before winter"),
    # a short h1 further down that shares a word with the headline is a section heading
    (OG("Small adventures with small language models"), "<h1>So many models!</h1>", None,
     "Small adventures with small language models"),
    # an og:site_name that holds the whole title is no site name
    ("<title>How to plan a garden – a complete guide | Clay</title><meta property='og:site_name' "
     "content='How to plan a garden – a complete guide | Clay'>", "", None, "How to plan a garden – a complete guide"),
    # no declared headline and an h1 that disagrees: the <title> when it is more than a word
    ("<title>Progress report #39</title>", "<h1>Antoyo's corner</h1>", None, "Progress report #39"),
])
def test_headline_is_the_visible_title(head: str, before: str, url: str | None, expected: str) -> None:
    assert article(head, before, url=url).headline == expected


@pytest.mark.parametrize("head, before, expected", [
    (ld(headline="H", author={"@type": "Person", "name": "Maria Okafor"}), "", "Maria Okafor"),
    (ld(headline="H", author=[{"name": "Maria Okafor"}, {"name": "Tom Lindqvist"}, {"name": "Ruth Haskell"}]), "",
     "Maria Okafor, Tom Lindqvist and Ruth Haskell"),
    ('<title>H</title><meta name="author" content="By Maria Okafor, Staff Writer">', "", "Maria Okafor"),
    ("<title>H</title>", '<p>By <a rel="author" href="/maria">Maria Okafor</a></p>', "Maria Okafor"),
    ("<title>H</title>", "<h1>H</h1><p class='byline'>By Maria Okafor and Tom Lindqvist</p>",
     "Maria Okafor and Tom Lindqvist"),
    ("<title>H</title>", "", None),
])
def test_byline(head: str, before: str, expected: str | None) -> None:
    assert article(head, before).byline == expected


@pytest.mark.parametrize("head, before, expected", [
    (ld(headline="H", datePublished="2025-03-04T08:15:00-05:00", dateModified="2025-03-09T10:00:00Z"), "",
     dt.date(2025, 3, 4)),
    ('<title>H</title><meta property="article:published_time" content="2024-11-02T06:00:00Z">'
     '<meta property="article:modified_time" content="2024-11-05T06:00:00Z">', "", dt.date(2024, 11, 2)),
    ("<title>H</title>", '<h1>H</h1><time datetime="2023-05-20T09:00:00+02:00">May 20, 2023</time>',
     dt.date(2023, 5, 20)),
    ("<title>H</title>", "<h1>H</h1><p>Published 9 October 2024</p>", dt.date(2024, 10, 9)),
])
def test_published_date_is_the_original_one(head: str, before: str, expected: dt.date) -> None:
    assert article(head, before).published == expected


@pytest.mark.parametrize("head, attrs, expected", [
    ("<title>H</title>", 'lang="en-gb"', "en-GB"),
    (ld(headline="H", inLanguage="fr-FR"), 'lang="en"', "fr-FR"),
    ('<title>H</title><meta property="og:locale" content="de_DE">', "", "de-DE"),
    ("<title>H</title>", "", "en"),  # guessed from the words
])
def test_language(head: str, attrs: str, expected: str) -> None:
    assert article(head, html_attrs=attrs).language == expected


@pytest.mark.parametrize("head, page_url, expected", [
    ('<title>H</title><link rel="canonical" href="https://example.org/a/sea-wall">', "https://example.org/a/sea-wall?utm=x",
     "https://example.org/a/sea-wall"),
    ('<title>H</title><meta property="og:url" content="https://example.org/og">', None, "https://example.org/og"),
    ("<title>H</title>", "https://example.org/fetched", "https://example.org/fetched"),
    ("<title>H</title>", None, None),
])
def test_canonical_url(head: str, page_url: str | None, expected: str | None) -> None:
    assert article(head, url=page_url).url == expected


@pytest.mark.parametrize("head, page_url, expected", [
    (ld(headline="H", image={"@type": "ImageObject", "url": "https://example.org/wall.jpg"}), None,
     "https://example.org/wall.jpg"),
    ('<title>H</title><meta property="og:image" content="/img/wall.jpg">', "https://example.org/a/1",
     "https://example.org/img/wall.jpg"),
    ("<title>H</title>", None, None),
])
def test_lead_image(head: str, page_url: str | None, expected: str | None) -> None:
    assert article(head, url=page_url).image == expected


def graph(*nodes: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@context": "https://schema.org", "@graph": list(nodes)})}</script>'


@pytest.mark.parametrize("head, expected", [
    # the author (or publisher) named once in @graph and referred to by @id, as WordPress SEO plugins write it
    (graph({"@type": "Article", "headline": "H", "author": {"@id": "https://x.test/#/person/1"}},
           {"@type": "Person", "@id": "https://x.test/#/person/1", "name": "Maria Okafor"}), "Maria Okafor"),
    (graph({"@type": "Person", "@id": "#p1", "name": "Maria Okafor"}, {"@type": "Person", "@id": "#p2", "name": "Tom Lindqvist"},
           {"@type": "NewsArticle", "headline": "H", "author": [{"@id": "#p1"}, {"@id": "#p2"}]}),
     "Maria Okafor and Tom Lindqvist"),
    (graph({"@type": "Article", "headline": "H", "author": {"@id": "#nobody"}}), None),
])
def test_byline_json_ld_references(head: str, expected: str | None) -> None:
    assert article(head).byline == expected


def page(top: str, bottom: str = "") -> str:
    """A page with no author in its metadata: only what a reader sees."""
    html = (f"<html><head><title>Sea wall to be rebuilt</title></head><body>{top}<article>{BODY}</article>"
            f"{bottom}</body></html>")
    return extract(Page("test.html", "html", html, None)).byline


@pytest.mark.parametrize("top, bottom, expected", [
    # a two-word breadcrumb or menu item above the headline, or a tag under the story, is not an author
    ("<nav><a>Home</a></nav><div><a>Harbor Rowing</a></div><h1>Sea wall to be rebuilt</h1>", "", None),
    ("<h1>Sea wall to be rebuilt</h1>", "<ul><li>Related Topics</li><li>United Kingdom</li><li>Storms</li></ul>", None),
    # "By" and the name in separate elements, each on its own line of the page's text
    ("<h1>Sea wall to be rebuilt</h1><div><span>By</span></div><div><span>Maria Okafor</span></div>", "", "Maria Okafor"),
    # a name alone between the headline and the story still is
    ("<h1>Sea wall to be rebuilt</h1><div>Maria Okafor</div>", "", "Maria Okafor"),
    # a credit label alone on its line names the author on the next, wherever it stands, a first name too
    ("<h1>Sea wall to be rebuilt</h1><p>March 4, 2025</p>", "<div>Written by</div><div>Eliz - Product marketer</div>",
     "Eliz"),
    ("<h1>Sea wall to be rebuilt</h1><p>March 4, 2025</p>", "<p>Article by</p><p>Matias Heikkilä</p>", "Matias Heikkilä"),
])
def test_byline_from_the_visible_page(top: str, bottom: str, expected: str | None) -> None:
    assert page(top, bottom) == expected


def visible(top: str) -> tuple:
    html = f"<html><head><title>Sea wall to be rebuilt</title></head><body>{top}<article>{BODY}</article></body></html>"
    found = extract(Page("test.html", "html", html, None))
    return found.byline, found.published


@pytest.mark.parametrize("top, expected", [
    # a credit line under the headline that reads like a sentence, with the date on it
    ("<p>“Quote of the week,” said someone on Sunday, February 2nd, 2025.</p><h1>Sea wall to be rebuilt</h1>"
     "<p>By Maria Okafor , Anh Do on Monday, March 3rd, 2025 at 9:15 a.m.</p>",
     ("Maria Okafor and Anh Do", dt.date(2025, 3, 3))),
    # a credit line in another language, above the headline
    ("<p>Von Maria Okafor publiziert am 4. März 2025</p><h1>Sea wall to be rebuilt</h1>",
     ("Maria Okafor", dt.date(2025, 3, 4))),
])
def test_credit_line_around_the_headline(top: str, expected: tuple) -> None:
    assert visible(top) == expected


@pytest.mark.parametrize("head, expected", [
    # the publication named as the author is no byline
    (ld(headline="H", author={"@type": "Organization", "name": "Harbor Gazette"},
        publisher={"@type": "Organization", "name": "Harbor Gazette"}), None),
    (ld(headline="H", author={"@type": "Organization", "name": "Harbor Gazette"})
     + '<meta property="og:site_name" content="Harbor Gazette">', None),
    (ld(headline="H", author={"@type": "Person", "name": "Maria Okafor"},
        publisher={"@type": "Organization", "name": "Harbor Gazette"}), "Maria Okafor"),
])
def test_byline_not_the_site_itself(head: str, expected: str | None) -> None:
    assert article(head).byline == expected


H1 = "<h1>Sea wall to be rebuilt</h1>"


@pytest.mark.parametrize("head, top, expected", [
    # the markup says author: a first name or a handle counts where the credit says "By"...
    ("", H1 + '<span class="entry-author author vcard">By <a class="url fn n">Kristin</a></span>', "Kristin"),
    # ... or the page's metadata names the same
    ('<meta name="author" content="MixmasterFred">', H1 + '<a rel="author" href="/member/m">MixmasterFred</a>',
     "MixmasterFred"),
    # a first name only in JSON-LD, not shown, is not a byline
    (ld(headline="Sea wall to be rebuilt", author={"@type": "Person", "name": "Josh"}), H1, None),
    # an account is not a person
    ("", H1 + '<span class="author">By admin</span>', None),
    # the credit stops where it says what they do, who edited it, or when
    ("", H1 + '<div class="byline"><span>By</span> <a>Ann Lee</a><div>Head Winemaker and Co-Founder</div></div>',
     "Ann Lee"),
    ("", H1 + '<div class="byline">By <a>Ann Lee</a><div>Edited by <a>Tom Roe</a></div></div>', "Ann Lee"),
    ("", H1 + '<div class="author-name"><span>Ann Lee</span><time>Dec 19</time></div>', "Ann Lee"),
    # inline markup inside a name does not split it
    ("", H1 + '<div class="byline"><a class="byline__name">Ann Le<span class="spacing">e</span></a></div>', "Ann Lee"),
    # a name shown twice in one credit (one copy for small screens) is one author
    ("", H1 + '<div class="byline">By <a>Ann Lee</a> <a>Ann Lee</a></div>', "Ann Lee"),
    # commenters are not authors
    ("", H1 + '<ol class="comment-list"><li><span class="author">By Bob Ray</span> says: what a story</li></ol>', None),
    # the author the metadata declares, when the page shows that name, over another credit shown first
    (ld(headline="Sea wall to be rebuilt", author={"@type": "Person", "name": "Ann Lee"}),
     H1 + '<a class="author" href="/t">Tom Roe</a><p>Ann Lee reports.</p>', "Ann Lee"),
    # ... else the credit the page shows over metadata it does not
    (ld(headline="Sea wall to be rebuilt", author={"@type": "Person", "name": "Ann Lee"}),
     H1 + '<p class="byline">By Tom Roe</p>', "Tom Roe"),
    # a name and what they do, written with no space between them, or under it
    ("", H1 + '<div class="author-name"><span>Ann Lee</span><span>Founder at Acme</span></div>', "Ann Lee"),
    ("", H1 + '<div class="byline">By <a>Ann Lee</a><p>EdTech Content writer</p></div>', "Ann Lee"),
    ("", H1 + '<div class="byline">By Ann Lee, Certified Sleep Consultant</div>', "Ann Lee"),
    # a group signs as a team
    ("", H1 + '<div class="byline">By the Acme Content Team</div>', "the Acme Content Team"),
    # a first name the metadata declares and the page shows, over a full name further down
    ('<meta name="author" content="Lauren">', H1 + '<p class="byline">By <a rel="author">Lauren</a></p>'
     '<aside><span class="author">Jaime Marchwinski</span></aside>', "Lauren"),
    # links in an author block are not names; a "/" ends the name
    ("", H1 + '<div class="byline"><a>Full Bio</a></div><div class="byline">By Ann Lee</div>', "Ann Lee"),
    ("", H1 + '<div class="byline">By Acme Desk Team / example.com / Updated</div>', "Acme Desk Team"),
    # a sponsor is not an author
    ("", H1 + '<div class="byline">Sponsored by StackCommerce</div>', None),
    # a data attribute says author as well as a class does
    ("", H1 + '<p>March 4, 2025</p><p><span data-tooltip-id="post-author-21">Ann Lee</span></p>', "Ann Lee"),
    # the name heading an author box, when nothing else credits anyone; not a box that is no author's
    ("", H1 + '<p>March 4, 2025</p><div class="blog_author-box"><h3>Ann Lee</h3><p>Ann Lee is a reporter who has covered the harbor, its boards and its fishing families for twelve years, and before that wrote about ferries, storms and the sea wall for the weekly paper.</p></div>', "Ann Lee"),
    ("", H1 + '<p>March 4, 2025</p><div class="authorities-list"><h3>Harbor Board Minutes</h3><p>Ann Lee is a reporter who has covered the harbor, its boards and its fishing families for twelve years, and before that wrote about ferries, storms and the sea wall for the weekly paper.</p></div>', None),
    # Twitter's labelled card pair names the author ("Written by" / "Ann Lee"), like meta author
    ('<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Ann Lee">',
     H1 + "<p>March 4, 2025</p><p>Harbor news</p><aside><p>Ann Lee</p></aside>", "Ann Lee"),
    ('<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="Ann Lee">',
     H1 + "<p>March 4, 2025</p><p>Harbor news</p><aside><p>Ann Lee</p></aside>", None),
    # a link to the author's page on the site is a credit, though no class says so
    ("", H1 + '<div class="meta"><a href="/authors/ann-lee/">Ann Lee</a> · <span>Dec 19, 2025</span></div>', "Ann Lee"),
    ("", H1 + '<p>March 4, 2025</p><p><a href="/magazine/contributor/a._j._neal">A. J. Neal</a></p>',
     "A. J. Neal"),
    # ... not a profile on another site
    ("", H1 + '<p>Harbor news</p><p><a href="https://social.example/authors/ann-lee">Ann Lee</a></p>', None),
])
def test_byline_from_credit_markup(head: str, top: str, expected: str | None) -> None:
    html = f"<html><head>{head}</head><body>{top}<article>{BODY}</article></body></html>"
    assert extract(Page("test.html", "html", html, None)).byline == expected


@pytest.mark.parametrize("head, top, expected", [
    # the <time> under the headline, not one in a list before it
    ("", '<aside><time datetime="2024-01-09">Jan 9</time></aside>' + H1 + '<time datetime="2025-03-04">March 4</time>',
     dt.date(2025, 3, 4)),
    # an update's time is not the publication's
    ("", H1 + '<p>Updated <time datetime="2025-06-01">June 1</time></p>'
             '<p>Published <time class="published" datetime="2025-03-04">March 4</time></p>', dt.date(2025, 3, 4)),
    # a page that only says when it was modified has not said when it was published
    ('<meta property="article:modified_time" content="2025-06-01T10:00:00+00:00">', H1, None),
    # the date the page shows by its headline over its markup's: the markup's is often in UTC, a day later
    ('<meta property="article:published_time" content="2025-03-05T03:10:00+00:00">',
     H1 + "<p>By Ann Lee</p><p>March 4, 2025 10:10 PM</p>", dt.date(2025, 3, 4)),
    ("", H1 + "<p>3 March 2024 | 5 min read</p>", dt.date(2024, 3, 3)),
    ('<meta property="article:published_time" content="2016-07-01T00:00:00+00:00">',
     "<p>Published: October 8, 2024</p>" + H1, dt.date(2024, 10, 8)),
    ("", H1 + "<p>Dec 26, 2025 • Ann Lee in Harbor News</p>", dt.date(2025, 12, 26)),
    ('<meta property="article:published_time" content="2024-01-04T03:00:00+00:00">',
     H1 + "<p>Harbor news</p><p>Ann (Marie) Lee Published: January 3, 2024</p>", dt.date(2024, 1, 3)),
    # ... but not an update it shows, nor a date the markup says the page was changed on
    ('<meta property="article:published_time" content="2025-03-04T08:00:00+00:00">',
     H1 + "<p>Updated June 1, 2025</p>", dt.date(2025, 3, 4)),
    (ld(headline="Sea wall to be rebuilt", datePublished="2018-04-18", dateModified="2019-04-10"),
     H1 + "<p>By Ann Lee - 2019-04-10</p>", dt.date(2018, 4, 18)),
])
def test_published_is_the_original_date(head: str, top: str, expected: dt.date | None) -> None:
    html = f"<html><head>{head}</head><body>{top}<article>{BODY}</article></body></html>"
    assert extract(Page("test.html", "html", html, None)).published == expected


def test_byline_on_a_page_whose_body_says_comments_are_open() -> None:
    html = (f'<html><body class="post comments-open">{H1}<span class="entry-author author vcard">By Kristin</span>'
            f"<article>{BODY}</article></body></html>")
    assert extract(Page("test.html", "html", html, None)).byline == "Kristin"


@pytest.mark.parametrize("top", [
    H1 + "<p>Harbor news</p><div>Download Guide</div>",
    H1 + "<div>March 4, 2025</div><div>Clinical Trials</div>",
])
def test_two_capitalised_words_on_a_line_are_no_byline(top: str) -> None:
    """The text reading's name is a byline only where the page credits it ("By …") or it stands
    right under the headline."""
    assert page(top) is None


def test_a_publication_label_alone_dates_the_page_with_the_next_line() -> None:
    from audionews.extract.dom import parse_html, visible_text
    from audionews.extract.text import labelled_date

    html = (H1 + "<p>" + "The board met in the old town hall on the harbor front to hear the engineers. " * 3 + "</p>"
            "<p>Posted on</p><p>Nov 21, 2018</p><p>Updated at</p><p>Dec 10, 2025</p>")
    assert labelled_date(visible_text(parse_html(html))) == dt.date(2018, 11, 21)
    assert labelled_date("Updated on\nDec 10, 2025") is None
