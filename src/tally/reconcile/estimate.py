"""Low / best / high for a quantity, by the method of docs/ESTIMATES.md (rules E1–E7).

- E1 ``definition``: only reports of the quantity's main definition count; others are named.
- E2 ``latest``: the latest reports are those no other report is later than (their periods
  are not before any other's); an earlier value a sentence gives ("up from 27") is never one.
  Each source counts once, with its latest figure. An undated report counts only when nothing
  is dated, or, for a growing total, when it is above every dated latest figure; with nothing
  dated, a growing total's latest figures are its largest.
- E3 ``floors``: for a growing total every earlier figure, and every undated one, is a floor;
  the largest is the floor.
- E4 ``low``: the lowest latest figure, raised to the floor; never below a latest figure.
- E5 ``best``: the best-supported latest figure (most source weight stating it; then the lower,
  as an encyclopedia would print), at or above the floor; with only "at least" figures, the
  largest of them, a floor printed as "at least".
- E6 ``high``: the highest latest figure or ceiling; when a floor is open above every stated
  figure, the high is that floor, open above (never blank while there is a figure).
- E7 ``not-growing``: a quantity that can go down (people in shelters) takes its latest
  figures; earlier ones are history, not floors.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from tally.reconcile.conflicts import nominal
from tally.dates.periods import sort_key
from tally.reconcile.reports import Collapsed
from tally.wording import describe_outcome, format_number

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
    # The reports the estimate stands on (the latest), and the earlier ones it treats as floors.
    latest: list[Collapsed] = field(default_factory=list)
    floors: list[Collapsed] = field(default_factory=list)

    def say(self, rule: str, text: str) -> None:
        """Add a reason, naming the rule of docs/ESTIMATES.md that decided it."""
        self.reasons.append(f"{text} [rule {rule}]")


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


def latest_reports(reports: list[Collapsed], cumulative: bool = False) -> list[Collapsed]:
    """Each source's latest report among those no other report is later than (rule E2).

    Reports with no date at all count only when none is dated, except, for a growing total, a
    figure above every dated latest one: a total that only grows reached it no earlier. With
    nothing dated, a growing total's latest figures are its largest.
    """
    timed = [r for r in reports if r.period is not None]
    pool = timed or reports
    if not timed and cumulative and reports:
        # Nothing dated: a total that only grows reached its largest figure last.
        top_low = max(nominal(r)[0] for r in reports)
        pool = [r for r in reports if nominal(r)[1] >= top_low]
    elif timed:
        # A report is earlier than another when it ends before that one starts; the latest
        # start decides for all (one pass, not a comparison of every pair).
        latest_start = max(r.period.start for r in timed if r.period)
        pool = [r for r in timed if r.period and r.period.end >= latest_start]
        top = max(nominal(r)[1] for r in pool)
        if cumulative:
            pool += [r for r in reports if r.period is None and nominal(r)[0] > top]
    fresh = [r for r in pool if not r.prior] or pool
    latest: dict[str, Collapsed] = {}
    for item in sorted(fresh, key=lambda r: sort_key(r.period)):
        kept = latest.get(item.source.key)
        if kept is not None and kept.shares_sentence(item):
            continue  # "68 of the 240 seats": the sentence's first figure is its claim
        latest[item.source.key] = item
    return sorted(latest.values(), key=lambda r: (r.source.key, sort_key(r.period)))


def _listed(items: list[Collapsed]) -> str:
    shown = ", ".join(r.describe() for r in items[:LISTED])
    return shown + (f" and {len(items) - LISTED} more" if len(items) > LISTED else "")


def estimate_figures(
    reports: list[Collapsed],
    cumulative: bool,
    label: str,
    preferred: frozenset[str] = frozenset(),
) -> Figures:
    """Low / best / high of a quantity's reports, and a sentence naming the rule of each choice.

    Args:
        reports: The quantity's independent reports, oldest first.
        cumulative: Whether the quantity is a total that only grows.
        label: The quantity's name in sentences.
        preferred: The definition the topic gives the quantity ({"wounded"}), if any.

    Returns:
        The figures, the reasons, and the latest and floor reports they stand on.
    """
    out = Figures()
    if not reports:
        return out
    definition = main_definition(reports, preferred)
    kept = [r for r in reports if not r.definition or not definition or r.definition == definition]
    for item in reports:
        if item not in kept:
            out.say(
                "E1 definition",
                f"Left out {item.describe()}: it counts {describe_outcome(item.definition)}, "
                f"not {describe_outcome(definition)}; definitions are never mixed.",
            )
    window = latest_reports(kept, cumulative)
    out.latest = window
    newest = max(window, key=lambda r: sort_key(r.period))
    out.period = newest.period.label if newest.period else None
    out.say("E2 latest", f"Latest ({out.period or 'undated'}): {_listed(window)}.")
    current = {id(r) for r in window}
    earlier = [r for r in kept if id(r) not in current]
    floor_item = None
    if cumulative:
        floors = [r for r in earlier if r.report.approx != "at_most"]
        out.floors = floors
        floor_item = max(floors, key=lambda r: nominal(r)[0]) if floors else None
    elif earlier:
        out.say(
            "E7 not-growing",
            f"{label} can go down, so only the latest figures count; earlier ones "
            f"({_listed(earlier)}) are history, not floors.",
        )
    lows = [(nominal(r)[0], r) for r in window if r.report.approx != "at_most"]
    highs = [(nominal(r)[1], r) for r in window if r.report.approx != "at_least"]
    open_floors = [(nominal(r)[0], r) for r in window if r.report.approx == "at_least"]
    floor = _floor(out, floor_item, highs, label)
    if floor is not None:
        open_floors.append((floor, floor_item))  # type: ignore[arg-type]
    _low(out, lows, floor, floor_item, label)
    _best(out, window, floor, open_floors)
    _high(out, highs, open_floors)
    return out


def _floor(
    out: Figures,
    item: Collapsed | None,
    highs: list[tuple[float, Collapsed]],
    label: str,
) -> float | None:
    """The floor the earlier figures set (rule E3), or None when none applies."""
    if item is None:
        return None
    value = nominal(item)[0]
    top = max((v for v, _ in highs), default=None)  # "at least 50" does not contradict 53
    if top is not None and value > top:
        out.say(
            "E3 floors",
            f"The earlier {item.describe()} is above every latest figure for {label}, a "
            "growing total: it is not used as a floor; see the conflicts.",
        )
        return None
    out.say(
        "E3 floors",
        f"{label} only grows, so earlier figures are floors; the largest is {item.describe()}.",
    )
    return value


def _low(
    out: Figures,
    lows: list[tuple[float, Collapsed]],
    floor: float | None,
    floor_item: Collapsed | None,
    label: str,
) -> None:
    if not lows:
        if floor is not None and floor_item is not None:
            out.low = floor
            out.say("E4 low", f"Low {format_number(floor)}: the floor, {floor_item.describe()}.")
        return
    value, item = min(lows, key=lambda x: x[0])
    if floor is not None and floor_item is not None and floor > value:
        out.low = floor
        out.say(
            "E4 low",
            f"Low {format_number(floor)}: the lowest latest figure, {item.describe()}, is below "
            f"the earlier {floor_item.describe()}, and {label} only grows.",
        )
        return
    out.low = value
    out.say("E4 low", f"Low {format_number(value)}: the lowest latest figure, {item.describe()}.")


def _best(
    out: Figures,
    window: list[Collapsed],
    floor: float | None,
    open_floors: list[tuple[float, Collapsed]],
) -> None:
    support: dict[float, list[Collapsed]] = defaultdict(list)
    for item in window:
        if not item.point:
            continue
        lo, hi = nominal(item)
        value = (lo + hi) / 2
        if floor is not None and value < floor:
            out.say("E5 best", f"Not the best: {item.describe()} is below the earlier floor.")
            continue
        support[value].append(item)
    if support:
        # Most source weight first, then most sources, then the lower figure (the conservative).
        value, items = min(
            support.items(),
            key=lambda kv: (-sum(r.report.weight for r in kv[1]), -len(kv[1]), kv[0]),
        )
        out.best = value
        weight = sum(r.report.weight for r in items)
        rivals = len(support) - 1
        out.say(
            "E5 best",
            f"Best {format_number(value)}: the best-supported latest figure, "
            f"{'; '.join(r.describe() for r in items)} (source weight {weight:g}"
            + (f", against {rivals} other figure{'s' if rivals > 1 else ''})." if rivals else ")."),
        )
        return
    if open_floors:
        value, item = max(open_floors, key=lambda x: x[0])
        out.best = value
        out.say(
            "E5 best",
            f"Best {format_number(value)}, printed as \"at least\": no latest figure is a value, "
            f"and the largest floor is {item.describe()}.",
        )
        return
    out.say("E5 best", "No best: the latest figures are only ceilings (\"up to\").")


def _high(
    out: Figures, highs: list[tuple[float, Collapsed]], open_floors: list[tuple[float, Collapsed]]
) -> None:
    top = max(highs, key=lambda x: x[0]) if highs else None
    floor = max(open_floors, key=lambda x: x[0]) if open_floors else None
    if floor is not None and (top is None or floor[0] > top[0]):
        out.high = floor[0]
        out.say(
            "E6 high",
            f"High {format_number(floor[0])}, open above: {floor[1].describe()} is a floor "
            "above every stated figure or ceiling.",
        )
    elif top is not None:
        out.high = top[0]
        out.say("E6 high", f"High {format_number(top[0])}: the highest latest figure, {top[1].describe()}.")
