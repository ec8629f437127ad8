"""A trained forest of decision trees, evaluated with numpy.

Tally trains its choosers with LightGBM (``tally.learn``) and ships each model as the arrays
of its trees in one JSON file. Evaluating those arrays needs only numpy, so extraction never
imports LightGBM (and the scipy it pulls in): loading is a JSON read, scoring a few array
lookups per tree level for all candidates at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass
class Tree:
    """One tree as arrays: node k splits on ``feature[k] <= threshold[k]``; a child index
    below zero is the leaf ``~child``."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray  # the internal nodes' values (for explanations)
    leaf: np.ndarray
    depth: int


class Forest:
    """A binary classifier: the sum of its trees' leaves, through the logistic function."""

    def __init__(self, features: list[str], trees: list[Tree]) -> None:
        self.features = features
        self.index = {name: k for k, name in enumerate(features)}
        self.trees = trees

    def vector(self, row: dict[str, float]) -> list[float]:
        """A candidate's features (by name) as the model's vector; unknown names are dropped."""
        out = [0.0] * len(self.features)
        for name, value in row.items():
            k = self.index.get(name)
            if k is not None:
                out[k] = value
        return out

    def margin(self, x: np.ndarray) -> np.ndarray:
        """The raw score of each row of ``x`` (rows x features)."""
        total = np.zeros(len(x))
        if not len(x):
            return total
        rows = np.arange(len(x))
        for tree in self.trees:
            if not len(tree.feature):
                total += tree.leaf[0]
                continue
            node = np.zeros(len(x), dtype=np.int64)
            done = np.zeros(len(x), dtype=bool)
            for _ in range(tree.depth):
                inner = node >= 0
                if not inner.any():
                    break
                k = np.where(inner, node, 0)
                go_left = x[rows, tree.feature[k]] <= tree.threshold[k]
                node = np.where(inner, np.where(go_left, tree.left[k], tree.right[k]), node)
            done = node < 0
            total += np.where(done, tree.leaf[np.where(done, ~node, 0)], 0.0)
        return total

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The probability that each row is the right candidate."""
        return 1.0 / (1.0 + np.exp(-self.margin(x)))

    def contribution_matrix(self, x: np.ndarray) -> np.ndarray:
        """Per row and feature, how much the feature moved the row's score (rows x features):
        each split on a row's path adds the change of value it made to its feature."""
        out = np.zeros((len(x), len(self.features)))
        rows = np.arange(len(x))
        for tree in self.trees:
            if not len(tree.feature) or not len(x):
                continue
            node = np.zeros(len(x), dtype=np.int64)
            for _ in range(tree.depth):
                inner = node >= 0
                if not inner.any():
                    break
                k = np.where(inner, node, 0)
                feature = tree.feature[k]
                child = np.where(x[rows, feature] <= tree.threshold[k], tree.left[k], tree.right[k])
                after = np.where(child < 0, tree.leaf[np.where(child < 0, ~child, 0)], tree.value[np.where(child >= 0, child, 0)])
                np.add.at(out, (rows[inner], feature[inner]), (after - tree.value[k])[inner])
                node = np.where(inner, child, node)
        return out

    def contributions(self, x: list[float]) -> dict[str, float]:
        """How much each feature moved one row's score (the path's value changes, per feature)."""
        out: dict[str, float] = {}
        for tree in self.trees:
            node = 0
            while node >= 0 and len(tree.feature):
                feature = int(tree.feature[node])
                child = tree.left[node] if x[feature] <= tree.threshold[node] else tree.right[node]
                after = tree.leaf[~child] if child < 0 else tree.value[child]
                name = self.features[feature]
                out[name] = out.get(name, 0.0) + float(after - tree.value[node])
                node = int(child)
        return out

    def to_json(self) -> dict[str, Any]:
        """The model as plain JSON."""
        return {
            "features": self.features,
            "trees": [
                {key: getattr(t, key).tolist() for key in ("feature", "threshold", "left", "right", "value", "leaf")}
                | {"depth": t.depth}
                for t in self.trees
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Forest:
        """A model written by :meth:`to_json`."""
        trees = [
            Tree(
                feature=np.asarray(t["feature"], dtype=np.int64),
                threshold=np.asarray(t["threshold"], dtype=np.float64),
                left=np.asarray(t["left"], dtype=np.int64),
                right=np.asarray(t["right"], dtype=np.int64),
                value=np.asarray(t["value"], dtype=np.float64),
                leaf=np.asarray(t["leaf"], dtype=np.float64),
                depth=int(t["depth"]),
            )
            for t in data["trees"]
        ]
        return cls(list(data["features"]), trees)

    @classmethod
    def from_lightgbm(cls, dump: dict[str, Any]) -> Forest:
        """A LightGBM ``Booster.dump_model()`` of numeric '<=' splits, as a forest."""
        trees = []
        for info in dump["tree_info"]:
            feature: list[int] = []
            threshold: list[float] = []
            left: list[int] = []
            right: list[int] = []
            value: list[float] = []
            leaves: list[float] = []

            def walk(node: dict[str, Any], depth: int) -> tuple[int, int]:
                if "leaf_index" in node or "split_index" not in node:
                    leaves.append(float(node.get("leaf_value", 0.0)))
                    return ~(len(leaves) - 1), depth
                if node.get("decision_type", "<=") != "<=":
                    raise ValueError("only numeric '<=' splits can be read")
                k = len(feature)
                feature.append(int(node["split_feature"]))
                threshold.append(_threshold(node["threshold"]))
                value.append(float(node.get("internal_value", 0.0)))
                left.append(0)
                right.append(0)
                left[k], d1 = walk(node["left_child"], depth + 1)
                right[k], d2 = walk(node["right_child"], depth + 1)
                return k, max(d1, d2)

            _, depth = walk(info["tree_structure"], 0)
            trees.append(Tree(np.asarray(feature, dtype=np.int64), np.asarray(threshold),
                              np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64),
                              np.asarray(value), np.asarray(leaves), depth))  # fmt: skip
        return cls(list(dump["feature_names"]), trees)


def _threshold(value: float | str) -> float:
    number = float(value)
    return math.inf if math.isinf(number) else number
