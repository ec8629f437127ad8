"""When a figure holds: the date expressions of a sentence, resolved against an anchor date.

The grammar lives in :mod:`tally.dates`, shared with ingest's publication-date reader, so the
extractor and ingest read a date the same way; this module is the extractor's name for it.
"""

from __future__ import annotations

from tally.dates import DATE_RE, Anchor, DateExpr, find_dates, latest_date, nearest_date, parse_iso

__all__ = ["DATE_RE", "Anchor", "DateExpr", "find_dates", "latest_date", "nearest_date", "parse_iso"]
