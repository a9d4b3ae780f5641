"""The labelled pages every extraction benchmark and training script reads, and the shingle metric.

Two sets in ``../shared/datasets/``, read the same way:

- ``article-extraction-benchmark`` (181 pages, "aeb"): HTML, a browser copy, the true body;
- ``wcxb-dev-articles`` (696 pages from 680 other sites, "wcxb"): HTML, a browser copy, the true body,
  title, author and publication date.

Each page carries its site (the URL's host, less "www."), so cross-validation can keep a site's pages
together: no site is both trained on and scored. The metric is the one both sets' READMEs define.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from audionews.fetch import decode

SHARED = Path(__file__).resolve().parents[2] / "shared" / "datasets"
SETS = ("aeb", "wcxb")
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Sample:
    """One labelled page."""

    set: str
    id: str
    site: str
    url: str
    html: str
    copy: str
    """The browser copy (Chromium ``innerText``, scripts off); empty where the page rendered empty."""
    body: str
    """The true body; empty for the one WCXB page labelled with metadata only (body tracks leave it out)."""
    title: str | None = None
    author: str | None = None
    published: str | None = None
    """ISO date."""


def site_of(url: str) -> str:
    host = (urlsplit(url).hostname or url).lower()
    return host[4:] if host.startswith("www.") else host


def _read_html(path: Path) -> str:
    return decode(gzip.decompress(path.read_bytes()))


def _read_copy(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def load_aeb(root: Path = SHARED / "article-extraction-benchmark") -> list[Sample]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    return [Sample("aeb", i, site_of(t.get("url") or i), t.get("url") or i,
                   _read_html(root / "html" / f"{i}.html.gz"), _read_copy(root / "copy" / f"{i}.txt"),
                   t["articleBody"])
            for i, t in sorted(truth.items())]


def load_wcxb(root: Path = SHARED / "wcxb-dev-articles") -> list[Sample]:
    pages = json.loads((root / "pages.json").read_text(encoding="utf-8"))
    samples = []
    for i in sorted(pages):
        record = json.loads((root / "truth" / f"{i}.json").read_text(encoding="utf-8"))
        truth = record["ground_truth"]
        if "main_content" not in truth:  # one dev page has no reviewed body: nothing to score against
            continue
        samples.append(Sample("wcxb", i, pages[i].get("domain") or site_of(record["url"]), record["url"],
                              _read_html(root / "html" / f"{i}.html.gz"), _read_copy(root / "copy" / f"{i}.txt"),
                              truth.get("main_content") or "", truth.get("title"), truth.get("author"),
                              truth.get("publish_date")))
    return samples


def available() -> bool:
    return (SHARED / "article-extraction-benchmark" / "ground-truth.json").is_file() and \
        (SHARED / "wcxb-dev-articles" / "pages.json").is_file()


def load(sets: tuple[str, ...] = SETS, limit: int = 0) -> list[Sample]:
    """The pages of the named sets; ``limit`` keeps the first N of each (for a quick look)."""
    samples: list[Sample] = []
    for name in sets:
        found = load_aeb() if name == "aeb" else load_wcxb()
        samples.extend(found[: limit or None])
    return samples


# -- the metric, exactly as the sets' READMEs define it ---------------------------------------------


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def shingles(text: str, size: int = 4) -> Counter:
    found = tokens(text)
    if len(found) < size:
        return Counter([tuple(found)]) if found else Counter()
    return Counter(tuple(found[i : i + size]) for i in range(len(found) - size + 1))


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
        exact += tokens(truth) == tokens(prediction)
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r,
            "accuracy": exact / len(pairs) if pairs else 0.0}


def site_folds(samples: list[Sample], k: int = 5) -> list[int]:
    """A fold number per sample, sites kept whole and spread evenly by a fixed hash (seedless, stable)."""
    import zlib

    return [zlib.crc32(s.site.encode()) % k for s in samples]
