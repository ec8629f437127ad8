"""The shipped forest reader scores exactly as LightGBM does, with numpy alone."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tally.extract.choose.forest import Forest

lightgbm = pytest.importorskip("lightgbm")


@pytest.fixture(scope="module")
def trained() -> tuple[object, np.ndarray]:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(400, 5))
    x[:, 3] = (x[:, 3] > 0).astype(float)  # a flag, as most chooser features are
    y = ((x[:, 0] + 2 * x[:, 3] - x[:, 1] * x[:, 2]) > 0.5).astype(int)
    params = {"objective": "binary", "num_leaves": 7, "verbose": -1, "deterministic": True, "num_threads": 1}
    booster = lightgbm.train(params, lightgbm.Dataset(x, label=y), num_boost_round=30)
    return booster, rng.normal(size=(200, 5))


def test_forest_predicts_what_lightgbm_predicts(trained: tuple[object, np.ndarray]) -> None:
    booster, x = trained
    forest = Forest.from_lightgbm(booster.dump_model())  # type: ignore[attr-defined]
    assert np.allclose(forest.predict(x), booster.predict(x), atol=1e-9)  # type: ignore[attr-defined]


def test_forest_survives_its_json(trained: tuple[object, np.ndarray]) -> None:
    booster, x = trained
    forest = Forest.from_lightgbm(booster.dump_model())  # type: ignore[attr-defined]
    again = Forest.from_json(json.loads(json.dumps(forest.to_json())))
    assert np.array_equal(again.margin(x), forest.margin(x))


def test_contributions_add_up_to_the_score_above_the_root(trained: tuple[object, np.ndarray]) -> None:
    booster, x = trained
    forest = Forest.from_lightgbm(booster.dump_model())  # type: ignore[attr-defined]
    row = list(x[0])
    roots = sum(float(t.value[0]) for t in forest.trees if len(t.feature))
    total = forest.margin(np.asarray([row]))[0]
    assert sum(forest.contributions(row).values()) == pytest.approx(total - roots)


def test_features_are_read_by_name_and_unknown_ones_dropped() -> None:
    forest = Forest(["a", "b"], [])
    assert forest.vector({"b": 2.0, "zzz": 5.0}) == [0.0, 2.0]


def test_the_contribution_matrix_matches_one_row_at_a_time(trained: tuple[object, np.ndarray]) -> None:
    booster, x = trained
    forest = Forest.from_lightgbm(booster.dump_model())  # type: ignore[attr-defined]
    matrix = forest.contribution_matrix(x[:5])
    for r in range(5):
        one = forest.contributions(list(x[r]))
        assert [matrix[r, k] for k in range(5)] == pytest.approx([one.get(f, 0.0) for f in forest.features])
