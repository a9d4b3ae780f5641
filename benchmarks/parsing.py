"""Parsing benchmark: why audionews parses pages with lxml and not BeautifulSoup.

Every page of ``article-extraction-benchmark`` (``../shared/datasets/``) is parsed by:

- lxml: ``audionews.extract.dom.parse_html``, the one parse every extractor shares;
- BeautifulSoup with its own ``html.parser``;
- BeautifulSoup with the lxml backend.

Each page goes through every contender in turn, three times, and the fastest time of each is
kept, so load from other processes falls on all alike; freeing the tree is not timed. A second
figure adds one walk over the whole tree for its text (``itertext`` and ``get_text``), as every
extractor walks the tree at least once.
Prints the median and mean milliseconds per page and each one's ratio to lxml.

Needs beautifulsoup4 (the ``bench`` extra).  Run:  python benchmarks/parsing.py [--set aeb|wcxb|both]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable

from bs4 import BeautifulSoup

import corpus
from audionews.extract.dom import parse_html

REPEATS = 3


def lxml_parse(html: str) -> object:
    return parse_html(html)


def soup_parse(html: str) -> object:
    return BeautifulSoup(html, "html.parser")


def soup_lxml_parse(html: str) -> object:
    return BeautifulSoup(html, "lxml")


def lxml_text(html: str) -> object:
    root = parse_html(html)
    return "".join(root.itertext()) if root is not None else ""


def soup_text(html: str) -> object:
    return BeautifulSoup(html, "html.parser").get_text()


def soup_lxml_text(html: str) -> object:
    return BeautifulSoup(html, "lxml").get_text()


def fastest(work: Callable[[str], object], html: str) -> float:
    """The fastest of :data:`REPEATS` runs, in milliseconds."""
    best = float("inf")
    for _ in range(REPEATS):
        gc.collect()
        started = time.perf_counter()
        result = work(html)
        best = min(best, time.perf_counter() - started)
        del result
    return best * 1000


Contenders = dict[tuple[str, str], Callable[[str], object]]


def measure(pages: list[str], contenders: Contenders) -> dict[tuple[str, str], list[float]]:
    times: dict[tuple[str, str], list[float]] = {name: [] for name in contenders}
    for html in pages:
        for name, work in contenders.items():  # interleaved, page by page
            times[name].append(fastest(work, html))
    return times


def report(title: str, times: dict[str, list[float]]) -> None:
    """Milliseconds and ratios to the first contender, lxml."""
    reference = next(iter(times.values()))
    print(f"\n{title}")
    print(f"{'':32} {'median ms':>10} {'mean ms':>9} {'median ratio':>13} {'mean ratio':>11}")
    for name, ms in times.items():
        print(f"{name:32} {statistics.median(ms):10.2f} {statistics.fmean(ms):9.2f} "
              f"{statistics.median(ms) / statistics.median(reference):12.1f}x "
              f"{statistics.fmean(ms) / statistics.fmean(reference):10.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=("aeb", "wcxb", "both"), default="aeb")
    args = parser.parse_args()
    samples = []
    if args.set in ("aeb", "both"):
        samples += corpus.load_aeb()
    if args.set in ("wcxb", "both"):
        samples += corpus.load_wcxb()
    pages = [sample.html for sample in samples if sample.html.strip()]
    size = statistics.median(len(page) for page in pages) / 1000
    print(f"{len(pages)} pages ({args.set}), median {size:.0f} k characters; fastest of {REPEATS} runs per page")
    times = measure(pages, {("parse", "lxml (audionews)"): lxml_parse,
                            ("parse", "BeautifulSoup html.parser"): soup_parse,
                            ("parse", "BeautifulSoup lxml backend"): soup_lxml_parse,
                            ("text", "lxml (audionews)"): lxml_text,
                            ("text", "BeautifulSoup html.parser"): soup_text,
                            ("text", "BeautifulSoup lxml backend"): soup_lxml_text})
    for task, title in (("parse", "parse"), ("text", "parse and walk the tree for its text")):
        report(title, {name: ms for (kind, name), ms in times.items() if kind == task})


if __name__ == "__main__":
    main()
