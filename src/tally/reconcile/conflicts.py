"""Why two reports disagree: one reason per pair, as a sentence quoting both, naming its rule.

Two reports conflict when their stated figures do not overlap ("300" and "1,000"; "more than
8 million" and "up to 9 million" state 8 and 9 million). The rules of docs/ESTIMATES.md are
tried in this order, and the first that holds decides (``Conflict.rule``):

- C1 ``prior-value`` -> revision: one sentence gives a figure and the earlier one ("41 killed,
  up from 27 a day earlier");
- C2 ``side-by-side`` -> different_definition: two figures of one sentence, neither earlier
  (a part and a whole, or two places);
- C3 ``definition`` -> different_definition: they count different things (killed vs missing);
- C4 ``growth`` -> growing_total: a total that only grows, the larger figure is the later one
  (or undated, above a dated one);
- C5 ``same-source`` -> revision: one source, a new figure;
- C6 ``hedges`` -> hedges_compatible: read as bounds ("more than", "up to", "about" ±5%), both
  can hold;
- C7 ``ratio`` -> suspected_error: figures 20 or more times apart with nothing above to
  explain them (the same period, or a fall in a growing total);
- C8 ``drop`` -> suspected_error: a growing total that falls in the outlet's own words;
- C9 ``disagreement`` -> disagreement: different sources, incompatible figures for periods that
  overlap, or a later lower figure for a growing total.

Reports in distinct periods of a quantity that is not a running total are not compared: it
may go down as well as up, and the estimate takes its latest figures.
Pairs are formed among each source's latest report (and each source's successive reports);
when more than :data:`MAX_PAIRED_SOURCES` sources speak, only the weightiest (then the most
repeated) are paired, so the number of pairs stays bounded.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from tally.dates.periods import sort_key
from tally.reconcile.reports import Collapsed
from tally.wording import format_number
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
    """(earlier, later) when one is the earlier value of the other's sentence or the periods
    are distinct; None when they overlap or are unknown."""
    if a.prior != b.prior and a.shares_sentence(b):
        return (a, b) if a.prior else (b, a)
    if a.period is None or b.period is None or a.period.overlaps(b.period):
        return None
    return (a, b) if a.period.before(b.period) else (b, a)


def explain(a: Collapsed, b: Collapsed, cumulative: bool, label: str) -> Conflict | None:
    """The conflict between two reports of one quantity, or None when they agree or don't meet."""
    if _overlap(nominal(a), nominal(b)) is not None:
        return None
    order = _ordered(a, b)
    same_sentence = a.source.key == b.source.key and a.shares_sentence(b)
    if order is not None and not cumulative and not same_sentence:
        return None
    if order is not None:
        a, b = order  # conflicts read oldest first
    elif sort_key(b.period) < sort_key(a.period):
        a, b = b, a
    da, db = a.describe(), b.describe()
    quantity = a.report.quantity

    def conflict(reason: ConflictReason, rule: str, text: str) -> Conflict:
        return Conflict(quantity, a.report, b.report, reason, f"{text} [rule {rule}]", rule)

    if same_sentence and a.prior and not b.prior:
        direction = "up" if nominal(b)[0] > nominal(a)[1] else "down"
        return conflict(
            "revision", "C1 prior-value",
            f"{a.report.source} gives its new figure with the earlier one in one sentence: "
            f"{b.describe()}, {direction} from {a.report.value_text} before.",
        )
    if same_sentence:
        return conflict(
            "different_definition", "C2 side-by-side",
            f"{da} and {db} stand side by side in one sentence of {a.report.source}, neither "
            "given as the earlier: they count different things (a part and a whole, or two "
            "places), not a revision.",
        )
    if a.definition and b.definition and a.definition != b.definition:
        only = sorted(a.definition ^ b.definition)
        return conflict(
            "different_definition", "C3 definition",
            f"{da} and {db} count different things (only one counts {' or '.join(only)}); "
            "figures of different definitions are never reconciled.",
        )
    if order is None and cumulative and (a.period is None) != (b.period is None):
        undated, dated = (a, b) if a.period is None else (b, a)
        if nominal(undated)[0] > nominal(dated)[1]:
            return conflict(
                "growing_total", "C4 growth",
                f"The undated {undated.describe()} is above {dated.describe()}; {label} is a "
                "growing total, so it can be the later figure, and the dated one a floor.",
            )
    later_larger = order is not None and nominal(b)[0] > nominal(a)[1]
    if later_larger:
        return conflict(
            "growing_total", "C4 growth",
            f"{db} is later than {da}; {label} is a growing total, so the earlier figure is a "
            "floor, not a rival.",
        )
    if a.source.key == b.source.key:
        return conflict(
            "revision", "C5 same-source",
            f"{a.report.source} revised its figure: {da}, then {db}.",
        )
    common = _overlap(bounds(a), bounds(b))
    if common is not None:
        return conflict(
            "hedges_compatible", "C6 hedges",
            f"{da} and {db} are compatible once hedges are read as bounds: "
            f"both hold for {_span(common)}.",
        )
    (alo, ahi), (blo, bhi) = nominal(a), nominal(b)
    small, large = min(ahi, bhi), max(alo, blo)
    if small > 0 and large / small >= ERROR_RATIO:
        return conflict(
            "suspected_error", "C7 ratio",
            f"{da} and {db} are {large / small:.0f} times apart, and neither growth over time, "
            "a revision nor a definition explains it: more likely a misread figure than a real "
            "disagreement.",
        )
    if order is not None and b.source.kind == "outlet":
        return conflict(
            "suspected_error", "C8 drop",
            f"{db} is lower than the earlier {da} for a total that only grows, and no source, "
            "revision or definition explains the drop: possibly an extraction error.",
        )
    if order is not None:
        when = "and the later figure is lower"
    elif a.period is None or b.period is None:
        when = "and nothing dates the undated one"
    else:
        when = "for periods that overlap"
    return conflict(
        "disagreement", "C9 disagreement",
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
