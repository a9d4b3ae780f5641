"""How far real speech falls from what its phonemes predict: the ground for ``check.MIN_RATIO``.

Every sentence of the articles in ``examples/`` and ``benchmarks/intelligibility_articles/`` is
spoken with the real piper voice, as a publish speaks it (trimmed), and measured by
:class:`audionews.speech.check.Checker` after its calibration sentences: voiced seconds over
``phonemes × the voice's seconds per phoneme``. A sentence under ``MIN_RATIO`` would be spoken
again, so the lowest ratios of clean speech say how safe the bound is (false positives), and the
same speech with its second half cut away says how much truncation it catches.

Run (not part of the test suite; a minute or two per speed on two cores):

    python3 benchmarks/sentence_check.py [--speeds 1.0 1.5] [--engine piper]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from audionews.pipeline import clean
from audionews.script.segments import make_script
from audionews.speech.check import MIN_RATIO, Checker, speakable
from audionews.speech.engines import Speech, Voice, get_engine
from audionews.speech.trim import trimmed

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*(ROOT / "examples").iterdir(), *(ROOT / "benchmarks" / "intelligibility_articles").glob("*.txt")])


def halved(speech: Speech) -> Speech:
    """The first half of ``speech``: a sentence cut off in the middle."""
    return Speech(speech.pcm[: len(speech.pcm) // 4 * 2], speech.sample_rate)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", default="piper")
    parser.add_argument("--speeds", type=float, nargs="+", default=[1.0])
    args = parser.parse_args()
    for speed in args.speeds:
        engine = get_engine(Voice(engine=args.engine, speed=speed))
        ratios: list[tuple[float, str]] = []
        cut: list[float] = []
        for source in SOURCES:
            script = make_script(clean(str(source)))
            checker = Checker(script.language)
            for text in checker.calibration:
                checker.learn(text, trimmed(engine.synthesize(text)))
            for segment in script.segments:
                for sentence in segment.sentences:
                    if not speakable(sentence.spoken):
                        continue
                    speech = trimmed(engine.synthesize(sentence.spoken))
                    measure = checker.measure(sentence.spoken, speech)
                    half = checker.measure(sentence.spoken, halved(speech))
                    checker.learn(sentence.spoken, speech)
                    if measure.ratio is not None and half.ratio is not None:
                        ratios.append((measure.ratio, f"{source.name}: {sentence.spoken[:60]}"))
                        cut.append(half.ratio)
        values = np.array([r for r, _ in ratios])
        print(f"{engine.identity}: {len(values)} sentences; voiced / predicted: min {values.min():.2f}, "
              f"1st percentile {np.percentile(values, 1):.2f}, 5th {np.percentile(values, 5):.2f}, "
              f"median {np.median(values):.2f}, max {values.max():.2f}; under {MIN_RATIO}: "
              f"{int((values < MIN_RATIO).sum())}")
        halves = np.array(cut)
        print(f"  the same sentences cut in half: median {np.median(halves):.2f}, 99th percentile "
              f"{np.percentile(halves, 99):.2f}, max {halves.max():.2f}; caught (under {MIN_RATIO}): "
              f"{int((halves < MIN_RATIO).sum())} of {len(halves)}")
        for ratio, name in sorted(ratios)[:5]:
            print(f"  lowest {ratio:.2f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
