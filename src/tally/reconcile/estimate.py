"""Low / best / high for a quantity's latest period, with the reasons for each figure.

- Only reports of the quantity's main definition count (the one most reports share); the
  others are named in the reasons and left out.
- The latest period is anchored on the latest day from which a report surely speaks (the
  latest start of any report's period); it holds every report whose period reaches within
  :data:`~tally.reconcile.periods.LATEST_WINDOW_DAYS` days of that anchor. Each source counts
  once in it, with its latest figure. Reports with no date at all count only when nothing is.
- ``best`` is the weighted median (source-kind weights) of the figures that are values or
  ranges (a range counts as its midpoint). Hedges are bounds and never a best.
- ``low`` is the lowest figure or floor, ``high`` the highest figure or ceiling; an open floor
  above every figure leaves ``high`` open (None).
- For a growing total, an older figure is a floor: ``low`` never goes below the largest
  earlier value or floor, and latest figures below that floor do not make the best.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tally.reconcile.conflicts import nominal
from tally.reconcile.periods import LATEST_WINDOW_DAYS, sort_key
from tally.reconcile.reports import Collapsed
from tally.reconcile.text import describe_outcome, format_number

# Reasons name at most this many reports; the sources table lists them all.
LISTED = 12


@dataclass
class Figures:
    """The outcome of :func:`estimate_figures`."""

    low: float | None = None
    best: float | None = None
    high: float | None = None
    period: str | None = None
    reasons: list[str] = field(default_factory=list)


def main_definition(
    reports: list[Collapsed], preferred: frozenset[str] = frozenset()
) -> frozenset[str]:
    """The topic's definition when reports use it, else the one most claims share (then the
    narrowest); empty when no report says what it counts."""
    counts: Counter[frozenset[str]] = Counter()
    for item in reports:
        if item.definition:
            counts[item.definition] += len(item.report.claims)
    if preferred and preferred in counts:
        return preferred
    if not counts:
        return frozenset()
    return min(counts.items(), key=lambda kv: (-kv[1], len(kv[0]), sorted(kv[0])))[0]


def _weighted_median(values: list[tuple[float, float]]) -> float:
    values = sorted(values)
    total = sum(w for _, w in values)
    acc = 0.0
    for value, weight in values:
        acc += weight
        if acc >= total / 2:
            return value
    return values[-1][0]


def latest_window(reports: list[Collapsed]) -> list[Collapsed]:
    """Each source's latest report among those that describe the latest period."""
    timed = [r for r in reports if r.period is not None]
    if not timed:
        pool = reports
    else:
        anchor = max(r.period.start for r in timed if r.period)
        pool = [r for r in timed if r.period and r.period.end >= anchor - LATEST_WINDOW_DAYS]
    latest: dict[str, Collapsed] = {}
    for item in sorted(pool, key=lambda r: sort_key(r.period)):
        kept = latest.get(item.source.key)
        if kept is not None and kept.shares_sentence(item):
            continue  # "68 of the 240 seats": the sentence's first figure is its claim, not a revision
        latest[item.source.key] = item
    return sorted(latest.values(), key=lambda r: (r.source.key, sort_key(r.period)))


def estimate_figures(
    reports: list[Collapsed],
    cumulative: bool,
    label: str,
    preferred: frozenset[str] = frozenset(),
) -> Figures:
    """Low / best / high of a quantity's reports, and a sentence for each choice.

    Args:
        reports: The quantity's independent reports, oldest first.
        cumulative: Whether the quantity is a total that only grows.
        label: The quantity's name in sentences.
        preferred: The definition the topic gives the quantity ({"wounded"}), if any.
    """
    out = Figures()
    if not reports:
        return out
    definition = main_definition(reports, preferred)
    kept = [r for r in reports if not r.definition or not definition or r.definition == definition]
    for item in reports:
        if item.definition and definition and item.definition != definition:
            out.reasons.append(
                f"Left out {item.describe()}: it counts {describe_outcome(item.definition)}, "
                f"not {describe_outcome(definition)}; definitions are never mixed."
            )
    window = latest_window(kept)
    newest = max(window, key=lambda r: sort_key(r.period))
    out.period = newest.period.label if newest.period else None
    shown = ", ".join(r.describe() for r in window[:LISTED])
    more = f" and {len(window) - LISTED} more" if len(window) > LISTED else ""
    out.reasons.append(f"Latest period ({out.period or 'undated'}): {shown}{more}.")

    lows: list[tuple[float, Collapsed]] = []
    highs: list[tuple[float, Collapsed]] = []
    points: list[tuple[float, Collapsed]] = []
    for item in window:
        lo, hi = nominal(item)
        if item.report.approx != "at_most":
            lows.append((lo, item))
        if item.report.approx != "at_least":
            highs.append((hi, item))
        if item.point:
            points.append(((lo + hi) / 2, item))
    if lows:
        value, item = min(lows, key=lambda x: x[0])
        out.low = value
        out.reasons.append(f"Low {format_number(value)}: the lowest, {item.describe()}.")
    if highs:
        value, item = max(highs, key=lambda x: x[0])
        open_floor = max((v for v, r in lows if r.report.approx == "at_least"), default=None)
        if open_floor is not None and open_floor > value:
            out.reasons.append(
                f"High open: the floor {format_number(open_floor)} is above every stated figure."
            )
        else:
            out.high = value
            out.reasons.append(f"High {format_number(value)}: the highest, {item.describe()}.")
    floor = _apply_floor(out, kept, window, label) if cumulative else None
    above = [p for p in points if floor is None or p[0] >= floor]
    for value, item in points:
        if floor is not None and value < floor:
            out.reasons.append(f"Not in the best: {item.describe()} is below the earlier floor.")
    if above:
        best = _weighted_median([(v, item.report.weight) for v, item in above])
        out.best = best
        named = "; ".join(
            f"{item.describe()}, weight {item.report.weight:g}" for _, item in above[:LISTED]
        ) + (f"; and {len(above) - LISTED} more" if len(above) > LISTED else "")
        out.reasons.append(
            f"Best {format_number(best)}: the weighted median of the stated figures "
            f"(weights by source kind): {named}."
        )
    elif points:
        out.reasons.append("No best: every stated figure of the latest period is below the floor.")
    else:
        out.reasons.append("No best: the latest period has only hedged figures, which are bounds.")
    return out


def _apply_floor(
    out: Figures, kept: list[Collapsed], window: list[Collapsed], label: str
) -> float | None:
    """Raise ``low`` to the largest earlier figure of a growing total; return that floor."""
    current = {id(r) for r in window}
    older = [r for r in kept if id(r) not in current and r.report.approx != "at_most"]
    if not older:
        return None
    floor_item = max(older, key=lambda r: nominal(r)[0])
    floor = nominal(floor_item)[0]
    if out.low is not None and floor <= out.low:
        return None
    if out.high is not None and floor > out.high:
        out.reasons.append(
            f"The earlier {floor_item.describe()} is above every latest figure "
            f"for {label}, a growing total: see the conflicts."
        )
        return None
    out.low = floor
    out.reasons.append(
        f"Low raised to {format_number(floor)}: {label} only grows, and the earlier "
        f"{floor_item.describe()} is a floor."
    )
    return floor
