"""Hardening the settings boundary (issue #10): ``feed.toml`` checked whole, against one schema, when it
is read, and ``init``'s options through the same schema; a feed's name is never a path, and a file the
settings name (artwork, lexicon) never leads out of the feed folder.

Each example of the issue is pinned on its own (the exact one-line error, and nothing built, spoken or
committed); two properties feed the boundary arbitrary documents, text, bytes and names.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import zlib
from pathlib import Path

import lxml.etree
import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from audionews.errors import AudionewsError, ConfigError, FeedError
from audionews.feed.folder import FeedFolder, FeedSettings, create_feed, feed_folder, find_feed
from audionews.feed.rss import build_feed_xml
from audionews.feed.schema import shown
from audionews.feed.site import build_index_html
from audionews.toml import tomllib
from conftest import EXAMPLES, examples, init_feed, invoke, scaled

VALID = {"title": "Ledger", "author": "Ledger Desk", "email": "editor@example.org",
         "base_url": "https://example.org/pod/"}
KNOWN = list(FeedSettings.__dataclass_fields__)


def one_line(text: str) -> bool:
    """One non-empty line (a final newline allowed): no line break of any kind inside."""
    lines = text.splitlines()
    return len(lines) == 1 and lines[0] == lines[0].strip() != ""


@pytest.fixture
def feeds(tmp_path: Path) -> Path:
    feeds = tmp_path / "feeds"
    init_feed(feeds, "ledger", "http://127.0.0.1:9/")
    toml = feeds / "ledger" / "feed.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('engine = "piper"', 'engine = "silent"'), encoding="utf-8")
    return feeds


def set_toml(feeds: Path, text: str) -> Path:
    """Replace or add the setting(s) in ``text`` (TOML lines) in the feed's feed.toml."""
    toml = feeds / "ledger" / "feed.toml"
    lines = toml.read_text(encoding="utf-8").splitlines()
    for line in text.splitlines():
        key = line.split("=")[0].strip()
        lines = [old for old in lines if old.split("=")[0].strip() != key] + [line]
    toml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return toml


def refused(feeds: Path, *args: str) -> str:
    """The one line a refused command prints (after checking it printed only that and changed nothing)."""
    result = invoke(feeds, *args)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert one_line(result.stderr), result.stderr
    assert not (feeds / "ledger" / "public").exists()
    assert not (feeds / "ledger" / "catalog.sqlite3").exists()
    return result.stderr.strip()


# -- the issue's examples, each on its own -------------------------------------------------------

@pytest.mark.parametrize(("line", "reason"), [
    ('speed = "fast"', "speed must be a number, not a string ('fast')"),
    ('cache_mb = "big"', "cache_mb must be a whole number, not a string ('big')"),
    ("voice = 5", "voice must be a string, not an integer (5)"),
    ("title = 5", "title must be a string, not an integer (5)"),
    ('explicit = "no"', "explicit must be true or false, not a string ('no')"),
    ('language = "en\\n"', "language holds a line break (U+000A) at 3 of 'en\\n'"),
])
def test_issue_examples_are_one_line_naming_key_and_file(feeds: Path, line: str, reason: str) -> None:
    toml = set_toml(feeds, line)
    assert refused(feeds, "build") == f"Error: {toml}: {reason}"


def test_cache_mb_big_is_refused_before_anything_is_spoken_or_committed(feeds: Path) -> None:
    toml = set_toml(feeds, 'cache_mb = "big"')
    message = refused(feeds, "publish", "-q", str(EXAMPLES / "library-late-fees.txt"))
    assert message == f"Error: {toml}: cache_mb must be a whole number, not a string ('big')"
    assert not (feeds / "ledger" / "cache").exists() and not (feeds / "ledger" / "staging").exists()


def test_init_refuses_a_control_character_and_writes_nothing(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    result = invoke(feeds, "init", "bad", "--title", "Bad\x01", "--author", "A", "--email", "a@example.org",
                    "--base-url", "https://example.org/")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: title holds a control character (U+0001) at 4 of 'Bad\\x01'"
    assert not feeds.exists()


@pytest.mark.parametrize(("option", "value", "reason"), [
    ("--title", "Bad\udcff", "title holds an undecodable byte (U+DCFF) at 4 of 'Bad\\udcff'"),
    ("--author", "A\nB", "author holds a line break (U+000A) at 2 of 'A\\nB'"),
    ("--language", "en\n", "language holds a line break (U+000A) at 3 of 'en\\n'"),
    ("--language", "english", "language 'english' is not a BCP 47 language tag such as en, en-US or pt-BR"),
    ("--description", "nul\x00", "description holds a control character (U+0000) at 4 of 'nul\\x00'"),
    ("--email", "a@b\u2028c", "email holds a line break (U+2028) at 4 of 'a@b\\u2028c'"),
    ("--base-url", "javascript:alert(1)", "base_url 'javascript:alert(1)' must be an absolute http(s) URL"),
    ("--speed", "9", "speed 9 is outside 0.5 to 3"),
    ("--speed", "nan", "speed nan is outside 0.5 to 3"),
])
def test_init_checks_its_options_through_the_schema(tmp_path: Path, option: str, value: str, reason: str) -> None:
    options = {"--title": "T", "--author": "A", "--email": "a@example.org", "--base-url": "https://example.org/"}
    options[option] = value
    result = invoke(tmp_path / "feeds", "init", "news", *(part for pair in options.items() for part in pair))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {reason}"
    assert not (tmp_path / "feeds").exists()


# -- siblings: every kind of wrong value, named -----------------------------------------------------

@pytest.mark.parametrize(("line", "reason"), [
    ("speed = nan", "speed nan is outside 0.5 to 3"),
    ("speed = inf", "speed inf is outside 0.5 to 3"),
    ("speed = 0.49", "speed 0.49 is outside 0.5 to 3"),
    ("speed = true", "speed must be a number, not a boolean (True)"),
    ("cache_mb = -1", "cache_mb -1 is outside 0 to 1000000"),
    ("cache_mb = 1.5", "cache_mb must be a whole number, not a decimal number (1.5)"),
    ("cache_mb = 99999999999", "cache_mb 99999999999 is outside 0 to 1000000"),
    ("explicit = 0", "explicit must be true or false, not an integer (0)"),
    ('explicit = "false"', "explicit must be true or false, not a string ('false')"),
    ("allow_private_addresses = 1", "allow_private_addresses must be true or false, not an integer (1)"),
    ("title = 1979-05-27", "title must be a string, not a date or time (datetime.date(1979, 5, 27))"),
    ('title = ["a"]', "title must be a string, not an array (['a'])"),
    ('title = ""', "title must not be empty"),
    ('title = "  "', "title must not be empty"),
    ('title = "a\\tb"', "title holds a control character (U+0009) at 2 of 'a\\tb'"),
    ('copyright = "\\u0085"', "copyright holds a control character (U+0085) at 1 of '\\x85'"),
    ('author = "\\uffff"', "author holds a control character (U+FFFF) at 1 of '\\uffff'"),
    ('engine = ""', "engine must not be empty"),
    ('language = "en_US"', "language 'en_US' is not a BCP 47 language tag such as en, en-US or pt-BR"),
    ('language = "e"', "language 'e' is not a BCP 47 language tag such as en, en-US or pt-BR"),
    ('language = "en-"', "language 'en-' is not a BCP 47 language tag such as en, en-US or pt-BR"),
    ('base_url = "ftp://example.org/"', "base_url 'ftp://example.org/' must be an absolute http(s) URL"),
    ('base_url = "https:///pod"', "base_url 'https:///pod' must be an absolute http(s) URL"),
    ('base_url = "https://example.org:99999/"',
     "base_url 'https://example.org:99999/' must be an absolute http(s) URL"),
    ('base_url = "https://[::1/"', "base_url 'https://[::1/' must be an absolute http(s) URL"),
    ('base_url = "https://ed:secret@example.org/"',
     ("base_url 'https://ed:secret@example.org/' must be an absolute http(s) URL without a user name or password: "
      "it is published in the feed")),
    ('base_url = "https://example.org/?a=1"',
     ("base_url 'https://example.org/?a=1' must be an absolute http(s) URL without a query or fragment: file names "
      "are added to it")),
    ('base_url = "https://example.org/a b/"',
     "base_url 'https://example.org/a b/' must be an absolute http(s) URL without spaces, quotes or angle brackets"),
    ('email = "nobody"', "email 'nobody' is not an e-mail address"),
    ('email = "a@b@c"', "email 'a@b@c' is not an e-mail address"),
    ('email = "Ed <ed@example.org>"', "email 'Ed <ed@example.org>' is not an e-mail address"),
    ('category = "Newz"', "category 'Newz' is not an Apple Podcasts category; did you mean 'News'?"),
    ('category = 3', "category must be a string, not an integer (3)"),
    ('titel = "x"', "unknown setting 'titel'; did you mean 'title'?"),
    ('Speed = 1.0', "unknown setting 'Speed'; did you mean 'speed'?"),
    ('voice = { name = "x" }', "voice must be a string, not a table ({'name': 'x'})"),
    ('"\\u0007" = 1', "unknown setting '\\x07' (known settings: " + ", ".join(KNOWN) + ")"),
    ('title = "' + "x" * 5000 + '\\u0001"', "title holds a control character (U+0001) at 5001 of '" + "x" * 38 + "…"),
])
def test_every_wrong_setting_is_one_line_naming_key_and_file(feeds: Path, line: str, reason: str) -> None:
    toml = set_toml(feeds, line)
    assert refused(feeds, "build") == f"Error: {toml}: {reason}"


@pytest.mark.parametrize("line", ['language = "zh-Hant-TW"', 'language = "sr-Latn"', 'language = "es-419"',
                                  'language = "de-CH-1996"', 'language = "i-klingon"', 'language = "x-private"',
                                  "speed = 1", "speed = 3.0", "cache_mb = 0", 'description = "two\\nlines\\tand a tab"',
                                  'base_url = "http://[::1]:8000/pod"', 'email = "ed+feed@xn--bcher-kva.example"',
                                  "allow_private_addresses = false", 'title = "Podcast 🎧 שלום עולם"'])
def test_valid_settings_build(feeds: Path, line: str) -> None:
    set_toml(feeds, line)
    result = invoke(feeds, "build")
    assert result.exit_code == 0, result.stderr
    lxml.etree.parse(str(feeds / "ledger" / "public" / "feed.xml"))


def test_missing_setting_is_named(feeds: Path) -> None:
    toml = feeds / "ledger" / "feed.toml"
    toml.write_text("\n".join(line for line in toml.read_text().splitlines() if not line.startswith("email")))
    assert refused(feeds, "build") == f"Error: {toml}: missing setting 'email'"


@pytest.mark.parametrize(("content", "reason"), [
    (b"title = \xff\n", "is not UTF-8 text (byte 9)"),
    (b"a = " + b"[" * 50_000, "invalid TOML (nested too deeply)"),
    (b"title = 'a'\ntitle = 'b'\n", "invalid TOML (Cannot overwrite a value (at line 2, column 12))"),
])
def test_a_file_that_is_not_toml_is_one_line(feeds: Path, content: bytes, reason: str) -> None:
    toml = feeds / "ledger" / "feed.toml"
    toml.write_bytes(content)
    assert refused(feeds, "build") == f"Error: {toml}: {reason}"


def test_a_feed_toml_that_cannot_be_read_is_one_line(feeds: Path) -> None:
    toml = feeds / "ledger" / "feed.toml"
    toml.unlink()
    toml.mkdir()
    with pytest.raises(ConfigError) as caught:
        FeedFolder(feeds / "ledger").settings()
    assert str(caught.value) == f"{toml}: cannot be read (Is a directory)"
    assert refused(feeds, "build", "--feed", "ledger") == f"Error: {feeds}: no feed named 'ledger'"


# -- files the settings name stay in the feed folder ---------------------------------------------

def cover(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1400, 1400), (10, 20, 30)).save(path)
    return path


@pytest.mark.parametrize(("line", "reason"), [
    ('artwork = "../../x.png"', "artwork '../../x.png' must name a file inside the feed folder, relative to it"),
    ('artwork = "art/../../x.png"',
     "artwork 'art/../../x.png' must name a file inside the feed folder, relative to it"),
    ('artwork = "/tmp/x.png"', "artwork '/tmp/x.png' must name a file inside the feed folder, relative to it"),
    ('artwork = "..\\\\x.png"', "artwork '..\\\\x.png' must name a file inside the feed folder, relative to it"),
    ('lexicon = "../words.toml"', "lexicon '../words.toml' must name a file inside the feed folder, relative to it"),
    ('lexicon = "/etc/passwd"', "lexicon '/etc/passwd' must name a file inside the feed folder, relative to it"),
    ('lexicon = "."', "lexicon '.' must name a file inside the feed folder, relative to it"),
    ('artwork = "./"', "artwork './' must name a file inside the feed folder, relative to it"),
])
def test_a_path_out_of_the_feed_folder_is_refused(feeds: Path, line: str, reason: str) -> None:
    cover(feeds.parent / "x.png")
    (feeds / "words.toml").write_text('Nguyen = "win"\n')
    toml = set_toml(feeds, line)
    assert refused(feeds, "build") == f"Error: {toml}: {reason}"


def test_artwork_through_a_symlink_out_of_the_folder_is_not_published(feeds: Path) -> None:
    secret = cover(feeds.parent / "private" / "photo.png")
    (feeds / "ledger" / "art").mkdir()
    (feeds / "ledger" / "art" / "cover.png").symlink_to(secret)
    toml = set_toml(feeds, 'artwork = "art/cover.png"')
    assert refused(feeds, "build") == f"Error: {toml}: artwork 'art/cover.png' leads outside the feed folder"
    (feeds / "ledger" / "art" / "cover.png").unlink()
    (feeds / "ledger" / "art" / "up").symlink_to(secret.parent, target_is_directory=True)
    set_toml(feeds, 'artwork = "art/up/photo.png"')
    assert refused(feeds, "build") == f"Error: {toml}: artwork 'art/up/photo.png' leads outside the feed folder"


def test_a_symlink_inside_the_folder_is_followed(feeds: Path) -> None:
    real = cover(feeds / "ledger" / "art" / "2025.png")
    (feeds / "ledger" / "cover.png").symlink_to(real)
    set_toml(feeds, 'artwork = "cover.png"')
    assert invoke(feeds, "build").exit_code == 0
    assert (feeds / "ledger" / "public" / "cover.png").read_bytes() == real.read_bytes()


def test_a_symlink_loop_is_one_line(feeds: Path) -> None:
    (feeds / "ledger" / "loop").symlink_to("loop")
    toml = set_toml(feeds, 'artwork = "loop"')
    assert refused(feeds, "build") == (f"Error: {toml}: artwork 'loop' cannot be followed (a loop of symbolic links, "
                                       "or a folder that cannot be read)")


def test_artwork_claiming_a_huge_size_is_one_line(feeds: Path) -> None:
    png = feeds / "ledger" / "bomb.png"
    Image.new("RGB", (1, 1)).save(png)
    data = bytearray(png.read_bytes())
    data[16:24] = (40_000).to_bytes(4, "big") * 2  # the IHDR's width and height, and its checksum
    data[29:33] = zlib.crc32(data[12:29]).to_bytes(4, "big")
    png.write_bytes(bytes(data))
    toml = set_toml(feeds, 'artwork = "bomb.png"')
    assert refused(feeds, "build") == (f"Error: {toml}: artwork bomb.png is far larger than 3000×3000: Apple needs a "
                                       "square image from 1400 to 3000 pixels")


@pytest.mark.parametrize("how", ["default", "named", "folder"])
def test_a_lexicon_out_of_the_folder_is_not_read(feeds: Path, how: str) -> None:
    outside = feeds.parent / "outside.toml"
    outside.write_text('Nguyen = "win"\n')
    folder = feeds / "ledger"
    if how == "default":
        (folder / "lexicon.toml").symlink_to(outside)
        name = "lexicon.toml"
    elif how == "named":
        (folder / "names.toml").symlink_to(outside)
        name = "names.toml"
        set_toml(feeds, 'lexicon = "names.toml"')
    else:
        (folder / "words").symlink_to(feeds.parent, target_is_directory=True)
        name = "words/outside.toml"
        set_toml(feeds, f'lexicon = "{name}"')
    expected = f"Error: {folder / 'feed.toml'}: lexicon '{name}' leads outside the feed folder"
    assert refused(feeds, "script", "--feed", "ledger", str(EXAMPLES / "library-late-fees.txt")) == expected
    assert refused(feeds, "publish", "-q", str(EXAMPLES / "library-late-fees.txt")) == expected


# -- feed names are never paths --------------------------------------------------------------------

NAME_RULE = ("use 1 to 63 lower-case letters, digits, '-' and '_', starting with a letter or digit")


def test_feed_option_reaches_no_feed_outside_the_feeds_folder(feeds: Path) -> None:
    outside = feeds.parent / "elsewhere"
    init_feed(outside, "x", "http://127.0.0.1:9/")  # a real feed, reachable by a path but not by a name
    for path in ("../elsewhere/x", str(outside / "x")):
        assert refused(feeds, "build", "--feed", path) == f"Error: feed name {shown(path)}: {NAME_RULE}"
    assert not (outside / "x" / "public").exists()


@pytest.mark.parametrize("name", ["../other", "..", ".", "", "/abs", "a/b", "News", "ledger\n", "-x", "a" * 64,
                                  "ledger\x00", "le dger", "ledger\udcff"])
def test_feed_option_is_a_name_not_a_path(feeds: Path, name: str) -> None:
    for command in ("build", "episodes"):
        message = refused(feeds, command, "--feed", name)
        assert message.startswith("Error: feed name ") and message.endswith(NAME_RULE)


@pytest.mark.parametrize("name", ["../escape", "/tmp/escape", "Ledger", "news\n", "", "a" * 64, "x\udcff"])
def test_init_name_is_a_name_not_a_path(tmp_path: Path, name: str) -> None:
    feeds = tmp_path / "feeds"
    result = invoke(feeds, "init", name, "--title", "T", "--author", "A", "--email", "a@example.org", "--base-url",
                    "https://example.org/")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: feed name {shown(name)}: {NAME_RULE}"
    assert not feeds.exists() and not (tmp_path / "escape").exists()


def test_init_over_a_file_of_the_same_name_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "news").write_text("not a folder")
    result = invoke(tmp_path / "feeds", "init", "news", "--title", "T", "--author", "A", "--email", "a@example.org",
                    "--base-url", "https://example.org/")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {tmp_path / 'feeds' / 'news'}: cannot create the feed (File exists)"


# -- properties ------------------------------------------------------------------------------------

GOOD_VALUES = {
    "description": st.text(max_size=30), "language": st.sampled_from(["en", "en-US", "de", "zh-Hant-TW", "pt-BR"]),
    "category": st.sampled_from(["News", "News/Daily News", "Technology", "Arts/Books"]), "explicit": st.booleans(),
    "copyright": st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7e), max_size=20),
    "speed": st.floats(0.5, 3.0), "cache_mb": st.integers(0, 1_000_000), "allow_private_addresses": st.booleans(),
    "title": st.sampled_from(["Ledger", "Tom & Jerry <b>", "🎧 שלום"]), "engine": st.sampled_from(["piper", "silent"]),
}
toml_scalar = st.one_of(st.text(max_size=20), st.integers(-2**63, 2**63 - 1), st.floats(), st.booleans(),
                        st.datetimes(), st.dates(), st.times())
toml_value = st.recursive(toml_scalar, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                               st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                          max_leaves=6)
any_key = st.one_of(st.sampled_from(KNOWN), st.text(max_size=15))
changes = st.lists(st.one_of(
    st.sampled_from(sorted(GOOD_VALUES)).flatmap(lambda key: st.tuples(st.just(key), GOOD_VALUES[key])),
    st.tuples(any_key, toml_value),
    st.tuples(st.sampled_from(KNOWN), st.none()),  # None: the key is left out
), max_size=4)
VALID_TOML = tomli_w.dumps(VALID)
LINE_STARTS = [0, *(i + 1 for i, c in enumerate(VALID_TOML) if c == "\n")]
feed_toml_text = st.one_of(
    st.text(), st.binary().map(lambda b: b.decode("utf-8", "replace")),
    st.builds(lambda at, noise: VALID_TOML[:at] + noise + VALID_TOML[at:], st.integers(0, len(VALID_TOML)),
              st.one_of(st.just(""), st.text(max_size=3), st.text(max_size=10).map(lambda t: f"\n# {t}\n"))),
    # a comment on a line of its own: still valid, so the valid branch is reached often whatever the seed
    st.builds(lambda at, note: VALID_TOML[:at] + f"# {note}\n" + VALID_TOML[at:], st.sampled_from(LINE_STARTS),
              st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=10)),
    st.lists(st.sampled_from([*(f"{k} = " for k in KNOWN), '"x"', '"a@b"', '"https://x.org/"', "1", "true", "[", "]",
                              "{", "}", "\n", "=", "'", "1979-05-27", "nan", "[t]\n", "#"]), max_size=30).map("".join),
)


def boundary(text: str, where: str = "feed.toml") -> FeedSettings | str:
    """``from_toml``'s answer: settings a feed can be built from, or one ConfigError line naming the file."""
    try:
        result = FeedSettings.from_toml(text, where)
    except ConfigError as exc:
        assert one_line(str(exc)) and str(exc).startswith(f"{where}: "), str(exc)
        return exc.reason
    assert FeedSettings.from_toml(result.to_toml(), where) == result
    lxml.etree.fromstring(build_feed_xml(result, []))  # what the schema lets through, XML can carry
    build_index_html(result, [])
    return result


def test_property_any_settings_document() -> None:
    """Documents of known and random keys with values of every TOML type: settings, or one line naming a key."""
    reached = {"valid": 0, "error": 0}

    @settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
    @given(changes)
    @example([("speed", "fast")]).via("the issue")
    @example([("language", "en\n")]).via("the issue")
    def run(changes: list[tuple[str, object]]) -> None:
        data: dict[str, object] = dict(VALID)
        for key, value in changes:
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        answer = boundary(tomli_w.dumps(data))
        if isinstance(answer, FeedSettings):
            reached["valid"] += 1
            return
        reached["error"] += 1
        named = [key for key in KNOWN if re.search(rf"\b{key}\b", answer)] + [
            key for key in data if shown(key)[:20] in answer]
        assert named or answer.startswith("missing setting"), answer

    run()
    assert reached["valid"] >= scaled(40, of=300) and reached["error"] >= scaled(50, of=300), reached


def test_property_any_text_as_feed_toml() -> None:
    reached = {"valid": 0, "error": 0}

    @settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
    @given(feed_toml_text)
    def run(text: str) -> None:
        reached["valid" if isinstance(boundary(text), FeedSettings) else "error"] += 1

    run()
    assert reached["valid"] >= scaled(10, of=300) and reached["error"] >= scaled(100, of=300), reached


def test_property_any_bytes_as_feed_toml_file() -> None:
    """Bytes read from disk (not UTF-8, NUL, a BOM): settings, or one line naming the file."""
    reached = {"valid": 0, "error": 0}

    @settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
    @given(st.one_of(st.binary(max_size=200),
                     st.one_of(st.binary(max_size=12), st.text(max_size=12).map(str.encode)).map(
                         lambda tail: VALID_TOML.encode() + b"# " + tail)))
    def run(content: bytes) -> None:
        with tempfile.TemporaryDirectory() as temp:
            folder = FeedFolder(Path(temp) / "feed")
            folder.root.mkdir()
            folder.settings_path.write_bytes(content)
            try:
                read = folder.settings()
            except AudionewsError as exc:
                assert one_line(str(exc)) and str(exc).startswith(f"{folder.settings_path}: "), str(exc)
                reached["error"] += 1
                return
            assert read == FeedSettings(**VALID)
            reached["valid"] += 1

    run()
    assert reached["valid"] >= scaled(15, of=150) and reached["error"] >= scaled(50, of=150), reached


hostile_char = st.one_of(st.characters(), st.sampled_from(["\udcff", "\x00", "\n", "/", ".", "\\", "-", "_"]))
names = st.one_of(st.text(hostile_char, max_size=70),
                  st.from_regex(r"[a-z0-9][a-z0-9_-]{0,20}", fullmatch=True),
                  st.sampled_from(["..", ".", "../x", "/etc", "x/../y", "ledger", "default", "a" * 64, "a" * 63]))


def test_property_any_feed_name() -> None:
    """Any string as ``init NAME`` or ``--feed``: a folder directly in the feeds folder, or one line."""
    reached = {"valid": 0, "error": 0}

    @settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
    @given(names)
    @example("../other").via("the issue")
    def run(name: str) -> None:
        with tempfile.TemporaryDirectory() as temp:
            feeds = Path(temp) / "feeds"
            created = FeedSettings(**VALID)
            try:
                folder = create_feed(feeds, name, created)
            except AudionewsError as exc:
                assert one_line(str(exc)), str(exc)
                with pytest.raises(AudionewsError) as caught:
                    find_feed(feeds, name)
                assert one_line(str(caught.value))
                assert os.listdir(temp) == []
                reached["error"] += 1
                return
            assert folder.root.parent == feeds and folder.root.resolve().parent == feeds.resolve()
            assert find_feed(feeds, name) == folder == feed_folder(feeds, name)
            assert folder.settings() == created
            assert os.listdir(temp) == ["feeds"] and os.listdir(feeds) == [name]
            reached["valid"] += 1

    run()
    assert reached["valid"] >= scaled(50, of=300) and reached["error"] >= scaled(50, of=300), reached


def test_settings_written_by_init_read_back_equal(tmp_path: Path) -> None:
    folder = create_feed(tmp_path, "news", FeedSettings(**VALID, description="two\nlines", speed=1))
    assert tomllib.loads(folder.settings_path.read_text())["allow_private_addresses"] is True
    assert folder.settings() == FeedSettings(**VALID, description="two\nlines", speed=1.0)


def test_datetime_values_are_named(tmp_path: Path) -> None:
    text = tomli_w.dumps({**VALID, "copyright": dt.datetime(2025, 1, 1)})
    with pytest.raises(ConfigError, match=r"^feed.toml: copyright must be a string, not a date or time \("):
        FeedSettings.from_toml(text, "feed.toml")


def test_find_feed_without_a_name_still_finds_the_only_feed(feeds: Path) -> None:
    assert find_feed(feeds, None).root == feeds / "ledger"
    with pytest.raises(FeedError):
        find_feed(feeds.parent / "none", None)
