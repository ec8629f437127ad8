"""Tally's claims and units in NewsQuant's representation."""

from __future__ import annotations

import pytest
from adapters import normalise_tally_unit, singular, tally_quantities

from tally.types import Claim


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        (None, "-"),
        ("percent", "percentage"),
        ("USD", "dollar"),
        ("JPY", "japanese yen"),
        ("miles", "mile"),
        ("mph", "mile per hour"),
        ("meters", "metre"),
        ("kilometers", "kilometre"),
        ("feet", "foot"),
        ("inches", "inch"),
        ("league games", "league game"),
        ("casualties", "casualty"),
        ("year-old skull", "year of age"),
        ("people", "people"),
    ],
)
def test_units_map_to_newsquant_names(unit: str | None, expected: str) -> None:
    assert normalise_tally_unit(unit) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("boxes", "box"), ("cities", "city"), ("glass", "glass"), ("bus", "bus"), ("yards", "yard")],
)
def test_singular_follows_spelling_rules(word: str, expected: str) -> None:
    assert singular(word) == expected


def claim(low: float | None, high: float | None = None, approx: str = "exact",
          unit: str | None = None, trend: str | None = None) -> Claim:  # fmt: skip
    return Claim("s", "m", 0, 1, low=low, high=high, approx=approx, unit=unit, trend=trend)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("c", "value", "change"),
    [
        (claim(6.0, unit="USD"), 6.0, "="),
        (claim(19.0, approx="about", trend="up"), 19.0, "~"),  # NewsQuant: "up about 19%" is mostly "~"
        (claim(19.0, trend="up"), 19.0, "up"),
        (claim(19.0, trend="down"), 19.0, "down"),
        (claim(None, 252.0, approx="at_most"), 252.0, "<"),
        (Claim("s", "nearly 70", 0, 9, low=None, high=70.0, approx="at_most"), 70.0, "~"),
        (claim(1000.0, approx="at_least"), 1000.0, ">"),
        (claim(14000.0, 15000.0, approx="range"), (14000.0, 15000.0), "="),
    ],
)
def test_claims_become_value_and_change(
    c: Claim, value: float | tuple[float, float], change: str
) -> None:
    [got] = tally_quantities([c])
    assert (got.value, got.change) == (value, change)


def test_a_claim_without_a_number_is_left_out() -> None:
    assert tally_quantities([claim(None, approx="vague", unit="people")]) == []


def test_an_order_of_magnitude_becomes_a_range() -> None:
    [got] = tally_quantities([claim(12.0, 120.0, approx="vague", unit="people")])
    assert (got.value, got.change, got.unit) == ((12.0, 120.0), "=", "people")
