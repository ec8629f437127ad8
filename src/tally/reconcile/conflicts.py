"""Why two reports disagree: one reason per pair, as a sentence quoting both.

Two reports conflict when their stated figures do not overlap ("300" and "1,000"; "more than
8 million" and "up to 9 million" state 8 and 9 million). Reasons are tried in this order:

1. ``different_definition`` — they count different things (killed vs killed or missing);
2. ``growing_total`` — a total that only grows, and the larger figure is the later one;
3. ``suspected_error`` — figures 20 or more times apart: a misread figure is likelier;
4. ``revision`` — the same source, with a new figure;
5. ``hedges_compatible`` — read as bounds ("more than", "up to", "about" ±5%), both can hold;
6. ``suspected_error`` — a growing total that drops in the outlet's own words: nothing in
   the texts explains it;
7. ``disagreement`` — different sources, incompatible figures for the same period (or a later
   lower figure for a growing total).

Reports in distinct periods of a quantity that is not a running total are not compared.
Pairs are formed among each source's latest report (and each source's successive reports);
when more than :data:`MAX_PAIRED_SOURCES` sources speak, only the weightiest (then the most
repeated) are paired, so the number of pairs stays bounded.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from tally.reconcile.periods import sort_key
from tally.reconcile.reports import Collapsed
from tally.reconcile.text import format_number
from tally.types import Conflict, ConflictReason

ABOUT_MARGIN = 0.05
ERROR_RATIO = 20.0
MAX_PAIRED_SOURCES = 40
_INF = float("inf")


def nominal(item: Collapsed) -> tuple[float, float]:
    """The figures as stated, ignoring what hedges imply: "more than 8 million" is 8 million."""
    r = item.report
    lo = r.low if r.low is not None else r.high
    hi = r.high if r.high is not None else r.low
    return (lo or 0.0, hi or 0.0)


def bounds(item: Collapsed) -> tuple[float, float]:
    """The figures read as bounds: "more than N" is [N, ∞), "about N" is N ± 5%."""
    lo, hi = nominal(item)
    approx = item.report.approx
    if approx == "at_least":
        return (lo, _INF)
    if approx == "at_most":
        return (0.0, hi)
    if approx == "about":
        return (lo * (1 - ABOUT_MARGIN), hi * (1 + ABOUT_MARGIN))
    return (lo, hi)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float] | None:
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if lo <= hi else None


def _ordered(a: Collapsed, b: Collapsed) -> tuple[Collapsed, Collapsed] | None:
    """(earlier, later) when the periods are distinct; None when they overlap or are unknown."""
    if a.period is None or b.period is None or a.period.overlaps(b.period):
        return None
    return (a, b) if a.period.before(b.period) else (b, a)


def explain(a: Collapsed, b: Collapsed, cumulative: bool, label: str) -> Conflict | None:
    """The conflict between two reports of one quantity, or None when they agree or don't meet."""
    if _overlap(nominal(a), nominal(b)) is not None:
        return None
    order = _ordered(a, b)
    if order is not None and not cumulative:
        return None
    if sort_key(b.period) < sort_key(a.period):
        a, b = b, a  # conflicts read oldest first
    da, db = a.describe(), b.describe()
    quantity = a.report.quantity

    def conflict(reason: ConflictReason, text: str) -> Conflict:
        return Conflict(quantity, a.report, b.report, reason, text)

    if a.source.key == b.source.key and a.shares_sentence(b):
        return conflict(
            "different_definition",
            f"{da} and {db} stand side by side in one sentence of {a.report.source}: they count "
            "different things (a part and a whole, or two places), not a revision.",
        )
    if a.definition and b.definition and a.definition != b.definition:
        only = sorted(a.definition ^ b.definition)
        return conflict(
            "different_definition",
            f"{da} and {db} count different things (only one counts {' or '.join(only)}); "
            "figures of different definitions are never reconciled.",
        )
    if order is not None:
        early, late = order
        if nominal(late)[0] > nominal(early)[1]:
            return conflict(
                "growing_total",
                f"{late.describe()} is later than {early.describe()}; "
                f"{label} is a growing total, so the earlier figure is a floor, not a rival.",
            )
    (alo, ahi), (blo, bhi) = nominal(a), nominal(b)
    small, large = min(ahi, bhi), max(alo, blo)
    if small > 0 and large / small >= ERROR_RATIO:
        return conflict(
            "suspected_error",
            f"{da} and {db} are {large / small:.0f} times apart: more likely a misread figure "
            "than a real disagreement.",
        )
    if a.source.key == b.source.key:
        first, second = order or (a, b)
        return conflict(
            "revision",
            f"{first.report.source} revised its figure: {first.describe()}, "
            f"then {second.describe()}.",
        )
    common = _overlap(bounds(a), bounds(b))
    if common is not None:
        return conflict(
            "hedges_compatible",
            f"{da} and {db} are compatible once hedges are read as bounds: "
            f"both hold for {_span(common)}.",
        )
    if order is not None and order[1].source.kind == "outlet":
        early, late = order
        return conflict(
            "suspected_error",
            f"{late.describe()} is lower than the earlier "
            f"{early.describe()} for a total that only grows, and no source, "
            "revision or definition explains the drop: possibly an extraction error.",
        )
    when = "in periods that overlap" if order is None else "and the later figure is lower"
    return conflict(
        "disagreement",
        f"{da} and {db}: different sources give incompatible figures {when}.",
    )


def _span(common: tuple[float, float]) -> str:
    lo, hi = common
    if hi == _INF:
        return f"any figure of at least {format_number(lo)}"
    if lo == hi:
        return f"exactly {format_number(lo)}"
    return f"any figure from {format_number(lo)} to {format_number(hi)}"


def candidate_pairs(reports: list[Collapsed]) -> Iterator[tuple[Collapsed, Collapsed]]:
    """The pairs worth explaining: each source's latest report against every other source's
    latest, and each source's consecutive reports (its revisions). Older reports of different
    sources are not paired: the timeline shows them, and pairing all would grow quadratically."""
    by_source: dict[str, list[Collapsed]] = {}
    for item in reports:  # reports come oldest first
        by_source.setdefault(item.source.key, []).append(item)
    latest = [items[-1] for items in by_source.values()]
    if len(latest) > MAX_PAIRED_SOURCES:
        latest.sort(key=lambda r: (-r.report.weight, -len(r.report.claims), r.source.key))
        latest = sorted(latest[:MAX_PAIRED_SOURCES], key=lambda r: sort_key(r.period))
    for i, a in enumerate(latest):
        for b in latest[i + 1 :]:
            yield a, b
    for items in by_source.values():
        for a, b in itertools.pairwise(items):
            yield a, b


def find_conflicts(reports: list[Collapsed], cumulative: bool, label: str) -> list[Conflict]:
    """Every conflict among a quantity's candidate pairs, in a stable order."""
    out = [c for a, b in candidate_pairs(reports) if (c := explain(a, b, cumulative, label))]
    return out
