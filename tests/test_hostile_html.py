"""Hostile pages give the right text or one clear line, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import invoke
from factories import STORY


def page(body: str, head: str = "<title>Sea wall to be rebuilt</title>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def story_html() -> str:
    return "<h1>Sea wall to be rebuilt</h1>" + "".join(f"<p>{p}</p>" for p in STORY)


def clean(tmp_path: Path, name: str, data: bytes) -> tuple[int, str, str]:
    source = tmp_path / name
    source.write_bytes(data)
    result = invoke(tmp_path / "feeds", "clean", "--json", str(source))
    return result.exit_code, result.stdout, result.stderr


def test_nested_100000_levels_deep(tmp_path: Path) -> None:
    html = page("<div>" * 100_000 + story_html() + "</div>" * 100_000)
    code, out, err = clean(tmp_path, "deep.html", html.encode())
    assert code == 0, err
    assert json.loads(out)["body"] == STORY


def test_truncated_html(tmp_path: Path) -> None:
    html = page(story_html())[: -len("</p></body></html>") - 10]
    code, out, err = clean(tmp_path, "truncated.html", html.encode())
    assert code == 0, err
    body = json.loads(out)["body"]
    assert body[:2] == STORY[:2]
    assert body[2].startswith("Fishing families asked for the slipway")


def test_malformed_html(tmp_path: Path) -> None:
    html = ("<html><body><p>Unclosed <b>bold <i>italic</p><div><table><tr><td>"
            + "".join(f"<p>{p}" for p in STORY) + "</span></td></div></b></body>")
    code, out, err = clean(tmp_path, "malformed.html", html.encode())
    assert code == 0, err
    assert json.loads(out)["body"][-3:] == STORY


@pytest.mark.parametrize("encoding", ["windows-1252", "iso-8859-1", "shift_jis"])
def test_legacy_encodings_without_a_meta_charset(tmp_path: Path, encoding: str) -> None:
    accented = "Café owners on the quay welcomed the décision, saying the façade of the old market needs it."
    if encoding == "shift_jis":
        accented = "港の防波堤は冬の嵐の前に再建される。漁業者は船台を開けておくよう求め、委員会は一車線を残すことに同意した。工事は来月始まる。"
    html = page(story_html() + f"<p>{accented}</p>", head="<title>Sea wall to be rebuilt</title>")
    code, out, err = clean(tmp_path, "legacy.html", html.encode(encoding))
    assert code == 0, err
    assert accented in json.loads(out)["body"]


def test_page_larger_than_the_cap_is_refused(tmp_path: Path) -> None:
    html = page(story_html() + "<p>" + "filler " * 3_000_000 + "</p>" * 3)  # about 21 MB
    code, out, err = clean(tmp_path, "huge.html", html.encode())
    assert code == 1
    assert out == ""
    assert err.strip() == f"Error: {tmp_path / 'huge.html'}: larger than 20 MB, not an article"


@pytest.mark.parametrize("html", [
    page("<script>" + "var x = 1;" * 1000 + "</script>"),
    page(""),
    "<html>",
    page("<p>" + "x" * 10_000 + "</p>"),
])
def test_pages_with_no_article(tmp_path: Path, html: str) -> None:
    code, out, err = clean(tmp_path, "empty.html", html.encode())
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "no article text found" in err or "empty" in err
