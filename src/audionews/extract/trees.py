"""A gradient-boosted tree ensemble evaluated with numpy: the learned part of cleaning, with no
training library at run time.

``benchmarks/train.py`` fits the ensemble (LightGBM) on the labelled pages and writes it here as
plain arrays in an ``.npz``: for every node of every tree, the feature it splits on (-1 for a leaf),
its threshold, its two children (indices into the same arrays) and, for a leaf, its value. A sample
goes left when ``x[feature] <= threshold``. The score is the sum of the leaves reached, plus a
bias, through a logistic function. Features carry no missing values: extractors write 0 instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

__all__ = ["Forest", "load_forest"]


_CHUNK = 2048
"""Rows scored at once: bounds memory at a few MB whatever the page."""


@dataclass(frozen=True)
class Forest:
    feature: np.ndarray
    """int32, per node; -1 marks a leaf."""
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    """The index of each tree's root node."""
    depth: int
    bias: float
    names: tuple[str, ...]
    """The feature names, in column order: a model trained on other features is refused."""

    def predict(self, rows: np.ndarray) -> np.ndarray:
        """The probability that each row (one sample's features) is the positive class."""
        rows = np.asarray(rows, dtype=np.float64)
        if rows.ndim != 2 or rows.shape[1] != len(self.names):
            raise ValueError(f"expected rows of {len(self.names)} features, got shape {rows.shape}")
        if len(rows) > _CHUNK:  # a page of 20,000 table rows would hold rows × trees node indices at once
            return np.concatenate([self.predict(rows[i : i + _CHUNK]) for i in range(0, len(rows), _CHUNK)])
        if not len(rows):
            return np.zeros(0)
        node = np.broadcast_to(self.roots, (len(rows), len(self.roots))).copy()
        sample = np.arange(len(rows))[:, None]
        for _ in range(self.depth):  # every tree of every sample steps down one level at once
            feature = self.feature[node]
            leaf = feature < 0
            goes_left = rows[sample, np.where(leaf, 0, feature)] <= self.threshold[node]
            node = np.where(leaf, node, np.where(goes_left, self.left[node], self.right[node]))
        margin = self.value[node].sum(axis=1) + self.bias
        return 1.0 / (1.0 + np.exp(-margin))

    def save(self, path: Path) -> None:
        np.savez_compressed(path, feature=self.feature, threshold=self.threshold, left=self.left, right=self.right,
                            value=self.value, roots=self.roots, depth=np.int32(self.depth),
                            bias=np.float64(self.bias), names=np.array(self.names))

    @classmethod
    def read(cls, path) -> Forest:
        with np.load(path, allow_pickle=False) as data:
            return cls(data["feature"].astype(np.int32), data["threshold"].astype(np.float64),
                       data["left"].astype(np.int32), data["right"].astype(np.int32),
                       data["value"].astype(np.float64), data["roots"].astype(np.int32), int(data["depth"]),
                       float(data["bias"]), tuple(str(n) for n in data["names"]))


@cache
def load_forest(name: str) -> Forest:
    """A model shipped in ``audionews/extract/models/`` (read once per process)."""
    with resources.as_file(resources.files(__package__) / "models" / f"{name}.npz") as path:
        return Forest.read(path)
