"""Publication dates: read from metadata, or from the page's own text.

Dates are ISO strings of the precision the source gives ("2025", "2025-01", "2025-01-15"). The
date grammar is :mod:`tally.dates`, the one the extractor reads as_of with; this module applies
it to metadata values and to a page whose date nobody gave: a dateline or a caption's full date
is the page's own day, and otherwise the latest full date the body mentions is a lower bound on
publication. A year alone never dates a page ("first described in 1958"). dateparser (slow, and
noisy on free text) is kept for odd metadata values only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from urllib.parse import urlsplit

from tally import lexicon
from tally import rx as re  # linear-time matching: see tally/rx.py
from tally.dates.grammar import DATE_RE, WIRE_AGENCIES, explicit_dates, latest_full_mention, mentioned_dates, to_iso
from tally.types import DateOrigin

__all__ = [
    "caption_day", "caption_line", "dateline_day", "dateline_phrase", "infer_published",
    "latest_mention", "mentioned_dates", "normalise_date", "parse_date", "url_day", "wire_day",
]  # fmt: skip


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
        month = iso.group(2)
        return to_iso(int(iso.group(1)), int(month) if month else None, iso.group(3))
    numeric = re.match(r"^(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d\d)(?:,?\s+\d{1,2}[:.]\d{2})?$", text)
    if numeric:
        return _numeric_date(*numeric.group(1, 2, 3, 4))
    whole = text.rstrip(".")
    found = [d for d in explicit_dates(whole) if d.start == 0 and d.end == len(whole)]
    return found[0].value if found else None


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


def infer_published(body: str, today: date | None = None) -> tuple[str | None, DateOrigin | None]:
    """The earliest the text can have been published: the latest full date its body mentions.

    Only a date with a month (or a day) counts: a year alone is background as often as not
    ("since Hurricane Maria in 2017"), and a date that looks ahead ("expected to deploy by
    mid-March 2025") is a plan, no lower bound on publication.

    Args:
        body: The article's body text (comments and furniture left out).
        today: The latest date a text can mention; the clock's date by default.

    Returns:
        The ISO date and "inferred", or (None, None) when the body names no full date.
    """
    best = latest_full_mention(body, today)
    return (best.value, "inferred") if best else (None, None)


def latest_mention(body: str, today: date | None = None) -> tuple[str, str] | None:
    """The date :func:`infer_published` reads, with the words it is written in ("March 16, 2021")."""
    best = latest_full_mention(body, today)
    return (best.value, best.text) if best else None


# A URL's date path: "/2021/02/16/", "/2021-02-16-storm", "/20210216/". A year alone
# ("/2021/storm") is a section, and a month alone ("/2013/04") most often an archive page
# listing a month of posts: neither dates an article.
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)([/-])([01]\d)\2([0-3]\d)(?=[/_.-]|$)"
    r"|/((?:19|20)\d\d)([01]\d)([0-3]\d)(?=/)"
)


def url_day(url: str | None) -> tuple[str, str] | None:
    """The day a URL's path gives ("https://x.com/2021/02/16/storm" -> "2021-02-16"), with the
    part of the path it is read from, or None.

    Args:
        url: The article's address.
    """
    if not url or "//" not in url:
        return None
    path = urlsplit(url).path
    m = _URL_DATE.search(path)
    if m is None:
        return None
    if m.group(1):
        value = to_iso(int(m.group(1)), int(m.group(3)), m.group(4))
    else:
        value = to_iso(int(m.group(5)), int(m.group(6)), m.group(7))
    return (value, m.group(0)) if value and value <= date.today().isoformat() else None


# A dateline opens a story with its place: "MANILA, May 3 (AFP) -", "Makkah, 20 June 2024 -",
# "HOUSTON, Texas, March 4, 2025 —". What follows the place is read as a date.
_PLACE = re.compile(r"^[A-Z][A-Za-z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.]{1,20})?,\s+", re.MULTILINE)
# A dateline opens the story: it is looked for in the first characters of the body only, so a
# "Paris, 4 May 2024 –" line further down (a quoted item, a timeline) dates nothing.
OPENING = 1500
# A dateline's date ends at the wire's name, a dash or a colon.
_DATELINE_END = re.compile(rf"\s*(?:\((?:{WIRE_AGENCIES})\)\s*)?[-–—:]|\s*\((?:{WIRE_AGENCIES})\)")
# "Lima, Peru, Saturday, May 4, 2024 —": a weekday may come before a dateline's date.
_WEEKDAY_FIRST = re.compile(rf"{lexicon.alternation('calendar.weekdays')},?\s+", re.IGNORECASE)
# A credit that closes a caption line, besides the shapes chrome knows: "... on June 7, 2023.
# Image Credit: AFP", "... on Thursday. (Photo by J. Doe)".
_CREDIT = re.compile(
    rf"\b{lexicon.alternation('page.pictures')}s?\s+{lexicon.alternation('page.credit_links')}\s*:"
    rf"|\({lexicon.alternation('page.pictures')}s?\s+{lexicon.alternation('page.credit_links')}\b",
    re.IGNORECASE,
)


def dateline_day(text: str) -> str | None:
    """The date a story's dateline gives, when it gives its year ("Makkah, 20 June 2024 –").

    Args:
        text: The page's text (the body, or body and furniture).

    Returns:
        The ISO day, or None when no dateline with a full date opens a line.
    """
    found = dateline_phrase(text)
    return found[0] if found else None


def dateline_phrase(text: str) -> tuple[str, str] | None:
    """The day :func:`dateline_day` reads, with the dateline it is read from ("LIMA, May 4, 2024")."""
    for place in _PLACE.finditer(text, 0, OPENING):
        d = _date_at(text, place.end())
        if d is not None and _DATELINE_END.match(text, d[1]):
            return d[0], text[place.start() : d[1]]
    return None


def caption_day(text: str, is_caption: Callable[[str], bool]) -> str | None:
    """The latest full day a photo caption gives ("... near Kolkata on June 7, 2023. Image
    Credit: AFP"): news photos run with the story of their day.

    Args:
        text: The page's text; each line with a photo credit is read as a caption.
        is_caption: Whether a line is a caption or credit in the shapes ingest knows
            (:func:`tally.ingest.chrome.is_caption`); ingest's page furniture, not a date.

    Returns:
        The ISO day, or None when no caption gives a day with its year.
    """
    found = caption_line(text, is_caption)
    return found[0] if found else None


def caption_line(text: str, is_caption: Callable[[str], bool]) -> tuple[str, str] | None:
    """The day :func:`caption_day` reads, with the caption's words around it."""
    days = [
        (d.value, line.strip())
        for line in text.split("\n")
        if is_caption(line) or _CREDIT.search(line)
        for d in explicit_dates(line)
        if len(d.value) == 10
    ]
    return max(days, default=None, key=lambda d: d[0])


def wire_day(text: str, year: str) -> str | None:
    """The day a dateline without a year gives ("KYIV, March 3 (Reuters) -"), put in ``year``.

    Args:
        text: The page's text.
        year: The year the story is known (or inferred) to be of.

    Returns:
        The ISO day, or None when no line opens with a place and a month and day.
    """
    for place in _PLACE.finditer(text, 0, OPENING):
        m = DATE_RE.match(text, place.end())
        day = m and (m.group("d1") or m.group("d2"))
        if m and day and not m.group("y1") and not m.group("y2") and _DATELINE_END.match(text, m.end()):
            return parse_date(f"{m.group('m1') or m.group('m2')} {day}, {year}")
    return None


def _date_at(text: str, pos: int) -> tuple[str, int] | None:
    """The full day written at ``pos`` (a weekday before it allowed), and where it ends."""
    weekday = _WEEKDAY_FIRST.match(text, pos)
    start = weekday.end() if weekday else pos
    line_end = text.find("\n", start)
    found = explicit_dates(text[start : line_end if line_end >= 0 else len(text)])
    if found and found[0].start == 0 and len(found[0].value) == 10:
        return found[0].value, start + found[0].end
    return None
