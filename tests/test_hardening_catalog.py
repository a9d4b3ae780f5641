"""The catalog is the one source of truth: a missing, empty, damaged or hostile one never costs an
episode, and never gives a traceback.

- missing or empty catalog while episodes exist: build, remove, publish and episodes refuse with
  a line that says how to recover, and delete nothing; episodes never creates a catalog;
- a damaged file (garbage, a malformed image) or a row of wrong types: one line, nothing deleted;
- any row at all (hypothesis): reading gives records or one FeedError, and building a feed from
  what reads gives a feed or one FeedError.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audionews.errors import FeedError
from audionews.feed.catalog import Catalog, EpisodeRecord
from audionews.feed.folder import FeedFolder
from audionews.feed.writer import build
from conftest import examples, invoke, scaled
from feed_state import FIRST, NEW, check_feed, one_line_error, silent_feed, snapshot

COLUMNS = [f.name for f in dataclasses.fields(EpisodeRecord)]


@pytest.fixture(scope="session")
def feed_template(two_episode_feed: Path) -> Path:
    """The shared two-episode feed (conftest), which tests only copy."""
    return two_episode_feed


@pytest.fixture
def feeds(feed_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "feeds"
    shutil.copytree(feed_template, target)
    return target


def _lose_catalog(folder: Path, how: str) -> None:
    catalog = folder / "catalog.sqlite3"
    if how == "missing":
        catalog.unlink()
    elif how == "empty file":
        catalog.write_bytes(b"")
    else:  # a database, but not a catalog
        catalog.unlink()
        sqlite3.connect(catalog).execute("CREATE TABLE other (x)").connection.commit()


@pytest.mark.parametrize("how", ["missing", "empty file", "no episodes table"])
@pytest.mark.parametrize("command", [["build"], ["remove", "urn:uuid:0"], ["publish", "-q", str(NEW)], ["episodes"]])
def test_a_lost_catalog_never_costs_an_episode(feeds: Path, how: str, command: list[str]) -> None:
    folder = feeds / "ledger"
    kept = snapshot(folder)
    feed_xml = (folder / "public" / "feed.xml").read_bytes()
    _lose_catalog(folder, how)
    before = (folder / "catalog.sqlite3").read_bytes() if (folder / "catalog.sqlite3").exists() else None
    result = invoke(feeds, *command)
    line = one_line_error(result, "catalog is missing or empty", "public/episodes holds 2 episodes",
                          "restore catalog.sqlite3 from a backup")
    assert "catalog.sqlite3" in line
    assert snapshot(folder) == kept
    assert (folder / "public" / "feed.xml").read_bytes() == feed_xml
    after = (folder / "catalog.sqlite3").read_bytes() if (folder / "catalog.sqlite3").exists() else None
    assert after == before  # neither created nor changed


def test_episodes_on_a_new_feed_lists_nothing_and_creates_nothing(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    folder = silent_feed(feeds)
    result = invoke(feeds, "episodes")
    assert result.exit_code == 0 and result.stdout == ""
    assert sorted(p.name for p in folder.iterdir()) == ["feed.toml"]


def test_episodes_never_changes_the_catalog(feeds: Path) -> None:
    """A listing must not make the catalog newer than feed.xml (the next publish would rebuild)."""
    catalog = feeds / "ledger" / "catalog.sqlite3"
    stat = catalog.stat()
    result = invoke(feeds, "episodes")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2
    assert catalog.stat().st_mtime_ns == stat.st_mtime_ns


def _malform(catalog: Path) -> None:
    """Garbage over the middle pages of a real catalog: SQLite's "database disk image is malformed"."""
    data = bytearray(catalog.read_bytes())
    page = 4096
    for start in range(page, len(data), page):
        data[start + 8: start + page] = bytes((i * 7) % 251 for i in range(page - 8))
    catalog.write_bytes(bytes(data))


DAMAGE = {
    "garbage file": lambda c: c.write_bytes(b"this is not a database\n" * 100),
    "malformed image": _malform,
    "chapters not JSON": lambda c: _set(c, "chapters", "{not json"),
    "chapters wrong shape": lambda c: _set(c, "chapters", json.dumps([{"title": 3}])),
    "size is text": lambda c: _set(c, "size", "big"),
    "duration is infinite": lambda c: _set(c, "duration", float("inf")),
    "audio outside episodes": lambda c: _set(c, "audio", "../../feed.toml"),
    "added not a time": lambda c: _set(c, "added", "yesterday"),
    "guid with a control character": lambda c: _set(c, "guid", "urn:uuid:bad\x00guid"),
    "title is a blob": lambda c: _set(c, "title", b"\xff\xfe"),
}


def _set(catalog: Path, column: str, value: object) -> None:
    with sqlite3.connect(catalog) as db:
        db.execute(f"UPDATE episodes SET {column} = ? WHERE rowid = (SELECT min(rowid) FROM episodes)", (value,))


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("command", [["build"], ["episodes"], ["publish", "-q", str(NEW)], ["remove"]])
def test_a_damaged_catalog_is_one_line_and_deletes_nothing(feeds: Path, damage: str, command: list[str]) -> None:
    folder = feeds / "ledger"
    kept = snapshot(folder)
    if command == ["remove"]:  # the episode that is not damaged: its commit reads the damaged one
        with sqlite3.connect(folder / "catalog.sqlite3") as db:
            command = ["remove", db.execute("SELECT guid FROM episodes ORDER BY rowid DESC").fetchone()[0]]
    DAMAGE[damage](folder / "catalog.sqlite3")
    result = invoke(feeds, *command)
    line = one_line_error(result, "catalog")
    assert len(line) < 400
    assert snapshot(folder) == kept


def test_control_characters_an_earlier_version_stored_are_dropped_not_fatal(feeds: Path) -> None:
    """Versions before the page-text boundary kept a page's control characters in titles, bylines and
    chapter titles (which never reached feed.xml); such a catalog still builds, lists and removes."""
    folder = feeds / "ledger"
    catalog = folder / "catalog.sqlite3"
    with sqlite3.connect(catalog) as db:
        guid, chapters = db.execute("SELECT guid, chapters FROM episodes ORDER BY rowid LIMIT 1").fetchone()
        marked = [dict(chapter, title=chapter["title"] + "\x1b[2J") for chapter in json.loads(chapters)]
        db.execute("UPDATE episodes SET title = title || ?, byline = ?, chapters = ? WHERE guid = ?",
                   ("\x07\x1b", "Ann\x01 Lee", json.dumps(marked), guid))
    for command in (["build"], ["episodes"]):
        result = invoke(feeds, *command)
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    feed_xml = (folder / "public" / "feed.xml").read_text(encoding="utf-8")
    assert "\x1b" not in feed_xml and "Ann Lee" in feed_xml
    result = invoke(feeds, "remove", guid)
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(("url", "image"), [("javascript:alert(1)", "data:image/png;base64,AAAA"),
                                           ("http://editor:secret@example.org/story", "ftp://example.org/x.png"),
                                           ("not a url", "http://editor:secret@example.org/x.png")])
def test_links_an_earlier_version_stored_are_published_only_when_safe(feeds: Path, url: str, image: str) -> None:
    """Rows written before every URL passed one check may hold any link a page named: none that is not
    http(s), and no credentials, reach feed.xml or the episode page."""
    folder = feeds / "ledger"
    _set(folder / "catalog.sqlite3", "url", url)
    _set(folder / "catalog.sqlite3", "image", image)
    result = invoke(feeds, "build")
    assert result.exit_code == 0, result.stderr
    for name in ("feed.xml", "index.html"):
        text = (folder / "public" / name).read_text(encoding="utf-8")
        assert "javascript:" not in text and "secret" not in text and "data:image" not in text
        assert "ftp://" not in text and "not a url" not in text


def test_a_damaged_row_names_the_episode_and_the_field(feeds: Path) -> None:
    folder = feeds / "ledger"
    _set(folder / "catalog.sqlite3", "duration", "long")
    line = one_line_error(invoke(feeds, "episodes"))
    assert "is damaged: duration is not a number of seconds" in line and "urn:uuid:" in line


def test_after_restoring_the_catalog_the_feed_is_whole_again(feeds: Path) -> None:
    folder = feeds / "ledger"
    catalog = folder / "catalog.sqlite3"
    backup = catalog.read_bytes()
    kept = snapshot(folder)
    catalog.unlink()
    one_line_error(invoke(feeds, "build"))
    catalog.write_bytes(backup)
    result = invoke(feeds, "build")
    assert result.exit_code == 0 and "(2 episodes)" in result.stdout
    assert len(check_feed(folder, kept)) == 2


# --- any row at all ---------------------------------------------------------------------------------

_ANY = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40), st.binary(max_size=40),
    st.builds(lambda text, times: text * times, st.text(alphabet=string.printable, min_size=1, max_size=20),
              st.integers(1_000, 50_000)),  # huge strings
)
_JSONISH = st.recursive(st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=10),
                        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                                     max_size=4), max_leaves=12)
_CHAPTERS = st.one_of(
    _ANY, _JSONISH.map(json.dumps),
    st.lists(st.fixed_dictionaries({"title": st.text(max_size=20), "start": st.floats(min_value=0, max_value=1e4),
                                    "end": st.floats(min_value=0, max_value=1e4)}), max_size=3).map(json.dumps),
    st.just("[" * 100_000),  # JSON nested deeper than any parser recurses
)
_TIME = st.one_of(_ANY, st.datetimes(timezones=st.timezones()).map(lambda t: t.isoformat()),
                  st.just("2024-05-01T10:00:00+00:00"))
_AUDIO = st.one_of(_ANY, st.from_regex(r"episodes/[a-z0-9][a-z0-9-]{0,20}\.mp3", fullmatch=True),
                   st.sampled_from(["../x.mp3", "/etc/passwd", "episodes/../../x.mp3", "episodes/a.b.mp3"]))


def _good_row(guid: str) -> dict[str, object]:
    return {"guid": guid, "identity": "url:" + guid, "source": "s", "url": None, "title": "T", "byline": None,
            "published": None, "description": "d", "language": "en", "fingerprint": "f" * 16,
            "audio": f"episodes/{guid}.mp3", "size": 10, "duration": 1.5, "chapters": "[]",
            "added": "2024-05-01T10:00:00+00:00", "updated": "2024-05-01T10:00:00+00:00", "image": None}


@st.composite
def _rows(draw: st.DrawFn) -> dict[str, object]:
    """A row with some columns good and the others anything at all."""
    row = _good_row(draw(st.from_regex(r"[a-z][a-z0-9]{0,12}", fullmatch=True)))
    special = {"chapters": _CHAPTERS, "added": _TIME, "updated": _TIME, "audio": _AUDIO}
    for column in draw(st.sets(st.sampled_from(COLUMNS), max_size=4)):
        row[column] = draw(special.get(column, _ANY))
    return row


VALID = {"reads": 0, "builds": 0}


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(row=_rows())
def _any_row(template: Path, row: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as temp:
        feeds = Path(temp) / "feeds"
        shutil.copytree(template, feeds)  # mtimes kept: the cover is not drawn again
        _check_row(feeds, row)


def _empty_feed(feeds: Path) -> Path:
    """A silent feed with an empty catalog and its public/ built once (the cover is the slow part)."""
    folder = FeedFolder(silent_feed(feeds))
    with Catalog(folder.catalog_path):  # creates the schema
        pass
    build(folder)
    return feeds


def _check_row(feeds: Path, row: dict[str, object]) -> None:
    folder = FeedFolder(feeds / "ledger")
    with sqlite3.connect(folder.catalog_path) as db:
        try:
            db.execute(f"INSERT INTO episodes ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                       [row[c] for c in COLUMNS])
        except (sqlite3.IntegrityError, OverflowError, sqlite3.ProgrammingError, UnicodeEncodeError):
            return  # SQLite itself refuses such a row (NOT NULL, a lone surrogate): it can never be there
    settings_before = folder.settings_path.read_bytes()
    try:
        with Catalog(folder.catalog_path, read_only=True) as catalog:
            found = [catalog.all(), catalog.by_guid(str(row["guid"])), catalog.last_updated(), catalog.count()]
    except FeedError as exc:
        assert "\n" not in str(exc) and len(str(exc)) < 400
        return
    VALID["reads"] += 1
    record = found[0][0]
    assert isinstance(record.title, str) and isinstance(record.size, int) and isinstance(record.duration, float)
    assert record.audio == row["audio"] and record.audio.startswith("episodes/") and ".." not in record.audio
    try:
        count = build(folder)
    except FeedError as exc:
        assert "\n" not in str(exc)
    else:
        VALID["builds"] += 1
        assert count == 1
    assert folder.settings_path.read_bytes() == settings_before  # nothing outside public/ is touched


def test_any_row_reads_as_a_record_or_one_feed_error() -> None:
    """Arbitrary values in a row (wrong types, bad JSON, huge strings, paths out of public/): reading
    the catalog gives records or one FeedError, nothing else; and enough rows were valid."""
    VALID.update(reads=0, builds=0)
    with tempfile.TemporaryDirectory() as temp:
        _any_row(_empty_feed(Path(temp) / "feeds"))
    assert VALID["reads"] >= scaled(10, of=150) and VALID["builds"] >= scaled(5, of=150), VALID


def test_a_publish_after_a_damaged_row_is_repaired_goes_on(feeds: Path) -> None:
    folder = feeds / "ledger"
    catalog = folder / "catalog.sqlite3"
    _set(catalog, "chapters", "{not json")
    one_line_error(invoke(feeds, "publish", "-q", str(FIRST)))
    _set(catalog, "chapters", "[]")
    assert invoke(feeds, "build").exit_code == 0
    check_feed(folder)
