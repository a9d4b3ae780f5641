"""The pipeline, end to end: the one place that knows the order of the stages.

    fetch → extract → make_script → speak → assemble → catalog → build (feed.xml, index.html)

Synthesis runs without the feed lock; everything that touches the feed folder runs under it,
writes files under temporary names and renames them, and changes the catalog in one
transaction, so a failure at any step leaves what is already published intact.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import unicodedata
import uuid
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable

from filelock import FileLock

from .artwork import check_artwork
from .audio import Tags, assemble
from .cache import SpeechCache
from .catalog import Catalog, EpisodeRecord
from .cover import make_cover
from .errors import AudionewsError, FeedError
from .extract import extract
from .feed import COVER_FILE, FEED_FILE, build_feed_xml
from .fetch import fetch
from .files import TEMP_PREFIX, atomic_path, write_atomic, write_synced
from .lexicon import Lexicon
from .model import Article, Episode, Script
from .script import make_script
from .settings import FeedFolder, FeedSettings
from .site import INDEX_FILE, build_index_html
from .speak import Speaker, speak
from .transcript import COMPANIONS, chapters_json, json_transcript, text_transcript, webvtt
from .tts import Voice, get_engine

__all__ = ["Published", "Failure", "PublishReport", "publish", "clean", "speak_to_file", "build", "remove",
           "identity_of", "guid_for"]

Progress = Callable[[str], None]
Reader = Callable[[str], Article]
"""Source → article; :func:`clean` unless the caller already holds the article's content."""
LOCK_TIMEOUT = 600


@dataclass(frozen=True)
class Published:
    source: str
    guid: str
    title: str
    duration: float
    path: str
    status: str
    """added, updated or unchanged."""


@dataclass(frozen=True)
class Failure:
    source: str
    reason: str


@dataclass(frozen=True)
class PublishReport:
    published: tuple[Published, ...]
    failures: tuple[Failure, ...]


def clean(source: str) -> Article:
    """The readable article of one source: what ``audionews clean`` shows."""
    return extract(fetch(source))


def publish(folder: FeedFolder, sources: list[str], progress: Progress = lambda _: None,
            read: Reader = clean, jobs: int = 1) -> PublishReport:
    """Publish each source, in order, as an episode; a failed source is reported and the rest go on.

    ``jobs`` worker processes speak (see :class:`Speaker`); they start before the first source is
    read and serve the whole batch.
    """
    settings = folder.settings()
    lexicon = folder.lexicon(settings)
    engine = get_engine(settings.voice_settings())
    cache = SpeechCache(folder.cache, settings.cache_mb * 1024 * 1024)
    published, failures = [], []
    with Speaker(engine, jobs, cache) as speaker:
        for number, source in enumerate(sources, start=1):
            prefix = f"article {number} of {len(sources)}, {source}" if len(sources) > 1 else source
            try:
                published.append(_publish_one(folder, settings, lexicon, speaker, source,
                                              _prefixed(progress, prefix), read))
            except AudionewsError as exc:
                failures.append(Failure(source, exc.reason if exc.source in (None, source) else str(exc)))
    shutil.rmtree(folder.staging / str(os.getpid()), ignore_errors=True)
    cache.trim()
    return PublishReport(tuple(published), tuple(failures))


def _publish_one(folder: FeedFolder, settings: FeedSettings, lexicon: Lexicon, speaker: Speaker, source: str,
                 progress: Progress, read: Reader) -> Published:
    progress("reading")
    article = read(source)
    script = make_script(article, settings.language, lexicon)
    identity = identity_of(article)
    guid = guid_for(identity)
    fingerprint = script.fingerprint(speaker.engine.identity)
    with _lock(folder), Catalog(folder.catalog_path) as catalog:
        _recover(folder, settings, catalog)
        existing = catalog.by_identity(identity)
    if existing and existing.fingerprint == fingerprint and (folder.public / existing.audio).is_file():
        return Published(source, existing.guid, existing.title, existing.duration,
                         str(folder.public / existing.audio), "unchanged")
    audio = f"episodes/{_slug(article.headline)}-{fingerprint[:8]}.mp3"
    staged = _staging(folder) / Path(audio).name
    takes = speak(script, speaker, _segment_progress(progress))
    episode = assemble(takes, staged, Tags(title=article.headline, artist=article.byline, album=settings.title,
                                          date=article.published, language=script.language))
    progress("publishing")
    with _lock(folder), Catalog(folder.catalog_path) as catalog:
        existing = catalog.by_identity(identity)  # another publish may have run meanwhile
        episode = _move_in(staged, folder.public / audio, episode)
        _write_companions(folder.public / audio, episode, script)
        now = _after(catalog.latest_added())
        record = _record(guid, identity, source, article, script, fingerprint, audio, episode,
                         added=existing.added if existing else now, updated=now)
        _commit(folder, settings, catalog, lambda: catalog.save(record))
        if existing and existing.audio != audio:
            _delete_episode_files(folder.public / existing.audio)
    return Published(source, guid, article.headline, episode.duration, episode.path,
                     "updated" if existing else "added")


def speak_to_file(source: str, out: Path, voice: Voice, progress: Progress = lambda _: None,
                  lexicon: Lexicon = Lexicon(), jobs: int = 1) -> Episode:
    """One article straight to one MP3, no feed."""
    progress = _prefixed(progress, source)
    with Speaker(get_engine(voice), jobs) as speaker:
        progress("reading")
        article = clean(source)
        script = make_script(article, voice.language, lexicon)
        takes = speak(script, speaker, _segment_progress(progress))
        return assemble(takes, out, Tags(title=article.headline, artist=article.byline, album="audionews",
                                         date=article.published, language=script.language))


def _segment_progress(progress: Progress) -> Callable[[int, int], None]:
    return lambda number, total: progress(f"speaking segment {number} of {total}")


def build(folder: FeedFolder) -> int:
    """Rewrite ``public/`` from the catalog; returns the number of episodes."""
    settings = folder.settings()
    with _lock(folder), Catalog(folder.catalog_path) as catalog:
        return _build(folder, settings, catalog)


def remove(folder: FeedFolder, guid: str) -> EpisodeRecord:
    """Take an episode out of the feed and delete its audio."""
    settings = folder.settings()
    with _lock(folder), Catalog(folder.catalog_path) as catalog:
        record = catalog.by_guid(guid)
        if record is None:
            raise FeedError(f"no episode with guid {guid!r}", folder.name)
        _commit(folder, settings, catalog, lambda: catalog.remove(guid))
        _delete_episode_files(folder.public / record.audio)
    return record


def _staging(folder: FeedFolder) -> Path:
    """This process's own staging folder (encoding runs without the feed lock, so each publish
    needs its own); folders of processes that no longer run are removed."""
    for other in folder.staging.glob("*"):
        if other.name.isdigit() and int(other.name) != os.getpid() and not _running(int(other.name)):
            shutil.rmtree(other, ignore_errors=True)
    mine = folder.staging / str(os.getpid())
    mine.mkdir(parents=True, exist_ok=True)
    return mine


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but not ours to signal
    return True


def _move_in(staged: Path, target: Path, episode: Episode) -> Episode:
    """Put an encoded episode in ``public/`` (a rename: the staging folder is on the same disk)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, target)
    return dataclasses.replace(episode, path=str(target))


def _companion(audio: Path, suffix: str) -> Path:
    return audio.with_name(audio.name.removesuffix(".mp3") + suffix)


def _write_companions(audio: Path, episode: Episode, script: Script) -> None:
    """Captions, transcripts and chapters beside the MP3, from the episode's real timings."""
    contents = {
        ".vtt": webvtt(episode.cues),
        ".json": json_transcript(episode.cues),
        ".txt": text_transcript(script),
        ".chapters.json": chapters_json(episode.chapters, script.title),
    }
    for suffix in COMPANIONS:
        write_atomic(_companion(audio, suffix), contents[suffix].encode("utf-8"))


def _delete_episode_files(audio: Path) -> None:
    audio.unlink(missing_ok=True)
    for suffix in COMPANIONS:
        _companion(audio, suffix).unlink(missing_ok=True)


def _prefixed(progress: Progress, prefix: str) -> Progress:
    return lambda message: progress(f"{prefix}: {message}")


def _build(folder: FeedFolder, settings: FeedSettings, catalog: Catalog) -> int:
    """Rewrite public/ from the catalog as it stands."""
    return len(_commit(folder, settings, catalog, lambda: None))


def _commit(folder: FeedFolder, settings: FeedSettings, catalog: Catalog, change: Callable[[], object]) -> list:
    """Change the catalog and publish the feed that matches it.

    The new feed.xml is written in full (under a temporary name) inside the catalog's
    transaction and renamed into place the moment it commits: a kill before the commit leaves
    the old feed and the old catalog, a kill after it at worst a feed one commit behind, which
    :func:`_recover` notices and rebuilds. Files no episode owns (from killed runs) are removed.
    """
    folder.episodes.mkdir(parents=True, exist_ok=True)
    for leftover in folder.public.rglob(f"{TEMP_PREFIX}*"):
        leftover.unlink(missing_ok=True)  # from a run that was killed mid-write
    cover = _cover(folder, settings)
    with atomic_path(folder.public / FEED_FILE) as staged:
        with catalog.transaction():
            change()
            episodes = catalog.all()
            write_synced(staged, build_feed_xml(settings, episodes, cover))
    os.utime(folder.public / FEED_FILE)  # newer than the commit: see _recover
    write_atomic(folder.public / INDEX_FILE, build_index_html(settings, episodes, partial(_transcript_of, folder)))
    kept = {Path(e.audio).name.removesuffix(".mp3") for e in episodes}
    for path in folder.episodes.iterdir():
        if path.name.split(".", 1)[0] not in kept:
            path.unlink(missing_ok=True)
    return episodes


def _transcript_of(folder: FeedFolder, episode: EpisodeRecord) -> str | None:
    try:
        return _companion(folder.public / episode.audio, ".txt").read_text(encoding="utf-8")
    except OSError:
        return None


def _recover(folder: FeedFolder, settings: FeedSettings, catalog: Catalog) -> None:
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


def _lock(folder: FeedFolder) -> FileLock:
    folder.root.mkdir(parents=True, exist_ok=True)
    return FileLock(str(folder.lock_path), timeout=LOCK_TIMEOUT)


def identity_of(article: Article) -> str:
    """What makes two publishes the same article: its URL when known, else its headline and byline."""
    if article.url:
        return "url:" + article.url.split("#")[0]
    return "text:" + re.sub(r"\W+", " ", f"{article.headline} {article.byline or ''}").strip().lower()


def guid_for(identity: str) -> str:
    """A GUID that never changes for the same article (UUIDv5 of its identity)."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'audionews:' + identity)}"


def _record(guid: str, identity: str, source: str, article: Article, script: Script, fingerprint: str,
            audio: str, episode: Episode, added: str, updated: str) -> EpisodeRecord:
    return EpisodeRecord(
        guid=guid, identity=identity, source=source, url=article.url, title=article.headline,
        byline=article.byline, published=article.published.isoformat() if article.published else None,
        description=_description(article), language=script.language, fingerprint=fingerprint, audio=audio,
        size=episode.size, duration=episode.duration, chapters=episode.chapters, added=added, updated=updated,
        image=article.image,
    )


def _description(article: Article, limit: int = 600) -> str:
    text = ""
    for paragraph in (b.text for b in article.blocks if b.kind == "paragraph"):
        text = f"{text} {paragraph}".strip()
        if len(text) >= 200:
            break
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text or article.headline


def _slug(text: str, limit: int = 60) -> str:
    """ASCII letters, digits and hyphens only: safe in any URL and any file system."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "episode"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _after(latest: str | None) -> str:
    """Now, or a second after the newest episode if that is later: episodes published one after
    another keep their order in the feed (pubDate has whole seconds)."""
    now = _now()
    if latest is None or now > latest:
        return now
    return (dt.datetime.fromisoformat(latest) + dt.timedelta(seconds=1)).isoformat(timespec="seconds")
