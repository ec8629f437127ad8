"""Training the choosers: candidates labelled by the gold, one gradient-boosted forest per field.

A figure that meets a gold row gives one group of candidates; each candidate is labelled by
whether it names the gold's source (or date), "none" meeting a gold null. Groups with no right
candidate teach nothing and are left out. LightGBM fits a binary forest on one thread with a
fixed seed, so that the same data gives the same model; the forest ships as plain arrays
(:class:`tally.extract.choose.forest.Forest`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tally.extract.choose import ArticleView, Models, candidates_for, judged, keep
from tally.extract.choose.forest import Forest
from tally.learn.gold import GoldRow, align, same_date, source_grade

# Each field's grade of a candidate against the gold: 0 wrong, 1 near (a ranking objective
# prefers it to a wrong one), 2 right.
GRADERS: dict[str, Callable[[str | None, str | None], int]] = {
    "source": source_grade,
    "as_of": lambda gold, found: 2 * same_date(gold, found),
}


@dataclass
class TrainOptions:
    """How the forests are grown (LightGBM's names in brackets)."""

    rounds: int = 150  # [num_boost_round]
    leaves: int = 15  # [num_leaves]
    learning_rate: float = 0.05
    min_leaf: int = 10  # [min_data_in_leaf]
    seed: int = 0
    l2: float = 0.0  # [lambda_l2]
    feature_fraction: float = 1.0
    # LightGBM's objective per field: "lambdarank" ranks the candidates within each figure,
    # "binary" scores each alone (measured leave-one-topic-out, each field's better one).
    objectives: dict[str, str] = field(default_factory=lambda: {"source": "lambdarank", "as_of": "binary"})
    # The fields a model chooses. as_of stays with the rules: its forest gains about a point on
    # unseen topics but misses two of the ten dated seed figures (the seeds gate's floor).
    fields: tuple[str, ...] = ("source", "keep")
    note: dict[str, Any] = field(default_factory=dict)  # what the model was trained on


@dataclass
class Examples:
    """One field's training rows: features by name, labels, and the size of each group."""

    rows: list[dict[str, float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)


def examples(views: list[ArticleView], gold: Mapping[str, list[GoldRow]], name: str) -> Examples:
    """The labelled candidate rows of one field over the views whose documents have gold."""
    out = Examples()
    grade = GRADERS[name]
    for view in views:
        rows = gold.get(view.article.name or "")
        if not rows:
            continue
        met = align(view.claims, rows)
        for k, cands in enumerate(candidates_for(view, name)):
            if k not in met:
                continue
            want = met[k].get(name)
            labels = [grade(want, c.text) for c in cands]
            if 2 not in labels:
                continue
            out.rows.extend(c.features for c in cands)
            out.labels.extend(labels)
            out.groups.append(len(cands))
    return out


def keep_examples(views: list[ArticleView], gold: Mapping[str, list[GoldRow]]) -> Examples:
    """Every judged figure of the labelled views, labelled by whether it meets a gold row."""
    out = Examples()
    for view in views:
        rows = gold.get(view.article.name or "")
        if rows is None:
            continue
        met = align(view.claims, rows)
        for k, claim in enumerate(view.claims):
            if judged(claim):
                out.rows.append(keep.features(view, k))
                out.labels.append(2 * (k in met))
                out.groups.append(1)
    return out


def fit(views: list[ArticleView], gold: Mapping[str, list[GoldRow]], options: TrainOptions | None = None) -> Models:
    """Forests for the options' fields, trained on the views' figures that meet the gold."""
    options = options or TrainOptions()
    forests = {}
    counts = {}
    for name in options.fields:
        data = keep_examples(views, gold) if name == "keep" else examples(views, gold, name)
        forests[name] = _forest(data, options, options.objectives.get(name, "binary"))
        counts[name] = {"figures": len(data.groups), "candidates": len(data.rows)}
    return Models(forests, {**options.note, "examples": counts})


def _forest(data: Examples, options: TrainOptions, objective: str) -> Forest:
    import lightgbm  # training only: extraction reads the forest with numpy alone

    names = sorted({f for row in data.rows for f in row})
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(data.rows), len(names)))
    for r, row in enumerate(data.rows):
        for f, v in row.items():
            x[r, index[f]] = v
    params = {
        "objective": objective, "num_leaves": options.leaves, "learning_rate": options.learning_rate,
        "min_data_in_leaf": options.min_leaf, "seed": options.seed, "deterministic": True,
        "num_threads": 1, "force_col_wise": True, "verbose": -1, "lambda_l2": options.l2,
        "feature_fraction": options.feature_fraction, "feature_fraction_seed": options.seed,
    }  # fmt: skip
    # LightGBM refuses some characters in feature names; it sees positions, the forest names.
    labels = np.asarray(data.labels) if objective == "lambdarank" else (np.asarray(data.labels) == 2).astype(int)
    dataset = lightgbm.Dataset(x, label=labels, feature_name=[f"f{i}" for i in range(len(names))],
                               group=data.groups if objective == "lambdarank" else None)
    booster = lightgbm.train(params, dataset, num_boost_round=options.rounds)
    dump = booster.dump_model()
    dump["feature_names"] = names
    return Forest.from_lightgbm(dump)
