"""`audionews script` and `audionews check`: the text as it will be spoken, and the words to look at."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import EXAMPLES, invoke

ARTICLE = """\
Skip to main content
Riverside Daily
FBI opens inquiry into a $5.2M grant
By Sam Lee
Published 13 June 2025
Sen. Alex Padilla (D-CA) said the money reached the XKQ office on Jan. 5, before the 2024 audit, and that the office's records go back to World War II.
Residents who saw the grant papers were asked to write to tips@example.org or to read the filing at https://www.example.com/tips?ref=story before the hearing on the last Friday of the month.
The audit found that 1500 grants were paid twice, and that the fund's 6/13 report was late.
"""


def _article(tmp_path: Path) -> Path:
    path = tmp_path / "inquiry.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_script_prints_each_segment_as_spoken_with_its_kind(tmp_path: Path) -> None:
    result = invoke(tmp_path / "feeds", "script", str(_article(tmp_path)))
    assert result.exit_code == 0, result.stderr
    blocks = result.stdout.strip().split("\n\n")
    assert blocks[0] == "headline: F B I opens inquiry into a five point two million dollar grant."
    assert blocks[1] == "byline: By Sam Lee. Friday, June thirteenth, twenty twenty-five."
    assert blocks[2].startswith("paragraph: Senator Alex Padilla, Democrat of California, said the money reached the "
                                "X K Q office on January fifth, before the twenty twenty-four audit,")
    assert blocks[2].endswith("go back to World War Two.")
    assert blocks[3] == ("paragraph: Residents who saw the grant papers were asked to write to tips at example dot org "
                         "or to read the filing at example dot com before the hearing on the last Friday of the month.")
    assert not (tmp_path / "feeds").exists()


def test_script_json_has_written_and_spoken_text(tmp_path: Path) -> None:
    result = invoke(tmp_path, "script", "--json", str(_article(tmp_path)))
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["kind"] for r in records] == ["headline", "byline", "paragraph", "paragraph", "paragraph"]
    assert all(set(r) == {"kind", "text", "spoken", "pause_after", "chapter"} for r in records)
    assert records[0]["text"] == "FBI opens inquiry into a $5.2M grant."
    assert records[0]["spoken"].startswith("F B I")
    assert records[0]["chapter"] == "FBI opens inquiry into a $5.2M grant"
    assert records[-1]["pause_after"] > records[-2]["pause_after"]


def test_script_of_an_example_article(tmp_path: Path) -> None:
    result = invoke(tmp_path, "script", str(EXAMPLES / "harbor-wind-farm.html"))
    assert result.exit_code == 0, result.stderr
    assert "about one hundred eighty million dollars, would supply" in result.stdout
    assert "by twenty twenty-nine" in result.stdout


def test_script_of_a_missing_source_fails_in_one_line(tmp_path: Path) -> None:
    result = invoke(tmp_path, "script", str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {tmp_path / 'missing.txt'}: no such file"


def test_check_lists_words_to_look_at(tmp_path: Path) -> None:
    result = invoke(tmp_path, "check", str(_article(tmp_path)))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == 'XKQ: said "X K Q" (capitals in no list, spelled out)'
    assert '1500: said "fifteen hundred" (four-digit number, read as a year or a quantity by context)' in lines
    assert '6/13: said "six slash thirteen" (numbers with a slash: a date without a year, a score?)' in lines
    assert not any(line.startswith(("FBI", "CA", "2025", "II")) for line in lines)


def test_check_json(tmp_path: Path) -> None:
    result = invoke(tmp_path, "check", "--json", str(_article(tmp_path)))
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"word": "XKQ", "spoken": "X K Q", "reason": "capitals in no list, spelled out"} in records
    assert all(set(r) == {"word", "spoken", "reason"} for r in records)
