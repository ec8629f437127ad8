"""Tables as downloads: the same rows as JSON or CSV, with a file name."""

from __future__ import annotations

import csv
import io
import json
from tally import rx as re  # linear-time matching: see tally/rx.py
from collections.abc import Sequence
from enum import Enum
from typing import Any

from fastapi.responses import Response
from pydantic import BaseModel

from tally.types import Estimate


class TableFormat(str, Enum):
    """How a table is answered: JSON (the default) or CSV."""

    json = "json"
    csv = "csv"


CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}}}
}


def table_response(
    rows: Sequence[BaseModel | dict[str, Any]], fmt: TableFormat, name: str, download: bool
) -> Response:
    """Rows as a JSON array or a CSV file.

    Args:
        rows: Flat rows (lists become ";"-joined cells in CSV).
        fmt: JSON or CSV.
        name: The download's file name, without extension.
        download: Ask the browser to save the file rather than show it.
    """
    dicts = [r.model_dump() if isinstance(r, BaseModel) else r for r in rows]
    filename = re.sub(r"[^A-Za-z0-9_.-]+", "_", name) + "." + fmt.value
    headers = {"content-disposition": f'attachment; filename="{filename}"'} if download else {}
    if fmt is TableFormat.json:
        body = json.dumps(dicts, ensure_ascii=False, indent=1)
        return Response(body, media_type="application/json", headers=headers)
    out = io.StringIO()
    columns = list(dicts[0]) if dicts else []
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in dicts:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # a spreadsheet would run it as a formula
    return value


def source_rows(estimate: Estimate) -> list[dict[str, Any]]:
    """The sources table of a quantity page: one row per independent report."""
    return [
        {
            "source": r.source,
            "source_kind": r.source_kind,
            "figure": r.value_text,
            "low": r.low,
            "high": r.high,
            "approx": r.approx,
            "period": r.period,
            "outlets": list(r.outlets),
            # A report read from the store keeps its first claims whole and every id.
            "claim_ids": list(getattr(r, "claim_ids", None) or [c.id for c in r.claims]),
        }
        for r in estimate.reports
    ]


def conflict_rows(estimate: Estimate) -> list[dict[str, Any]]:
    """The conflicts table of a quantity page: one row per conflict."""
    from tally.report.data import REASON_LABELS

    return [
        {
            "reason": c.reason,
            "reason_label": REASON_LABELS.get(c.reason, c.reason),
            "a_source": c.a.source,
            "a_figure": c.a.value_text,
            "a_period": c.a.period,
            "b_source": c.b.source,
            "b_figure": c.b.value_text,
            "b_period": c.b.period,
            "explanation": c.explanation,
        }
        for c in estimate.conflicts
    ]
