"""Train the HTML body classifier on every labelled page, cross-validated by site, and ship it.

    python3 -m pip install -e '.[train]' && python3 benchmarks/train.py

1. Every page of both sets (``corpus.py``) is cut into blocks with the features audionews computes at
   run time (``audionews.extract.body.block_rows``); a block is labelled article when most of its
   4-word shingles are in the page's true body (short blocks: when its words appear there in order).
2. Five folds, sites kept whole (``corpus.site_folds``): each fold's pages are classified by a forest
   trained on the other four; the body F1 of those out-of-fold bodies is printed per set and on the
   union, for a range of thresholds. These are the figures to judge a change by.
3. A forest trained on all pages is written to ``src/audionews/extract/models/html_blocks.npz``.

LightGBM runs with a fixed seed, deterministic, so the same data gives the same model. Features are
cached in ``benchmarks/.cache/`` by a hash of the feature code and the data; ``--fresh`` recomputes.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import pickle
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

import corpus
import learn
from corpus import Sample

HERE = Path(__file__).resolve().parent
MODELS = HERE.parent / "src" / "audionews" / "extract" / "models"
CACHE = HERE / ".cache"
FOLDS = 5


@dataclass(frozen=True)
class PageRows:
    """One page's blocks as the classifier sees them, with their labels."""

    texts: list[str]
    kinds: list[str]
    rows: np.ndarray
    labels: np.ndarray
    units: list[int]


def label_blocks(texts: list[str], truth: str) -> np.ndarray:
    """Article when most of a block's 4-word shingles are in the true body."""
    from audionews.extract.body import shingle_share

    return np.array(shingle_share(truth, texts)) >= 0.5


def page_rows(sample: Sample) -> PageRows:
    from audionews.extract.blocks import units
    from audionews.extract.body import block_rows
    from audionews.extract.dom import parse_html

    root = parse_html(sample.html)
    if root is None:
        return PageRows([], [], np.zeros((0, 0)), np.zeros(0, dtype=bool), [])
    blocks, rows = block_rows(root, sample.url)
    texts = [b.text for b in blocks]
    return PageRows(texts, [b.kind for b in blocks], rows, label_blocks(texts, sample.body), units(blocks))


def _fingerprint(samples: list[Sample]) -> str:
    digest = hashlib.sha256()
    source = HERE.parent / "src" / "audionews" / "extract"
    for name in ("blocks.py", "body.py", "dom.py", "fields.py", "clutter.py", "words.py"):
        digest.update((source / name).read_bytes())
    for sample in samples:
        digest.update(f"{sample.set}/{sample.id}:{len(sample.html)}:{len(sample.body)}".encode())
    return digest.hexdigest()[:16]


def dataset(samples: list[Sample], fresh: bool = False) -> list[PageRows]:
    """Every page's rows and labels, from the cache when the feature code and data are unchanged."""
    path = CACHE / f"blocks-{_fingerprint(samples)}.pickle"
    if path.is_file() and not fresh:
        return [PageRows(*fields) for fields in pickle.loads(path.read_bytes())]
    with multiprocessing.Pool(2) as pool:
        pages = pool.map(page_rows, samples, chunksize=8)
    CACHE.mkdir(exist_ok=True)
    path.write_bytes(pickle.dumps([(p.texts, p.kinds, p.rows, p.labels, p.units) for p in pages]))
    return pages


def _stack(pages: list[PageRows]) -> tuple[np.ndarray, np.ndarray]:
    from audionews.extract.blocks import FEATURE_NAMES

    rows = [p.rows for p in pages if len(p.labels)]
    labels = [p.labels for p in pages if len(p.labels)]
    if not rows:
        return np.zeros((0, len(FEATURE_NAMES))), np.zeros(0, dtype=bool)
    return np.vstack(rows), np.concatenate(labels)


def _weights(pages: list[PageRows]) -> np.ndarray:
    """Each page weighs the same in training, as in the metric, however many blocks it has."""
    return np.concatenate([np.full(len(p.labels), 1.0 / np.sqrt(len(p.labels))) for p in pages if len(p.labels)])


def fit(pages: list[PageRows]):
    from audionews.extract.blocks import FEATURE_NAMES

    rows, labels = _stack(pages)
    return learn.fit(rows, labels.astype(int), FEATURE_NAMES, weights=_weights(pages))


def fold_models(samples: list[Sample], pages: list[PageRows]) -> dict[int, object]:
    folds = corpus.site_folds(samples, FOLDS)
    return {k: fit([p for p, f in zip(pages, folds) if f != k]) for k in range(FOLDS)}


def cross_validated_models(samples: list[Sample]):
    """For the extraction benchmark: per sample, the HTML forest that never saw its site (the text
    model comes from ``train_lines.py`` when present, else the shipped one is used)."""
    pages = dataset(samples)
    models = fold_models(samples, pages)
    folds = corpus.site_folds(samples, FOLDS)
    html = {s: models[f] for s, f in zip(samples, folds)}
    try:
        import train_lines
    except ImportError:
        return html, None
    return html, train_lines.cross_validated_models(samples)


def body_of(page: PageRows, probabilities: np.ndarray, threshold: float) -> str:
    """The body audionews would read from these block probabilities (as ``learned_body`` makes it)."""
    from audionews.extract.body import chosen
    from audionews.model import Block

    blocks = [Block(kind, text) for kind, text in zip(page.kinds, page.texts)]  # type: ignore[arg-type]
    return "\n".join(b.text for b in chosen(blocks, probabilities, page.units, threshold))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="recompute the features")
    parser.add_argument("--no-write", action="store_true", help="cross-validate only")
    parser.add_argument("--no-cv", action="store_true", help="write the model without cross-validating first")
    args = parser.parse_args()
    if not corpus.available():
        print(f"skipped: labelled pages not found in {corpus.SHARED}", file=sys.stderr)
        return 2
    samples = [s for s in corpus.load() if s.body.strip()]
    pages = dataset(samples, args.fresh)
    rows, labels = _stack(pages)
    print(f"{len(samples)} pages, {len(rows)} blocks, {labels.mean():.1%} of them article")

    if not args.no_cv:
        cross_validate(samples, pages)
    if not args.no_write:
        MODELS.mkdir(parents=True, exist_ok=True)
        fit(pages).save(MODELS / "html_blocks.npz")
        print(f"wrote {MODELS / 'html_blocks.npz'}")
    return 0


def cross_validate(samples: list[Sample], pages: list[PageRows]) -> None:
    """Print the out-of-fold body figures per set and on the union, for a range of thresholds."""
    from audionews.extract.body import THRESHOLD

    folds = corpus.site_folds(samples, FOLDS)
    models = fold_models(samples, pages)
    out_of_fold = [models[f].predict(p.rows) if len(p.labels) else np.zeros(0) for p, f in zip(pages, folds)]
    print(f"cross-validated by site, {FOLDS} folds ({Counter(folds)} pages a fold)")
    print(f"{'threshold':>9} {'aeb F1':>7} {'P':>6} {'R':>6} {'wcxb F1':>8} {'P':>6} {'R':>6} {'union F1':>9}")
    for threshold in sorted({0.3, 0.4, THRESHOLD, 0.6}):
        figures = {}
        for name in ("aeb", "wcxb", "union"):
            pairs = [(s.body, body_of(p, q, threshold)) for s, p, q in zip(samples, pages, out_of_fold)
                     if name in ("union", s.set)]
            figures[name] = corpus.score(pairs)
        a, w, u = figures["aeb"], figures["wcxb"], figures["union"]
        print(f"{threshold:9.2f} {a['f1']:7.3f} {a['precision']:6.3f} {a['recall']:6.3f} "
              f"{w['f1']:8.3f} {w['precision']:6.3f} {w['recall']:6.3f} {u['f1']:9.3f}")


if __name__ == "__main__":
    sys.exit(main())
