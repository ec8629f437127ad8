"""Property tests: extract_claims raises on no text and its claims point into the text."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tally.extract import extract_claims
from tally.extract.numbers import MAX_FIGURE, parse_number
from tests.news_text import news_text

pytestmark = pytest.mark.model


@given(st.one_of(news_text, st.text(max_size=300)))
def test_extract_claims_never_raises_and_claims_point_into_the_text(text: str) -> None:
    for claim in extract_claims(text, published="2025-03-14"):
        assert 0 <= claim.start <= claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.mention
        for value in (claim.low, claim.high):
            assert value is None or (math.isfinite(value) and abs(value) <= MAX_FIGURE)


@given(st.one_of(news_text, st.text(max_size=80)))
def test_parse_number_gives_a_bounded_number_or_none(text: str) -> None:
    value = parse_number(text)
    assert value is None or (math.isfinite(value) and abs(value) <= MAX_FIGURE)
