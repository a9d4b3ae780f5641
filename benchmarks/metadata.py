"""Metadata extraction benchmark: headline, byline and publication date, audionews against trafilatura.

Two sets of pages, loaded by :mod:`corpus`:

- ``aeb``: the 61 hand-labelled pages of ``benchmarks/data/metadata-labels.json`` (a fixed sample of
  the article-extraction benchmark: the sorted page ids, every third one from the first);
- ``wcxb``: the 696 pages of WCXB's development split, truth ``ground_truth.title``, ``.author``,
  ``.publish_date``.

Each field scores a page when it is exactly right:

- headline: the visible headline, without " | Site name" suffixes;
- byline: author names only, None when the page names no author;
- published: the original publication date, ISO YYYY-MM-DD, None when the page gives none.

"Exactly" means equal after trivial normalisation only: Unicode NFC, whitespace collapsed, curly
quotes and apostrophes made straight. No case-folding, no fuzzy matching. None is matched only by
None. Bylines are compared as the ordered list of names after splitting on ",", " and ", " & ",
because WCXB joins names with commas or "and" where we say "A, B and C"; both systems get the same.

Figures are printed per set, for their union, and for two halves of the sites (``crc32(site) % 2``):
tune on half 0's mismatches (``--verbose --half 0``) and check that half 1 moves the same way.

trafilatura (``extract_metadata``, which dates pages with htmldate, original date first) is the
reference, run on the same pages in the same run (``--no-reference`` skips it while iterating).

Run:  python benchmarks/metadata.py [--verbose [--field F]] [--half 0|1] [--set aeb|wcxb] [--no-reference] [--dump FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import corpus
from audionews.extract import extract
from audionews.model import Page

HERE = Path(__file__).resolve().parent
DEFAULT_LABELS = HERE / "data" / "metadata-labels.json"
FIELDS = ("headline", "byline", "published")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
                         "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"'})


@dataclass(frozen=True)
class Case:
    set: str
    id: str
    site: str
    url: str
    html: str
    truth: dict


def normalise(value: str | None) -> str | None:
    """NFC, straight quotes, whitespace collapsed; empty counts as None."""
    if value is None:
        return None
    value = unicodedata.normalize("NFC", str(value)).translate(_QUOTES)
    value = re.sub(r"\s+", " ", value).strip()
    return value or None


def names(value: str | None) -> tuple[str, ...] | None:
    """A byline as its ordered names: "A, B and C", "A and B, C" and "A & B & C" compare alike."""
    value = normalise(value)
    if value is None:
        return None
    return tuple(n.strip() for n in re.split(r",| and | & ", value) if n.strip()) or None


def comparable(field: str, value: str | None):
    return names(value) if field == "byline" else normalise(value)


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


# -- the pages -----------------------------------------------------------------------------------


def load_cases(labels_path: Path, sets: tuple[str, ...]) -> list[Case]:
    cases = []
    if "aeb" in sets:
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        cases += [Case("aeb", s.id, s.site, s.url, s.html, labels[s.id]) for s in corpus.load_aeb() if s.id in labels]
    if "wcxb" in sets:
        cases += [Case("wcxb", s.id, s.site, s.url, s.html,
                       {"headline": s.title, "byline": s.author, "published": s.published})
                  for s in corpus.load_wcxb()]
    return cases


def half(case: Case) -> int:
    return zlib.crc32(case.site.encode()) % 2


# -- running -------------------------------------------------------------------------------------


def run(system: Callable[[str, str], dict], cases: list[Case]) -> tuple[dict[str, dict], float]:
    """Each page's fields (a failure scores as no answer) and the mean seconds per page."""
    out = {}
    start = time.perf_counter()
    for case in cases:
        try:
            out[case.id] = system(case.html, case.url)
        except Exception as exc:  # noqa: BLE001
            out[case.id] = dict.fromkeys(FIELDS) | {"error": f"{type(exc).__name__}: {exc}"}
    return out, (time.perf_counter() - start) / max(len(cases), 1)


def hit(case: Case, results: dict, field: str) -> bool:
    return comparable(field, results[case.id][field]) == comparable(field, case.truth[field])


def table(cases: list[Case], systems: dict[str, dict]) -> None:
    groups = [(name, [c for c in cases if c.set == name]) for name in ("aeb", "wcxb")]
    groups += [("union", cases), ("half 0", [c for c in cases if half(c) == 0]),
               ("half 1", [c for c in cases if half(c) == 1])]
    head = " ".join(f"{f[:4] + ' ' + s[:4]:>10}" for s in systems for f in FIELDS)
    print(f"{'pages':<8} {'n':>4} {head}")
    for name, group in groups:
        if not group:
            continue
        cells = " ".join(f"{100 * sum(hit(c, systems[s], f) for c in group) / len(group):10.1f}"
                         for s in systems for f in FIELDS)
        print(f"{name:<8} {len(group):4d} {cells}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--set", choices=corpus.SETS, action="append", help="only these sets (default both)")
    parser.add_argument("--half", type=int, choices=(0, 1), help="only the sites of this half")
    parser.add_argument("--verbose", "-v", action="store_true", help="print audionews's mismatches")
    parser.add_argument("--field", choices=FIELDS, action="append", help="with --verbose: only these fields")
    parser.add_argument("--dump", type=Path, help="write audionews's answers here (JSON), to compare runs")
    parser.add_argument("--no-reference", action="store_true", help="skip trafilatura (quicker while tuning)")
    args = parser.parse_args()
    if not corpus.available():
        print(f"skipped: benchmark pages not found in {corpus.SHARED}", file=sys.stderr)
        return 2
    cases = load_cases(args.labels, tuple(args.set or corpus.SETS))
    if args.half is not None:
        cases = [c for c in cases if half(c) == args.half]

    systems, seconds = {}, {}
    systems["audionews"], seconds["audionews"] = run(audionews_fields, cases)
    if not args.no_reference:
        systems["trafilatura"], seconds["trafilatura"] = run(trafilatura_fields, cases)
    print(f"exact match %, {len(cases)} pages; " +
          ", ".join(f"{s} {1000 * t:.0f} ms/page" for s, t in seconds.items()))
    table(cases, systems)
    if args.dump:
        args.dump.write_text(json.dumps({f"{c.set}/{c.id}": systems["audionews"][c.id] for c in cases}, indent=0))
    if args.verbose:
        results = systems["audionews"]
        for case in cases:
            for field in args.field or FIELDS:
                if not hit(case, results, field):
                    print(f"{case.set} {case.id[:8]} {case.site[:30]:<30} {field:<9} "
                          f"want {normalise(case.truth[field])!r}\n{'':>50}  got {normalise(results[case.id][field])!r}")
            if "error" in results[case.id]:
                print(f"{case.set} {case.id[:8]} error {results[case.id]['error']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
