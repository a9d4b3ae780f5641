"""The pronunciation lexicon: case rules, phrases, overlaps, punctuation, invalid files, and its wiring."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from mutagen.mp3 import MP3

from audionews.errors import ConfigError
from audionews.feed.folder import FeedFolder
from audionews.model import Article, Block
from audionews.pipeline import Feed
from audionews.script.lexicon import Lexicon, load_lexicon, parse_lexicon
from audionews.script.normalize import for_speech
from audionews.script.segments import make_script
from conftest import init_feed, invoke
from factories import article

LEXICON = """\
Nguyen = "win"
"Xi Jinping" = "shee jin-ping"
Xi = "shee"
US = "you ess"
us = "uss"
gif = "jif"
UNRWA = "un-rah"
"the New York Times" = "the times"
York = "yorck"
"Louis XIV" = "loo-ee the fourteenth"
"O'Brien" = "oh bryen"
"AT&T" = "at and tee"
"""


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return parse_lexicon(LEXICON, "test.toml")


CASES = [
    # case rules: a key with capitals matches only that case; an all-lower-case key any case
    ("Nguyen spoke.", "win spoke."),
    ("NGUYEN and nguyen are not Nguyen.", "NGUYEN and nguyen are not win."),
    ("A GIF, a Gif and a gif.", "A jif, a jif and a jif."),
    ("The US told us.", "The you ess told uss."),  # exact-case US wins over any-case us
    ("Us and uS.", "uss and uss."),
    # whole words only
    ("Nguyenville and gifs and USA.", "Nguyenville and gifs and U S A."),
    # phrases, longest first, overlapping entries
    ("Xi Jinping met Xi.", "shee jin-ping met shee."),
    ("Xi  Jinping, again.", "shee jin-ping, again."),
    ("Read the New York Times in York.", "Read the times in yorck."),
    ("New York is big.", "New yorck is big."),
    # punctuation next to words
    ("Nguyen's team, (Nguyen) and “Nguyen”.", "win's team, win, and \"win\"."),
    ("Nguyen-Smith said: Nguyen!", "win-Smith said: win!"),
    ("US-led talks.", "you ess-led talks."),
    ("O’Brien and O'Brien's AT&T deal.", "oh bryen and oh bryen's at and tee deal."),
    # a plain name applies after normalization, so the rules still see it as written
    ("Dr. Nguyen, 42, won $5m on Jan. 3.", "Doctor win, forty-two, won five million dollars on January third."),
    ("Nguyen 3, Smith 1.", "win three, Smith one."),
    # a key normalization would change applies before it, next to numbers too
    ("UNRWA's 2024 budget was $1.2 billion.", "un-rah's twenty twenty-four budget was one point two billion dollars."),
    ("Louis XIV died in 1715.", "loo-ee the fourteenth died in seventeen fifteen."),
    ("Louis XV died in 1774.", "Louis the Fifteenth died in seventeen seventy-four."),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_lexicon_for_speech(lexicon: Lexicon, written: str, spoken: str) -> None:
    assert lexicon.for_speech(written) == spoken


@pytest.mark.parametrize("written", ["Nguyen, 42, won $5m.", "The US and NATO.", "Louis XIV"])
def test_empty_lexicon_is_plain_normalization(written: str) -> None:
    assert Lexicon().for_speech(written) == for_speech(written)


@pytest.mark.parametrize(("word", "covered"), [
    ("Nguyen", True), ("nguyen", False), ("GIF", True), ("US", True), ("Us", True), ("USA", False),
    ("Xi Jinping", True), ("Jinping", False),
])
def test_covers(lexicon: Lexicon, word: str, covered: bool) -> None:
    assert lexicon.covers(word) is covered


INVALID = [
    ("Nguyen = \"win\nXi = 1\n", "invalid TOML"),
    ("Nguyen = 3\n", "entry 'Nguyen': the respelling must be a string, not an integer"),
    ("Nguyen = true\n", "entry 'Nguyen': the respelling must be a string, not a boolean"),
    ("Nguyen = [\"win\"]\n", "entry 'Nguyen': the respelling must be a string, not an array"),
    ("\"\" = \"nothing\"\n", "entry '': the word must not be empty"),
    ("\"   \" = \"nothing\"\n", "entry '   ': the word must not be empty"),
    ("\"--\" = \"dash\"\n", "entry '--': the word has no letter or digit"),
    ("Nguyen = \" \"\n", "entry 'Nguyen': the respelling must not be empty"),
    ("St. Louis = \"saint loo-iss\"\n", "entry 'St' is a table; quote a key that holds a dot"),
    ("\"Xi Jinping\" = \"a\"\n\"Xi  Jinping\" = \"b\"\n", "entry 'Xi  Jinping' is given twice"),
]


@pytest.mark.parametrize(("text", "reason"), INVALID)
def test_invalid_lexicon_names_the_file_and_the_entry(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "lexicon.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_lexicon(path)
    assert caught.value.source == str(path)
    assert caught.value.reason.startswith(reason)


@pytest.mark.parametrize("command", ["script", "check"])
@pytest.mark.parametrize(("text", "reason"), INVALID[:3])
def test_invalid_lexicon_fails_in_one_line_via_the_cli(tmp_path: Path, command: str, text: str, reason: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    result = invoke(tmp_path / "feeds", command, "--lexicon", str(path), str(_article(tmp_path)))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Error: {path}: {reason}")


def test_publish_refuses_a_bad_feed_lexicon_before_speaking(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    init_feed(feeds, "news", "http://127.0.0.1:9/")
    lexicon = feeds / "news" / "lexicon.toml"
    lexicon.write_text('Nguyen = 42\n', encoding="utf-8")
    result = invoke(feeds, "publish", "-q", str(_article(tmp_path)))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {lexicon}: entry 'Nguyen': the respelling must be a string, not an integer"
    assert not (feeds / "news" / "catalog.sqlite3").exists()


def test_speak_refuses_a_missing_lexicon_before_speaking(tmp_path: Path) -> None:
    missing = tmp_path / "none.toml"
    result = invoke(tmp_path, "speak", str(_article(tmp_path)), "-o", str(tmp_path / "x.mp3"), "--lexicon", str(missing))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {missing}: lexicon file not found"
    assert not (tmp_path / "x.mp3").exists()


def test_version_is_the_entries_not_their_order() -> None:
    a = parse_lexicon('Nguyen = "win"\nXi = "shee"\n', "a")
    b = parse_lexicon('Xi = "shee"\nNguyen = "win"\n', "b")
    c = parse_lexicon('Xi = "shee"\nNguyen = "when"\n', "c")
    assert a == b and a.version == b.version
    assert c.version != a.version
    assert Lexicon().version != a.version


# --- make_script: only the segments holding a changed word change --------------------------------

def _article_value() -> Article:
    return article(
        "Voters in Springfield chose a new mayor on Tuesday.",
        "Dr. Nguyen, 42, took 55% of the vote and thanked the US team.",
        Block("heading", "What comes next"),
        "The council meets on June 20. Xi Jinping sent no message.",
        headline="Nguyen wins the 2025 vote", byline="Sam Lee", published=dt.date(2025, 6, 13), language=None,
    )


def test_make_script_applies_the_lexicon_to_spoken_text_only(lexicon: Lexicon) -> None:
    plain, said = make_script(_article_value()), make_script(_article_value(), lexicon=lexicon)
    assert [s.text for s in plain.segments] == [s.text for s in said.segments]
    assert [s.chapter for s in plain.segments] == [s.chapter for s in said.segments]
    assert said.segments[0].spoken == "win wins the twenty twenty-five vote."
    assert said.segments[3].spoken == "Doctor win, forty-two, took fifty-five percent of the vote and thanked the you ess team."
    assert plain.segments[3].spoken.startswith("Doctor Nguyen, forty-two,")


def test_changing_one_entry_changes_only_the_segments_holding_that_word() -> None:
    before = parse_lexicon('Nguyen = "win"\nXi = "shee"\n"Xi Jinping" = "shee jin-ping"\n', "a")
    after = parse_lexicon('Nguyen = "nwin"\nXi = "shee"\n"Xi Jinping" = "shee jin-ping"\n', "b")
    old, new = make_script(_article_value(), lexicon=before), make_script(_article_value(), lexicon=after)
    changed = [i for i, (a, b) in enumerate(zip(old.segments, new.segments)) if a != b]
    assert changed == [0, 3]  # the headline and the paragraph that name Nguyen
    assert all("nwin" in new.segments[i].spoken for i in changed)
    assert old.fingerprint("piper") != new.fingerprint("piper")
    unrelated = parse_lexicon('Nguyen = "win"\nXi = "shee"\n"Xi Jinping" = "shee jin-ping"\nZorp = "z"\n', "c")
    assert make_script(_article_value(), lexicon=unrelated).fingerprint("piper") == old.fingerprint("piper")


# --- the feed's lexicon and the CLI --------------------------------------------------------------

ARTICLE = """\
Nguyen leads the UNRWA review
By Sam Lee
Published 13 June 2025
Dr. Nguyen said on Monday that the UNRWA review of 2024 spending, worth $1.2 billion, would end in July, and that the QXZ office had agreed to it.
The review team from the US will report to the board before the autumn meeting, Nguyen told reporters at the office in Geneva.
"""


def _article(tmp_path: Path) -> Path:
    path = tmp_path / "review.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _spoken(result) -> str:
    assert result.exit_code == 0, result.stderr
    return " ".join(json.loads(line)["spoken"] for line in result.stdout.splitlines())


def test_feed_uses_lexicon_toml_by_default_and_the_file_feed_toml_names(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    init_feed(feeds, "news", "http://127.0.0.1:9/")
    folder = FeedFolder(feeds / "news")
    assert Feed.open(folder).lexicon == Lexicon()
    (folder.root / "lexicon.toml").write_text('Nguyen = "win"\n', encoding="utf-8")
    assert Feed.open(folder).lexicon.entries == (("Nguyen", "win"),)
    (folder.root / "words").mkdir()
    (folder.root / "words" / "names.toml").write_text('Nguyen = "nwin"\n', encoding="utf-8")
    settings = folder.settings_path.read_text(encoding="utf-8")
    folder.settings_path.write_text(settings.replace('lexicon = ""', 'lexicon = "words/names.toml"'), encoding="utf-8")
    assert Feed.open(folder).lexicon.entries == (("Nguyen", "nwin"),)
    (folder.root / "words" / "names.toml").unlink()
    with pytest.raises(ConfigError, match="lexicon file not found"):
        Feed.open(folder).lexicon


def test_script_uses_the_feed_lexicon_with_feed_and_the_file_with_lexicon(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    init_feed(feeds, "news", "http://127.0.0.1:9/")
    (feeds / "news" / "lexicon.toml").write_text('Nguyen = "win"\nUNRWA = "un-rah"\n', encoding="utf-8")
    other = tmp_path / "other.toml"
    other.write_text('Nguyen = "nwin"\n', encoding="utf-8")
    source = str(_article(tmp_path))
    plain = _spoken(invoke(feeds, "script", "--json", source))
    with_feed = _spoken(invoke(feeds, "script", "--json", "--feed", "news", source))
    with_file = _spoken(invoke(feeds, "script", "--json", "--feed", "news", "--lexicon", str(other), source))
    assert "Doctor Nguyen said" in plain and "U N R W A review" in plain
    assert "Doctor win said on Monday that the un-rah review of twenty twenty-four spending" in with_feed
    assert "Nguyen told reporters" not in with_feed and "win told reporters" in with_feed
    assert "Doctor nwin said" in with_file and "U N R W A" in with_file


def test_check_leaves_out_words_the_lexicon_covers(tmp_path: Path) -> None:
    source = str(_article(tmp_path))
    lexicon = tmp_path / "lexicon.toml"
    lexicon.write_text('QXZ = "quix"\n', encoding="utf-8")
    listed = lambda *options: {json.loads(line)["word"]  # noqa: E731
                               for line in invoke(tmp_path, "check", "--json", *options, source).stdout.splitlines()}
    assert "QXZ" in listed()
    assert "QXZ" not in listed("--lexicon", str(lexicon))
    assert listed() - listed("--lexicon", str(lexicon)) == {"QXZ"}


def test_speak_and_publish_say_the_respelling(tmp_path: Path) -> None:
    """A name respelled as a long phrase makes the audio longer; a changed lexicon updates the episode."""
    source = tmp_path / "short.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    long = tmp_path / "long.toml"
    long.write_text('Nguyen = "the person whose name the editor wrote out at great length"\n', encoding="utf-8")
    plain, respelled = tmp_path / "plain.mp3", tmp_path / "respelled.mp3"
    assert invoke(tmp_path, "speak", "-q", str(source), "-o", str(plain)).exit_code == 0
    result = invoke(tmp_path, "speak", "-q", str(source), "-o", str(respelled), "--lexicon", str(long))
    assert result.exit_code == 0, result.stderr
    assert MP3(respelled).info.length > MP3(plain).info.length + 1.5

    feeds = tmp_path / "feeds"
    init_feed(feeds, "news", "http://127.0.0.1:9/")
    statuses = []
    for lexicon in ("", 'Nguyen = "win"\n', 'Nguyen = "win"\n'):
        (feeds / "news" / "lexicon.toml").write_text(lexicon, encoding="utf-8")
        result = invoke(feeds, "publish", "-q", "--json", str(source))
        assert result.exit_code == 0, result.stderr
        statuses.append(json.loads(result.stdout)["status"])
    assert statuses == ["added", "updated", "unchanged"]
