"""When a figure holds, as an interval of days.

A claim's period is its ``as_of`` ("2025-01" covers all of January). Without one, it is the
day the article was published (``dated`` False): a figure a paper prints without a date is the
paper's figure of that day. Widening it backwards made two papers' figures three days apart
"overlap" (9,000 in shelters on the 13th against 6,500 on the 16th), so it is not widened.
A dated period ends no later than the article's publication: "18,000 earlier this year" in a
paper of 20 March is a figure of 1 January to 20 March, not of the whole year.
Two reports are in *distinct* periods only when one interval ends before the other starts.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from tally.dates.grammar import parse_iso


@dataclass(frozen=True)
class Period:
    """An interval of days (proleptic ordinals); ``label`` is the ISO text it came from."""

    start: int
    end: int
    label: str
    dated: bool

    def before(self, other: Period) -> bool:
        """Whether this period ends before the other begins."""
        return self.end < other.start

    def overlaps(self, other: Period) -> bool:
        """Whether the two intervals share a day."""
        return not (self.before(other) or other.before(self))


def iso_span(text: str | None) -> tuple[int, int] | None:
    """The first and last day (ordinals) of an ISO date of year, month or day precision; None
    if it is no date."""
    first = parse_iso(text)
    if first is None or text is None:
        return None
    precision = len(text.strip()[:10].split("-"))
    if precision == 1:
        last = date(first.year, 12, 31)
    elif precision == 2:
        last = date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    else:
        last = first
    return first.toordinal(), last.toordinal()


@lru_cache(maxsize=65536)
def claim_period(as_of: str | None, published: str | None) -> Period | None:
    """The period of a claim from its as_of, else from its article's publication date."""
    dated = iso_span(as_of)
    pub = iso_span(published)
    if dated is not None and as_of is not None:
        # "18,000 earlier this year" in a paper of 20 March holds by 20 March, not all year.
        end = min(dated[1], pub[1]) if pub is not None and pub[1] >= dated[0] else dated[1]
        return Period(dated[0], end, as_of[:10], True)
    if pub is not None and published is not None:
        return Period(pub[0], pub[1], published[:10], False)
    return None


def sort_key(period: Period | None) -> tuple[int, int, str]:
    """Orders periods by end, then start; unknown periods first."""
    if period is None:
        return (-1, -1, "")
    return (period.end, period.start, period.label)
