"""Publication dates: read from metadata, or inferred from the dates the body mentions."""

from __future__ import annotations

import dateparser

from tally.extract.timex import latest_date
from tally.types import DateOrigin


def normalise_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from a metadata value in any common format, or None."""
    if not value or not str(value).strip():
        return None
    parsed = dateparser.parse(str(value), languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    return parsed.date().isoformat() if parsed else None


def infer_published(body: str) -> tuple[str | None, DateOrigin | None]:
    """The earliest the text can have been published: the latest date it mentions."""
    latest = latest_date(body)
    return (latest.isoformat(), "inferred") if latest else (None, None)
