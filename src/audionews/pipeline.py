"""The pipeline, end to end: the one place that knows the order of the stages.

    fetch → extract → make_script → speak → assemble → catalog → build (feed.xml, index.html)

Synthesis runs without the feed lock; everything that touches the feed folder runs under it,
writes files under temporary names and renames them, and changes the catalog in one
transaction (:func:`audionews.feed.writer.commit`), so a failure at any step leaves what is already
published intact. ``build`` and ``remove`` live in :mod:`audionews.feed.writer` and are re-exported here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import re
import shutil
import unicodedata
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from audionews.audio.assembly import Tags, assemble
from audionews.errors import AudionewsError
from audionews.extract import extract
from audionews.feed.catalog import Catalog, EpisodeRecord
from audionews.feed.companions import COMPANIONS, chapters_json, json_transcript, text_transcript, webvtt
from audionews.feed.folder import FeedFolder, FeedSettings
from audionews.feed.writer import build, commit, companion, delete_episode_files, lock, recover, remove
from audionews.fetch import fetch
from audionews.files import write_atomic
from audionews.model import Article, Episode, Script
from audionews.script.lexicon import Lexicon
from audionews.script.segments import make_script
from audionews.speech.cache import SpeechCache
from audionews.speech.engines import Voice, get_engine
from audionews.speech.speaker import Speaker, Takes, speak

__all__ = [
    "Failure",
    "PublishReport",
    "Published",
    "build",
    "clean",
    "guid_for",
    "identity_of",
    "known_identity",
    "publish",
    "remove",
    "speak_to_file",
]

Progress = Callable[[str], None]
Reader = Callable[[str], Article]
"""Source → article; :func:`clean` unless the caller already holds the article's content."""


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

    ``jobs`` worker processes speak (see :class:`Speaker`); they start with the first sentence to
    speak and serve the whole batch.
    """
    settings = folder.settings()
    lexicon = folder.lexicon(settings)
    engine = get_engine(settings.voice_settings())
    cache = SpeechCache(folder.cache, settings.cache_mb * 1024 * 1024)
    outcomes: list[Published | Failure] = []

    def attempt(source: str, step: Callable[[], Published | Job | None]) -> Published | Job | None:
        try:
            return step()
        except AudionewsError as exc:
            outcomes.append(Failure(source, exc.reason if exc.source in (None, source) else str(exc)))
            return None

    def start(number: int) -> Published | Job | None:
        source = sources[number]
        prefix = f"article {number + 1} of {len(sources)}, {source}" if len(sources) > 1 else source
        return attempt(source, lambda: _start(folder, settings, lexicon, speaker, source, _prefixed(progress, prefix),
                                              read))

    with Speaker(engine, jobs, cache) as speaker:
        upcoming = start(0) if sources else None
        for number in range(len(sources)):
            current = upcoming
            # The next article's sentences join the queue now, behind this one's: the workers go
            # straight on to them while this episode is finished and committed.
            upcoming = start(number + 1) if number + 1 < len(sources) else None
            if isinstance(current, Job):
                current = attempt(current.source, partial(_finish, folder, settings, current))
            if isinstance(current, Published):
                outcomes.append(current)
    shutil.rmtree(folder.staging / str(os.getpid()), ignore_errors=True)
    cache.trim()
    return PublishReport(tuple(o for o in outcomes if isinstance(o, Published)),
                         tuple(o for o in outcomes if isinstance(o, Failure)))


@dataclass(frozen=True)
class Job:
    """An article read and scripted whose speech is under way."""

    source: str
    progress: Progress
    article: Article
    script: Script
    identity: str
    fingerprint: str
    takes: Takes
    cache: SpeechCache | None
    """Where levelled segments are kept (the speaker's cache)."""


def _start(folder: FeedFolder, settings: FeedSettings, lexicon: Lexicon, speaker: Speaker, source: str,
           progress: Progress, read: Reader) -> Published | Job:
    """Read and script ``source``; an article already published as it is now is done, any other
    has its sentences ordered."""
    progress("reading")
    article = read(source)
    script = make_script(article, settings.language, lexicon)
    fingerprint = script.fingerprint(speaker.engine.identity)
    with lock(folder), Catalog(folder.catalog_path) as catalog:
        recover(folder, settings, catalog)
        identity = known_identity(catalog, article)
        unchanged = _unchanged(folder, catalog, source, identity, fingerprint)
    if unchanged:
        return unchanged
    return Job(source, progress, article, script, identity, fingerprint,
               speak(script, speaker, _segment_progress(progress)), speaker.cache)


def _unchanged(folder: FeedFolder, catalog: Catalog, source: str, identity: str, fingerprint: str) -> Published | None:
    existing = catalog.by_identity(identity)
    if existing and existing.fingerprint == fingerprint and (folder.public / existing.audio).is_file():
        return Published(source, existing.guid, existing.title, existing.duration,
                         str(folder.public / existing.audio), "unchanged")
    return None


def _finish(folder: FeedFolder, settings: FeedSettings, job: Job) -> Published:
    """Assemble the episode as its takes come, then put it in the feed."""
    article, script, progress = job.article, job.script, job.progress
    audio = f"episodes/{_slug(article.headline)}-{job.fingerprint[:8]}.mp3"
    staged = _staging(folder) / Path(audio).name
    with lock(folder), Catalog(folder.catalog_path) as catalog:  # the same article, earlier in this batch?
        unchanged = _unchanged(folder, catalog, job.source, job.identity, job.fingerprint)
    if unchanged:
        job.takes.cancel()
        return unchanged
    episode = assemble(job.takes, staged, Tags(title=article.headline, artist=article.byline, album=settings.title,
                                              date=article.published, language=script.language), job.cache)
    progress("publishing")
    guid = guid_for(job.identity)
    with lock(folder), Catalog(folder.catalog_path) as catalog:
        existing = catalog.by_identity(job.identity)  # another publish may have run meanwhile
        episode = _move_in(staged, folder.public / audio, episode)
        _write_companions(folder.public / audio, episode, script)
        now = _after(catalog.latest_added())
        record = _record(guid, job.identity, job.source, article, script, job.fingerprint, audio, episode,
                         added=existing.added if existing else now, updated=now)
        commit(folder, settings, catalog, lambda: catalog.save(record))
        if existing and existing.audio != audio:
            delete_episode_files(folder.public / existing.audio)
    return Published(job.source, guid, article.headline, episode.duration, episode.path,
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


def _write_companions(audio: Path, episode: Episode, script: Script) -> None:
    """Captions, transcripts and chapters beside the MP3, from the episode's real timings."""
    contents = {
        ".vtt": webvtt(episode.cues),
        ".json": json_transcript(episode.cues),
        ".txt": text_transcript(script),
        ".chapters.json": chapters_json(episode.chapters, script.title),
    }
    for suffix in COMPANIONS:
        write_atomic(companion(audio, suffix), contents[suffix].encode("utf-8"))



def _prefixed(progress: Progress, prefix: str) -> Progress:
    return lambda message: progress(f"{prefix}: {message}")








def identity_of(article: Article) -> str:
    """What makes two publishes the same article: its URL when known, else its headline and byline
    followed by a signature of its paragraphs (``text:<headline byline>|<hash>.<hash>…``), so that two
    different stories that came out with one headline (two by one author, or copies whose headline
    was read wrong) are never taken for each other. :func:`known_identity` matches a corrected text
    to the episode it corrects."""
    if article.url:
        return "url:" + article.url.split("#")[0]
    return f"{_text_key(article)}|{'.'.join(_paragraph_hashes(article))}"


def _text_key(article: Article) -> str:
    return "text:" + re.sub(r"\W+", " ", f"{article.headline} {article.byline or ''}").strip().lower()


def _paragraph_hashes(article: Article) -> list[str]:
    """A short hash of each paragraph's words with their count (``hash-words``): changed punctuation
    or spacing leaves it the same, and the count lets a long paragraph weigh more than a footer."""
    signature = []
    for block in article.blocks:
        tokens = re.findall(r"\w+", block.text.lower())
        if tokens:
            digest = hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=4).hexdigest()
            signature.append(f"{digest}-{len(tokens)}")
    return signature


SAME_SHARE = 0.5
"""Two texts under one headline and byline are one article (a corrected version) when the words of the
paragraphs they share are more than this share of the longer one's words; else they are two stories.
Counted in words, a copyright line or newsletter footer under every story of a column cannot make two
of them one; where it is unclear, a second episode is made: nothing published is replaced by mistake."""


def shared_share(mine: list[str], theirs: list[str]) -> float:
    """The words of the paragraphs two signatures share (as multisets), over the longer one's words."""
    def words_of(signature: Counter[str]) -> int:
        return sum(int(h.rsplit("-", 1)[-1]) * n for h, n in signature.items() if h.rsplit("-", 1)[-1].isdigit())

    ours, others = Counter(mine), Counter(theirs)
    longer = max(words_of(ours), words_of(others))
    return words_of(ours & others) / longer if longer else 0.0


def known_identity(catalog: Catalog, article: Article) -> str:
    """The identity under which ``article`` is, or will be, an episode: a text article whose headline
    and byline match an episode's and most of whose words stand in the same paragraphs takes that
    episode's identity (a re-publish or a corrected version updates it, the closest one if several
    do); any other keeps its own."""
    identity = identity_of(article)
    if article.url or catalog.by_identity(identity):
        return identity
    key = _text_key(article)
    mine = _paragraph_hashes(article)
    description = _description(article)
    best, best_share = identity, SAME_SHARE
    for record in catalog.text_identities(key):
        if record.identity == key:  # stored before identities carried paragraphs: its description tells,
            # unless it is only the headline (an article of list items has no paragraph to describe it)
            if description != article.headline and record.description == description and best == identity:
                best = record.identity
            continue
        share = shared_share(mine, record.identity[len(key) + 1 :].split("."))
        if share > best_share:
            best, best_share = record.identity, share
    return best


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
