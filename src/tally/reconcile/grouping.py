"""Conflicts grouped for reading: per quantity, the few that matter first, the rest folded by
reason with counts.

What matters is a real disagreement between sources about the latest period: two different
sources whose figures nothing in the texts reconciles (a disagreement, then a suspected
error), at least one of them for the period the estimate stands at. At most
:data:`KEY_SHOWN` are shown unfolded; every other conflict (an earlier figure of a growing
total, a revision, two definitions, hedges that fit, an old disagreement) is folded under its
reason, with a count, for a reader who wants to check them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tally.dates.periods import iso_span
from tally.types import Conflict, ConflictReason, Estimate

KEY_SHOWN = 5
# Reasons in the order folded groups are listed: what an editor must look at first.
REASON_ORDER: tuple[ConflictReason, ...] = (
    "disagreement", "suspected_error", "revision", "different_definition", "growing_total",
    "hedges_compatible",
)  # fmt: skip
_RANK = {r: i for i, r in enumerate(REASON_ORDER)}


@dataclass
class Folded:
    """The conflicts of one reason that are not shown unfolded."""

    reason: ConflictReason
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many conflicts are folded here."""
        return len(self.conflicts)


@dataclass
class ConflictGroups:
    """A quantity's conflicts as a report shows them: ``key`` unfolded, ``folded`` by reason."""

    key: list[Conflict]
    folded: list[Folded]

    @property
    def total(self) -> int:
        """Every conflict, shown or folded."""
        return len(self.key) + sum(f.count for f in self.folded)


def matters(conflict: Conflict, latest: str | None) -> bool:
    """Whether a conflict is a real disagreement between sources about the latest period."""
    if not conflict.open or conflict.a.source == conflict.b.source:
        return False
    now = iso_span(latest)
    if now is None:
        return True
    for report in (conflict.a, conflict.b):
        span = iso_span(report.period)
        if span is None or (span[0] <= now[1] and now[0] <= span[1]):
            return True
    return False


def order_conflicts(conflicts: list[Conflict], latest: str | None) -> list[Conflict]:
    """The conflicts with those that matter first (disagreements before suspected errors),
    then the rest by reason; the order within each is kept."""
    return sorted(conflicts, key=lambda c: (not matters(c, latest), _RANK.get(c.reason, len(_RANK))))


def group_conflicts(est: Estimate, shown: int = KEY_SHOWN) -> ConflictGroups:
    """The estimate's conflicts split into at most ``shown`` that matter and the rest by reason.

    Args:
        est: The estimate (its ``period`` is the latest period).
        shown: How many that matter are shown unfolded at most.

    Returns:
        The groups; folded groups come in :data:`REASON_ORDER`.
    """
    ordered = order_conflicts(est.conflicts, est.period)
    key = [c for c in ordered if matters(c, est.period)][:shown]
    kept = {id(c) for c in key}
    by_reason: dict[ConflictReason, Folded] = {}
    for c in ordered:
        if id(c) not in kept:
            by_reason.setdefault(c.reason, Folded(c.reason)).conflicts.append(c)
    folded = sorted(by_reason.values(), key=lambda f: _RANK.get(f.reason, len(_RANK)))
    return ConflictGroups(key, folded)
