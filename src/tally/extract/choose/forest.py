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
    """A binary classifier: the sum of its trees' leaves, through the logistic function.

    The trees are laid end to end in flat arrays, so that scoring walks every tree of every
    row at once, one numpy step per level: a handful of array operations per call whatever
    the number of trees (an isolated sentence costs microseconds, not a loop over trees).
    """

    def __init__(self, features: list[str], trees: list[Tree]) -> None:
        self.features = features
        self.index = {name: k for k, name in enumerate(features)}
        self.trees = trees
        feature, threshold, left, right, value, leaf, roots = [], [], [], [], [], [], []
        nodes = leaves = 0
        for t in trees:
            def shift(child: np.ndarray, nodes: int = nodes, leaves: int = leaves) -> np.ndarray:
                return np.where(child >= 0, child + nodes, ~(~child + leaves))

            roots.append(nodes if len(t.feature) else ~leaves)
            feature.append(t.feature)
            threshold.append(t.threshold)
            left.append(shift(t.left))
            right.append(shift(t.right))
            value.append(t.value)
            leaf.append(t.leaf)
            nodes += len(t.feature)
            leaves += len(t.leaf)
        join = lambda parts, kind: np.concatenate(parts).astype(kind) if parts else np.zeros(0, kind)  # noqa: E731
        self._feature, self._threshold = join(feature, np.int64), join(threshold, np.float64)
        self._left, self._right = join(left, np.int64), join(right, np.int64)
        self._value, self._leaf = join(value, np.float64), join(leaf, np.float64)
        self._roots = np.asarray(roots, dtype=np.int64)
        self._depth = max((t.depth for t in trees), default=0)

    def vector(self, row: dict[str, float]) -> list[float]:
        """A candidate's features (by name) as the model's vector; unknown names are dropped."""
        out = [0.0] * len(self.features)
        for name, value in row.items():
            k = self.index.get(name)
            if k is not None:
                out[k] = value
        return out

    def _walk(self, x: np.ndarray, contributions: np.ndarray | None = None) -> np.ndarray:
        """Each row's leaf in each tree (rows x trees, as ~leaf); with ``contributions``, adds
        each split's change of value to its feature."""
        rows = np.arange(len(x))[:, None]
        node = np.broadcast_to(self._roots, (len(x), len(self._roots))).copy()
        for _ in range(self._depth):
            inner = node >= 0
            if not inner.any():
                break
            k = np.where(inner, node, 0)
            feature = self._feature[k]  # (inner nodes exist: a forest of single leaves stops above)
            child = np.where(x[rows, feature] <= self._threshold[k], self._left[k], self._right[k])
            if contributions is not None:
                after = np.where(child < 0, self._leaf[np.where(child < 0, ~child, 0)], self._value[np.where(child >= 0, child, 0)])
                where = np.nonzero(inner)
                np.add.at(contributions, (where[0], feature[where].astype(np.int64)), (after - self._value[k])[where])
            node = np.where(inner, child, node)
        return node

    def margin(self, x: np.ndarray) -> np.ndarray:
        """The raw score of each row of ``x`` (rows x features)."""
        if not len(x) or not len(self._roots):
            return np.zeros(len(x))
        return self._leaf[~self._walk(x)].sum(axis=1)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The probability that each row is the right candidate."""
        return 1.0 / (1.0 + np.exp(-self.margin(x)))

    def contribution_matrix(self, x: np.ndarray) -> np.ndarray:
        """Per row and feature, how much the feature moved the row's score (rows x features):
        each split on a row's path adds the change of value it made to its feature."""
        out = np.zeros((len(x), len(self.features)))
        if len(x) and len(self._roots):
            self._walk(x, out)
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
