"""Train the line classifier of plain-text copies (``audionews/extract/models/lines.npz``) and score it.

Every labelled page of both sets (``corpus.py``) is read twice, as its browser copy and as inscriptis
renders its HTML; a line is labelled article when most of its 4-token shingles are in the true body
(a line of fewer than four tokens: when its tokens stand in that order in the body). Prints the body
F1/P/R of :func:`audionews.extract.text.extract_text` with 5-fold models grouped by site (a page is
scored by a model that never saw its site), then fits on everything and writes the shipped model
(fixed seed: the same data gives the same file).

Run:  PYTHONPATH=src:benchmarks python benchmarks/train_lines.py [--no-write] [--limit N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

import corpus
import learn
from audionews.errors import ExtractionError
from audionews.extract import text as text_extractor
from audionews.extract.lines import FEATURES, features, read_lines
from audionews.model import Page

MODEL = Path(__file__).resolve().parents[1] / "src" / "audionews" / "extract" / "models" / "lines.npz"
RENDERINGS = ("copy", "inscriptis")


def rendering(sample: corpus.Sample, how: str) -> str:
    if how == "copy":
        return sample.copy
    import inscriptis

    return inscriptis.get_text(sample.html)


def labels(lines, body: str) -> np.ndarray:
    """1 for a line whose shingles are mostly in the true body."""
    truth = corpus.shingles(body)
    joined = " " + " ".join(corpus.tokens(body)) + " "
    out = np.zeros(len(lines))
    for i, line in enumerate(lines):
        found = corpus.tokens(line.text)
        if not found:
            continue
        if len(found) < 4:
            out[i] = float(f" {' '.join(found)} " in joined)
            continue
        own = corpus.shingles(line.text)
        out[i] = float(sum(min(c, truth[s]) for s, c in own.items()) * 2 > sum(own.values()))
    return out


def dataset(samples: list[corpus.Sample]) -> list[dict]:
    pages = []
    for sample, fold in zip(samples, corpus.site_folds(samples)):
        for how in RENDERINGS:
            text = rendering(sample, how)
            lines, language, names = read_lines(text)
            pages.append({"set": sample.set, "how": how, "fold": fold, "text": text, "body": sample.body,
                          "rows": features(lines, language, names), "labels": labels(lines, sample.body)})
    return pages


def fit(pages: list[dict]) -> learn.Forest:
    rows = np.vstack([p["rows"] for p in pages if len(p["rows"])])
    y = np.concatenate([p["labels"] for p in pages if len(p["rows"])])
    return learn.fit(rows, y, FEATURES)


def cross_validated_models(samples: list[corpus.Sample]) -> dict[corpus.Sample, learn.Forest]:
    """For the extraction benchmark: per page, the line forest that never saw its site."""
    pages = dataset(samples)
    models = {fold: fit([p for p in pages if p["fold"] != fold]) for fold in range(5)}
    return {sample: models[fold] for sample, fold in zip(samples, corpus.site_folds(samples))}


def predict_body(text: str, model) -> tuple[str, float]:
    start = time.perf_counter()
    try:
        body = "\n".join(text_extractor.extract_text(Page("page", "text", text, None), model=model).body)
    except ExtractionError:
        body = ""
    return body, time.perf_counter() - start


def table(title: str, pages: list[dict], predictions: list[str], times: list[float]) -> None:
    print(title)
    groups = [("aeb", "copy"), ("wcxb", "copy"), (None, "copy"), ("aeb", "inscriptis"), ("wcxb", "inscriptis"),
              (None, "inscriptis")]
    for set_name, how in groups:
        chosen = [i for i, p in enumerate(pages) if p["how"] == how and set_name in (None, p["set"])]
        result = corpus.score([(pages[i]["body"], predictions[i]) for i in chosen])
        ms = 1000 * statistics.median(times[i] for i in chosen)
        print(f"  {set_name or 'union':<6} {how:<11} F1 {result['f1']:.3f}  P {result['precision']:.3f}  "
              f"R {result['recall']:.3f}  ms {ms:5.1f}  ({len(chosen)} pages)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if not corpus.available():
        print("labelled pages not found", file=sys.stderr)
        return 2
    samples = corpus.load(limit=args.limit)
    pages = dataset(samples)
    print(f"{len(samples)} pages, {sum(len(p['rows']) for p in pages)} lines, {len(FEATURES)} features")
    predictions, times = [""] * len(pages), [0.0] * len(pages)
    for fold in range(5):
        model = fit([p for p in pages if p["fold"] != fold])
        for i, page in enumerate(pages):
            if page["fold"] == fold:
                predictions[i], times[i] = predict_body(page["text"], model)
    table("cross-validated by site (5 folds):", pages, predictions, times)
    if not args.no_write:
        model = fit(pages)
        MODEL.parent.mkdir(parents=True, exist_ok=True)
        model.save(MODEL)
        print(f"wrote {MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
