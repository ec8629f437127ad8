"""The issue's conflicts on the real seeds plus examples/, through the real pipeline.

ingest -> extract -> classify (examples/dprk-russia.toml) -> reconcile, all in memory.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tally.reconcile import reconcile
from tally.types import Article, Conflict, Estimate

pytestmark = [pytest.mark.model, pytest.mark.slow]

TRACKED = [
    "dprk_troops_deployed",
    "dprk_killed",
    "dprk_wounded",
    "dprk_casualties",
    "artillery_shells_supplied",
]
NIS = "South Korea's intelligence agency (NIS)"


@pytest.fixture(scope="module")
def estimates(seeds_dir: Path, examples_dir: Path) -> dict[str, Estimate]:
    from tally.classify import classify, load_topic
    from tally.extract import extract_article
    from tally.ingest import iter_articles

    topic = load_topic(examples_dir / "dprk-russia.toml")
    articles = [
        a for a in iter_articles([seeds_dir, examples_dir / "corpus"]) if isinstance(a, Article)
    ]
    claims = [c for a in articles for c in extract_article(a)]
    classify(claims, topic)
    return {e.quantity: e for e in reconcile(claims, topic, articles)}


def _value(report_low: float | None, report_high: float | None) -> float | None:
    return report_low if report_low is not None else report_high


def _between(est: Estimate, x: float, y: float, sources: set[str] | None = None) -> Conflict:
    """The conflict whose two figures are x and y (single values, or a range's low)."""
    for c in est.conflicts:
        if {_value(c.a.low, c.a.high), _value(c.b.low, c.b.high)} == {x, y} and (
            sources is None or {c.a.source, c.b.source} == sources
        ):
            return c
    raise AssertionError(
        f"no conflict {x:g} vs {y:g} in {est.quantity}: {[c.explanation for c in est.conflicts]}"
    )


@pytest.mark.parametrize("quantity", TRACKED)
def test_each_tracked_quantity_has_an_estimate_with_reasons(
    estimates: dict[str, Estimate], quantity: str
) -> None:
    est = estimates[quantity]
    assert est.low is not None or est.high is not None
    assert est.reasons
    # each independent source once: one report per source and figure
    keys = [(r.source, r.low, r.high, r.approx, r.period) for r in est.reports]
    assert len(keys) == len(set(keys))


def test_spellings_of_seouls_spy_agency_are_one_source(estimates: dict[str, Estimate]) -> None:
    for quantity in ("dprk_killed", "dprk_wounded"):
        sources = estimates[quantity].sources
        assert NIS in sources
        assert not [s for s in sources if "korea" in s.lower() and s != NIS]
        (report,) = [r for r in estimates[quantity].reports if r.source == NIS]
        assert len(report.outlets) >= 2  # the seed and the example article both carry it


def test_300_killed_against_1000_killed_is_a_disagreement(estimates: dict[str, Estimate]) -> None:
    c = _between(estimates["dprk_killed"], 300, 1000, {NIS, "Western officials"})
    assert c.reason == "disagreement"
    assert "about 300 killed" in c.explanation and "about 1,000 killed" in c.explanation
    assert NIS in c.explanation and "Western officials" in c.explanation


def test_2700_injured_against_3000_wounded_or_missing_is_another_definition(
    estimates: dict[str, Estimate],
) -> None:
    c = _between(estimates["dprk_wounded"], 2700, 3000, {NIS, "Western officials"})
    assert c.reason == "different_definition"
    assert "3,000 wounded or missing (Western officials" in c.explanation
    assert f"2,700 wounded ({NIS}" in c.explanation


@pytest.mark.parametrize(
    ("x", "y", "reasons"),
    [
        (8e6, 9e6, {"hedges_compatible"}),
        (9e6, 12e6, {"growing_total", "disagreement"}),
        (8e6, 12e6, {"growing_total", "hedges_compatible"}),
    ],
    ids=["8-vs-9", "9-vs-12", "8-vs-12"],
)
def test_shell_figures_8_9_and_12_million_are_explained(
    estimates: dict[str, Estimate], x: float, y: float, reasons: set[str]
) -> None:
    c = _between(estimates["artillery_shells_supplied"], x, y)
    assert c.reason in reasons
    for figure in (x, y):
        assert f"{figure / 1e6:g} million" in c.explanation


def test_11000_in_november_against_14000_15000_is_a_growing_total(
    estimates: dict[str, Estimate],
) -> None:
    est = estimates["dprk_troops_deployed"]
    c = next(
        c
        for c in est.conflicts
        if c.a.source == "Natasha Lindstedt" and c.b.source == "Western officials"
    )
    assert c.reason == "growing_total"
    assert "14,000–15,000 (Western officials" in c.explanation
    assert "11,000 (Natasha Lindstedt, as of 2024-11)" in c.explanation
    assert est.low is not None and est.low >= 14000


def test_killed_is_noted_as_part_of_casualties_not_compared(estimates: dict[str, Estimate]) -> None:
    killed = estimates["dprk_killed"]
    assert any("includes what North Korean soldiers killed counts" in r for r in killed.reasons)
    assert all(c.quantity == "dprk_killed" for c in killed.conflicts)
