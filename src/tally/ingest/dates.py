"""Publication dates: read from metadata, or inferred from the dates the body mentions.

Dates are ISO strings of the precision the source gives ("2025", "2025-01", "2025-01-15").
Inference looks only at explicit dates (with a year): "7 February 2025", "Feb. 7, 2025",
"mid-March 2025", "fall 2024", "in 2023". Relative phrases ("in March of this year", "last
week") say nothing without an anchor, so they are ignored. A regex finds the candidates;
dateparser (slow, and noisy on free text) is kept for odd metadata values only.
"""

from __future__ import annotations

import re
from datetime import date

from tally.datewords import MONTH_NUMBERS as MONTHS
from tally.datewords import PART_OF as _PART
from tally.types import DateOrigin

# Winter straddles two years, so it only tells the year.
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 0}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_YEAR = r"(?:19|20)\d\d"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# A bare year needs a temporal word before it, so "2000 troops" or "1,000" is never a year.
_YEAR_CUE = r"(?:in|since|by|from|of|until|till|through|before|after|during|early|mid|late)"

EXPLICIT_DATE = re.compile(
    rf"(?<![\w-])(?:(?P<iso>{_YEAR})-(?P<iso_m>[01]\d)(?:-(?P<iso_d>[0-3]\d))?(?![\d-])"
    rf"|(?P<d1>{_DAY})\s+(?P<m1>{_MONTH})\.?,?\s+(?P<y1>{_YEAR})"
    rf"|{_PART}(?P<m2>{_MONTH})\.?\s+(?:(?P<d2>{_DAY}),?\s+)?(?:of\s+)?(?P<y2>{_YEAR})"
    rf"|{_PART}(?P<season>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<y3>{_YEAR})"
    rf"|\b{_YEAR_CUE}\s+(?:the\s+(?:year\s+)?)?(?P<y4>{_YEAR})(?:\s*[-–]\s*(?P<y4b>(?:19|20)?\d\d))?)(?![\w,]\d|\d)",
    re.IGNORECASE,
)
# Words that make a date in the same sentence a plan or a forecast, not something that happened.
_FUTURE = re.compile(
    r"\b(?:will|would|shall|could|might|next|(?:expected|expects|plans|planned|planning|due|set"
    r"|scheduled|intends|intended|aims|projected|forecast) (?:to|for|by)\b)",
    re.IGNORECASE,
)
_HAS_YEAR = re.compile(r"(?:19|20)\d\d")
# A sentence ends before a capital, so "Feb. 7, 2025" stays in one piece.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“‘'(]?[A-Z])|\n")


def parse_date(value: str) -> str | None:
    """The ISO date one explicit date expression stands for ("Feb. 7, 2025" -> "2025-02-07").

    Args:
        value: A date as news text or page metadata writes it; the whole string must be a date,
            optionally followed by a time ("2025-03-18T09:30:00+00:00").

    Returns:
        The ISO string at the precision given, or None when it is not an explicit date.
    """
    text = value.strip()
    iso = re.match(r"^((?:19|20)\d\d)(?:-([01]\d)(?:-([0-3]\d))?)?(?:[T ][\d:.+Z-]*)?$", text)
    if iso:
        return _iso(iso.group(1), iso.group(2), iso.group(3))
    numeric = re.match(r"^(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d\d)(?:,?\s+\d{1,2}[:.]\d{2})?$", text)
    if numeric:
        return _numeric_date(*numeric.group(1, 2, 3, 4))
    m = EXPLICIT_DATE.fullmatch(text.rstrip("."))
    return _resolve(m) if m else None


def _numeric_date(first: str, sep: str, second: str, year: str) -> str | None:
    """ "15.11.2025" (day first, as dots are written), "11/15/2025" or "15/11/2025" when only one
    reading is a date; "3/4/2025" says nothing sure, so None."""
    a, b = int(first), int(second)
    if sep == "." or (a > 12 >= b):
        day, month = a, b
    elif b > 12 >= a:
        day, month = b, a
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year}-{month:02d}-{day:02d}"


def normalise_date(value: str | None) -> str | None:
    """An ISO date from a metadata value in any common format, or None when there is none.

    Explicit shapes are read by :func:`parse_date`; anything else goes to dateparser, but only
    when it holds a four-digit year, so a relative value such as "yesterday" is not read
    against today's clock.
    """
    if value is None or not str(value).strip():
        return None
    found = parse_date(str(value))
    if found or not re.search(r"\b(?:19|20)\d\d\b", str(value)):
        return found
    import dateparser  # slow to import; only odd metadata values need it

    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]}
    parsed = dateparser.parse(str(value), languages=["en"], settings=settings)  # type: ignore[arg-type]
    return parsed.date().isoformat() if parsed else None


def mentioned_dates(text: str, today: date | None = None) -> list[tuple[str, bool]]:
    """Every explicit date the text mentions, as (ISO string, whether it looks ahead).

    Dates after ``today`` (the clock's date by default) are left out: no text is published
    after the day it is read.
    """
    limit = (today or date.today()).isoformat()
    found: list[tuple[str, bool]] = []
    for sentence in _SENTENCE_END.split(text):
        if not _HAS_YEAR.search(sentence):
            continue  # every explicit date has a year; most sentences have none
        for m in EXPLICIT_DATE.finditer(sentence):
            # Looking ahead: a future word before the date ("expected to deploy by March 2025").
            ahead = bool(_FUTURE.search(sentence, 0, m.start()))
            value = _resolve(m)
            if value and value[: len(limit)] <= limit[: len(value)]:
                found.append((value, ahead))
    return found


def infer_published(body: str, today: date | None = None) -> tuple[str | None, DateOrigin | None]:
    """The earliest the text can have been published: the latest date its body mentions.

    Years alone count only when the text names no month or day. A date in a sentence that
    looks ahead ("expected to deploy by mid-March 2025") is no lower bound on publication, so
    it only gives its year, and only when no past date does better.

    Args:
        body: The article's body text (comments and furniture left out).
        today: The latest date a text can mention; the clock's date by default.

    Returns:
        The ISO date and "inferred", or (None, None) when the body names no date.
    """
    dates = mentioned_dates(body, today)
    past = [d for d, ahead in dates if not ahead]
    looking_ahead = [d[:4] for d, ahead in dates if ahead]
    fine = [d for d in past if len(d) > 4]
    best = max(fine or past, default=None)
    if looking_ahead and (best is None or max(looking_ahead) > best[:4]):
        best = max(looking_ahead)
    return (best, "inferred") if best else (None, None)


def _resolve(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    if g["iso"]:
        return _iso(g["iso"], g["iso_m"], g["iso_d"])
    if g["y1"]:
        return _iso(g["y1"], MONTHS[g["m1"][:3].lower()], g["d1"])
    if g["y2"]:
        return _iso(g["y2"], MONTHS[g["m2"][:3].lower()], g["d2"])
    if g["y3"]:
        return _iso(g["y3"], SEASONS[g["season"].lower()] or None, None)
    year = g["y4"]
    if g["y4b"]:  # "1950-53": the range's end
        end = g["y4b"] if len(g["y4b"]) == 4 else year[:2] + g["y4b"]
        year = max(year, end)
    return _iso(year, None, None)


def _iso(year: str, month: str | int | None, day: str | None) -> str | None:
    if month is None:
        return year
    day_num = int(re.sub(r"\D", "", day)) if day else None
    try:
        date(int(year), int(month), day_num or 1)  # checks 31 February and the like
    except ValueError:
        return None
    iso = f"{year}-{int(month):02d}"
    return f"{iso}-{day_num:02d}" if day_num else iso
