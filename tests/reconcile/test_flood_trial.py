"""The flood trial's failures, on claims built here: each conflict rule and estimate rule pinned.

A made-up flood: officials, a charity and papers disagreeing over four days in March.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from tally.reconcile import reconcile
from tally.types import Article, Claim, Conflict, Estimate, QuantityDef, SourceDef, Topic

Make = Callable[..., Claim]
Art = Callable[..., Article]


@pytest.fixture
def arts(article: Art) -> dict[str, Article]:
    return {
        "d13": article("d13", "2026-03-13", "Valley Gazette"),
        "d14": article("d14", "2026-03-14", "Evening Courier"),
        "d15": article("d15", "2026-03-15", "Valley Gazette"),
        "d16": article("d16", "2026-03-16", "Morning Star"),
        "d16b": article("d16b", "2026-03-16", "Evening Courier"),
    }


def _at(c: Claim) -> Claim:
    """The claim with its offsets where its mention stands in its sentence."""
    at = c.sentence.index(c.mention)
    return replace(c, start=at, end=at + len(c.mention))


def _one(claims: list[Claim], arts: dict[str, Article], cumulative: bool = True) -> Estimate:
    topic = Topic(
        "flood",
        [QuantityDef("q", "people killed", cumulative=cumulative)],
        sources=[SourceDef("Interior Ministry", ["ministry of the interior"], "government")],
    )
    (est,) = reconcile(claims, topic, arts)
    return est


def _conflict(est: Estimate, x: float, y: float) -> Conflict:
    for c in est.conflicts:
        if {c.a.low or c.a.high, c.b.low or c.b.high} == {x, y}:
            return c
    raise AssertionError([c.explanation for c in est.conflicts])


def test_up_from_n_a_day_earlier_is_a_revision_with_its_earlier_value(
    claim: Make, arts: dict[str, Article]
) -> None:
    sentence = "The toll rose to 41 killed, up from 27 a day earlier, police said."
    claims = [
        _at(claim("41", 41, source="police", article="d15", sentence=sentence)),
        _at(claim("27", 27, source="police", article="d15", sentence=sentence)),
    ]  # fmt: skip
    est = _one(claims, arts)
    c = _conflict(est, 27, 41)
    assert (c.reason, c.rule) == ("revision", "C1 prior-value")
    assert "41" in c.explanation and "up from 27 before" in c.explanation
    assert "part and a whole" not in c.explanation
    assert (est.low, est.best, est.high) == (41, 41, 41)
    assert [r.low for r in est.floors] == [27]


def test_two_figures_side_by_side_neither_earlier_count_different_things(
    claim: Make, arts: dict[str, Article]
) -> None:
    sentence = "Police said 12 died in Arles and 30 in the hills."
    claims = [
        _at(claim("12", 12, source="police", article="d15", sentence=sentence)),
        _at(claim("30", 30, source="police", article="d15", sentence=sentence)),
    ]  # fmt: skip
    c = _conflict(_one(claims, arts), 12, 30)
    assert (c.reason, c.rule) == ("different_definition", "C2 side-by-side")


def test_missing_people_growing_over_a_day_is_growth_not_an_error(
    claim: Make, arts: dict[str, Article]
) -> None:
    claims = [
        claim("2 people missing", 2, article="d13"),
        claim("about 40 missing", 40, approx="about", source="Red Cross", article="d14"),
    ]
    c = _conflict(_one(claims, arts), 2, 40)
    assert (c.reason, c.rule) == ("growing_total", "C4 growth")
    flat = _one(claims, arts, cumulative=False)
    assert flat.conflicts == [] and flat.best == 40


def test_a_ratio_is_an_error_suspect_only_when_nothing_else_explains_it(
    claim: Make, arts: dict[str, Article]
) -> None:
    claims = [
        claim("2 missing", 2, source="police", article="d16"),
        claim("40 missing", 40, source="Red Cross", article="d16b"),
    ]
    c = _conflict(_one(claims, arts), 2, 40)
    assert (c.reason, c.rule) == ("suspected_error", "C7 ratio")


def test_shelter_figures_three_days_apart_do_not_overlap(
    claim: Make, arts: dict[str, Article]
) -> None:
    claims = [
        claim("9,000 in shelters", 9000, source="Civil Protection", article="d13"),
        claim("6,500 in shelters", 6500, source="Civil Protection", article="d16"),
    ]
    est = _one(claims, arts, cumulative=False)
    assert not any("overlap" in c.explanation for c in est.conflicts)
    # a quantity that goes down takes its latest figures (rule E7)
    assert (est.low, est.best, est.high) == (6500, 6500, 6500)
    assert any("[rule E7 not-growing]" in r for r in est.reasons)


def test_police_and_police_are_one_source(claim: Make, arts: dict[str, Article]) -> None:
    claims = [
        claim("30 killed", 30, source="Police", article="d13"),
        claim("30 killed", 30, source="police", article="d14"),
        claim("30 killed", 30, source="the police", article="d15"),
    ]
    est = _one(claims, arts)
    assert est.sources == ["Police"]
    (report,) = est.reports
    assert report.spellings == ["Police", "police", "the police"]


def test_a_floor_is_never_the_low_below_the_later_figure(
    claim: Make, arts: dict[str, Article]
) -> None:
    claims = [
        claim("48 killed", 48, source="Interior Ministry", article="d14"),
        claim("53 killed", 53, source="the Ministry of the Interior", article="d16"),
        claim("70-80 killed", 70, 80, approx="range", source="Flood Relief Trust", article="d16b"),
    ]
    est = _one(claims, arts)
    assert est.sources == ["Flood Relief Trust", "Interior Ministry"]  # however it is spelt
    assert _conflict(est, 48, 53).reason == "growing_total"
    assert est.low == 53
    assert est.best == 53  # the ministry (0.8) outweighs the charity (0.5 as "other")
    assert est.high == 80
    assert [r.low for r in est.floors] == [48]


def test_high_stays_defined_when_a_floor_is_open_above(claim: Make, arts: dict[str, Article]) -> None:
    claims = [
        claim("53 killed", 53, source="Interior Ministry", article="d15"),
        claim("at least 60 killed", 60, approx="at_least", source="Red Cross", article="d16"),
    ]
    est = _one(claims, arts)
    assert (est.low, est.best, est.high) == (60, 60, 60)
    assert any("open above" in r for r in est.reasons)


def test_missing_people_take_the_latest_figure_not_a_median_over_days(
    claim: Make, arts: dict[str, Article]
) -> None:
    claims = [
        claim("25 missing", 25, source="Civil Protection", article="d13"),
        claim("19 missing", 19, source="Red Cross", article="d14"),
        claim("12 missing", 12, source="Civil Protection", article="d16"),
    ]
    est = _one(claims, arts, cumulative=False)
    assert (est.low, est.best, est.high) == (12, 12, 12)


def test_hedges_compatible_names_its_rule(claim: Make, arts: dict[str, Article]) -> None:
    claims = [
        claim("more than 50", 50, approx="at_least", source="police", article="d16"),
        claim("up to 60", None, 60, approx="at_most", source="Red Cross", article="d16b"),
    ]
    c = _conflict(_one(claims, arts), 50, 60)
    assert (c.reason, c.rule) == ("hedges_compatible", "C6 hedges")


def test_definitions_name_their_rule(claim: Make, arts: dict[str, Article]) -> None:
    claims = [
        claim("50 killed", 50, source="police", outcome="killed", article="d16"),
        claim("60 killed or missing", 60, source="Red Cross", outcome="killed", article="d16b"),
    ]
    est = _one(claims, arts)
    c = _conflict(est, 50, 60)
    assert (c.reason, c.rule) == ("different_definition", "C3 definition")


def test_an_outlets_own_drop_in_a_growing_total_is_suspect(
    claim: Make, arts: dict[str, Article]
) -> None:
    claims = [
        claim("50 killed", 50, source="police", article="d14"),
        claim("45 killed", 45, article="d16"),
    ]
    c = _conflict(_one(claims, arts), 45, 50)
    assert (c.reason, c.rule) == ("suspected_error", "C8 drop")


def test_another_sources_later_lower_figure_is_a_disagreement(
    claim: Make, arts: dict[str, Article]
) -> None:
    claims = [
        claim("50 killed", 50, source="police", article="d14"),
        claim("45 killed", 45, source="Red Cross", article="d16"),
    ]
    est = _one(claims, arts)
    c = _conflict(est, 45, 50)
    assert (c.reason, c.rule) == ("disagreement", "C9 disagreement")
    assert "later figure is lower" in c.explanation
    assert est.open_conflicts == [c]
    # the earlier 50 is above every latest figure: no floor, the conflict says why
    assert est.low == 45 and any("is not used as a floor" in r for r in est.reasons)
