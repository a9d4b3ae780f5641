"""The numpy tree evaluator against a plain reading of the same trees, over arbitrary forests and rows."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audionews.extract.blocks import FEATURE_NAMES
from audionews.extract.body import MODEL
from audionews.extract.trees import Forest, load_forest
from conftest import examples


def _random_forest(draw, n_features: int) -> Forest:
    """Trees of random shape, laid out as the exporter lays them: children after their parent."""
    feature, threshold, left, right, value, roots = [], [], [], [], [], []
    depth = 0

    def node(level: int) -> int:
        nonlocal depth
        depth = max(depth, level)
        index = len(feature)
        feature.append(-1)
        threshold.append(0.0)
        left.append(index)
        right.append(index)
        value.append(draw(st.floats(-3, 3)))
        if level < 5 and draw(st.booleans()):
            feature[index] = draw(st.integers(0, n_features - 1))
            threshold[index] = draw(st.floats(-2, 2))
            left[index] = node(level + 1)
            right[index] = node(level + 1)
            value[index] = 0.0
        return index

    for _ in range(draw(st.integers(1, 6))):
        roots.append(node(0))
    return Forest(np.array(feature, np.int32), np.array(threshold), np.array(left, np.int32),
                  np.array(right, np.int32), np.array(value), np.array(roots, np.int32), depth,
                  draw(st.floats(-1, 1)), tuple(f"f{i}" for i in range(n_features)))


def _walk(forest: Forest, row: np.ndarray) -> float:
    margin = forest.bias
    for root in forest.roots:
        node = int(root)
        while forest.feature[node] >= 0:
            node = int(forest.left[node] if row[forest.feature[node]] <= forest.threshold[node] else forest.right[node])
        margin += forest.value[node]
    return 1 / (1 + math.exp(-margin))


@settings(max_examples=examples(60), deadline=None)
@given(st.data())
def test_vectorised_prediction_equals_walking_each_tree(data) -> None:
    n_features = data.draw(st.integers(1, 5))
    forest = _random_forest(data.draw, n_features)
    rows = np.array(data.draw(st.lists(st.lists(st.floats(-3, 3), min_size=n_features, max_size=n_features),
                                       min_size=1, max_size=8)))
    assert np.allclose(forest.predict(rows), [_walk(forest, row) for row in rows])


@settings(max_examples=examples(20), deadline=None)
@given(st.data())
def test_a_saved_forest_reads_back_the_same(tmp_path_factory, data) -> None:
    forest = _random_forest(data.draw, 3)
    path = Path(tmp_path_factory.mktemp("forest")) / "model.npz"
    forest.save(path)
    again = Forest.read(path)
    rows = np.random.default_rng(0).normal(size=(10, 3))
    assert again.names == forest.names and np.array_equal(again.predict(rows), forest.predict(rows))


def test_many_rows_are_scored_in_chunks_with_the_same_result() -> None:
    forest = load_forest(MODEL)
    rows = np.random.default_rng(1).normal(size=(5000, len(forest.names)))
    assert np.array_equal(forest.predict(rows), np.concatenate([forest.predict(rows[i : i + 7]) for i in range(0, 5000, 7)]))


def test_rows_of_the_wrong_width_are_refused() -> None:
    forest = load_forest(MODEL)
    with pytest.raises(ValueError, match="features"):
        forest.predict(np.zeros((2, len(forest.names) + 1)))


def test_the_shipped_model_reads_the_features_the_code_computes() -> None:
    assert load_forest(MODEL).names == FEATURE_NAMES
