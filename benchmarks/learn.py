"""Fitting the cleaning models: LightGBM trees, cross-validated by site, exported as numpy arrays.

Shared by ``train.py`` (which writes the shipped models) and the benchmarks (which score pages with
models that never saw their site). Needs the ``train`` extra (LightGBM); audionews itself reads the
exported ``.npz`` with numpy alone (``audionews.extract.trees``).
"""

from __future__ import annotations

import numpy as np

from audionews.extract.trees import Forest

SEED = 20261130
PARAMS = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 31,
    "max_depth": 8,
    "min_data_in_leaf": 40,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "verbose": -1,
    "num_threads": 2,
    "seed": SEED,
    "deterministic": True,
    "force_row_wise": True,
}
ROUNDS = 300


def fit(rows: np.ndarray, labels: np.ndarray, names: tuple[str, ...], weights: np.ndarray | None = None,
        rounds: int = ROUNDS) -> Forest:
    """Fit a forest on (rows, labels) and export it."""
    import lightgbm

    data = lightgbm.Dataset(rows, label=labels, weight=weights, feature_name=list(names), free_raw_data=False)
    booster = lightgbm.train(PARAMS, data, num_boost_round=rounds)
    return to_forest(booster, names)


def to_forest(booster, names: tuple[str, ...]) -> Forest:
    """LightGBM's model dump → flat arrays (a leaf has feature -1)."""
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    roots: list[int] = []
    depth = 0

    def add(node: dict, level: int) -> int:
        nonlocal depth
        depth = max(depth, level)
        index = len(feature)
        feature.append(-1)
        threshold.append(0.0)
        left.append(index)
        right.append(index)
        value.append(0.0)
        if "leaf_value" in node:
            value[index] = float(node["leaf_value"])
            return index
        if node.get("decision_type", "<=") != "<=":
            raise ValueError(f"unsupported split {node.get('decision_type')}")
        feature[index] = int(node["split_feature"])
        threshold[index] = float(node["threshold"])
        left[index] = add(node["left_child"], level + 1)
        right[index] = add(node["right_child"], level + 1)
        return index

    for tree in booster.dump_model()["tree_info"]:
        roots.append(add(tree["tree_structure"], 0))
    return Forest(np.array(feature, np.int32), np.array(threshold), np.array(left, np.int32),
                  np.array(right, np.int32), np.array(value), np.array(roots, np.int32), depth, 0.0, names)
