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


def test_an_up_to_figure_alone_has_no_best_but_a_high(claim: Make, article: Art) -> None:
    (est,) = reconcile(
        [claim("up to 6,000", None, 6000, approx="at_most", source="Western officials")],
        _topic(),
        _arts(article),
    )
    assert (est.low, est.best, est.high) == (None, None, 6000)
    assert any("[rule E5 best]" in r and "only ceilings" in r for r in est.reasons)


def test_a_more_than_figure_alone_is_low_best_and_an_open_high(claim: Make, article: Art) -> None:
    (est,) = reconcile(
        [claim("more than 6,000", 6000, approx="at_least", source="Western officials")],
        _topic(),
        _arts(article),
    )
    assert (est.low, est.best, est.high) == (6000, 6000, 6000)
    assert any("printed as \"at least\"" in r for r in est.reasons)
    assert any("open above" in r and "[rule E6 high]" in r for r in est.reasons)


def test_best_is_the_best_supported_latest_figure_not_a_median(claim: Make, article: Art) -> None:
    claims = [
        claim("about 300", 300, approx="about", source="Jane Analyst", article="a2"),
        claim("about 1,000", 1000, approx="about", source="Western officials", article="a2"),
        claim("1,000", 1000, source="US officials", article="a2"),
        claim("1,100", 1100, source="Ministry of Defence", article="a2"),
    ]
    (est,) = reconcile(claims, _topic(), _arts(article))
    assert (est.low, est.high) == (300, 1100)
    # 1,000: two sources of weight 0.6 each (1.2) against 0.8 for 1,100 and 0.5 for 300
    assert est.best == 1000
    assert any(r.startswith("Best 1,000: the best-supported latest figure") for r in est.reasons)


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
    # a2 (5 March) is the latest; 12,000 (September) and 11,000 (1 March) are floors
    assert (est.low, est.best, est.high) == (14000, 14500, 15000)
    assert {r.low for r in est.floors} == {12000, 11000}
    assert [r.low for r in est.latest] == [14000]
    (flat,) = reconcile(claims, _topic(cumulative=False), _arts(article))
    assert (flat.low, flat.high) == (14000, 15000)
    assert any("[rule E7 not-growing]" in r for r in flat.reasons)


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
    assert any(r.endswith("[rule E1 definition]") for r in est.reasons)


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
    assert (killed.quantity, killed.label) == ("troop_killed", "Troops killed")
    assert killed.reasons[0].startswith("Grouped without a topic by what the claims count: 2 claims")
    assert [c.reason for c in killed.conflicts] == ["disagreement"]
