"""How figures read: describe_value and format_number."""

from __future__ import annotations

import pytest

from tally.wording import describe_outcome, describe_value, format_number


@pytest.mark.parametrize(
    ("low", "high", "approx", "expected"),
    [
        (6000, None, "at_least", "at least 6,000"),
        (None, 9_000_000, "at_most", "up to 9 million"),
        (1000, None, "about", "about 1,000"),
        (14000, 15000, "range", "14,000–15,000"),
        (8_000_000, 9_000_000, "range", "8–9 million"),
        (12_000_000, None, "at_least", "at least 12 million"),
        (1_280_000, None, "exact", "1.28 million"),
        (33.33, None, "exact", "33.33"),
        (300, None, "exact", "300"),
        (None, None, "vague", "an unstated number"),
    ],
)
def test_describe_value_reads_like_a_reader_would_say_it(
    low: float | None, high: float | None, approx: str, expected: str
) -> None:
    assert describe_value(low, high, approx) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1000.0, "1,000"), (1_500_000.0, "1.5 million"), (1_234_567.0, "1,234,567")],
)
def test_format_number_keeps_unround_millions_in_digits(value: float, expected: str) -> None:
    assert format_number(value) == expected


def test_describe_outcome_puts_killed_before_wounded_before_missing() -> None:
    assert describe_outcome({"missing", "wounded", "killed"}) == "killed or wounded or missing"
