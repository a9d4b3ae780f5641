"""The feed folder's ``public/``, rewritten from the catalog: the last stage of the pipeline.

Every change to a feed goes through :func:`commit`: the catalog changes in one transaction, the
new feed.xml is staged inside it and renamed as it commits, so a failure at any step leaves what
is already published intact. ``audionews build`` and ``remove`` need nothing else, so this module
imports none of the fetching, extraction or audio of :mod:`audionews.pipeline`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

from filelock import FileLock

from audionews.errors import FeedError
from audionews.feed.artwork import check_artwork
from audionews.feed.catalog import Catalog, EpisodeRecord
from audionews.feed.companions import companion, delete_episode_files
from audionews.feed.cover import make_cover
from audionews.feed.folder import FeedFolder, FeedSettings
from audionews.feed.rss import COVER_FILE, FEED_FILE, write_feed_xml
from audionews.feed.site import INDEX_FILE, PAGE_EPISODES, build_index_html
from audionews.files import TEMP_PREFIX, atomic_path, open_synced, write_atomic

__all__ = ["LOCK_TIMEOUT", "build", "commit", "lock", "recover", "remove"]

LOCK_TIMEOUT = 600


def build(folder: FeedFolder) -> int:
    """Rewrite ``public/`` from the catalog; returns the number of episodes."""
    settings = folder.settings()
    with lock(folder), Catalog(folder.catalog_path) as catalog:
        return _build(folder, settings, catalog)


def remove(folder: FeedFolder, guid: str) -> EpisodeRecord:
    """Take an episode out of the feed and delete its audio."""
    settings = folder.settings()
    with lock(folder), Catalog(folder.catalog_path) as catalog:
        record = catalog.by_guid(guid)
        if record is None:
            raise FeedError(f"no episode with guid {guid!r}", folder.name)
        commit(folder, settings, catalog, lambda: catalog.remove(guid))
        delete_episode_files(folder.public / record.audio)
    return record


def _build(folder: FeedFolder, settings: FeedSettings, catalog: Catalog) -> int:
    """Rewrite public/ from the catalog as it stands."""
    return commit(folder, settings, catalog, lambda: None)


def commit(folder: FeedFolder, settings: FeedSettings, catalog: Catalog, change: Callable[[], object]) -> int:
    """Change the catalog and publish the feed that matches it; returns the number of episodes.

    The new feed.xml is written in full (under a temporary name) inside the catalog's
    transaction and renamed into place the moment it commits: a kill before the commit leaves
    the old feed and the old catalog, a kill after it at worst a feed one commit behind, which
    :func:`recover` notices and rebuilds. Files no episode owns (from killed runs) are removed.
    Episodes are read from the catalog one at a time, never all at once.
    """
    folder.episodes.mkdir(parents=True, exist_ok=True)
    for leftover in folder.public.rglob(f"{TEMP_PREFIX}*"):
        leftover.unlink(missing_ok=True)  # from a run that was killed mid-write
    cover = _cover(folder, settings)
    with atomic_path(folder.public / FEED_FILE) as staged, catalog.transaction():
        change()
        with open_synced(staged) as out:
            write_feed_xml(out, settings, catalog.each(), catalog.last_updated(), cover)
        count = catalog.count()
        newest = list(catalog.each(limit=PAGE_EPISODES))
        kept = {Path(audio).name.removesuffix(".mp3") for audio in catalog.audio_files()}
    os.utime(folder.public / FEED_FILE)  # newer than the commit: see recover
    write_atomic(folder.public / INDEX_FILE,
                 build_index_html(settings, newest, partial(_transcript_of, folder), total=count))
    for path in folder.episodes.iterdir():
        if path.name.split(".", 1)[0] not in kept:
            path.unlink(missing_ok=True)
    return count


def _transcript_of(folder: FeedFolder, episode: EpisodeRecord) -> str | None:
    try:
        return companion(folder.public / episode.audio, ".txt").read_text(encoding="utf-8")
    except OSError:
        return None


def recover(folder: FeedFolder, settings: FeedSettings, catalog: Catalog) -> None:
    """Rebuild public/ when a killed run left the feed behind the catalog (or no feed at all)."""
    feed = folder.public / FEED_FILE
    if not feed.exists() or feed.stat().st_mtime < folder.catalog_path.stat().st_mtime:
        _build(folder, settings, catalog)


def _cover(folder: FeedFolder, settings: FeedSettings) -> str:
    """The cover's path in ``public/``: the editor's artwork, or one generated from the title."""
    if settings.artwork:
        given = folder.root / settings.artwork
        name = "cover" + check_artwork(given, settings.artwork, str(folder.settings_path))
        target = folder.public / name
        if not target.exists() or target.stat().st_mtime < given.stat().st_mtime:
            write_atomic(target, given.read_bytes())
        return name
    target = folder.public / COVER_FILE
    if not target.exists() or target.stat().st_mtime < folder.settings_path.stat().st_mtime:
        write_atomic(target, make_cover(settings.title))
    return COVER_FILE


def lock(folder: FeedFolder) -> FileLock:
    """The feed's lock: everything that touches the feed folder runs under it."""
    folder.root.mkdir(parents=True, exist_ok=True)
    return FileLock(str(folder.lock_path), timeout=LOCK_TIMEOUT)
