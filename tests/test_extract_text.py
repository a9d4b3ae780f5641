"""Plain-text copies of pages through ``audionews clean --json``: the seed and our own layouts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES, invoke

TEXT_CASES = sorted((FIXTURES / "text").glob("*.txt"))


def test_there_are_text_cases() -> None:
    assert len(TEXT_CASES) >= 9  # a glob that found nothing would leave test_plain_text_layouts with nothing to check


def clean_json(tmp_path: Path, source: Path) -> dict:
    result = invoke(tmp_path / "feeds", "clean", "--json", str(source))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def check(got: dict, expected: dict) -> None:
    for field in ("headline", "byline", "published", "language", "url"):
        if field in expected:
            assert got[field] == expected[field], field
    assert got["body"] == expected["body"]
    spoken = " ".join([got["headline"], got["byline"] or "", *got["body"]])
    for phrase in expected.get("must_not_contain", []):
        assert phrase not in spoken


def test_clean_json_has_the_documented_fields(tmp_path: Path) -> None:
    got = clean_json(tmp_path, TEXT_CASES[0])
    assert set(got) == {"source", "url", "headline", "byline", "published", "language", "body"}
    assert got["source"] == str(TEXT_CASES[0])
    assert got["language"] == "en"


@pytest.mark.parametrize("case", TEXT_CASES, ids=lambda p: p.stem)
def test_plain_text_layouts(tmp_path: Path, case: Path) -> None:
    check(clean_json(tmp_path, case), json.loads(case.with_suffix(".expected.json").read_text()))


def test_seed_page(tmp_path: Path, shared: Path) -> None:
    seed = shared / "corpus" / "seed" / "000_6c90d81cfbdc7f23.txt"
    expected = json.loads(seed.with_name("000_6c90d81cfbdc7f23.expected.json").read_text())
    got = clean_json(tmp_path, seed)
    assert len(got["body"]) == 12
    check(got, expected)


def test_stdin_source(tmp_path: Path) -> None:
    case = FIXTURES / "text" / "wire-bridge.txt"
    result = invoke(tmp_path / "feeds", "clean", "--json", "-", input=case.read_bytes())
    assert result.exit_code == 0, result.stderr
    got = json.loads(result.stdout)
    assert got["source"] == "-"
    assert got["headline"].startswith("Inspectors close century-old river bridge")


def test_plain_clean_output_is_readable_text(tmp_path: Path) -> None:
    result = invoke(tmp_path / "feeds", "clean", str(FIXTURES / "text" / "magazine-dek.txt"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "The last lighthouse keeper of Skerry Rock"
    assert lines[1] == "By Jo Park. 2023-09-12"
    assert "Photo:" not in result.stdout


def test_windows_1252_text_without_declared_charset(tmp_path: Path) -> None:
    text = (FIXTURES / "text" / "wire-bridge.txt").read_text(encoding="utf-8")
    source = tmp_path / "cp1252.txt"
    source.write_bytes(text.encode("cp1252"))
    got = clean_json(tmp_path, source)
    assert "“When we see cracks of this kind, the bridge closes." in got["body"][3]
