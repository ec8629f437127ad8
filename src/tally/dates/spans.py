"""Moments and periods as users type them: ``--since 2025-09-02``, ``--since 2h``, ``--every 15m``."""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
from datetime import UTC, datetime, timedelta

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)


def parse_duration(text: str) -> float:
    """Seconds in a duration: "15m", "1h", "90s", "2d", or a bare number of seconds.

    Raises:
        ValueError: Not a positive duration.
    """
    m = _DURATION.match(text)
    if not m or float(m.group(1)) <= 0:
        raise ValueError(f"not a duration: {text!r} (try 30s, 15m, 1h or 1d)")
    return float(m.group(1)) * _UNITS[(m.group(2) or "s").lower()]


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """The moment ``--since`` names: an ISO date or date-time (UTC unless it says), or a
    duration back from now ("24h", "7d").

    Args:
        text: What the user typed.
        now: The present, for durations; the clock's by default.

    Raises:
        ValueError: Neither a date nor a duration.
    """
    try:
        return (now or datetime.now(UTC)) - timedelta(seconds=parse_duration(text))
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"not a date: {text!r} (try 2025-09-02, 2025-09-02T14:30 or 24h)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_stamp(text: str) -> datetime | None:
    """A stored UTC time stamp ("2026-12-01T21:30:00.123456+00:00"), or None if unreadable."""
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
