"""Claims out as JSON Lines or CSV, one row per claim, every field of :class:`Claim`.

``doc`` is the article's file name, which is what ``../shared/eval/score.py`` matches on. Claims
from comments and furniture are written with their ``part``; readers filter them.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import fields
from typing import Any, Literal, TextIO

from tally.types import Claim

ExportFormat = Literal["jsonl", "csv"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("jsonl", "csv")

_FIRST = ("doc", "sentence", "mention", "low", "high", "approx", "unit", "quantity", "source")
# Every Claim field, the ones a reader looks at first leading.
FIELDS: tuple[str, ...] = _FIRST + tuple(f.name for f in fields(Claim) if f.name not in _FIRST)

# A spreadsheet runs a cell that starts with one of these as a formula; article text is
# untrusted, so such cells are written with a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_claims(claims: Iterable[Claim], fmt: ExportFormat, out: TextIO) -> int:
    """Write claims to ``out``, one row per claim.

    Args:
        claims: The claims to write, in order.
        fmt: "jsonl" (one JSON object per line) or "csv" (a header row, then one row per
            claim; ``source_chain`` joined with " > ").
        out: A text stream.

    Returns:
        The number of claims written.

    Raises:
        ValueError: ``fmt`` is not one of :data:`EXPORT_FORMATS`.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {EXPORT_FORMATS}")
    count = 0
    if fmt == "jsonl":
        for claim in claims:
            row = claim.to_dict()
            out.write(json.dumps({k: row[k] for k in FIELDS}, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for claim in claims:
        writer.writerow({k: _csv_cell(v) for k, v in claim.to_dict().items()})
        count += 1
    return count


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        value = " > ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = "; ".join(f"{k}: {v}" for k, v in sorted(value.items()))
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
