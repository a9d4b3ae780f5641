"""Article-body extraction benchmark: audionews against trafilatura and readability-lxml, in one run.

Scores the body each system extracts from the 181 pages of the article-extraction benchmark in
``../shared/datasets/article-extraction-benchmark/`` with that benchmark's own metric (4-token
shingles, per-page normalised TP/FP/FN, mean precision and recall, F1 of the means), and
prints F1, precision, recall, accuracy, median ms per page and failures for each.

The plain-text track turns each page into what select-all-and-copy gives in a browser
(visible text, block elements on their own lines) and feeds it to the plain-text extractor.

Run:  python benchmarks/extraction.py [--data DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable

from audionews.errors import AudionewsError
from audionews.extract import extract_html, extract_text
from audionews.extract.dom import parse_html, visible_text
from audionews.fetch import decode
from audionews.model import Page

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "article-extraction-benchmark"
_TOKEN = re.compile(r"\w+", re.UNICODE)


# -- the metric, exactly as the benchmark's README defines it ---------------------------------


def shingles(text: str, size: int = 4) -> Counter:
    tokens = _TOKEN.findall(text)
    if len(tokens) < size:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def page_counts(truth: str, prediction: str) -> tuple[float, float, float]:
    """TP, FP, FN for one page, divided by their sum so every page weighs the same."""
    t, p = shingles(truth), shingles(prediction)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def score(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """F1, precision, recall and accuracy over (truth, prediction) pairs."""
    precisions, recalls, exact = [], [], 0
    for truth, prediction in pairs:
        tp, fp, fn = page_counts(truth, prediction)
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        elif fn == 0:
            precisions.append(1.0)
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
        elif fp == 0:
            recalls.append(1.0)
        exact += _TOKEN.findall(truth) == _TOKEN.findall(prediction)
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r,
            "accuracy": exact / len(pairs) if pairs else 0.0}


# -- the systems ---------------------------------------------------------------------------------


def audionews_html(html: str, url: str) -> str:
    return "\n".join(extract_html(Page(url, "html", html, url)).body)


def audionews_text(text: str, url: str) -> str:
    return "\n".join(extract_text(Page(url, "text", text, None)).body)


def trafilatura_html(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, favor_precision=True, include_comments=False) or ""


def trafilatura_text(text: str, url: str) -> str:
    """trafilatura given the copied text, one paragraph per line, as HTML."""
    import html as html_lib

    import trafilatura

    body = "".join(f"<p>{html_lib.escape(line)}</p>" for line in text.splitlines())
    return trafilatura.extract(f"<html><body>{body}</body></html>", favor_precision=True) or ""


def readability_html(html: str, url: str) -> str:
    from readability import Document

    summary = Document(html, url=url).summary(html_partial=True)
    root = parse_html(summary)
    return visible_text(root) if root is not None else ""


def whole_text(text: str, url: str) -> str:
    return text


def copied_text(html: str) -> str:
    """What select-all and copy gives in a browser: visible text, block elements on their own lines."""
    root = parse_html(html)
    return visible_text(root) if root is not None else ""


# -- running -------------------------------------------------------------------------------------


def run(name: str, system: Callable[[str, str], str], inputs: dict[str, str], truth: dict[str, dict]) -> dict:
    pairs, times, failures = [], [], 0
    for page_id, content in inputs.items():
        start = time.perf_counter()
        try:
            prediction = system(content, truth[page_id].get("url") or page_id)
        except (AudionewsError, Exception):  # noqa: BLE001 - a failure scores as an empty prediction
            prediction, failures = "", failures + 1
        times.append((time.perf_counter() - start) * 1000)
        pairs.append((truth[page_id]["articleBody"], prediction))
    result = score(pairs)
    result.update(name=name, ms=statistics.median(times), failures=failures)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="score only the first N pages")
    args = parser.parse_args()
    if not (args.data / "ground-truth.json").is_file():
        print(f"benchmark data not found in {args.data}", file=sys.stderr)
        return 2
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[: args.limit or None]
    pages = {i: decode(gzip.decompress((args.data / "html" / f"{i}.html.gz").read_bytes())) for i in ids}
    texts = {i: copied_text(html) for i, html in pages.items()}

    rows = [
        run("audionews (HTML)", audionews_html, pages, truth),
        run("trafilatura favor_precision (HTML)", trafilatura_html, pages, truth),
        run("readability-lxml (HTML)", readability_html, pages, truth),
        run("audionews (plain text)", audionews_text, texts, truth),
        run("trafilatura (plain text)", trafilatura_text, texts, truth),
        run("whole copied text (plain text)", whole_text, texts, truth),
    ]
    print(f"{len(ids)} pages from {args.data}")
    print(f"{'system':<36} {'F1':>6} {'P':>6} {'R':>6} {'acc':>6} {'ms/page':>8} {'fail':>5}")
    for row in rows:
        print(f"{row['name']:<36} {row['f1']:6.3f} {row['precision']:6.3f} {row['recall']:6.3f} "
              f"{row['accuracy']:6.3f} {row['ms']:8.1f} {row['failures']:5d}")
    ours, reference = rows[0]["ms"], rows[1]["ms"]
    print(f"median time, audionews / trafilatura (HTML): {ours / reference:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
