"""The NewsQuant scorer: value parsing, value matching, CQE-style and strict counting."""

from __future__ import annotations

import pytest
from cqe_scoring import Counts, Quantity, parse_gold_value, score_sentence, values_match


@pytest.mark.parametrize(
    ("text", "average", "expected"),
    [
        ("6.0", False, 6.0),
        ("-1.3", False, -1.3),
        ("252.0-287.0", False, (252.0, 287.0)),
        ("3.0 - 4.0", False, (3.0, 4.0)),
        ("36040.0-34935.0", False, (36040.0, 34935.0)),
        ("252.0-287.0", True, 269.5),
        ("1E-5", False, 1e-5),
    ],
)
def test_gold_values_parse_as_numbers_or_ranges(
    text: str, average: bool, expected: float | tuple[float, float]
) -> None:
    assert parse_gold_value(text, average) == expected


@pytest.mark.parametrize(
    ("gold", "predicted", "agree"),
    [
        (6.0, 6.0, True),
        (1_000_000.0, 1_000_001.0, True),  # within the relative tolerance
        (6.0, 6.1, False),
        ((252.0, 287.0), (252.0, 287.0), True),
        ((252.0, 287.0), (287.0, 252.0), False),
        ((252.0, 287.0), 269.5, False),
        (269.5, (252.0, 287.0), False),
        (6.0, float("nan"), False),
    ],
)
def test_values_match_numbers_to_numbers_and_ranges_to_ranges(
    gold: float | tuple[float, float], predicted: float | tuple[float, float], agree: bool
) -> None:
    assert values_match(gold, predicted) is agree


def q(value: float, unit: str = "-", change: str | None = "=") -> Quantity:
    return Quantity(value, unit, change)


def test_cqe_matching_keeps_a_prediction_whose_unit_disagrees() -> None:
    # One prediction of 5 with the wrong unit matches the value of both gold fives.
    counts = Counts()
    score_sentence([q(5, "mile"), q(5, "percentage")], [q(5, "dollar")], counts, "cqe")
    assert (counts.value, counts.unit, counts.gold, counts.predicted) == (2, 0, 2, 1)


def test_strict_matching_pairs_each_prediction_once() -> None:
    counts = Counts()
    outcome = score_sentence([q(5, "mile"), q(5, "percentage")], [q(5, "dollar")], counts, "strict")
    assert (counts.value, counts.unit) == (1, 0)
    assert len(outcome.missed) == 1 and len(outcome.wrong_unit) == 1


@pytest.mark.parametrize("matching", ["cqe", "strict"])
def test_a_unit_match_uses_the_prediction_up(matching: str) -> None:
    counts = Counts()
    gold = [q(5, "mile"), q(5, "mile")]
    score_sentence(gold, [q(5, "mile")], counts, matching)  # type: ignore[arg-type]
    assert counts.unit == 1


@pytest.mark.parametrize("matching", ["cqe", "strict"])
def test_change_counts_only_with_a_matching_value(matching: str) -> None:
    counts = Counts()
    gold = [q(19, "percentage", "~"), q(3, "dollar", "up")]
    predicted = [q(19, "percentage", "~"), q(4, "dollar", "up")]
    score_sentence(gold, predicted, counts, matching)  # type: ignore[arg-type]
    assert (counts.value, counts.change) == (1, 1)


def test_spurious_predictions_lower_precision_not_recall() -> None:
    counts = Counts()
    outcome = score_sentence([q(6)], [q(6), q(2019)], counts, "cqe")
    p, r, f = counts.prf(counts.value)
    assert (p, r) == (50.0, 100.0) and round(f, 1) == 66.7
    assert [s.value for s in outcome.spurious] == [2019]


def test_scores_are_zero_without_predictions() -> None:
    counts = Counts()
    score_sentence([q(6)], [], counts, "cqe")
    assert counts.prf(counts.value) == (0.0, 0.0, 0.0)
