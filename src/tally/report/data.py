"""Estimates as plain JSON-ready dicts: the one shape the JSON, Markdown and HTML reports share."""

from __future__ import annotations

from typing import Any

from tally.wording import describe_value, format_number
from tally.types import Claim, Conflict, Estimate, SourceReport

REASON_LABELS: dict[str, str] = {
    "growing_total": "later figure for a growing total",
    "different_definition": "different definition",
    "hedges_compatible": "hedges compatible",
    "revision": "revision by the same source",
    "disagreement": "disagreement between sources",
    "suspected_error": "suspected extraction error",
}


def estimate_text(est: Estimate) -> str:
    """The estimate in one line: "low 12,000 · best 14,500 · high 15,000 (2025-04)"."""

    def num(value: float | None) -> str:
        return format_number(value) if value is not None else "—"

    period = f" ({est.period})" if est.period else ""
    return f"low {num(est.low)} · best {num(est.best)} · high {num(est.high)}{period}"


def claim_dict(claim: Claim) -> dict[str, Any]:
    """The fields of a claim a reader follows back to its sentence."""
    return {
        "id": claim.id,
        "doc": claim.doc,
        "article_id": claim.article_id,
        "sentence": claim.sentence,
        "mention": claim.mention,
        "as_of": claim.as_of,
        "part": claim.part,
    }


def report_dict(report: SourceReport) -> dict[str, Any]:
    """One independent report: its source, figure, period, outlets and claims."""
    return {
        "source": report.source,
        "source_kind": report.source_kind,
        "kind_label": report.source_kind.replace("_", " "),
        "weight": report.weight,
        "value": report.value_text,
        "low": report.low,
        "high": report.high,
        "approx": report.approx,
        "period": report.period,
        "outlets": list(report.outlets),
        "spellings": list(report.spellings),
        "claims": [claim_dict(c) for c in report.claims],
    }


def conflict_dict(conflict: Conflict) -> dict[str, Any]:
    """A conflict: both figures with their sources, the reason and its sentence."""

    def side(r: SourceReport) -> dict[str, Any]:
        return {
            "source": r.source,
            "value": describe_value(r.low, r.high, r.approx),
            "period": r.period,
        }

    return {
        "reason": conflict.reason,
        "reason_label": REASON_LABELS.get(conflict.reason, conflict.reason),
        "explanation": conflict.explanation,
        "a": side(conflict.a),
        "b": side(conflict.b),
    }


def source_rows(est: Estimate) -> list[dict[str, Any]]:
    """One row per independent source: its latest figure, its earlier ones, outlets and claims.

    ``index`` is the position of the latest report in ``est.reports`` (for page anchors).
    """
    rows: dict[str, dict[str, Any]] = {}
    for index, r in enumerate(est.reports):  # reports come oldest first
        row = rows.setdefault(
            r.source, {"source": r.source, "earlier": [], "outlets": set(), "claims": 0}
        )
        if "value" in row:
            row["earlier"].append(f"{row['value']} ({row['period'] or 'undated'})")
        row.update(
            kind=r.source_kind,
            kind_label=r.source_kind.replace("_", " "),
            weight=r.weight,
            value=r.value_text,
            period=r.period,
            index=index,
        )
        row["outlets"].update(r.outlets)
        row["claims"] += getattr(r, "claims_total", None) or len(r.claims)  # a stored report: all
    out = sorted(rows.values(), key=lambda row: row["index"])
    for row in out:
        row["outlets"] = sorted(row["outlets"])
    return out


def estimate_dict(est: Estimate) -> dict[str, Any]:
    """An estimate with everything behind it, ready for ``json.dumps``."""
    return {
        "quantity": est.quantity,
        "label": est.label,
        "unit": est.unit,
        "cumulative": est.cumulative,
        "low": est.low,
        "best": est.best,
        "high": est.high,
        "period": est.period,
        "summary": estimate_text(est),
        "sources": est.sources,
        "by_source": source_rows(est),
        "reasons": list(est.reasons),
        "reports": [report_dict(r) for r in est.reports],
        "conflicts": [conflict_dict(c) for c in est.conflicts],
    }
