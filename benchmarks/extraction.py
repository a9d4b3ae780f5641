"""Article-body extraction benchmark: audionews against trafilatura and readability-lxml, in one run,
on every labelled page we have (``corpus.py``: 181 AEB pages and 696 WCXB pages from other sites).

Tracks:

- **HTML**: the page as fetched. audionews, trafilatura ``extract`` and ``bare_extraction`` (default
  settings), readability-lxml.
- **browser copy**: what select-all and copy gives in Chromium (the sets' ``copy/`` files).
- **inscriptis**: a second text rendering of the page, with other line breaks than the browser's.

audionews is scored **cross-validated by site**: its learned models are trained (``train.py``) on the
pages of four fifths of the sites and score the pages of the other fifth, so no page is scored by a
model that saw its site. ``--shipped`` scores with the models shipped in the package instead (trained
on all of these pages: a training-set figure, printed for comparison only).

Each row gives F1, precision, recall and exact-token accuracy per set and on the union, then median
milliseconds per page; the last line is audionews's median time over trafilatura's.

Run:  python benchmarks/extraction.py [--sets aeb,wcxb] [--limit N] [--tracks html,copy,inscriptis] [--shipped]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Callable

import corpus
from corpus import Sample


# -- the systems: (sample, its input) → body text ---------------------------------------------------


def trafilatura_extract(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def trafilatura_bare(html: str, url: str) -> str:
    import trafilatura

    document = trafilatura.bare_extraction(html, url=url, with_metadata=False)
    return (document.text or "") if document is not None else ""


def readability_html(html: str, url: str) -> str:
    from readability import Document

    from audionews.extract.dom import parse_html, visible_text

    root = parse_html(Document(html, url=url).summary(html_partial=True))
    return visible_text(root) if root is not None else ""


def whole_text(text: str, url: str) -> str:
    return text


def inscriptis_text(html: str) -> str:
    from inscriptis import get_text

    from audionews.extract.dom import parse_html

    root = parse_html(html)
    return get_text(html) if root is not None else ""


# -- running ------------------------------------------------------------------------------------


def run(name: str, system: Callable[[Sample, str], str], inputs: list[tuple[Sample, str]]) -> dict:
    """Score one system; a failure scores as an empty prediction."""
    pairs: dict[str, list[tuple[str, str]]] = {}
    times, failures = [], 0
    for sample, content in inputs:
        start = time.perf_counter()
        try:
            prediction = system(sample, content)
        except Exception:  # noqa: BLE001 - any failure is an empty answer, counted
            prediction, failures = "", failures + 1
        times.append((time.perf_counter() - start) * 1000)
        pairs.setdefault(sample.set, []).append((sample.body, prediction))
    result = {"name": name, "ms": statistics.median(times), "failures": failures}
    for set_name, set_pairs in pairs.items():
        result[set_name] = corpus.score(set_pairs)
    result["union"] = corpus.score([pair for set_pairs in pairs.values() for pair in set_pairs])
    return result


def print_table(title: str, rows: list[dict], sets: list[str]) -> None:
    columns = sets + ["union"] if len(sets) > 1 else sets
    print(f"\n{title}")
    header = f"{'system':<34}" + "".join(f" {c + ' F1':>9} {'P':>6} {'R':>6}" for c in columns)
    print(header + f" {'ms/page':>8} {'fail':>5}")
    for row in rows:
        cells = "".join(f" {row[c]['f1']:9.3f} {row[c]['precision']:6.3f} {row[c]['recall']:6.3f}" for c in columns)
        print(f"{row['name']:<34}{cells} {row['ms']:8.1f} {row['failures']:5d}")


def audionews_systems(samples: list[Sample], shipped: bool):
    """The HTML and text extractors, each page scored by a model that never saw its site (or the shipped one)."""
    from audionews.extract import extract_html, extract_text
    from audionews.model import Page

    if shipped:
        html_models = text_models = None
    else:
        import train

        html_models, text_models = train.cross_validated_models(samples)

    def html_system(sample: Sample, html: str) -> str:
        model = html_models[sample] if html_models else None
        return "\n".join(extract_html(Page(sample.url, "html", html, sample.url), model=model).body)

    def text_system(sample: Sample, text: str) -> str:
        model = text_models[sample] if text_models else None
        return "\n".join(extract_text(Page(sample.url, "text", text, None), model=model).body)

    return html_system, text_system


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="aeb,wcxb")
    parser.add_argument("--tracks", default="html,copy,inscriptis")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of each set")
    parser.add_argument("--shipped", action="store_true", help="score with the shipped models (training-set figures)")
    args = parser.parse_args()
    if not corpus.available():
        print(f"skipped: labelled pages not found in {corpus.SHARED}", file=sys.stderr)
        return 2
    sets = [s for s in args.sets.split(",") if s]
    tracks = args.tracks.split(",")
    samples = [s for s in corpus.load(tuple(sets), args.limit) if s.body.strip()]
    ours_html, ours_text = audionews_systems(samples, args.shipped)
    label = "shipped model" if args.shipped else "cross-validated"
    print(f"{len(samples)} pages: " + ", ".join(f"{s} {sum(x.set == s for x in samples)}" for s in sets))

    if "html" in tracks:
        html = [(s, s.html) for s in samples]
        rows = [
            run(f"audionews ({label})", ours_html, html),
            run("trafilatura extract", lambda s, h: trafilatura_extract(h, s.url), html),
            run("trafilatura bare_extraction", lambda s, h: trafilatura_bare(h, s.url), html),
            run("readability-lxml", lambda s, h: readability_html(h, s.url), html),
        ]
        print_table("HTML", rows, sets)
        print(f"median time, audionews / trafilatura bare_extraction: {rows[0]['ms'] / rows[2]['ms']:.2f}x")
    if "copy" in tracks:
        copies = [(s, s.copy) for s in samples if s.copy.strip()]
        print_table("browser copy (pages that render empty left out)", [
            run(f"audionews ({label})", ours_text, copies),
            run("whole copy", lambda s, t: whole_text(t, s.url), copies),
        ], sets)
    if "inscriptis" in tracks:
        rendered = [(s, inscriptis_text(s.html)) for s in samples]
        print_table("inscriptis rendering", [
            run(f"audionews ({label})", ours_text, rendered),
            run("whole rendering", lambda s, t: whole_text(t, s.url), rendered),
        ], sets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
