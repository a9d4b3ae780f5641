"""The pipeline, end to end: the one place that knows the order of the stages.

    fetch → extract → make_script → speak → assemble → the feed (catalog, companions, feed.xml, index.html)

Synthesis runs without the feed lock; everything that touches the feed folder runs under it,
writes files under temporary names and renames them, and changes the catalog in one
transaction (:func:`audionews.feed.writer.commit`), so a failure at any step leaves what is already
published intact: a failed commit takes back the MP3 and companions it put in ``public/``, a stopped
publish (Ctrl+C, SIGTERM) its staging folder. An episode whose text is mostly different from the one
it would replace is refused unless the caller says ``replace``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from audionews.audio import Leveller, Listener, Tags, assemble, levelled, loudness
from audionews.audio.verify import Verification, verify_episode
from audionews.errors import AudioError, AudionewsError, FeedError
from audionews.extract import extract
from audionews.feed.catalog import Catalog, EpisodeRecord
from audionews.feed.companions import companion, delete_episode_files, text_transcript, write_companions
from audionews.feed.folder import FeedFolder, FeedSettings
from audionews.feed.identity import SAME_SHARE, guid_for, known_identity, text_share
from audionews.feed.staging import move_in, remove_staging_folder, staging_folder
from audionews.feed.writer import commit, lock, open_catalog, recover, writing
from audionews.fetch import fetch
from audionews.files import read_regular
from audionews.model import Article, Block, Episode, Script, Take, Voice
from audionews.script import Lexicon, disclose, load_lexicon, make_script
from audionews.speech import Engine, Speaker, Speakers, Speech, SpeechCache, Takes, choose_voice, get_engine, speak
from audionews.speech.cache import LEVELLED
from audionews.urls import public_url

__all__ = ["Failure", "Feed", "Job", "PublishReport", "Published", "attempt", "cached_levelling", "clean", "plan",
           "prefixed", "publish", "put_in_feed", "read_script", "speak_sample", "speak_script", "speak_to_file",
           "staged_path"]

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
    verification: Verification | None = None
    """With ``verify``: each sentence heard back (:mod:`audionews.audio.verify`); None if not verified."""


@dataclass(frozen=True)
class Failure:
    source: str
    reason: str


@dataclass(frozen=True)
class PublishReport:
    published: tuple[Published, ...]
    failures: tuple[Failure, ...]


@dataclass(frozen=True)
class Feed:
    """A feed open for publishing: its folder, its settings and its lexicon, read once for a batch."""

    folder: FeedFolder
    settings: FeedSettings
    lexicon: Lexicon
    replace: bool = False
    """Publish over an episode whose text is mostly different (see :meth:`check_replace`)."""

    @classmethod
    def open(cls, folder: FeedFolder, replace: bool = False) -> Feed:
        settings = folder.settings()
        path, required = folder.lexicon_file(settings)
        return cls(folder, settings, load_lexicon(path, required=required), replace)

    @contextlib.contextmanager
    def catalog(self) -> Iterator[Catalog]:
        """The catalog, under the feed's lock, with ``public/`` caught up with it (after a killed run);
        a failure of the disk in the feed folder is a FeedError."""
        with writing(self.folder), lock(self.folder), open_catalog(self.folder) as catalog:
            recover(self.folder, self.settings, catalog)
            yield catalog

    def check_replace(self, catalog: Catalog, job: Job) -> None:
        """Refuse to replace an episode with a text that is mostly different from its own (a wrong
        headline, a page reused for another story), unless :attr:`replace`; a correction, which keeps
        most of the text, goes on. An episode whose transcript cannot be read is replaced as before."""
        existing = catalog.by_identity(job.identity)
        if self.replace or existing is None:
            return
        try:
            old = read_regular(companion(self.folder.public / existing.audio, ".txt"), TRANSCRIPT_LIMIT)
        except (OSError, ValueError):
            return
        share = text_share(old.decode("utf-8", "replace"), text_transcript(job.script))
        if share <= SAME_SHARE:
            raise FeedError(f"would replace the episode {existing.title!r} ({existing.guid}), whose text is mostly "
                            f"different ({share:.0%} the same); publish with --replace to replace it", job.source)

    def unchanged(self, catalog: Catalog, job: Job) -> Published | None:
        """The episode of ``job``'s article when it is published already, exactly as it would be now."""
        existing = catalog.by_identity(job.identity)
        if existing and existing.fingerprint == job.fingerprint and (self.folder.public / existing.audio).is_file():
            return Published(job.source, existing.guid, existing.title, existing.duration,
                             str(self.folder.public / existing.audio), "unchanged")
        return None

    def tags(self, script: Script) -> Tags:
        """The ID3 tags of an episode of this feed."""
        return Tags.of(script, self.settings.title)


@dataclass(frozen=True)
class Job:
    """An article read and scripted, whose speech is (or will be) under way."""

    source: str
    progress: Progress
    script: Script
    identity: str
    fingerprint: str
    voice: Voice
    """The voice that speaks it (its engine's name, ``voice.engine``), chosen for the article's language."""
    engine_identity: str
    """That voice's engine identity (:attr:`Engine.identity`), part of the fingerprint."""


def clean(source: str, allow_private: bool = True) -> Article:
    """The readable article of one source: what ``audionews clean`` shows."""
    return extract(fetch(source, allow_private=allow_private))


TRANSCRIPT_LIMIT = 64 * 1024 * 1024
"""Bytes of an episode's transcript read to compare it with the text that would replace it."""


def publish(folder: FeedFolder, sources: list[str], progress: Progress = lambda _: None,
            read: Reader | None = None, jobs: int | None = 1, replace: bool = False,
            verify: bool = False) -> PublishReport:
    """Publish each source, in order, as an episode; a failed source is reported and the rest go on.

    Each article is read, scripted and its sentences ordered one article ahead of the one being
    finished, so the ``jobs`` speech workers (None: one per core) go straight on to it while an
    episode is encoded and committed. ``replace``: an article may replace an episode whose text is
    mostly different from its own. Stopped (KeyboardInterrupt), it leaves no staging folder.
    ``verify``: each new episode is heard back before it is published, and its unclear sentences reported.
    """
    feed = Feed.open(folder, replace)
    read = read or partial(clean, allow_private=feed.settings.allow_private_addresses)
    cache = SpeechCache(folder.cache, feed.settings.cache_mb * 1024 * 1024)
    outcomes: list[Published | Failure] = []
    try:
        with Speakers(jobs, cache) as speakers:
            def start(number: int, source: str) -> Published | Failure | tuple[Job, Takes]:
                prefix = f"article {number} of {len(sources)}, {source}" if len(sources) > 1 else source
                return attempt(source, lambda: _start(feed, speakers, source, prefixed(progress, prefix), read))

            level = cached_levelling(cache)
            for started in _one_ahead(start(n, s) for n, s in enumerate(sources, start=1)):
                if isinstance(started, tuple):
                    job, takes = started
                    outcomes.append(attempt(job.source, partial(_finish, feed, job, takes, level, verify)))
                else:
                    outcomes.append(started)
    finally:
        remove_staging_folder(folder)
    cache.trim()
    return PublishReport(tuple(o for o in outcomes if isinstance(o, Published)),
                         tuple(o for o in outcomes if isinstance(o, Failure)))


def _start(feed: Feed, speakers: Speakers, source: str, progress: Progress,
           read: Reader) -> Published | tuple[Job, Takes]:
    """:func:`plan` ``source``; an article already published as it is now is done, any other has its
    sentences ordered."""
    planned = plan(feed, source, progress, read, lambda voice: speakers(voice).engine)
    if isinstance(planned, Published):
        return planned
    return planned, speak(planned.script, speakers(planned.voice), _segment_progress(progress))


def plan(feed: Feed, source: str, progress: Progress, read: Reader,
         engine_of: Callable[[Voice], Engine] = get_engine) -> Published | Job:
    """Read and script ``source`` and choose the voice for its language: the article's episode when it is
    published already exactly as it would be now, else the job of making it (checked against the episode it
    would replace before anything is spoken, so a refusal costs nothing)."""
    progress("reading")
    article = read(source)
    script = make_script(article, feed.settings.language, feed.lexicon)
    voice = choose_voice(feed.settings.voice_settings(), script.language, feed.settings.voices)
    engine = engine_of(voice)
    script = _for_publishing(script, engine.reader, feed)
    with feed.catalog() as catalog:
        job = Job(source, progress, script, known_identity(catalog, article), script.fingerprint(engine.identity),
                  voice, engine.identity)
        unchanged = feed.unchanged(catalog, job)
        if not unchanged:
            feed.check_replace(catalog, job)
    return unchanged or job


def _for_publishing(script: Script, reader: str, feed: Feed) -> Script:
    """The script as the feed publishes it: its reader named, and (``disclosure``, the default) a last
    sentence saying a synthetic voice read it. That sentence is part of the audio, so of the fingerprint:
    turning the setting off or on makes each article's next publish an update of its episode (same GUID),
    never a second episode, and an unchanged article with an unchanged setting stays unchanged."""
    script = dataclasses.replace(script, reader=reader)
    return disclose(script, feed.lexicon) if feed.settings.disclosure else script


def _finish(feed: Feed, job: Job, takes: Takes, level: Leveller, verify: bool = False) -> Published:
    """Assemble the episode as its takes come, then :func:`put_in_feed`."""
    with feed.catalog() as catalog:  # the same article, earlier in this batch?
        unchanged = feed.unchanged(catalog, job)
    if unchanged:
        takes.cancel()
        return unchanged
    staged = staged_path(feed, job)
    with writing(feed.folder, feed.folder.staging):
        episode = assemble(takes, staged, feed.tags(job.script), level)
    return put_in_feed(feed, job, episode, verify)


def put_in_feed(feed: Feed, job: Job, episode: Episode, verify: bool = False) -> Published:
    """Put ``job``'s episode, encoded in this process's staging folder (:func:`staged_path`), in the feed:
    (``verify``: heard back first, outside the lock) moved into ``public/`` with its companions and committed,
    or, if the commit fails, taken back out."""
    verification = None
    if verify:
        job.progress("verifying")
        verification = verify_episode(episode, job.script, words=job.voice.engine != "silent")  # silent: hums
    job.progress("publishing")
    audio = feed.folder.audio_name(job.script.title, job.fingerprint)
    target = feed.folder.public / audio
    with feed.catalog() as catalog:
        existing = catalog.by_identity(job.identity)  # another publish may have run meanwhile
        feed.check_replace(catalog, job)
        owned = audio in catalog.audio_files()  # the same audio as another episode's: never taken back
        try:
            episode = move_in(Path(episode.path), target, episode)
            write_companions(target, episode, job.script)
            now = catalog.next_time()
            record = _record(job, audio, episode, added=existing.added if existing else now, updated=now)
            # the commit's sweep removes the old audio, unless another episode shares it
            commit(feed.folder, feed.settings, catalog, lambda: catalog.save(record))
        except BaseException:
            if not owned and not _listed(catalog, audio):
                with contextlib.suppress(OSError):
                    delete_episode_files(target)  # the commit did not happen: nothing of it stays public
            raise
    return Published(job.source, record.guid, record.title, episode.duration, episode.path,
                     "updated" if existing else "added", verification)


def staged_path(feed: Feed, job: Job) -> Path:
    """Where this process encodes (or receives) ``job``'s episode before :func:`put_in_feed`."""
    with writing(feed.folder, feed.folder.staging):
        return staging_folder(feed.folder) / Path(feed.folder.audio_name(job.script.title, job.fingerprint)).name


def _listed(catalog: Catalog, audio: str) -> bool:
    """Whether the catalog lists ``audio`` (after a failure: True when it cannot be told)."""
    try:
        return audio in catalog.audio_files()
    except AudionewsError:
        return True


def _record(job: Job, audio: str, episode: Episode, added: str, updated: str) -> EpisodeRecord:
    script = job.script
    return EpisodeRecord(
        guid=guid_for(job.identity), identity=job.identity, source=public_url(job.source) or job.source,  # no password
        url=script.url, title=script.title,
        byline=script.byline, published=script.published.isoformat() if script.published else None,
        description=script.description, language=script.language, fingerprint=job.fingerprint, audio=audio,
        size=episode.size, duration=episode.duration, chapters=episode.chapters, added=added, updated=updated,
        image=script.image,
    )


def speak_to_file(source: str, out: Path, voice: Voice, progress: Progress = lambda _: None,
                  lexicon: Lexicon = Lexicon(), jobs: int | None = 1) -> Episode:
    """One article straight to one MP3, no feed; ``voice`` reads it if it speaks the article's language,
    else the installed default voice for that language."""
    progress = prefixed(progress, source)
    progress("reading")
    return speak_script(read_script(source, voice.language, lexicon), voice, out, progress, jobs)


def read_script(source: str, language: str, lexicon: Lexicon = Lexicon()) -> Script:
    """One source read and scripted, as ``speak`` and ``listen`` read it (``language``: when it does not say)."""
    return make_script(clean(source), language, lexicon)


def speak_script(script: Script, voice: Voice, out: Path, progress: Progress = lambda _: None, jobs: int | None = 1,
                 listener: Listener | None = None) -> Episode:
    """``script`` spoken into the MP3 ``out`` by ``voice`` (or the installed default voice for its language);
    a ``listener`` hears the MP3 and the sentences' times while it is made (``audionews listen``)."""
    return _to_mp3(script, choose_voice(voice, script.language), out, jobs, _segment_progress(progress), listener)


def speak_sample(headline: str, text: str, out: Path, voice: Voice) -> Episode:
    """A few sentences in one voice to one MP3, spoken, levelled and encoded as an episode is
    (``audionews voices sample``)."""
    article = Article(f"sample of {voice.voice or voice.engine}", headline, (Block("paragraph", text),),
                      language=voice.language)
    return _to_mp3(make_script(article, voice.language), voice, out, 1)


def _to_mp3(script: Script, voice: Voice, out: Path, jobs: int | None,
            progress: Callable[[int, int], None] | None = None, listener: Listener | None = None) -> Episode:
    """``script`` spoken by ``voice`` into the MP3 ``out``, written as cp would (files.atomic_path): a
    folder, no room or no permission there is one AudioError naming it."""
    with Speaker(get_engine(voice), jobs, first_here=listener is not None) as speaker:
        takes = speak(script, speaker, progress)
        try:
            return assemble(takes, out, Tags.of(script, "audionews"), listener=listener)
        except OSError as exc:
            raise AudioError(f"cannot write the MP3 ({exc.strerror or exc})", str(out)) from exc


def cached_levelling(cache: SpeechCache) -> Leveller:
    """Levelling that keeps what it levelled in the speech cache: an unchanged segment of a corrected
    article is not levelled again."""
    def level(take: Take) -> bytes:
        key = hashlib.sha256(take.pcm).hexdigest()  # the take itself: a re-spoken sentence changes it
        found = cache.get(loudness.LEVELLING, key, LEVELLED)
        if found is not None and found.sample_rate == take.sample_rate:
            return found.pcm
        pcm = levelled(take)
        cache.put(loudness.LEVELLING, key, Speech(pcm, take.sample_rate), LEVELLED)
        return pcm

    return level


Outcome = TypeVar("Outcome")


def attempt(source: str, step: Callable[[], Outcome]) -> Outcome | Failure:
    """The step's outcome, or the failure it reported for ``source``."""
    try:
        return step()
    except AudionewsError as exc:
        return Failure(source, exc.reason if exc.source in (None, source) else str(exc))


def _one_ahead(items: Iterable[Outcome]) -> Iterator[Outcome]:
    """``items`` in order, each given out once the one after it has been made."""
    iterator = iter(items)
    for current in iterator:
        for upcoming in iterator:
            yield current
            current = upcoming
        yield current


def _segment_progress(progress: Progress) -> Callable[[int, int], None]:
    return lambda number, total: progress(f"speaking segment {number} of {total}")


def prefixed(progress: Progress, prefix: str) -> Progress:
    return lambda message: progress(f"{prefix}: {message}")
