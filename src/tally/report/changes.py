"""What changed since a moment: one line per quantity with new figures, against the estimate
as it stood before.

"Before" is what the database held then: the articles stored earlier, each in the version
that was newest at the time. "Now" is every article in its newest version. Both go through
:func:`tally.reconcile.reconcile`, so the estimates are the ones ``tally report`` prints.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime

from tally.reconcile import reconcile
from tally.wording import describe_period, describe_value, format_number
from tally.dates.spans import parse_stamp
from tally.types import Article, Claim, Estimate, SourceReport, Topic


def stored_since(added: Mapping[str, str], since: datetime) -> set[str]:
    """The ids of the articles stored at or after ``since``.

    Args:
        added: When each article was stored, by id (:meth:`tally.store.Store.added_times`).
        since: The moment (time-zone aware).
    """
    return {i for i, stamp in added.items() if (t := parse_stamp(stamp)) is not None and t >= since}


def what_changed(
    claims: Sequence[Claim],
    articles: Mapping[str, Article],
    added: Mapping[str, str],
    since: datetime,
    topic: Topic | None = None,
    parts: Collection[str] = ("body",),
) -> list[str]:
    """One line per quantity that has figures stored since ``since`` that it did not have.

    Args:
        claims: Every stored claim, older versions of pages included, classified.
        articles: Every stored article by id.
        added: When each was stored, by id.
        since: The moment to compare against (time-zone aware).
        topic: For labels, order and whether a quantity is a growing total.
        parts: The parts of articles that count.

    Returns:
        Lines such as "deaths: new figure about 2,000 (the ministry via Daily Post, as of
        2025-09-02), up from 600; estimate now 600–2,000, best 2,000", in report order.
    """
    new = stored_since(added, since)
    current = {i for i, a in articles.items() if a.superseded_by is None}
    # A version replaced only after `since` was still the newest before it.
    before = {i for i, a in articles.items()
              if i not in new and (a.superseded_by is None or a.superseded_by in new)}  # fmt: skip
    now_est = reconcile([c for c in claims if c.article_id in current], topic=topic,
                        articles=articles, parts=parts)  # fmt: skip
    then_est = {e.quantity: e for e in reconcile(
        [c for c in claims if c.article_id in before], topic=topic, articles=articles, parts=parts
    )}  # fmt: skip
    lines = []
    for est in now_est:
        old = then_est.get(est.quantity)
        known = {_key(r) for r in old.reports} if old else set()
        fresh = [r for r in est.reports
                 if _key(r) not in known and any(c.article_id in new for c in r.claims)]  # fmt: skip
        if fresh:
            lines.append(change_line(est, fresh, old))
    return lines


def change_line(est: Estimate, fresh: Sequence[SourceReport], old: Estimate | None) -> str:
    """The line for one quantity: its new figures, the move of the best, the estimate now."""
    figures = " and ".join(f"{r.value_text} ({_who(r)}, {describe_period(r)})" for r in fresh)
    line = f"{est.quantity}: new figure{'s' if len(fresh) > 1 else ''} {figures}"
    before, after = _level(old), _level(est)
    if before is not None and after is not None and old is not None:
        # A best that only floors support ("at least 14") is said as one (docs/ESTIMATES.md, E5).
        floor_only = old.best is None or bool(old.latest) and all(r.approx == "at_least" for r in old.latest)
        was = f"at least {format_number(before)}" if floor_only else format_number(before)
        if after == before:
            line += f", unchanged at {was}"
        else:
            line += f", {'up' if after > before else 'down'} from {was}"
    return f"{line}; estimate now {_estimate_text(est)}"


def _level(est: Estimate | None) -> float | None:
    """Where an estimate stands: its best, or its floor when it has no best (only hedges)."""
    if est is None:
        return None
    return est.best if est.best is not None else est.low


def _estimate_text(est: Estimate) -> str:
    if est.low is None and est.high is None:
        span = "open"
    elif est.low is not None and est.high is None:
        span = f"at least {format_number(est.low)}"
    else:
        span = describe_value(est.low, est.high, "range")
    return span if est.best is None else f"{span}, best {format_number(est.best)}"


def _who(report: SourceReport) -> str:
    """The source, and the outlets that carried it when they are not the source itself."""
    outlets = [o for o in report.outlets if o and o.lower() != report.source.lower()]
    return f"{report.source} via {', '.join(outlets)}" if outlets else report.source


def _key(report: SourceReport) -> tuple[object, ...]:
    return (report.source, report.low, report.high, report.approx, report.period)
