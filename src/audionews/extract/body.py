"""The article body of an HTML page, chosen block by block by a learned classifier.

The page is cut into blocks (:mod:`.blocks`); each block's features, among them how much of it
trafilatura's and readability's own readings of the page keep, go through a gradient-boosted forest trained on 877
labelled pages from some 860 sites (``benchmarks/train.py``); the blocks it finds likely enough to
be article are the body, in page order. trafilatura alone keeps boilerplate on some sites and
drops article text on others; the forest learns when to trust it from the block's own cues.
"""

from __future__ import annotations

import copy
import re

import numpy as np
from lxml import etree

from audionews.extract.blocks import PageBlock, features, page_blocks, units
from audionews.extract.clutter import tidy_blocks
from audionews.extract.dom import parse_html
from audionews.extract.fields import guess_language
from audionews.extract.lines import is_credit
from audionews.extract.trees import Forest, load_forest
from audionews.model import Block

__all__ = ["MODEL", "THRESHOLD", "block_rows", "by_unit", "chosen", "learned_body", "readability_support",
           "shingle_share", "trafilatura_support"]

MODEL = "html_blocks"
"""The shipped forest's name in ``extract/models/``."""
THRESHOLD = 0.5
"""A block is article when the forest gives it at least this probability (chosen by cross-validation)."""
_TOKEN = re.compile(r"\w+")


def learned_body(root: etree._Element, url: str | None, model: Forest | None = None) -> list[Block]:
    """The article's blocks, in page order, tidied for the ear."""
    blocks, rows = block_rows(root, url)
    if not blocks:
        return []
    probabilities = (model or load_forest(MODEL)).predict(rows)
    return chosen([Block(b.kind, b.text) for b in blocks], probabilities, units(blocks))


def chosen(blocks: list[Block], probabilities: np.ndarray, unit: list[int],
           threshold: float = THRESHOLD) -> list[Block]:
    """The blocks the forest finds likely enough, lists and tables whole, without the credit line (it
    is said as the byline) and tidied for the ear."""
    probabilities = by_unit(probabilities, unit)
    kept = [b for b, p in zip(blocks, probabilities, strict=True) if p >= threshold and not is_credit(b.text)]
    return tidy_blocks(kept)


def by_unit(probabilities: np.ndarray, unit: list[int]) -> np.ndarray:
    """Each item of a list or row of a table gets the list's mean probability: a standings table or a
    list of steps is read whole, a list of related links dropped whole, never the odd row of either."""
    smoothed = probabilities.copy()
    groups: dict[int, list[int]] = {}
    for i, u in enumerate(unit):
        if u >= 0:
            groups.setdefault(u, []).append(i)
    for members in groups.values():
        smoothed[members] = probabilities[members].mean()
    return smoothed


def block_rows(root: etree._Element, url: str | None) -> tuple[list[PageBlock], np.ndarray]:
    """The page's blocks and their feature rows: what the forest reads, at run time and in training."""
    blocks = page_blocks(root)
    language = guess_language(" ".join(b.text for b in blocks if len(b.text) > 80))
    return blocks, features(blocks, language, trafilatura_support(root, url, blocks),
                            readability_support(root, url, blocks))


def trafilatura_support(root: etree._Element, url: str | None, blocks: list[PageBlock]) -> list[float]:
    """For each block, the share of its 4-word shingles that trafilatura's reading of the page holds."""
    import trafilatura

    try:
        document = trafilatura.bare_extraction(copy.deepcopy(root), url=url, with_metadata=False)
    except Exception:
        document = None
    text = document.get("text") if isinstance(document, dict) else document.text if document is not None else None
    return shingle_share(text or "", [b.text for b in blocks])


def readability_support(root: etree._Element, url: str | None, blocks: list[PageBlock]) -> list[float]:
    """The same for readability-lxml (Mozilla's Readability algorithm), an independent reading."""
    from readability import Document

    try:
        # no url: readability would rewrite every link absolute, a third of its time, for nothing we read
        summary = parse_html(Document(copy.deepcopy(root)).summary(html_partial=True))
    except Exception:
        summary = None
    return shingle_share(summary.text_content() if summary is not None else "", [b.text for b in blocks])


def shingle_share(reading: str, texts: list[str]) -> list[float]:
    """For each text, the share of its 4-word shingles found in ``reading`` (a text of fewer than four
    words: 1 when its words stand in that order in it). Also how training labels blocks from true bodies."""
    tokens = _TOKEN.findall(reading)
    shingles = {tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)}
    joined = " " + " ".join(tokens) + " "
    shares = []
    for text in texts:
        own = _TOKEN.findall(text)
        if len(own) < 4:
            shares.append(float(bool(own) and f" {' '.join(own)} " in joined))
        else:
            grams = [tuple(own[i : i + 4]) for i in range(len(own) - 3)]
            shares.append(sum(g in shingles for g in grams) / len(grams))
    return shares
