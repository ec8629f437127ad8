"""Low / best / high: hedges are bounds, growing totals only grow, definitions never mix."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from tally.reconcile import reconcile
from tally.types import Article, Claim, QuantityDef, Topic

Make = Callable[..., Claim]
Art = Callable[..., Article]


def _topic(cumulative: bool = True, outcomes: list[str] | None = None) -> Topic:
    return Topic("t", [QuantityDef("q", "troops", outcomes=outcomes or [], cumulative=cumulative)])


def _arts(article: Art) -> dict[str, Article]:
    return {
        "a1": article("a1", "2025-03-01", "Herald"),
        "a2": article("a2", "2025-03-05", "Star"),
        "old": article("old", "2024-09-01", "Courier"),
    }


@pytest.mark.parametrize(
    ("approx", "low", "high"),
    [("at_least", 6000, None), ("at_most", None, 6000)],
    ids=["more-than", "up-to"],
)
def test_a_hedge_is_a_bound_never_a_best(
    claim: Make, article: Art, approx: str, low: float | None, high: float | None
) -> None:
    (est,) = reconcile(
        [claim("hedged", low, high, approx=approx, source="Western officials")],
        _topic(),
        _arts(article),
    )
    assert est.best is None
    assert (est.low, est.high) == (low, high)
    assert any("only hedged figures" in r for r in est.reasons)


def test_best_is_the_weighted_median_and_low_high_span_the_sources(
    claim: Make, article: Art
) -> None:
    claims = [
        claim("about 300", 300, approx="about", source="Seoul's spy agency", article="a1"),
        claim("about 1,000", 1000, approx="about", source="Western officials", article="a1"),
        claim("1,100", 1100, source="Jane Analyst", article="a2"),
    ]
    (est,) = reconcile(claims, _topic(), _arts(article))
    assert (est.low, est.high) == (300, 1100)
    # weights 1.0 (intelligence), 0.6 (officials), 0.5 (other): half of 2.1 is reached at 1,000
    assert est.best == 1000


def test_an_older_figure_of_a_growing_total_is_a_floor(claim: Make, article: Art) -> None:
    claims = [
        claim("12,000 troops", 12000, source="Jane Analyst", article="old"),
        claim(
            "about 11,000 troops", 11000, approx="about", source="Seoul's spy agency", article="a1"
        ),
        claim(
            "14,000-15,000 troops",
            14000,
            15000,
            approx="range",
            source="Western officials",
            article="a2",
        ),
    ]
    (est,) = reconcile(claims, _topic(cumulative=True), _arts(article))
    assert est.low == 12000
    assert est.best == 14500
    assert any("is a floor" in r for r in est.reasons)
    (flat,) = reconcile(claims, _topic(cumulative=False), _arts(article))
    assert flat.low == 11000


def test_each_source_counts_once_with_its_latest_figure(claim: Make, article: Art) -> None:
    arts = _arts(article) | {"a0": article("a0", "2025-02-20", "Post")}
    claims = [
        claim("900", 900, source="Western officials", article="a0"),
        claim("1,000", 1000, source="Western officials", article="a2"),
    ]
    (est,) = reconcile(claims, _topic(cumulative=False), arts)
    assert (est.low, est.best, est.high) == (1000, 1000, 1000)


def test_figures_of_another_definition_are_left_out(claim: Make, article: Art) -> None:
    claims = [
        claim("2,700 injured", 2700, source="Seoul's spy agency", outcome="wounded", article="a1"),
        claim(
            "3,000 wounded or missing",
            3000,
            source="Western officials",
            outcome="wounded",
            article="a2",
        ),
    ]
    (est,) = reconcile(claims, _topic(outcomes=["wounded"]), _arts(article))
    assert (est.low, est.best, est.high) == (2700, 2700, 2700)
    assert any(r.startswith("Left out 3,000 wounded or missing") for r in est.reasons)


@pytest.mark.parametrize(
    "change",
    [{"part": "comment"}, {"part": "furniture"}, {"modality": "capacity"}, {"approx": "vague"}],
)
def test_comments_furniture_capacity_and_vague_figures_make_no_estimate(
    claim: Make, article: Art, change: dict[str, str]
) -> None:
    claims = [claim("150,000", 150000, **change)]
    assert reconcile(claims, _topic(), _arts(article)) == []


def test_a_topic_may_admit_other_modalities(claim: Make, article: Art) -> None:
    topic = Topic("t", [QuantityDef("q", "could send", modalities=["capacity"])])
    (est,) = reconcile(
        [claim("up to 150,000", None, 150000, approx="at_most", modality="capacity")],
        topic,
        _arts(article),
    )
    assert est.high == 150000


def test_output_is_deterministic_whatever_the_input_order(claim: Make, article: Art) -> None:
    claims = [
        claim(f"{v} troops", v, source=s, article=a, quantity=q)
        for v, s, a, q in [
            (300, "Western officials", "a1", "q"),
            (400, None, "a2", "q"),
            (500, "Jane Analyst", "old", "q"),
            (7, None, "a1", "r"),
            (9, "US officials", "a2", "r"),
        ]
    ]
    first = reconcile(claims, None, _arts(article))
    shuffled = claims[:]
    random.Random(4).shuffle(shuffled)
    again = reconcile(shuffled, None, _arts(article))
    assert [e.quantity for e in first] == ["q", "r"]
    assert repr(first) == repr(again)


def test_related_quantities_get_a_note_not_a_comparison(claim: Make, article: Art) -> None:
    topic = Topic(
        "t",
        [
            QuantityDef("killed", "killed", outcomes=["killed"]),
            QuantityDef("cas", "casualties", outcomes=["killed", "wounded"]),
        ],
    )
    claims = [claim("300 killed", 300, quantity="killed"), claim("6,000", 6000, quantity="cas")]
    killed, cas = reconcile(claims, topic, _arts(article))
    assert any(
        "casualties (killed, wounded) includes what killed counts" in r for r in killed.reasons
    )
    assert killed.conflicts == [] and cas.conflicts == []


def test_without_a_topic_claims_are_grouped_by_what_they_count(claim: Make, article: Art) -> None:
    claims = [
        claim(
            "300 killed", 300, quantity=None, unit="troops", actor="North Korea", outcome="killed"
        ),
        claim(
            "1,000 killed",
            1000,
            quantity=None,
            unit="troops",
            actor="North Korea",
            outcome="killed",
            source="Western officials",
        ),
        claim("12 million shells", 12e6, quantity=None, unit="shells", outcome="supplied"),
    ]
    estimates = reconcile(claims, None, _arts(article))
    assert len(estimates) == 2
    killed = next(e for e in estimates if len(e.reports) == 2)
    assert "killed" in killed.quantity and killed.label == killed.quantity
    assert [c.reason for c in killed.conflicts] == ["disagreement"]
