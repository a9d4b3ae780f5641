"""Bad sources: one line naming the source and the reason, a non-zero exit, and the feed untouched."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from conftest import EXAMPLES, FIXTURES, invoke, snapshot


def bad_sources(tmp: Path) -> list[tuple[str, str]]:
    empty = tmp / "empty.txt"
    empty.write_text("  \n\n ")
    binary = tmp / "photo.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    nul = tmp / "data.txt"
    nul.write_bytes(b"some text\x00\x01\x02 more" * 50)
    pdf = tmp / "report.txt"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    packed = tmp / "page.html.gz"
    packed.write_bytes(gzip.compress(b"<html><body><p>hello</p></body></html>"))
    as_json = tmp / "api.txt"
    as_json.write_text('{"headline": "not an article", "body": []}')
    short = tmp / "short.txt"
    short.write_text("Home\nAbout\nContact\n")
    return [
        (str(tmp / "missing.html"), "no such file"),
        (str(empty), "empty"),
        (str(binary), "a PNG image, not an article"),
        (str(nul), "binary data, not an article"),
        (str(pdf), "a PDF document, not an article"),
        (str(packed), "gzip-compressed data, not an article"),
        (str(as_json), "JSON data, not an article"),
        (str(short), "no article text found"),
        (str(FIXTURES / "html" / "no-article.html"), "no article text found"),
        ("http://127.0.0.1:9/article.html", "connection refused (nothing answers on that port)"),
        ("ftp://example.org/article.txt", "only http and https URLs"),
        (str(tmp), "is a folder"),
    ]


@pytest.mark.parametrize("index", range(12))
def test_bad_source_leaves_the_feed_untouched(module_feed_copy: Path, tmp_path: Path, index: int) -> None:
    source, reason = bad_sources(tmp_path)[index]
    before = snapshot(module_feed_copy, ignore=(".lock",))
    result = invoke(module_feed_copy, "publish", "-q", source)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {source}: {reason}")
    assert snapshot(module_feed_copy, ignore=(".lock",)) == before


def test_one_bad_source_does_not_stop_the_others(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    result = invoke(feeds, "publish", "-q", str(tmp_path / "missing.txt"), str(EXAMPLES / "library-late-fees.txt"))
    assert result.exit_code == 1
    assert result.stdout.startswith("added: Library ends late fees")
    assert result.stderr.strip() == f"Error: {tmp_path / 'missing.txt'}: no such file"
    assert (feeds / "default" / "public" / "feed.xml").is_file()  # publish made the default feed


def test_clean_reports_each_bad_source_and_goes_on(tmp_path: Path) -> None:
    result = invoke(tmp_path, "clean", "--json", str(tmp_path / "nope.txt"), str(FIXTURES / "text" / "wire-bridge.txt"))
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr.strip() == f"Error: {tmp_path / 'nope.txt'}: no such file"


def test_invalid_feed_settings_are_one_line(tmp_path: Path) -> None:
    result = invoke(tmp_path, "init", "x", "--title", "T", "--author", "A", "--email", "nobody",
                    "--base-url", "https://example.org/")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: email 'nobody' is not an e-mail address"
    result = invoke(tmp_path, "init", "../escape", "--title", "T", "--author", "A", "--email", "a@b.c",
                    "--base-url", "https://example.org/")
    assert result.exit_code == 1
    assert not (tmp_path.parent / "escape").exists()
