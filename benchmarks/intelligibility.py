"""Intelligibility benchmark: how well are our voices (piper, kokoro) understood, with and without normalization?

Each article in ``benchmarks/intelligibility_articles/`` (written for this benchmark, dense with
money, dates, initialisms, Roman numerals, party–state tags, URLs and times) is spoken twice with
the real piper voice, through the real pipeline (``make_script`` → ``speak`` → ``assemble``):

- **audionews**: the script as published, each sentence normalized for speech;
- **raw piper**: the same segments, sentences and pauses, but each sentence's written text sent to
  piper as is — the engine's own reading of "$5.2M", "(D-CA)" or "World War II".

Each MP3 is decoded with our ffmpeg to 16 kHz mono 16-bit PCM and transcribed by the offline
recognizer of the ``pocketsphinx`` package (its bundled US English model).

The metric is **word recall**: of the words a listener should hear, the share the recognizer also
heard. Words are lower-case runs of letters and apostrophes (hyphens split "twenty-five"; letters
spelled one by one count as one word, so "F B I" and the recognizer's "fbi" agree); the
reference and the transcript are compared as bags of words (clipped counts, order ignored), so
recall = Σ min(count in reference, count in transcript) / number of reference words. Recall, not
accuracy, because the question is whether the words got through; an engine that reads "$5.2M" as
"dollar five point two m" scores for "five" and "two" and loses "million" and "dollars".

Two references, each scored for both systems:

- **spoken**: the normalized text (what a newsreader would say) — the words a listener should hear;
- **written**: only the plain words of the written text (tokens of letters alone, so "$5.2M",
  "9:30" and "D-CA" drop out) — words both systems should get right, so normalization should not
  lower this figure.

A recognizer's recall is only a proxy for a listener's understanding, and pocketsphinx's small
model mishears clean speech too, so compare the two systems' figures and their ratio, not the
absolute values.

Run (not part of the test suite; a few minutes on two cores):

    python3 -m pip install -e '.[bench]'   # or '.[verify]'
    python3 benchmarks/intelligibility.py [--speeds 1.0 1.5 2.0] [--articles DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import tempfile
from pathlib import Path

import numpy as np

from audionews.audio import Tags, assemble
from audionews.audio.verify import MIN_RECALL, decoder, pcm16k, recall, sentence_recalls, transcribe, words
from audionews.model import Script
from audionews.pipeline import clean
from audionews.script.segments import make_script
from audionews.speech.engines import Voice, get_engine
from audionews.speech.speaker import Speaker, speak

ARTICLES = Path(__file__).resolve().parent / "intelligibility_articles"
SPEEDS = (1.0, 1.5, 2.0)
_PLAIN = re.compile(r"^[A-Za-z]+(?:'[A-Za-z]+)*$")


def plain_words(text: str) -> list[str]:
    """The written words made of letters alone ("$5.2M", "9:30", "D-CA" and "2024" are left out)."""
    tokens = (t.strip(".,;:!?\"“”()'’") for t in text.split())
    return [t.lower() for t in tokens if _PLAIN.match(t)]


def raw(script: Script) -> Script:
    """The same script with each sentence's written text as its spoken text: the engine alone."""
    return dataclasses.replace(script, segments=tuple(
        dataclasses.replace(seg, sentences=tuple(dataclasses.replace(s, spoken=s.text) for s in seg.sentences))
        for seg in script.segments))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=ARTICLES, help="Folder of .txt articles.")
    parser.add_argument("--speeds", type=float, nargs="+", default=list(SPEEDS))
    parser.add_argument("--keep", type=Path, help="Keep the MP3s and transcripts in this folder.")
    parser.add_argument("--engines", nargs="+", default=["piper"],
                        help="Engines to compare, each with its default English voice, e.g. piper kokoro "
                             "(kokoro: installed by `audionews voices install kokoro`).")
    args = parser.parse_args()
    systems = [f"{mode} {engine}" for engine in args.engines for mode in ("audionews", "raw")]

    sources = sorted(args.articles.glob("*.txt"))
    if not sources:
        sys.exit(f"no .txt articles in {args.articles}")
    scripts = {path.stem: make_script(clean(str(path))) for path in sources}
    total_words = sum(len(words(" ".join(seg.spoken for seg in s.segments))) for s in scripts.values())
    print(f"{len(scripts)} articles, {total_words} spoken words; {', '.join(args.engines)} at "
          f"{', '.join(map(str, args.speeds))}×; "
          "recognizer: pocketsphinx (en-us)\n", file=sys.stderr)

    out = args.keep or Path(tempfile.mkdtemp(prefix="intelligibility-"))
    out.mkdir(parents=True, exist_ok=True)
    results: dict[tuple[float, str], dict[str, list[int]]] = {}
    per_sentence: dict[tuple[float, str], list[float]] = {}
    recognizer = decoder()
    for speed in args.speeds:
        for system in systems:
            engine = get_engine(Voice(engine=system.split()[1], speed=speed))
            totals = {"spoken": [0, 0], "written": [0, 0]}
            for name, script in scripts.items():
                said = script if system.startswith("audionews") else raw(script)
                mp3 = out / f"{name}-{speed}-{system.replace(' ', '-')}.mp3"
                with Speaker(engine, jobs=None) as speaker:
                    episode = assemble(speak(said, speaker), mp3, Tags(title=script.title))
                pcm = pcm16k(mp3)
                heard = words(transcribe(pcm, recognizer))
                spans = [(cue.start, cue.end) for cue in episode.cues]
                spoken = [s.spoken for seg in script.segments for s in seg.sentences]
                scores = sentence_recalls(pcm, spans, spoken, recognizer)  # as publish --verify hears them
                per_sentence.setdefault((speed, system), []).extend(s for s in scores if s is not None)
                mp3.with_suffix(".txt").write_text(" ".join(heard) + "\n", encoding="utf-8")
                spoken_ref = words(" ".join(seg.spoken for seg in script.segments))
                written_ref = plain_words(" ".join(seg.text for seg in script.segments))
                for key, reference in (("spoken", spoken_ref), ("written", written_ref)):
                    hit, count = recall(reference, heard)
                    totals[key][0] += hit
                    totals[key][1] += count
                print(f"  {speed}× {system:<16} {name}: {recall(spoken_ref, heard)[0]}/{len(spoken_ref)}",
                      file=sys.stderr)
            results[(speed, system)] = totals

    print(f"{'speed':>5}  {'system':<16} {'recall, spoken words':>21} {'recall, written words':>22}")
    for speed in args.speeds:
        for system in systems:
            spoken, written = results[(speed, system)]["spoken"], results[(speed, system)]["written"]
            print(f"{speed:>4}×  {system:<16} {spoken[0] / spoken[1]:>21.3f} {written[0] / written[1]:>22.3f}")
        for engine in args.engines:
            ours, theirs = results[(speed, f"audionews {engine}")], results[(speed, f"raw {engine}")]
            ratios = [(ours[k][0] / ours[k][1]) / max(theirs[k][0] / theirs[k][1], 1e-9)
                      for k in ("spoken", "written")]
            print(f"{'':>5}  {'ratio ' + engine:<16} {ratios[0]:>20.2f}× {ratios[1]:>21.2f}×")
    print(f"\nper sentence (spoken words; publish --verify reports those under {MIN_RECALL}):")
    for (speed, system), scores in per_sentence.items():
        values = np.array(scores)
        print(f"{speed:>4}×  {system:<16} {len(values)} sentences: median {np.median(values):.2f}, "
              f"10th percentile {np.percentile(values, 10):.2f}, under {MIN_RECALL}: "
              f"{(values < MIN_RECALL).mean():.1%}")
    print(f"\nMP3s and transcripts: {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
