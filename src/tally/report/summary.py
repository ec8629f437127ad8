"""The summary every report opens with: per quantity low, best, high, as of, sources, conflicts;
and the count (or list) of claims that fit no quantity."""

from __future__ import annotations

from typing import Any

from tally.wording import format_number
from tally.types import Claim, Estimate, ReportContext

SUMMARY_COLUMNS = ("Quantity", "Low", "Best", "High", "As of", "Sources", "Open conflicts")


def figure(value: float | None, unit: str | None = None) -> str:
    """A figure for a table cell: "1,300", "13%" for a share, "—" when there is none."""
    if value is None:
        return "—"
    if unit == "percent":
        return f"{format_number(value)}%"
    return format_number(value)


def summary_rows(estimates: list[Estimate]) -> list[dict[str, Any]]:
    """One row per estimate, in the order of :data:`SUMMARY_COLUMNS`."""
    return [
        {
            "quantity": est.quantity,
            "label": est.label,
            "low": figure(est.low, est.unit),
            "best": figure(est.best, est.unit),
            "high": figure(est.high, est.unit),
            "as_of": est.period or "undated",
            "sources": len(est.sources),
            "open_conflicts": len(est.open_conflicts),
        }
        for est in estimates
    ]


def unclassified_line(context: ReportContext) -> str | None:
    """ "12 claims fit no quantity (list them with --unclassified)", or None when all fit."""
    n = len(context.unclassified)
    if not n:
        return None
    tail = ":" if context.list_unclassified else " (list them with --unclassified)."
    return f"{n} claim{'s' if n != 1 else ''} fit no quantity{tail}"


def unclassified_rows(context: ReportContext) -> list[dict[str, str]]:
    """The claims that fit no quantity, each with its article, figure and sentence."""
    if not context.list_unclassified:
        return []
    return [_row(c) for c in context.unclassified]


def _row(claim: Claim) -> dict[str, str]:
    return {
        "doc": claim.doc or claim.article_id or "",
        "mention": claim.mention,
        "unit": claim.unit or "",
        "outcome": claim.outcome or "",
        "sentence": " ".join(claim.sentence.split()),
    }
