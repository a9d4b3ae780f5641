"""The feed folder's ``public/``, rewritten from the catalog: the last stage of the pipeline.

Every change to a feed goes through :func:`commit`: the catalog changes in one transaction, the
new feed.xml is staged inside it and renamed as it commits, so a failure at any step leaves what
is already published intact. ``audionews build`` and ``remove`` need nothing else, so this module
imports none of the fetching, extraction or audio of :mod:`audionews.pipeline`.

Audio in ``public/`` is deleted only when a readable catalog says it is no longer an episode: a
catalog that is missing or empty while episodes exist is an error (:func:`open_catalog`), never
an empty feed. A full disk, a read-only folder or a lock held too long is a one-line
:class:`FeedError` (:func:`writing`, :func:`lock`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import filelock

from audionews.errors import FeedError
from audionews.feed.artwork import check_artwork
from audionews.feed.catalog import Catalog, EpisodeRecord, catalog_exists
from audionews.feed.companions import companion
from audionews.feed.cover import make_cover
from audionews.feed.folder import FeedFolder, FeedSettings
from audionews.feed.reader import (
    HEAD_BYTES,
    READER_JS,
    READER_SCRIPT_FILE,
    drawn_digest,
    episode_page,
    episode_page_path,
    page_digest,
    transcript_cues,
)
from audionews.feed.rss import COVER_FILE, FEED_FILE, write_feed_xml
from audionews.feed.site import ARCHIVE_DIR, INDEX_FILE, PAGE_EPISODES, Archive, build_index_html
from audionews.feed.staging import remove_dead_staging
from audionews.files import TEMP_PREFIX, atomic_path, open_synced, write_atomic

__all__ = ["LOCK_TIMEOUT", "SYNC_EACH", "build", "commit", "disk_error", "episode_files", "list_episodes", "lock",
           "open_catalog", "recover", "remove", "writing"]

LOCK_TIMEOUT = 600


def build(folder: FeedFolder) -> int:
    """Rewrite ``public/`` from the catalog; returns the number of episodes. Staging folders left by
    killed publishes are removed."""
    settings = folder.settings()
    with writing(folder), lock(folder), open_catalog(folder) as catalog:
        remove_dead_staging(folder)
        return _build(folder, settings, catalog)


def remove(folder: FeedFolder, guid: str) -> EpisodeRecord:
    """Take an episode out of the feed and delete its audio."""
    settings = folder.settings()
    with writing(folder), lock(folder), open_catalog(folder) as catalog:
        record = catalog.by_guid(guid)
        if record is None:
            raise FeedError(f"no episode with guid {guid!r}", folder.name)
        commit(folder, settings, catalog, lambda: catalog.remove(guid))  # its files go with it, unless shared
    return record


def open_catalog(folder: FeedFolder) -> Catalog:
    """The feed's catalog, to change; a new one only when no episode is in ``public/episodes``.

    A catalog that is missing (or empty) while episodes exist would make every one of them a file
    no episode owns, deleted by the next commit: that is an error saying how to recover instead.
    """
    if not catalog_exists(folder.catalog_path):
        held = episode_files(folder)
        if held:
            episodes = sum(1 for path in held if path.suffix == ".mp3")
            what = f"{episodes} episode{'s' if episodes != 1 else ''}" if episodes else f"{len(held)} files"
            raise FeedError(f"the catalog is missing or empty, but public/episodes holds {what}; restore "
                            "catalog.sqlite3 from a backup (or move public/episodes away to start the feed afresh)",
                            str(folder.catalog_path))
    return Catalog(folder.catalog_path)


def list_episodes(folder: FeedFolder) -> list[EpisodeRecord]:
    """The feed's episodes, newest first, read without creating or changing anything (no lock, no
    new catalog): a feed with no catalog yet has none."""
    if catalog_exists(folder.catalog_path):
        with Catalog(folder.catalog_path, read_only=True) as catalog:
            return catalog.all()
    if episode_files(folder):
        open_catalog(folder)  # the error that says how to recover
    return []


def episode_files(folder: FeedFolder) -> list[Path]:
    """The files in ``public/episodes`` (MP3s and their companions), less temporary ones."""
    try:
        return [p for p in folder.episodes.iterdir() if not p.name.startswith(TEMP_PREFIX)]
    except FileNotFoundError:
        return []


@contextlib.contextmanager
def writing(folder: FeedFolder, where: Path | None = None) -> Iterator[None]:
    """A failure of the system while the feed folder changes (a full disk, a read-only folder, no
    permission) as one line naming the file (or ``where``, when the system names none)."""
    try:
        yield
    except OSError as exc:
        raise disk_error(exc, folder, where) from exc


def disk_error(exc: OSError, folder: FeedFolder, where: Path | None = None) -> FeedError:
    """``exc`` as a one-line FeedError: what could not be written, relative to the feed folder, and why."""
    what = ""
    name = exc.filename or where
    if name:
        path = Path(os.fsdecode(name))
        if path.name.startswith(TEMP_PREFIX):  # a temporary name says nothing: its folder does
            path = path.parent
        for root in (folder.root, Path(os.path.abspath(folder.root))):
            with contextlib.suppress(ValueError):
                path = path.relative_to(root)
        what = f" {path}"
    return FeedError(f"cannot write{what} ({exc.strerror or exc})", str(folder.root))


def _build(folder: FeedFolder, settings: FeedSettings, catalog: Catalog) -> int:
    """Rewrite public/ from the catalog as it stands."""
    return commit(folder, settings, catalog, lambda: None)


def commit(folder: FeedFolder, settings: FeedSettings, catalog: Catalog, change: Callable[[], object]) -> int:
    """Change the catalog and publish the feed that matches it; returns the number of episodes.

    The new feed.xml, index.html, archive pages and any episode page out of date are written in
    full (under temporary names) inside the catalog's transaction and renamed into place the
    moment it commits, so every write that can fail (a full disk) fails before it, and leaves the
    old catalog and the old feed: a kill before the commit leaves the old feed and the old catalog,
    a kill after it at worst a feed one commit behind, which :func:`recover` notices and rebuilds.
    Files no episode owns (from killed runs) are removed. Episodes are read from the catalog one at
    a time, never all at once.
    """
    folder.episodes.mkdir(parents=True, exist_ok=True)
    for leftover in folder.public.rglob(f"{TEMP_PREFIX}*"):
        leftover.unlink(missing_ok=True)  # from a run that was killed mid-write
    cover = _cover(folder, settings)
    pages = _Pages(folder, settings)
    with atomic_path(folder.public / FEED_FILE) as staged, atomic_path(folder.public / INDEX_FILE) as index, \
            contextlib.ExitStack() as staged_pages, catalog.transaction():
        change()
        with open_synced(staged, folder.public / FEED_FILE) as out:
            write_feed_xml(out, settings, pages.each(catalog.each()), catalog.last_updated(), cover)
        count = catalog.count()
        newest = list(catalog.each(limit=PAGE_EPISODES))
        with open_synced(index, folder.public / INDEX_FILE) as out:
            out.write(build_index_html(settings, newest, total=count, months=pages.archive.months()))
        each = len(pages.stale) <= SYNC_EACH
        for path, content in pages.files(catalog):
            staged_page = staged_pages.enter_context(atomic_path(path, synced=each))
            if each:
                with open_synced(staged_page, path) as out:
                    out.write(content)
            else:
                staged_page.write_bytes(content)
        if not each:
            os.sync()  # all of them on disk before the commit and the renames, at the cost of one flush
        kept = {Path(audio).name.removesuffix(".mp3") for audio in catalog.audio_files()}
    os.utime(folder.public / FEED_FILE)  # newer than the commit: see recover
    for path in folder.episodes.iterdir():
        if path.name.split(".", 1)[0] not in kept:
            path.unlink(missing_ok=True)
    archived = {folder.public / page for page in pages.archive.pages(settings)}
    for path in (folder.public / ARCHIVE_DIR).glob("*.html"):
        if path not in archived:
            path.unlink(missing_ok=True)
    return count


SYNC_EACH = 32
"""Up to this many episode pages are each flushed to disk as they are written; more (a first build, a
new title) are flushed together by one sync, which costs a fraction of one fsync each."""


class _Pages:
    """The pages made from the episodes as the feed is written: the archive, a month a page, and each
    episode's own page where it is missing, older than its transcripts, or drawn from other facts (its
    :func:`page_digest`: the record, the feed's title, the page's code), so a commit rewrites a page only
    when it changes. Episodes sharing one audio share one page: the newest draws it."""

    def __init__(self, folder: FeedFolder, settings: FeedSettings) -> None:
        self.folder = folder
        self.settings = settings
        self.archive = Archive()
        self.stale: list[str] = []  # guids
        self.new_script = _read(folder.public / READER_SCRIPT_FILE) != READER_JS
        self._drawn: set[str] = set()  # audio paths

    def each(self, episodes: Iterator[EpisodeRecord]) -> Iterator[EpisodeRecord]:
        """``episodes``, noting each for the archive and its page on the way."""
        for episode in episodes:
            self.archive.add(episode)
            if episode.audio not in self._drawn:
                self._drawn.add(episode.audio)
                if self._stale(episode):
                    self.stale.append(episode.guid)
            yield episode

    def _stale(self, episode: EpisodeRecord) -> bool:
        audio = self.folder.public / episode.audio
        page = self.folder.public / episode_page_path(episode.audio)
        written = _mtime(page)
        if written <= max(_mtime(companion(audio, ".json")), _mtime(companion(audio, ".txt"))):
            return True
        return drawn_digest(_head(page)) != page_digest(self.settings, episode)

    def files(self, catalog: Catalog) -> Iterator[tuple[Path, bytes]]:
        """Every page to write, by its path."""
        public = self.folder.public
        if self.new_script:
            yield public / READER_SCRIPT_FILE, READER_JS
        for page, content in self.archive.pages(self.settings).items():
            yield public / page, content
        for guid in self.stale:
            episode = catalog.by_guid(guid)
            if episode is None:
                continue
            audio = public / episode.audio
            cues = transcript_cues(_read(companion(audio, ".json")).decode("utf-8", "replace"))
            text = _read(companion(audio, ".txt")).decode("utf-8", "replace")
            yield public / episode_page_path(episode.audio), episode_page(self.settings, episode, cues, text)


def _head(path: Path) -> bytes:
    """The first bytes of a page, where its digest is."""
    try:
        with open(path, "rb") as page:
            return page.read(HEAD_BYTES)
    except OSError:
        return b""


def _mtime(path: Path) -> int:
    """``path``'s modification time in nanoseconds; 0 when there is none."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


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


@contextlib.contextmanager
def lock(folder: FeedFolder, timeout: float | None = None) -> Iterator[None]:
    """The feed's lock: everything that touches the feed folder runs under it. Waiting longer than
    ``timeout`` seconds (:data:`LOCK_TIMEOUT` unless given), or a folder where the lock cannot be
    made, is a FeedError."""
    timeout = LOCK_TIMEOUT if timeout is None else timeout
    held = filelock.FileLock(str(folder.lock_path), timeout=timeout)
    try:
        folder.root.mkdir(parents=True, exist_ok=True)
        held.acquire()
    except filelock.Timeout:
        raise FeedError(f"the feed is busy: another audionews has held its lock for {timeout:g} seconds "
                        "(try again when it is done)", str(folder.root)) from None
    except OSError as exc:
        raise disk_error(exc, folder) from exc
    try:
        yield
    finally:
        held.release()
