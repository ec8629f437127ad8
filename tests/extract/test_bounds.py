"""Hostile figures: no catastrophic backtracking, no infinite or absurd values, long sentences cut."""

from __future__ import annotations

import math
import time

import pytest

from tally.extract import extract_claims
from tally.extract.numbers import MAX_FIGURE, parse_number

pytestmark = pytest.mark.model


def test_the_dotless_i_scale_sentence_parses_at_once() -> None:
    # Took 36 s, each extra "thousand" x125, when parse_number backtracked over the words.
    words = " ".join(["thousand"] * 12)
    start = time.process_time()
    assert parse_number(f"5 {words} mıllıon") is None
    claims = extract_claims(f"Officials said 5 {words} mıllıon troops were sent.")
    assert time.process_time() - start < 5  # linear would be milliseconds; the old code, hours
    assert all(c.low is None or math.isfinite(c.low) for c in claims)


@pytest.mark.parametrize("digits", [309, 400, 16])
def test_a_figure_of_hundreds_of_digits_is_refused_not_stored_as_inf(digits: int) -> None:
    big = "9" * digits
    claims = extract_claims(f"Officials said {big} troops were sent.")
    values = [v for c in claims for v in (c.low, c.high) if v is not None]
    assert all(math.isfinite(v) and abs(v) <= MAX_FIGURE for v in values)
    assert parse_number(big) is None


def test_a_range_with_an_infinite_end_does_not_abort() -> None:
    big = "9" * 320
    claims = extract_claims(f"Between 5 and {big} people were moved, and 40 boats sank.")
    assert any(c.low == 40 for c in claims)
    assert all(math.isfinite(v) for c in claims for v in (c.low, c.high) if v is not None)


def test_figures_within_the_bound_are_kept() -> None:
    [claim] = extract_claims("The fund holds $1.2 trillion, the ministry said.")
    assert claim.low == pytest.approx(1.2e12)


def test_a_run_on_sentence_keeps_its_figures_with_offsets_into_the_text() -> None:
    text = "Officials said " + ", ".join(f"{k + 10} boats sank at pier {k}" for k in range(200)) + "."
    claims = extract_claims(text)
    assert len(claims) >= 150
    assert all(text[c.start : c.end] == c.mention for c in claims)
