"""Echo collapse: one original source repeated by many outlets is one independent report."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tally.reconcile import reconcile
from tally.types import Article, Claim


@pytest.mark.parametrize(
    "spellings",
    [
        ["Seoul's spy agency"] * 3,
        ["South Korea's intelligence agency", "South Korean intelligence", "Seoul's spy agency"],
    ],
    ids=["same-spelling", "three-spellings"],
)
def test_one_agency_through_three_outlets_is_one_source(
    claim: Callable[..., Claim], article: Callable[..., Article], spellings: list[str]
) -> None:
    outlets = ["Morning Herald", "Evening Star", "Weekly Courier"]
    arts = {f"a{i}": article(f"a{i}", f"2025-01-0{i + 1}", o) for i, o in enumerate(outlets)}
    claims = [
        claim("about 1,200 soldiers", 1200, approx="about", source=s, article=f"a{i}")
        for i, s in enumerate(spellings)
    ]
    (est,) = reconcile(claims, articles=arts)
    assert len(est.sources) == 1
    (report,) = est.reports
    assert report.outlets == sorted(outlets)
    assert len(report.claims) == 3
    assert est.conflicts == []


def test_two_outlets_on_their_own_are_two_sources(
    claim: Callable[..., Claim], article: Callable[..., Article]
) -> None:
    arts = {
        "a1": article("a1", "2025-01-01", "Morning Herald"),
        "a2": article("a2", "2025-01-02", "Evening Star"),
    }
    claims = [
        claim("1,200 soldiers", 1200, article="a1"),
        claim("1,200 soldiers", 1200, article="a2"),
    ]
    (est,) = reconcile(claims, articles=arts)
    assert est.sources == ["Evening Star", "Morning Herald"]


def test_syndicated_copy_is_an_echo_of_the_original(
    claim: Callable[..., Claim], article: Callable[..., Article]
) -> None:
    arts = {
        "orig": article("orig", "2025-01-01", "Wire Service"),
        "copy1": article("copy1", "2025-01-02", "Morning Herald", duplicate_of="orig"),
        "copy2": article("copy2", "2025-01-02", "Evening Star", duplicate_of="copy1"),
    }
    claims = [claim("1,200 soldiers", 1200, article=a) for a in ("orig", "copy1", "copy2")]
    (est,) = reconcile(claims, articles=arts)
    assert est.sources == ["Wire Service"]
    assert est.reports[0].outlets == ["Evening Star", "Morning Herald", "Wire Service"]


def test_teaser_repeating_the_lead_adds_a_link_not_a_source(
    claim: Callable[..., Claim], article: Callable[..., Article]
) -> None:
    arts = {"a1": article("a1", "2025-01-01", "Morning Herald")}
    lead = claim(
        "1,200 soldiers", 1200, source="Western officials", sentence="Lead: 1,200 soldiers."
    )
    teaser = claim("1,200 soldiers", 1200, source="Western officials", sentence="Teaser: 1,200.")
    (est,) = reconcile([lead, teaser], articles=arts)
    assert len(est.reports) == 1
    assert [c.sentence for c in est.reports[0].claims] == [
        "Lead: 1,200 soldiers.",
        "Teaser: 1,200.",
    ]


def test_one_source_with_two_figures_is_one_source_with_two_reports(
    claim: Callable[..., Claim], article: Callable[..., Article]
) -> None:
    arts = {"a1": article("a1", "2024-11-01", "Herald"), "a2": article("a2", "2025-03-01", "Star")}
    claims = [
        claim("1,200 soldiers", 1200, source="Western officials", article="a1"),
        claim("3,000 soldiers", 3000, source="Western officials", article="a2"),
    ]
    (est,) = reconcile(claims, articles=arts)
    assert est.sources == ["Western officials"]
    assert [r.low for r in est.reports] == [1200, 3000]
