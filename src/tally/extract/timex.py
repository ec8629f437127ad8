"""When a figure holds: date expressions in a sentence, resolved against an anchor date.

dateparser reads explicit dates; the shapes it misses in news text ("mid-January", "fall
2024", "that same year", "March of this year") are handled here. A month without a year is
resolved against the anchor: with a known publication date, to its latest occurrence not
after it; with only an inferred anchor (the latest date the text mentions), to its nearest
occurrence, since a text runs on past the last date it spells out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from tally.datewords import MONTH_NUMBERS as MONTH_NUM
from tally.datewords import PART_OF as _PART
from tally.extract.nonclaims import MONTHS

SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

DATE_RE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{MONTHS})\.?,?(?:\s+(?P<y1>\d{{4}}))?"
    rf"|{_PART}(?P<m2>{MONTHS})\.?(?:\s+(?P<d2>\d{{1,2}})(?!\d))?(?:,?\s+(?P<y2>\d{{4}})"
    rf"|\s+of\s+(?P<rel2>this|last|next)\s+year)?"
    rf"|{_PART}(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<y3>\d{{4}}))?"
    rf"|(?:(?:early|mid|late|the end of|end of)[\s-]+)?(?<![-\d,.])(?P<y4>(?:19|20)\d\d)(?![-\d]|,\d)"
    rf"|(?P<rel>(?:this|last|next|that same|the same|that|previous) (?:year|month|week))"
    rf"|(?P<day>yesterday|today)"
    rf"|(?P<ago>(?:a|an|one|two|three|four|five|six|seven|\d{{1,2}})\s+(?P<agounit>days?|weeks?)\s+ago)"
    rf"|(?:(?P<wdp>on|last|by|since|as of|as at|until|through)\s+)?(?P<wd>{'|'.join(WEEKDAYS)})(?!'s\s+(?:vote|election|game|match|deadline)))\b",
    re.IGNORECASE,
)
# "since March", "since the war began in 2022", "since the outbreak was declared on 28
# October": the start of a count, not the date it describes.
_SINCE_BEFORE = re.compile(
    r"\bsince\s+(?:the\s+)?$|\bsince\b[^,;.]{0,40}\b(?:began|started|erupted|broke out|was declared"
    r"|were declared|struck|hit|was launched|launched|invaded|opened|took office)\s+(?:in\s+|on\s+)?$"
    r"|\bsince\b[^,;.]{0,40}\b(?:invasion|outbreak|start|beginning|onset|launch)\b[^,;.]{0,30}?\s(?:in|on)\s+$"
    r"|\b(?:until|till|untill)\s+(?:at\s+least\s+)?$",  # "until early November": an end, often ahead
    re.IGNORECASE,
)
# Between a figure and a date, a comparison hands the date to the other figure: "96,000 homes,
# compared with 64,000 in 2023"; "rose to 240, up from 185 last week".
_COMPARISON = re.compile(
    r"\b(?:compared (?:with|to)|up from|down from|versus|vs\.|a year earlier)\b", re.IGNORECASE
)
_ANY_YEAR = re.compile(r"(?<!\d)(?:1[89]|20|21)\d\d(?!\d)")
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
# Month names that are also common words need a date-like neighbour to count.
_AMBIGUOUS = {"may", "mar", "jan", "dec", "sep", "oct", "nov", "aug", "jun", "jul", "feb", "apr"}


@dataclass
class DateExpr:
    """A date expression found in a sentence, resolved to an ISO string."""

    start: int
    end: int
    text: str
    value: str
    since: bool = False


@dataclass
class Anchor:
    """What relative dates resolve against.

    Attributes:
        day: The anchor date.
        known: True for a real publication date (months resolve into the past), False for an
            inferred one (months resolve to the nearest occurrence).
        last_year: The latest year the text has mentioned so far ("that same year").
    """

    day: date | None
    known: bool
    last_year: int | None = None


def parse_iso(value: str | None) -> date | None:
    """An ISO date of any precision ("2025", "2025-01", "2025-01-15") as its first day."""
    if not value:
        return None
    m = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", value)
    if not m:
        return None
    return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def find_dates(sentence: str, anchor: Anchor) -> list[DateExpr]:
    """Every date expression in the sentence that resolves, in order."""
    found = []
    for m in DATE_RE.finditer(sentence):
        month_word = (m.group("m1") or m.group("m2") or "").lower()
        if month_word[:3] in _AMBIGUOUS and len(month_word) <= 3 and month_word != "may":
            if not (m.group("d1") or m.group("d2") or m.group("y1") or m.group("y2")):
                continue  # "Oct. 15", "15 Oct 2024" are dates; a bare "mar" or "dec" is not
        if m.group("wd") and not m.group("wdp") and not m.group("wd")[0].isupper():
            continue  # a bare weekday counts when written as a name: "officials said Sunday"
        if month_word == "may" and not (m.group("y2") or m.group("d2") or m.group("rel2")):
            if not re.search(r"\b(?:in|since|by|of|early|mid|late|until)[\s-]+$", sentence[: m.start()], re.IGNORECASE):
                continue
        value = _resolve(m, anchor)
        if value is not None:
            # "Since fall 2024, N have been sent" describes now, not fall 2024; but in
            # "since October 2024, when N arrived" the date is the figure's.
            since = bool(_SINCE_BEFORE.search(sentence[: m.start()])) or (m.group("wdp") or "").lower() == "since"
            since = since and not re.match(r"\s*,?\s*when\b", sentence[m.end() :], re.IGNORECASE)
            found.append(DateExpr(m.start(), m.end(), m.group(0), value, since))
            year = value[:4]
            if m.group("y1") or m.group("y2") or m.group("y3") or m.group("y4"):
                anchor.last_year = int(year)
    return found


def nearest_date(dates: list[DateExpr], start: int, end: int, sentence: str = "") -> str | None:
    """The date expression closest to the mention at [start, end), after it on a tie.

    Args:
        dates: The sentence's dates.
        start: Where the mention starts; end: where it ends.
        sentence: The sentence, to see comparisons between a figure and a date ("up from 185
            last week" dates 185, not the figure before it).
    """
    best: tuple[int, int] | None = None
    value = None
    for d in dates:
        if d.since:
            continue
        between = sentence[end : d.start] if d.start >= end else sentence[d.end : start]
        if between and _COMPARISON.search(between):
            continue  # "900 on Monday, up from 700": Monday is 900's date, not 700's
        distance = d.start - end if d.start >= end else start - d.end
        key = (max(distance, 0), 0 if d.start >= end else 1)
        if best is None or key < best:
            best, value = key, d.value
    return value


def _resolve(m: re.Match[str], anchor: Anchor) -> str | None:
    g = m.groupdict()
    if g["y4"]:
        return g["y4"]
    if g["rel"]:
        return _relative(g["rel"].lower(), anchor)
    if g["day"]:
        if anchor.day is None or not anchor.known:
            return None
        day = anchor.day - timedelta(days=1 if g["day"].lower() == "yesterday" else 0)
        return day.isoformat()
    if g["ago"]:
        if anchor.day is None or not anchor.known:
            return None
        count = g["ago"].split()[0].lower()
        n = int(count) if count.isdigit() else _SMALL.get(count, 1)
        days = n * (7 if g["agounit"].lower().startswith("week") else 1)
        return (anchor.day - timedelta(days=days)).isoformat()
    if g["wd"]:
        if anchor.day is None or not anchor.known:
            return None
        back = (anchor.day.weekday() - WEEKDAYS.index(g["wd"].lower())) % 7
        if back == 0 and (g["wdp"] or "").lower() == "last":
            back = 7  # "on Wednesday" in a Wednesday paper is today; "last Wednesday" is not
        return (anchor.day - timedelta(days=back)).isoformat()
    if g["season"]:
        month = SEASONS[g["season"].lower()]
        season_year = int(g["y3"]) if g["y3"] else _year_for(month, anchor)
        return None if season_year is None else f"{season_year}-{month:02d}"
    month_word = (g["m1"] or g["m2"]).lower()[:3]
    month = MONTH_NUM["sep" if month_word == "sep" else month_word]
    day_text: str | None = g["d1"] or g["d2"]
    explicit = g["y1"] or g["y2"]
    year: int | None
    if explicit:
        year = int(explicit)
    elif g["rel2"]:
        base = anchor.day.year if anchor.day else None
        shift = {"this": 0, "last": -1, "next": 1}[g["rel2"].lower()]
        year = None if base is None else base + shift
    else:
        year = _year_for(month, anchor)
    if year is None:
        return None
    if day_text and 1 <= int(day_text) <= 31:
        return f"{year}-{month:02d}-{int(day_text):02d}"
    return f"{year}-{month:02d}"


def _year_for(month: int, anchor: Anchor) -> int | None:
    if anchor.day is None:
        return None
    a = anchor.day
    if anchor.known:
        return a.year if month <= a.month else a.year - 1
    # Nearest occurrence: within six months either side of the inferred anchor.
    candidates = [a.year - 1, a.year, a.year + 1]
    return min(candidates, key=lambda y: abs((y - a.year) * 12 + month - a.month))


def _relative(rel: str, anchor: Anchor) -> str | None:
    if "same" in rel or rel.startswith("that") or rel.startswith("previous"):
        if rel.endswith("year") and anchor.last_year is not None:
            return str(anchor.last_year if "same" in rel or rel.startswith("that") else anchor.last_year - 1)
        return None
    if anchor.day is None:
        return None
    a = anchor.day
    if rel.endswith("year"):
        return str(a.year + {"this": 0, "last": -1, "next": 1}[rel.split()[0]])
    if rel.endswith("month"):
        shift = {"this": 0, "last": -1, "next": 1}[rel.split()[0]]
        months = a.year * 12 + a.month - 1 + shift
        return f"{months // 12}-{months % 12 + 1:02d}"
    if not anchor.known:
        return None
    shift_days = {"this": 0, "last": -7, "next": 7}[rel.split()[0]]
    return (a + timedelta(days=shift_days)).isoformat()[:7]


def latest_date(text: str) -> date | None:
    """The latest explicit date (with a year) the text mentions; the inferred anchor."""
    best: date | None = None
    if not _ANY_YEAR.search(text):
        return None  # only dates with a year count, and most texts are cheaper to rule out
    anchor = Anchor(None, False)
    for m in DATE_RE.finditer(text):
        if not (m.group("y1") or m.group("y2") or m.group("y3") or m.group("y4")):
            continue
        value = _resolve(m, anchor)
        d = parse_iso(value)
        if d is not None and (best is None or d > best):
            best = d
    return best
