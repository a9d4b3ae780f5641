"""The SQLite catalog of a feed's episodes: the source of truth the feed is built from.

Every change is one transaction, so a crash leaves the catalog as it was before or after,
never between. Everything read from it is checked on the way out (:func:`_record`): a damaged
file or a row of the wrong types is a one-line :class:`FeedError`, never a record the feed
cannot carry (an audio path outside ``public/episodes``, a date that is not one).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from audionews.errors import FeedError
from audionews.model import Chapter, page_text
from audionews.urls import public_url

__all__ = ["Catalog", "EpisodeRecord", "catalog_exists"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS episodes (
    guid TEXT PRIMARY KEY,
    identity TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    url TEXT,
    title TEXT NOT NULL,
    byline TEXT,
    published TEXT,
    description TEXT NOT NULL,
    language TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    audio TEXT NOT NULL,
    size INTEGER NOT NULL,
    duration REAL NOT NULL,
    chapters TEXT NOT NULL,
    added TEXT NOT NULL,
    updated TEXT NOT NULL,
    image TEXT
);
CREATE INDEX IF NOT EXISTS episodes_added ON episodes (added);
"""


@dataclass(frozen=True)
class EpisodeRecord:
    """One episode as the catalog keeps it. ``audio`` is a path relative to ``public/``."""

    guid: str
    identity: str
    source: str
    url: str | None
    title: str
    byline: str | None
    published: str | None
    description: str
    language: str
    fingerprint: str
    audio: str
    size: int
    duration: float
    chapters: tuple[Chapter, ...]
    added: str
    updated: str
    image: str | None = None
    """The article's lead image URL, shown as the episode's artwork."""

    def to_json(self) -> dict:
        data = asdict(self)
        data["chapters"] = [asdict(c) for c in self.chapters]
        return data


_COLUMNS = [f.name for f in fields(EpisodeRecord)]
_ADDED_COLUMNS = {"image": "TEXT"}
"""Columns added since the first schema: a catalog without them gets them when opened."""


def catalog_exists(path: Path) -> bool:
    """Whether ``path`` holds a catalog (a file with the episodes table), read without changing it;
    False for no file, an empty file or a database without episodes. A file that is not a readable
    database is a :class:`FeedError`."""
    try:
        if path.stat().st_size == 0:
            return False
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise FeedError(f"the catalog cannot be read ({exc.strerror})", str(path)) from exc
    with Catalog(path, read_only=True) as catalog, catalog._guard():
        return catalog._db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'episodes'"
                                   ).fetchone() is not None


class Catalog:
    def __init__(self, path: Path, read_only: bool = False) -> None:
        """Open (and create or migrate) the catalog; ``read_only`` opens an existing one as it is."""
        self.path = path
        try:
            if read_only:
                self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
                return
            self._db = sqlite3.connect(path, isolation_level=None)
        except sqlite3.DatabaseError as exc:
            raise FeedError(f"the catalog cannot be opened ({exc})", str(path)) from exc
        try:
            with self._guard():
                self._db.execute("PRAGMA journal_mode=DELETE")
                self._db.executescript(_SCHEMA)
                self._migrate()
        except BaseException:
            self._db.close()
            raise

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """SQLite's errors (a damaged file, a full disk, a read-only folder) as one-line FeedErrors."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise FeedError(f"the catalog cannot be read or written ({exc})", str(self.path)) from exc

    def _migrate(self) -> None:
        present = {row[1] for row in self._db.execute("PRAGMA table_info(episodes)")}
        missing = [name for name in _ADDED_COLUMNS if name not in present]
        if missing:
            with self.transaction():
                for name in missing:
                    self._db.execute(f"ALTER TABLE episodes ADD COLUMN {name} {_ADDED_COLUMNS[name]}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def all(self) -> list[EpisodeRecord]:
        """Newest first, as feeds list them."""
        return list(self.each())

    def each(self, limit: int = -1) -> Iterator[EpisodeRecord]:
        """Newest first, one at a time (a feed of any size is written without holding them all);
        only the newest ``limit`` when given."""
        with self._guard(), closing(self._db.execute(
                f"SELECT {', '.join(_COLUMNS)} FROM episodes ORDER BY added DESC, guid LIMIT ?", (limit,))) as rows:
            for row in rows:
                yield self._record(row)

    def count(self) -> int:
        with self._guard():
            return int(self._db.execute("SELECT count(*) FROM episodes").fetchone()[0])

    def audio_files(self) -> list[str]:
        """Every episode's ``audio`` path, relative to ``public/``."""
        with self._guard():
            rows = self._db.execute("SELECT guid, audio FROM episodes").fetchall()
        return [_audio(guid, audio, self.path) for guid, audio in rows]

    def last_updated(self) -> dt.datetime | None:
        """When an episode last changed: the newest ``updated``, compared as times, not as text."""
        with self._guard():
            rows = self._db.execute("SELECT guid, updated FROM episodes").fetchall()
        return max((_time(guid, "updated", updated, self.path) for guid, updated in rows), default=None)

    def by_identity(self, identity: str) -> EpisodeRecord | None:
        return self._one("identity", identity)

    def by_guid(self, guid: str) -> EpisodeRecord | None:
        return self._one("guid", guid)

    def knows(self, identity: str, link: str) -> bool:
        """Whether an article with this identity, or first read from this link, is already an episode.
        A text identity with no paragraphs (a feed item's title and author) matches any episode under
        that headline and byline."""
        with self._guard():
            row = self._db.execute("SELECT 1 FROM episodes WHERE identity = ? OR source = ? OR url = ? LIMIT 1",
                                   (identity, link, link)).fetchone()
        if row is None and identity.startswith("text:") and identity.endswith("|"):
            return bool(self.text_identities(identity[:-1]))
        return row is not None

    def text_identities(self, key: str) -> list[EpisodeRecord]:
        """The episodes of text articles under one headline and byline (``key``, a text identity
        without its paragraph signature), older ones stored as the key alone."""
        with self._guard():
            rows = self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM episodes WHERE identity = ? OR "
                                    "substr(identity, 1, ?) = ?", (key, len(key) + 1, key + "|")).fetchall()
        return [self._record(row) for row in rows]

    def latest_added(self) -> dt.datetime | None:
        with self._guard():
            rows = self._db.execute("SELECT guid, added FROM episodes").fetchall()
        return max((_time(guid, "added", added, self.path) for guid, added in rows), default=None)

    def next_time(self) -> str:
        """Now, or a second after the newest episode if that is later: episodes published one after
        another keep their order in the feed (pubDate has whole seconds)."""
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        latest = self.latest_added()
        if latest is None or now > latest:
            return now.isoformat()
        return (latest + dt.timedelta(seconds=1)).isoformat(timespec="seconds")

    def _one(self, column: str, value: str) -> EpisodeRecord | None:
        with self._guard():
            row = self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM episodes WHERE {column} = ?",
                                   (value,)).fetchone()
        return self._record(row) if row else None

    def _record(self, row: tuple) -> EpisodeRecord:
        return _record(row, self.path)

    def save(self, record: EpisodeRecord) -> None:
        """Insert or replace one episode (in its own transaction unless inside :meth:`transaction`)."""
        values = [getattr(record, name) for name in _COLUMNS]
        values[_COLUMNS.index("chapters")] = json.dumps([asdict(c) for c in record.chapters])
        with self.transaction():
            self._db.execute(
                f"INSERT OR REPLACE INTO episodes ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                values,
            )

    def remove(self, guid: str) -> bool:
        with self.transaction():
            return bool(self._db.execute("DELETE FROM episodes WHERE guid = ?", (guid,)).rowcount > 0)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All changes inside commit together or not at all; nested uses join the outer one."""
        if self._db.in_transaction:
            yield
            return
        with self._guard():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:  # SQLite may have rolled back already (a full disk)
                    self._db.execute("ROLLBACK")
                raise


_AUDIO = re.compile(r"episodes/[A-Za-z0-9][A-Za-z0-9_-]*\.mp3")
"""An episode's MP3, relative to ``public/``: one name (no dot before ``.mp3``, where companions
start) in ``episodes/``, never a path out of it."""
_TEXT = ("guid", "identity", "source", "title", "description", "language", "fingerprint", "added", "updated")
_OPTIONAL_TEXT = ("url", "byline", "published", "image")
_KEYS = ("guid", "identity", "fingerprint", "added", "updated")
"""Fields audionews makes itself, never from a page: a control character in one is damage."""


class _BadRow(ValueError):
    pass


def _record(row: tuple, path: Path) -> EpisodeRecord:
    """One row as a record, every field checked: a row the feed cannot carry is a FeedError."""
    data = dict(zip(_COLUMNS, row, strict=True))
    guid = data["guid"]
    try:
        for name in _TEXT:
            if not isinstance(data[name], str) or (name in ("guid", "title", "audio") and not data[name].strip()):
                raise _BadRow(f"{name} is not text")
        for name in _OPTIONAL_TEXT:
            if data[name] is not None and not isinstance(data[name], str):
                raise _BadRow(f"{name} is not text")
        for name in _KEYS:
            if page_text(data[name]) != data[name]:
                raise _BadRow(f"{name} holds a control character")
        for name in _TEXT + _OPTIONAL_TEXT:  # earlier versions kept a page's control characters: drop them
            if name not in _KEYS and data[name] is not None:
                data[name] = page_text(data[name])
        for name in ("url", "image"):  # and any link a page named: only http(s), without credentials, is published
            data[name] = public_url(data[name]) if data[name] else None
        if not isinstance(data["size"], int) or data["size"] < 0:
            raise _BadRow("size is not a number of bytes")
        data["duration"] = _seconds(data["duration"], "duration")
        data["audio"] = _audio(guid, data["audio"], path)
        for name in ("added", "updated"):
            _time(guid, name, data[name], path)
        data["chapters"] = _chapters(data["chapters"])
    except _BadRow as exc:
        raise FeedError(f"episode {_shown(guid)} in the catalog is damaged: {exc}", str(path)) from None
    return EpisodeRecord(**data)


def _chapters(text: object) -> tuple[Chapter, ...]:
    if not isinstance(text, str):
        raise _BadRow("chapters is not JSON text")
    try:
        items = json.loads(text)
    except (ValueError, RecursionError):
        raise _BadRow("chapters is not valid JSON") from None
    if not isinstance(items, list):
        raise _BadRow("chapters is not a list")
    chapters = []
    for item in items:
        if not (isinstance(item, dict) and set(item) == {"title", "start", "end"} and isinstance(item["title"], str)):
            raise _BadRow("a chapter is not a title, a start and an end")
        chapters.append(Chapter(page_text(item["title"]), _seconds(item["start"], "a chapter's start"),
                                _seconds(item["end"], "a chapter's end")))
    return tuple(chapters)


def _seconds(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise _BadRow(f"{name} is not a number of seconds")
    return float(value)


def _audio(guid: object, audio: object, path: Path) -> str:
    if not isinstance(audio, str) or not _AUDIO.fullmatch(audio):
        raise FeedError(f"episode {_shown(guid)} in the catalog is damaged: its audio is not a file in episodes/",
                        str(path))
    return audio


def _time(guid: object, name: str, value: object, path: Path) -> dt.datetime:
    """A time the catalog wrote (ISO 8601 with its UTC offset)."""
    try:
        if isinstance(value, str) and len(value) < 64:
            time = dt.datetime.fromisoformat(value)
            if time.tzinfo is not None and time.utcoffset() is not None:
                return time
    except ValueError:
        pass
    raise FeedError(f"episode {_shown(guid)} in the catalog is damaged: {name} is not a time", str(path))


def _shown(guid: object) -> str:
    """A row's guid as an error shows it: quoted, on one line, not too long."""
    text = guid if isinstance(guid, str) else repr(guid)
    return repr(text[:80] + ("…" if len(text) > 80 else ""))
