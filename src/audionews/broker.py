"""Publishing through many machines: Celery workers on a Redis broker.

    publish --broker:  read → script → choose the voice ─task→ Redis ─→ worker: speak → assemble
                       commit into the feed  ←result─ Redis ←─────────┘

The publishing process reads and scripts each article itself (cheap), so it knows the article's
fingerprint before anything is spoken: an episode already published as it is now is "unchanged" and never
sent. Every other article becomes one task, whose id is a hash of all that decides the episode's bytes
(the script, the voice and its engine identity, the feed's title in the tags), so a publish killed and
started again finds the results already made instead of speaking them again. A worker speaks and encodes,
and returns the MP3 and its timings through Redis; it needs no access to the feed folder. The publishing
process stays the feed's one writer: each result goes through the same crash-safe commit as a local publish
(:func:`audionews.pipeline.put_in_feed`).

Celery's promises carry the rest: a task is acknowledged only after it is done (``acks_late``), so a worker
killed mid-task (a lost machine, SIGKILL) leaves it unacknowledged, and Redis gives it to another worker once
the visibility timeout has passed; a result stays in Redis until its episode is committed. A worker whose
voice differs from the one the task names (another model, or none installed) refuses it with the reason: it
never speaks an article differently from how the publishing process fingerprinted it.

What Redis holds for a task ``K``: Celery's result (``celery-task-meta-K``), ``audionews:queued:K`` while it is
out (so a publish started again waits for it rather than sending it twice), and, once its episode is committed
or it is given up, ``audionews:closed:K`` for a day (so a worker that is given it again, after a visibility
timeout, does not speak it for nobody).
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import tempfile
import time
from dataclasses import asdict, dataclass, field
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from audionews.audio import Tags, assemble, levelled
from audionews.errors import AudionewsError, BrokerError
from audionews.feed.folder import FeedFolder
from audionews.feed.staging import remove_staging_folder
from audionews.feed.writer import writing
from audionews.files import atomic_path
from audionews.model import Chapter, Cue, Episode, Script, Voice
from audionews.pipeline import (
    Failure,
    Feed,
    Job,
    Progress,
    Published,
    PublishReport,
    Reader,
    attempt,
    cached_levelling,
    clean,
    plan,
    prefixed,
    put_in_feed,
    staged_path,
)
from audionews.speech import Engine, Speaker, SpeechCache, get_engine, speak
from audionews.speech.paces import cache_folder
from audionews.speech.speaker import default_jobs
from audionews.speech.store import model_digest

__all__ = ["DEFAULT_VISIBILITY_TIMEOUT", "TASK", "publish", "reach", "render", "run_worker", "task_key"]

TASK = "audionews.render"
DEFAULT_VISIBILITY_TIMEOUT = 3600
"""Seconds a task may stay unacknowledged before Redis gives it to another worker: longer than the
longest article takes to speak on the slowest worker (an hour-long article in Kokoro takes about 45 minutes on one
core: real-time factor 0.69 to 0.83 with one thread)."""
RESULT_DAYS = 7
"""Days a finished episode waits in Redis for its publishing process (one killed and not started again)."""
POLL = 0.2
"""Seconds between looks at the results of the tasks still out."""
TRIM_EVERY = 60
"""Seconds, at least, between two trims of a worker's speech cache (each reads the whole cache's listing)."""
_QUEUED = "audionews:queued:"
_CLOSED = "audionews:closed:"
CLOSED_SECONDS = 86400
MAX_STARTS = 3
"""Workers a task may start on without finishing (each lost, or dying on it) before it is given up as failed."""
IDLE_NOTE = 60.0
"""Seconds of waiting with no task started or finished before the publish says so (no worker running?)."""
try:
    _VERSION = metadata.version("audionews")
    """Part of every task: a worker of another version may make other bytes, so it refuses the task."""
except metadata.PackageNotFoundError:  # run from a source tree that was never installed
    _VERSION = "unknown"


def task_key(payload: dict) -> str:
    """The task id: a hash of everything that decides the episode's bytes, so the same article with the
    same settings is the same task, whichever process sends it."""
    wire = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return "audionews-" + hashlib.sha256(wire).hexdigest()[:40]


def _payload(job: Job, feed: Feed) -> dict:
    return {"version": _VERSION, "script": job.script.to_json(), "voice": asdict(job.voice),
            "identity": job.engine_identity, "model": _model_digest(get_engine(job.voice)),
            "fingerprint": job.fingerprint, "album": feed.settings.title}


def _model_digest(engine: Engine) -> str:
    """The SHA-256 of the engine's model file, where it has one: piper's identity names the file, not its
    content, and another model under the same name would speak differently."""
    model = getattr(engine, "model", None)
    return model_digest(model) if model else ""


# --- the worker's side ---------------------------------------------------------------------------------------

@dataclass
class _WorkerState:
    """What one worker process keeps between tasks: a speaker per voice (each loads its voice once)."""

    cache: SpeechCache | None = None
    threads: int = 0
    speakers: dict[str, Speaker] = field(default_factory=dict)
    trimmed: float = 0.0
    """When this process last brought the cache back to its size (a local publish does it after each batch)."""


_state = _WorkerState()
_log = logging.getLogger("audionews.worker")


def render(payload: dict, cache: SpeechCache | None = None, threads: int = 0) -> dict:
    """One task: the script spoken and encoded as the publishing process would, with the voice it names.

    Refused (BrokerError) when this machine's voice is not that voice (missing, or another model under the
    same name), or this worker's audionews is another version than the publisher's (it may encode other bytes)."""
    try:
        version = payload["version"]
        voice = Voice(**payload["voice"])
        script = Script.from_json(payload["script"])
        identity, fingerprint, album = payload["identity"], payload["fingerprint"], payload["album"]
    except (KeyError, TypeError, AudionewsError) as exc:
        raise BrokerError(f"a task this worker cannot read ({exc}); is the publisher's audionews the same version "
                          f"({_VERSION} here)?") from exc
    if version != _VERSION:
        raise BrokerError(f"this worker runs audionews {_VERSION}, the publisher {version}: run one version everywhere")
    try:
        engine = get_engine(voice, threads)
    except AudionewsError as exc:
        raise BrokerError(f"this worker has not the voice the feed uses: {exc.reason}") from exc
    if engine.identity != identity or _model_digest(engine) != payload.get("model", ""):
        raise BrokerError(f"this worker's voice is {engine.identity} (another model, or other settings), not the "
                          f"feed's {identity}: install the same voice on every worker")
    if script.fingerprint(identity) != fingerprint:
        raise BrokerError(f"this worker's audionews ({_VERSION}) does not read the script as the publisher did")
    speaker = _state.speakers.get(identity)
    if speaker is None:
        speaker = _state.speakers[identity] = Speaker(engine, 1, cache)
    with tempfile.TemporaryDirectory(prefix="audionews-task-") as folder:
        out = Path(folder) / "episode.mp3"
        level = cached_levelling(cache) if cache else levelled
        episode = assemble(speak(script, speaker), out, Tags.of(script, album), level)
        audio = out.read_bytes()
    return {"audio": base64.b64encode(audio).decode("ascii"), "duration": episode.duration,
            "chapters": [asdict(c) for c in episode.chapters], "cues": [asdict(c) for c in episode.cues]}


def _task(task: Any, payload: dict) -> dict:
    """The Celery task: :func:`render`, with a refusal or a failure of the article returned as its reason
    (one line for the publisher to print), not raised as an exception for Celery to serialize. A task already
    closed (committed from another worker's run, or given up) is not spoken again. The log says what was
    spoken in a plain line (Celery's own line would quote the whole MP3)."""
    title = (payload.get("script") or {}).get("title") if isinstance(payload, dict) else None
    closed = partial(task.backend.client.exists, _CLOSED + str(task.request.id))
    if closed():
        return {"closed": True}
    started = time.monotonic()
    try:
        made = render(payload, _state.cache, _state.threads)
    except AudionewsError as exc:
        _log.warning("refused %r: %s", title, exc.reason)
        return {"error": exc.reason}
    _log.info("spoke %r: %.1f s of audio in %.1f s", title, made["duration"], time.monotonic() - started)
    if _state.cache and time.monotonic() - _state.trimmed > TRIM_EVERY:
        _state.cache.trim()
        _state.trimmed = time.monotonic()
    return {"closed": True} if closed() else made


def _app(url: str, visibility_timeout: int = DEFAULT_VISIBILITY_TIMEOUT) -> Any:
    """A Celery app on ``url`` (broker and result backend), with the one task."""
    from celery import Celery  # the broker extra's; imported here so a local publish never loads it

    app = Celery("audionews", broker=url, backend=url, set_as_current=False)
    transport = {"visibility_timeout": visibility_timeout,
                 # look for a lost worker's tasks every tenth of the timeout (kombu: every 100 s by default)
                 "unacked_restore_interval": max(1, min(60, visibility_timeout // 10)),
                 "unacked_restore_throttle": 1}
    app.conf.update(
        task_serializer="json", result_serializer="json", accept_content=["json"],
        # a task is acknowledged once done: a lost worker's goes to another (after the visibility timeout); a
        # pool process that dies on one (out of memory) fails it, rather than handing it on to die again
        task_acks_late=True, task_reject_on_worker_lost=False, worker_prefetch_multiplier=1,
        task_track_started=True, result_expires=RESULT_DAYS * 86400,
        broker_transport_options=transport, result_backend_transport_options=transport,
        broker_connection_retry_on_startup=True, worker_hijack_root_logger=True,
        worker_redirect_stdouts=False, task_default_queue="audionews",
    )
    app.task(name=TASK, acks_late=True, bind=True)(_task)
    return app


def reach(url: str) -> Any:
    """A Redis client on ``url``, once Redis has answered; a one-line BrokerError otherwise (naming the URL
    without its password)."""
    shown = _shown(url)
    try:
        scheme = urlsplit(url).scheme
    except ValueError as exc:
        raise BrokerError(f"not a URL ({exc})", shown) from exc
    if scheme not in ("redis", "rediss"):
        raise BrokerError("the broker must be a redis:// or rediss:// URL (redis://HOST:PORT/DB)", shown)
    try:
        import redis
    except ImportError as exc:
        raise BrokerError("the broker needs Celery and Redis's client: pip install 'audionews[broker]'") from exc
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=30)
        client.ping()
    except (redis.RedisError, ValueError, OSError) as exc:
        raise BrokerError(f"cannot reach the broker: {_unsaid(str(exc), url)}", shown) from exc
    return client


def _shown(url: str) -> str:
    """``url`` as it may be printed: whatever is between the scheme and the host's @ (a password) hidden."""
    scheme, separator, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    if not separator or "@" not in host:
        return url
    return f"{scheme}://***@{host.rsplit('@', 1)[1]}{slash}{path}"


def _unsaid(text: str, url: str) -> str:
    """``text`` without ``url``'s password, should an error quote it."""
    try:
        password = urlsplit(url).password
    except ValueError:
        return text
    return text.replace(password, "***") if password else text


def run_worker(url: str, concurrency: int | None = None, name: str | None = None, cache_mb: int = 500,
               visibility_timeout: int = DEFAULT_VISIBILITY_TIMEOUT, color: bool = False) -> None:
    """Run a Celery worker on ``url`` until stopped: ``concurrency`` processes (one per core by default),
    each speaking one article at a time with its share of the cores, keeping spoken sentences in the user's
    cache. Returns when the worker stops (SIGTERM, Ctrl+C)."""
    reach(url).close()
    processes = concurrency or default_jobs()
    folder = cache_folder()
    _state.cache = SpeechCache(folder / "speech", cache_mb * 1024 * 1024) if folder and cache_mb else None
    _state.threads = max(1, default_jobs() // processes)
    argv = ["worker", f"--concurrency={processes}", "--pool=prefork", "--loglevel=INFO", "--without-gossip",
            "--without-mingle", "--without-heartbeat", f"--hostname={name or 'audionews@%h'}"]
    logging.getLogger("celery.app.trace").setLevel(logging.WARNING)  # its "succeeded" line quotes the result
    _app(url, visibility_timeout).worker_main(argv if color else ["--no-color", *argv])


# --- the publishing side ---------------------------------------------------------------------------------------

def publish(url: str, folder: FeedFolder, sources: list[str], progress: Progress = lambda _: None,
            read: Reader | None = None, replace: bool = False, verify: bool = False) -> PublishReport:
    """Publish each source as :func:`audionews.pipeline.publish` does, with the speaking done by the workers
    on ``url``: each article is sent as a task as soon as it is read, and committed as its result arrives.
    Redis unreachable is one BrokerError before anything is sent; a failed article is reported, the rest go on.
    Stopped, it leaves its tasks to the workers and their results in Redis, for the next publish to take."""
    client = reach(url)
    feed = Feed.open(folder, replace)
    read = read or partial(clean, allow_private=feed.settings.allow_private_addresses)
    batch = _Batch(_app(url), client, feed, verify, progress)
    try:
        for number, source in enumerate(sources, start=1):
            said = prefixed(progress, f"article {number} of {len(sources)}, {source}" if len(sources) > 1 else source)
            planned = attempt(source, partial(plan, feed, source, said, read))
            sent = attempt(source, partial(batch.send, number, planned)) if isinstance(planned, Job) else planned
            if sent is not None:
                batch.outcomes[number] = sent
            batch.collect(wait=False)  # what has arrived meanwhile is committed now, not after the last is read
        batch.collect(wait=True)
    finally:
        remove_staging_folder(folder)
        client.close()
    ordered = [batch.outcomes[number] for number in sorted(batch.outcomes)]
    return PublishReport(tuple(o for o in ordered if isinstance(o, Published)),
                         tuple(o for o in ordered if isinstance(o, Failure)))


@dataclass
class _Out:
    """A task sent (or found), and the articles of this batch waiting for it (with their numbers in the batch)."""

    payload: dict
    jobs: list[tuple[int, Job]]
    workers: list[str] = field(default_factory=list)
    """The workers it was started on, in turn (one lost, another given it)."""


class _Batch:
    """The tasks of one publish still out, and what became of each article."""

    def __init__(self, app: Any, client: Any, feed: Feed, verify: bool, progress: Progress) -> None:
        self.app, self.client, self.feed, self.verify, self.progress = app, client, feed, verify, progress
        self.out: dict[str, _Out] = {}
        self.outcomes: dict[int, Published | Failure] = {}
        self.news = time.monotonic()
        """When a task was last sent, started or finished: a long wait without any is said (no worker?)."""

    def send(self, number: int, job: Job) -> None:
        """Send ``job`` as a task, unless the same task is out already (in this batch, or sent by a publish
        that was stopped: its result is waited for, or taken as it is)."""
        payload = _payload(job, self.feed)
        key = task_key(payload)
        if key in self.out:
            self.out[key].jobs.append((number, job))
            return
        if self._redis(self.client.exists, self._result(key), _QUEUED + key):
            job.progress("sent by an earlier publish; waiting for it")
        else:
            self._send(key, payload)
            self.news = time.monotonic()
            job.progress("queued")
        self.out[key] = _Out(payload, [(number, job)])

    def _send(self, key: str, payload: dict) -> None:
        """Send the task afresh: what an earlier one left (a result for nobody, the mark of its end) goes."""
        self._redis(self.client.delete, self._result(key), _CLOSED + key)
        try:
            self.app.send_task(TASK, args=[payload], task_id=key)
        except Exception as exc:  # kombu's and redis's errors share no base class
            raise BrokerError(f"cannot send the article to the broker: {_unsaid(str(exc), self.client_url)}") from exc
        self._redis(self.client.set, _QUEUED + key, "1", ex=RESULT_DAYS * 86400)

    @property
    def client_url(self) -> str:
        return str(self.app.conf.broker_url)

    def _redis(self, call: Any, *args: Any, **kwargs: Any) -> Any:
        """A Redis command; Redis lost is a BrokerError, one line."""
        import redis

        try:
            return call(*args, **kwargs)
        except (redis.RedisError, OSError) as exc:
            raise BrokerError(f"lost the broker ({_unsaid(str(exc), self.client_url)}); publish again to take "
                              f"the episodes the workers made meanwhile") from exc

    def _result(self, key: str) -> str:
        return self.app.backend.get_key_for_task(key)

    def collect(self, wait: bool) -> None:
        """Commit each result that has arrived (``wait``: until none is out), saying which worker took each
        task as it starts. Redis lost fails every article still out, in one line each."""
        try:
            self._collect(wait)
        except BrokerError as exc:
            for key in list(self.out):
                for number, job in self.out.pop(key).jobs:
                    self.outcomes[number] = Failure(job.source, exc.reason)

    def _collect(self, wait: bool) -> None:
        while self.out:
            known = (len(self.out), sum(len(out.workers) for out in self.out.values()))
            keys = list(self.out)
            found = self._redis(self.client.mget, [self._result(key) for key in keys] + [_QUEUED + key for key in keys])
            for key, raw, queued in zip(keys, found[:len(keys)], found[len(keys):], strict=True):
                meta = self.app.backend.decode(raw) if raw is not None else {}
                status, result = meta.get("status"), meta.get("result")
                if status == "SUCCESS" and isinstance(result, dict) and result.get("closed"):
                    self._send(key, self.out[key].payload)  # a run for a publish before this one: not ours
                elif status in ("SUCCESS", "FAILURE"):
                    self._commit(key, meta)
                elif status == "STARTED" and _worker(meta) not in self.out[key].workers[-1:]:
                    self._started(key, _worker(meta))
                elif raw is None and queued is None:
                    self._taken(key)
            if known != (len(self.out), sum(len(out.workers) for out in self.out.values())):
                self.news = time.monotonic()
            if not wait:
                return
            if self.out and time.monotonic() - self.news >= IDLE_NOTE:
                self.progress(f"Note: no worker has started or finished an article for {IDLE_NOTE:g} s: is one "
                              f"running? (audionews worker --broker {_shown(self.client_url)})")
                self.news = time.monotonic()  # said once a minute at most
            if self.out:
                time.sleep(POLL)

    def _started(self, key: str, worker: str) -> None:
        out = self.out[key]
        out.workers.append(worker)
        if len(out.workers) > MAX_STARTS:
            self._give_up(key, f"given up: {MAX_STARTS} workers in turn started it and none finished (each was "
                               f"lost, or died on it: out of memory?)")
            return
        for _, job in out.jobs:
            job.progress(f"speaking on {worker}")

    def _commit(self, key: str, meta: dict) -> None:
        """Put the task's episode in the feed for each article waiting for it. Its result goes from Redis once
        committed, or once the worker said it cannot be made; kept after a failed commit (a full disk), for
        the next publish to take."""
        out = self.out.pop(key)
        for number, job in out.jobs:
            self.outcomes[number] = attempt(job.source, partial(_receive, self.feed, job, meta, self.verify))
        made = meta.get("status") == "SUCCESS" and "audio" in (meta.get("result") or {})
        if not made or all(isinstance(self.outcomes[number], Published) for number, _ in out.jobs):
            self._close(key)

    def _close(self, key: str) -> None:
        self._redis(self.client.set, _CLOSED + key, "1", ex=CLOSED_SECONDS)
        self._redis(self.client.delete, self._result(key), _QUEUED + key)

    def _give_up(self, key: str, reason: str) -> None:
        for number, job in self.out.pop(key).jobs:
            self.outcomes[number] = Failure(job.source, reason)
        self._close(key)

    def _taken(self, key: str) -> None:
        """Another publish took this task's result (the same article, for a feed of the same title): this
        feed has it already, or the task is sent again."""
        waiting = []
        for number, job in self.out[key].jobs:
            with self.feed.catalog() as catalog:
                unchanged = self.feed.unchanged(catalog, job)
            if unchanged:
                self.outcomes[number] = unchanged
            else:
                waiting.append((number, job))
        if not waiting:
            del self.out[key]
            return
        self.out[key].jobs = waiting
        try:
            self._send(key, self.out[key].payload)
        except BrokerError as exc:
            for number, job in self.out.pop(key).jobs:
                self.outcomes[number] = Failure(job.source, exc.reason)


def _worker(meta: dict) -> str:
    started = meta.get("result") or {}
    return f"{started.get('hostname', 'a worker')} (pid {started.get('pid', '?')})"


def _receive(feed: Feed, job: Job, meta: dict, verify: bool) -> Published:
    """Put the episode a worker made in the feed, or say why there is none."""
    result = meta.get("result")
    if meta.get("status") != "SUCCESS" or not isinstance(result, dict):
        reason = result.get("exc_message") if isinstance(result, dict) else result
        if isinstance(reason, (list, tuple)):  # Celery keeps an exception's arguments
            reason = " ".join(str(part) for part in reason)
        kind = result.get("exc_type") if isinstance(result, dict) else None
        raise BrokerError(f"the worker failed: {f'{kind}: ' if kind else ''}{reason}")
    if "error" in result:
        raise BrokerError(f"the worker refused it: {result['error']}")
    with feed.catalog() as catalog:  # the same article, earlier in this batch?
        unchanged = feed.unchanged(catalog, job)
    if unchanged:
        return unchanged
    try:
        audio = base64.b64decode(result["audio"], validate=True)
        chapters = tuple(Chapter(**c) for c in result["chapters"])
        cues = tuple(Cue(**c) for c in result["cues"])
        duration = float(result["duration"])
    except (KeyError, TypeError, ValueError) as exc:
        raise BrokerError(f"the worker's result is not an episode ({exc!r})") from exc
    staged = staged_path(feed, job)
    with writing(feed.folder, feed.folder.staging), atomic_path(staged) as temporary:
        temporary.write_bytes(audio)
    return put_in_feed(feed, job, Episode(str(staged), duration, len(audio), chapters, cues), verify)
