"""The SQLite catalog of a feed's episodes: the source of truth the feed is built from.

Every change is one transaction, so a crash leaves the catalog as it was before or after,
never between.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from audionews.errors import FeedError
from audionews.model import Chapter

__all__ = ["Catalog", "EpisodeRecord"]

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


class Catalog:
    def __init__(self, path: Path, read_only: bool = False) -> None:
        """Open (and create or migrate) the catalog; ``read_only`` opens an existing one as it is."""
        self.path = path
        try:
            if read_only:
                self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
                return
            self._db = sqlite3.connect(path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=DELETE")
            self._db.executescript(_SCHEMA)
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise FeedError(f"catalog is unreadable ({exc})", str(path)) from exc

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
        with closing(self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM episodes ORDER BY added DESC, guid LIMIT ?",
                                      (limit,))) as rows:
            for row in rows:
                yield _record(row)

    def count(self) -> int:
        return self._db.execute("SELECT count(*) FROM episodes").fetchone()[0]

    def audio_files(self) -> list[str]:
        """Every episode's ``audio`` path, relative to ``public/``."""
        return [row[0] for row in self._db.execute("SELECT audio FROM episodes")]

    def last_updated(self) -> dt.datetime | None:
        """When an episode last changed: the newest ``updated``, compared as times, not as text."""
        return max((dt.datetime.fromisoformat(row[0]) for row in self._db.execute("SELECT updated FROM episodes")),
                   default=None)

    def by_identity(self, identity: str) -> EpisodeRecord | None:
        return self._one("identity", identity)

    def by_guid(self, guid: str) -> EpisodeRecord | None:
        return self._one("guid", guid)

    def knows(self, identity: str, link: str) -> bool:
        """Whether an article with this identity, or first read from this link, is already an episode.
        A text identity with no paragraphs (a feed item's title and author) matches any episode under
        that headline and byline."""
        row = self._db.execute("SELECT 1 FROM episodes WHERE identity = ? OR source = ? OR url = ? LIMIT 1",
                               (identity, link, link)).fetchone()
        if row is None and identity.startswith("text:") and identity.endswith("|"):
            return bool(self.text_identities(identity[:-1]))
        return row is not None

    def text_identities(self, key: str) -> list[EpisodeRecord]:
        """The episodes of text articles under one headline and byline (``key``, a text identity
        without its paragraph signature), older ones stored as the key alone."""
        rows = self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM episodes WHERE identity = ? OR "
                                "substr(identity, 1, ?) = ?", (key, len(key) + 1, key + "|")).fetchall()
        return [_record(row) for row in rows]

    def latest_added(self) -> str | None:
        return self._db.execute("SELECT max(added) FROM episodes").fetchone()[0]

    def next_time(self) -> str:
        """Now, or a second after the newest episode if that is later: episodes published one after
        another keep their order in the feed (pubDate has whole seconds)."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        latest = self.latest_added()
        if latest is None or now > latest:
            return now
        return (dt.datetime.fromisoformat(latest) + dt.timedelta(seconds=1)).isoformat(timespec="seconds")

    def _one(self, column: str, value: str) -> EpisodeRecord | None:
        row = self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM episodes WHERE {column} = ?", (value,)).fetchone()
        return _record(row) if row else None

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
            return self._db.execute("DELETE FROM episodes WHERE guid = ?", (guid,)).rowcount > 0

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All changes inside commit together or not at all; nested uses join the outer one."""
        if self._db.in_transaction:
            yield
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")


def _record(row: tuple) -> EpisodeRecord:
    data = dict(zip(_COLUMNS, row, strict=True))
    data["chapters"] = tuple(Chapter(**c) for c in json.loads(data["chapters"]))
    return EpisodeRecord(**data)
