"""Every conflicting pair gets one reason, written as a sentence quoting both figures."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tally.reconcile import reconcile
from tally.types import Article, Claim, QuantityDef, Topic

Make = Callable[..., Claim]


def _arts(article: Callable[..., Article]) -> dict[str, Article]:
    return {
        "old": article("old", "2024-10-15", "Morning Herald"),
        "new": article("new", "2025-04-10", "Evening Star"),
        "new2": article("new2", "2025-04-12", "Weekly Courier"),
    }


def _only_conflict(claims: list[Claim], arts: dict[str, Article], cumulative: bool = True):  # type: ignore[no-untyped-def]
    topic = Topic("t", [QuantityDef("q", "troops sent", cumulative=cumulative)])
    (est,) = reconcile(claims, topic, arts)
    assert len(est.conflicts) == 1, [c.explanation for c in est.conflicts]
    return est.conflicts[0]


def test_later_larger_figure_of_a_growing_total(
    claim: Make, article: Callable[..., Article]
) -> None:
    c = _only_conflict(
        [
            claim("11,000 troops", 11000, source="Jane Analyst", as_of="2024-11", article="old"),
            claim(
                "between 14,000 and 15,000 troops",
                14000,
                15000,
                approx="range",
                source="Western officials",
                article="new",
            ),
        ],
        _arts(article),
    )
    assert c.reason == "growing_total"
    assert "14,000–15,000 (Western officials" in c.explanation
    assert "11,000 (Jane Analyst, as of 2024-11)" in c.explanation


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("injured", "wounded"), ("wounded or missing", "wounded")),
        (("killed", "killed"), ("killed or wounded", None)),
    ],
    ids=["missing-added", "wounded-added"],
)
def test_different_definitions_are_named_and_never_reconciled(
    claim: Make,
    article: Callable[..., Article],
    first: tuple[str, str],
    second: tuple[str, str | None],
) -> None:
    c = _only_conflict(
        [
            claim(
                f"2,700 {first[0]}",
                2700,
                source="Seoul's spy agency",
                outcome=first[1],
                article="new",
            ),
            claim(
                f"3,000 {second[0]}",
                3000,
                source="Western officials",
                outcome=second[1],
                as_of="2025-04",
                article="new",
            ),
        ],
        _arts(article),
    )
    assert c.reason == "different_definition"
    assert "2,700" in c.explanation and "3,000" in c.explanation
    assert "never reconciled" in c.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ((8e6, None, "at_least"), (None, 9e6, "at_most")),
        ((6000, None, "at_least"), (6200, None, "exact")),
        ((1000, None, "about"), (1040, None, "exact")),
    ],
    ids=["floor-and-ceiling", "floor-and-value", "about"],
)
def test_hedges_read_as_bounds_make_figures_compatible(
    claim: Make, article: Callable[..., Article], a: tuple, b: tuple
) -> None:
    c = _only_conflict(
        [
            claim("figure a", a[0], a[1], approx=a[2], source="Western officials", article="new"),
            claim("figure b", b[0], b[1], approx=b[2], source="Jane Analyst", article="new"),
        ],
        _arts(article),
    )
    assert c.reason == "hedges_compatible"
    assert "both hold for" in c.explanation


def test_same_source_changing_its_figure_is_a_revision(
    claim: Make, article: Callable[..., Article]
) -> None:
    c = _only_conflict(
        [
            claim("1,200 killed", 1200, source="Western officials", article="new"),
            claim("1,000 killed", 1000, source="Western officials", article="new2"),
        ],
        _arts(article),
    )
    assert (c.reason, c.rule) == ("revision", "C5 same-source")
    assert c.explanation.startswith("Western officials revised its figure")


def test_different_sources_for_the_same_period_disagree(
    claim: Make, article: Callable[..., Article]
) -> None:
    c = _only_conflict(
        [
            claim(
                "about 300 killed",
                300,
                approx="about",
                source="Seoul's spy agency",
                as_of="2025-03",
                article="new",
            ),
            claim(
                "about 1,000 killed",
                1000,
                approx="about",
                source="Western officials",
                as_of="2025-03",
                article="new2",
            ),
        ],
        _arts(article),
    )
    assert (c.reason, c.rule) == ("disagreement", "C9 disagreement")
    assert "about 300" in c.explanation and "about 1,000" in c.explanation
    assert "Seoul's spy agency" in c.explanation and "periods that overlap" in c.explanation


@pytest.mark.parametrize(
    ("claims_spec", "phrase"),
    [
        ([(9e6, "Western officials", "old"), (9, "Jane Analyst", "new")], "times apart"),
        ([(5000, "Western officials", "old"), (3000, None, "new")], "drop"),
    ],
    ids=["order-of-magnitude", "unexplained-drop"],
)
def test_suspected_extraction_error(
    claim: Make, article: Callable[..., Article], claims_spec: list[tuple], phrase: str
) -> None:
    claims = [claim(f"{v:g} shells", v, source=s, article=a) for v, s, a in claims_spec]
    c = _only_conflict(claims, _arts(article))
    assert c.reason == "suspected_error"
    assert phrase in c.explanation


def test_non_cumulative_figures_for_distinct_periods_do_not_conflict(
    claim: Make, article: Callable[..., Article]
) -> None:
    topic = Topic("t", [QuantityDef("q", "losses a day", cumulative=False)])
    claims = [
        claim("1,000 a day", 1000, source="Jane Analyst", as_of="2024-10", article="old"),
        claim("1,500 a day", 1500, source="Western officials", as_of="2025-04", article="new"),
    ]
    (est,) = reconcile(claims, topic, _arts(article))
    assert est.conflicts == []


def test_many_sources_pair_only_the_weightiest_and_say_so(
    claim: Make, article: Callable[..., Article]
) -> None:
    # 50 unlisted sources, one of them an intelligence agency: it must be among those paired.
    names = [f"Person {i}" for i in range(49)] + ["Ruritania's intelligence service"]
    claims = [
        claim(f"{1000 + i} troops", 1000 + i, source=n, article="new") for i, n in enumerate(names)
    ]
    topic = Topic("t", [QuantityDef("q", "troops sent")])
    (est,) = reconcile(claims, topic, _arts(article))
    paired = {c.a.source for c in est.conflicts} | {c.b.source for c in est.conflicts}
    assert len(paired) == 40
    assert "Ruritania's intelligence service" in paired
    assert len(est.conflicts) == 40 * 39 // 2
    assert est.reasons[-1] == (
        "Conflicts are listed among the 40 weightiest of 50 sources, and within each source."
    )


def test_two_figures_of_one_sentence_are_no_revision(claim: Make, article: Callable[..., Article]) -> None:
    sentence = "The party holds 68 of the 240 seats, the pollster said."
    arts = _arts(article)
    claims = [claim("68", 68, source="Alpha Research", article="new", sentence=sentence),
              claim("240", 240, source="Alpha Research", article="new", sentence=sentence)]
    topic = Topic("t", [QuantityDef("q", "seats", cumulative=False)])
    (est,) = reconcile(claims, topic, arts)
    assert [c.reason for c in est.conflicts] == ["different_definition"]
    assert "side by side" in est.conflicts[0].explanation
    assert est.best == 68
