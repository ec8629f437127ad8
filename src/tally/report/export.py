"""Claims, estimates and sources out as JSON Lines or CSV, one row each.

A claim row has every field of :class:`Claim` and its article's outlet, title, url and
publication date. ``doc`` is the article's file name, which is what ``../shared/eval/score.py``
matches on. Claims from comments and furniture are written with their ``part``; readers filter
them. Estimate and source rows are those of the database's ``estimates`` and ``sources``
tables (lists as JSON in JSONL, joined with " | " in CSV).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import Any, Literal, TextIO

from tally.types import Article, Claim

ExportFormat = Literal["jsonl", "csv"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("jsonl", "csv")

_FIRST = ("doc", "sentence", "mention", "low", "high", "approx", "unit", "quantity", "source")
# Every Claim field, the ones a reader looks at first leading.
FIELDS: tuple[str, ...] = _FIRST + tuple(f.name for f in fields(Claim) if f.name not in _FIRST)
# The article's metadata each claim row carries, after the claim's own fields.
ARTICLE_COLUMNS: tuple[str, ...] = ("outlet", "title", "url", "published")

# A spreadsheet runs a cell that starts with one of these as a formula; article text is
# untrusted, so such cells are written with a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _rows(claims: Iterable[Claim], articles: Mapping[str, Article]) -> Iterable[dict[str, Any]]:
    for claim in claims:
        row = claim.to_dict()
        article = articles.get(claim.article_id or "")
        out = {k: row[k] for k in FIELDS}
        out.update({k: getattr(article, k) if article else None for k in ARTICLE_COLUMNS})
        yield out


def write_claims(
    claims: Iterable[Claim],
    fmt: ExportFormat,
    out: TextIO,
    articles: Mapping[str, Article] | None = None,
) -> int:
    """Write claims to ``out``, one row per claim.

    Args:
        claims: The claims to write, in order.
        fmt: "jsonl" (one JSON object per line) or "csv" (a header row, then one row per
            claim; ``source_chain`` joined with " > ").
        out: A text stream.
        articles: The articles by id, for each row's outlet, title, url and publication date.

    Returns:
        The number of claims written.

    Raises:
        ValueError: ``fmt`` is not one of :data:`EXPORT_FORMATS`.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {EXPORT_FORMATS}")
    return write_rows(_rows(claims, articles or {}), FIELDS + ARTICLE_COLUMNS, fmt, out)


def write_rows(
    rows: Iterable[dict[str, Any]], columns: tuple[str, ...], fmt: ExportFormat, out: TextIO
) -> int:
    """Write dict rows as JSON Lines or CSV (formula-like cells defused).

    Args:
        rows: The rows, each with the keys of ``columns``.
        columns: The CSV header, in order.
        fmt: "jsonl" or "csv".
        out: A text stream.

    Returns:
        The number of rows written.

    Raises:
        ValueError: ``fmt`` is not one of :data:`EXPORT_FORMATS`.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {EXPORT_FORMATS}")
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps({k: row[k] for k in columns}, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_cell(row[k], k) for k in columns})
        count += 1
    return count


def _csv_cell(value: Any, column: str = "") -> Any:
    if isinstance(value, list):
        value = (" > " if column == "source_chain" else " | ").join(str(v) for v in value)
    elif isinstance(value, dict):
        value = "; ".join(f"{k}: {v}" for k, v in sorted(value.items()))
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
