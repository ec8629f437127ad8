"""Dates, in one place: the grammar of date expressions, publication dates, periods, spans.

- :mod:`.grammar`: finds date expressions in text and resolves them to ISO strings; both
  ingest (publication dates) and extract (a figure's as_of) read dates through it.
- :mod:`.published`: a page's publication date (metadata values, datelines, the body).
- :mod:`.periods`: when a figure holds, as an interval of days (reconcile compares them).
- :mod:`.spans`: durations and moments a user types ("15m", "7d", "2025-03-01").

The most-used names are importable from ``tally.dates`` itself.
"""

from tally.dates.grammar import (
    DATE_RE,
    MONTHS,
    SEASONS,
    WIRE_AGENCIES,
    Anchor,
    DateExpr,
    explicit_dates,
    find_dates,
    latest_date,
    latest_full_date,
    mentioned_dates,
    nearest_date,
    parse_iso,
    to_iso,
)

__all__ = [
    "DATE_RE",
    "MONTHS",
    "SEASONS",
    "WIRE_AGENCIES",
    "Anchor",
    "DateExpr",
    "explicit_dates",
    "find_dates",
    "latest_date",
    "latest_full_date",
    "mentioned_dates",
    "nearest_date",
    "parse_iso",
    "to_iso",
]
