"""HTML pages through ``audionews clean --json``: our examples and fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLES, FIXTURES, invoke
from test_extract_text import check, clean_json

HTML_CASES = sorted(p for p in (FIXTURES / "html").glob("*.html") if p.with_suffix(".expected.json").exists())


def test_there_are_html_cases() -> None:
    assert len(HTML_CASES) >= 5  # a glob that found nothing would leave test_html_pages with nothing to check


@pytest.mark.parametrize("case", HTML_CASES, ids=lambda p: p.stem)
def test_html_pages(tmp_path: Path, case: Path) -> None:
    check(clean_json(tmp_path, case), json.loads(case.with_suffix(".expected.json").read_text()))


def test_cluttered_example_page(tmp_path: Path) -> None:
    got = clean_json(tmp_path, EXAMPLES / "harbor-wind-farm.html")
    assert got["headline"] == "Harbor Town Votes to Build Its First Offshore Wind Farm"  # no " | The Coastal Ledger"
    assert got["byline"] == "Maria Okafor and Tom Lindqvist"
    assert got["published"] == "2025-03-04"  # published, not modified
    assert got["language"] == "en-US"
    assert got["url"] == "https://ledger.example.org/2025/03/04/harbor-wind-farm"
    assert got["body"][0].startswith("The town council of Harbor voted six to one")
    assert got["body"][-1].startswith("The developer must still win approval")
    assert "What the lobstermen asked for" in got["body"]
    spoken = " ".join(got["body"])
    for clutter in ("cookies", "Advertisement", "Read more", "covers energy", "Related stories", "Ferry schedule",
                    "Leave a Reply", "Please enter", "newsletter", "All rights reserved", "Photo: Ledger staff",
                    "Skip to content", "Share"):
        assert clutter not in spoken


def test_page_with_no_article_is_a_one_line_error(tmp_path: Path) -> None:
    page = FIXTURES / "html" / "no-article.html"
    result = invoke(tmp_path / "feeds", "clean", "--json", str(page))
    assert result.exit_code != 0
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"Error: {page}: no article text found"]


def test_headline_repeated_as_first_paragraph_is_read_once(tmp_path: Path) -> None:
    body = " ".join(["The council met for three hours and agreed on a plan for the harbor front."] * 3)
    page = tmp_path / "repeat.html"
    page.write_text(f"<html><head><title>Harbor plan agreed</title></head><body><article><p>Harbor plan agreed</p>"
                    f"<p>{body}</p><p>{body}</p></article></body></html>")
    got = clean_json(tmp_path, page)
    assert got["headline"] == "Harbor plan agreed"
    assert "Harbor plan agreed" not in got["body"]
