"""What a figure counts, read from its outcome, mention and the words right after it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tally.dates.periods import claim_period
from tally.reconcile.reports import definition_of
from tally.types import Claim


@pytest.mark.parametrize(
    ("sentence", "mention", "outcome", "expected"),
    [
        (
            "Another 3,000 were wounded or missing, they said.",
            "3,000",
            None,
            {"wounded", "missing"},
        ),
        (
            "About 300 are thought to have died, while 2,700 were hurt.",
            "About 300",
            None,
            {"killed"},
        ),
        ("Some 2,700 others have sustained injuries.", "2,700", None, {"wounded"}),
        (
            "More than 6,000 soldiers have been killed or wounded.",
            "More than 6,000",
            None,
            {"killed", "wounded"},
        ),
        (
            "An estimated 4,000 casualties so far.",
            "An estimated 4,000 casualties",
            None,
            {"killed", "wounded"},
        ),
        ("It sent 11,000 troops, of whom many were killed.", "11,000 troops", None, set()),
        ("It has 2,700 in hospital.", "2,700", "wounded", {"wounded"}),
        ("The agency counted 4,590 suspected cases and 73 deaths.", "4,590", None, set()),
    ],
    ids=[
        "or-missing",
        "died-not-hurt",
        "injuries",
        "killed-or-wounded",
        "casualties",
        "clause-ends-at-comma",
        "outcome-field",
        "stops-at-the-next-figure",
    ],
)
def test_definition_reads_the_figures_own_words(
    claim: Callable[..., Claim],
    sentence: str,
    mention: str,
    outcome: str | None,
    expected: set[str],
) -> None:
    c = claim(mention, 1, sentence=sentence, outcome=outcome)
    assert definition_of(c) == frozenset(expected)


@pytest.mark.parametrize(
    ("as_of", "published", "label", "dated", "days"),
    [
        ("2025-01", "2025-03-10", "2025-01", True, 31),
        ("2025-01-15", None, "2025-01-15", True, 1),
        (None, "2025-03-10", "2025-03-10", False, 1),
        ("2024", None, "2024", True, 366),
    ],
    ids=["month", "day", "undated-is-the-publication-day", "year"],
)
def test_period_is_as_of_else_the_day_of_publication(
    as_of: str | None, published: str | None, label: str, dated: bool, days: int
) -> None:
    period = claim_period(as_of, published)
    assert period is not None
    assert (period.label, period.dated, period.end - period.start + 1) == (label, dated, days)


def test_no_date_at_all_is_no_period() -> None:
    assert claim_period(None, None) is None
    assert claim_period("sometime", "n/a") is None
