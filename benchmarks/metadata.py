"""Metadata extraction benchmark: headline, byline and publication date, audionews against trafilatura.

Scores, on the hand-labelled pages of ``benchmarks/data/metadata-labels.json`` (a fixed sample of the
article-extraction benchmark in ``../shared/datasets/article-extraction-benchmark/``: the sorted page
ids, every third one from the first), how often each system gets each field exactly right:

- headline: the visible headline, without " | Site name" suffixes;
- byline: author names only ("Ann Lee, Bo Chan and Cy Dee"), None when the page names no author;
- published: the original publication date, ISO YYYY-MM-DD, None when the page gives none.

"Exactly" means equal after trivial normalisation only: Unicode NFC, whitespace collapsed, curly
quotes and apostrophes made straight. No case-folding, no fuzzy matching. A label of None is matched
only by None. The labels and how they were made are described in the file's notes and in the README.

trafilatura (``extract_metadata``, which dates pages with htmldate, original date first) is the
reference, run on the same pages in the same run.

Run:  python benchmarks/metadata.py [--data DIR] [--labels FILE] [--verbose]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Callable

from audionews.extract import extract
from audionews.fetch import decode
from audionews.model import Page

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parents[1] / "shared" / "datasets" / "article-extraction-benchmark"
DEFAULT_LABELS = HERE / "data" / "metadata-labels.json"
FIELDS = ("headline", "byline", "published")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
                         "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"'})


def normalise(value: str | None) -> str | None:
    """NFC, straight quotes, whitespace collapsed; empty counts as None."""
    if value is None:
        return None
    value = unicodedata.normalize("NFC", str(value)).translate(_QUOTES)
    value = re.sub(r"\s+", " ", value).strip()
    return value or None


# -- the systems: page → {field: value} ----------------------------------------------------------


def audionews_fields(html: str, url: str) -> dict[str, str | None]:
    article = extract(Page(url, "html", html, url))
    return {"headline": article.headline, "byline": article.byline,
            "published": article.published.isoformat() if article.published else None}


def trafilatura_fields(html: str, url: str) -> dict[str, str | None]:
    from trafilatura import extract_metadata

    meta = extract_metadata(html, default_url=url)
    if meta is None:
        return dict.fromkeys(FIELDS)
    return {"headline": meta.title, "byline": meta.author, "published": (meta.date or "")[:10] or None}


# -- running -------------------------------------------------------------------------------------


def run(system: Callable[[str, str], dict], pages: dict[str, str], urls: dict[str, str]) -> dict[str, dict]:
    out = {}
    for page_id, html in pages.items():
        try:
            out[page_id] = system(html, urls[page_id])
        except Exception as exc:  # noqa: BLE001 - a failure scores as no answer
            out[page_id] = dict.fromkeys(FIELDS) | {"error": f"{type(exc).__name__}: {exc}"}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--verbose", "-v", action="store_true", help="print every mismatch")
    args = parser.parse_args()
    if not (args.data / "ground-truth.json").is_file():
        print(f"skipped: benchmark pages not found in {args.data} "
              "(needs ../shared/datasets/article-extraction-benchmark/)", file=sys.stderr)
        return 2
    labels = json.loads(args.labels.read_text(encoding="utf-8"))
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(labels)
    urls = {i: truth[i].get("url") or i for i in ids}
    pages = {i: decode(gzip.decompress((args.data / "html" / f"{i}.html.gz").read_bytes())) for i in ids}

    systems = {"audionews": run(audionews_fields, pages, urls),
               "trafilatura": run(trafilatura_fields, pages, urls)}
    print(f"{len(ids)} labelled pages from {args.data}")
    print(f"{'field':<10} {'audionews %':>12} {'trafilatura %':>14} {'n':>4}")
    for field in FIELDS:
        scores = []
        for results in systems.values():
            hits = sum(normalise(results[i][field]) == normalise(labels[i][field]) for i in ids)
            scores.append(100 * hits / len(ids))
        print(f"{field:<10} {scores[0]:12.1f} {scores[1]:14.1f} {len(ids):4d}")
    if args.verbose:
        for name, results in systems.items():
            print(f"\nmismatches, {name}:")
            for i in ids:
                for field in FIELDS:
                    want, got = normalise(labels[i][field]), normalise(results[i][field])
                    if want != got:
                        print(f"  {i[:8]} {field:<9} want {want!r}\n  {'':8} {'':<9}  got {got!r}")
                if "error" in results[i]:
                    print(f"  {i[:8]} error     {results[i]['error']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
