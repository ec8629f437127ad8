"""Dates in news text: one grammar that finds date expressions and resolves them to ISO strings.

Both stages read dates through this module: ingest for a page's publication date (where only
dates that carry their year count, see :func:`explicit_dates`), extract for a figure's as_of
(where "in November", "on Friday" or "two weeks ago" resolve against an :class:`Anchor`). The
words come from the lexicon (``calendar.toml``); the date arithmetic is here. It imports nothing
heavy, so reading a publication date never loads spaCy.

A month without a year is resolved against the anchor: with a known publication date, to its
latest occurrence not after it; with only an inferred anchor (the latest date the text
mentions), to its nearest occurrence, since a text runs on past the last date it spells out.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
from dataclasses import dataclass
from datetime import date, timedelta

from tally import lexicon

_ALT = lexicon.alternation
MONTHS = _ALT("calendar.months", "calendar.month_abbreviations")
SEASONS = _ALT("calendar.seasons")
_MONTH_NUMBER = {**lexicon.mapping("calendar.months"), **lexicon.mapping("calendar.month_abbreviations")}
_SEASON_MONTH = lexicon.mapping("calendar.seasons")
_WEEKDAY_NUMBER = lexicon.mapping("calendar.weekdays")
_SHIFT = lexicon.mapping("calendar.shifts")
# Wire services, as a dateline prints them ("KYIV, March 3 (Reuters) -"): case kept.
WIRE_AGENCIES = "|".join(re.escape(a) for a in lexicon.entry("calendar.wire_agencies"))
_PART = rf"(?:{_ALT('calendar.part_of')}[\s-]+)?"
_YEAR = r"(?:19|20)\d\d"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

DATE_RE = re.compile(
    rf"(?<![\w-])(?:(?P<iso>{_YEAR})-(?P<iso_m>[01]\d)(?:-(?P<iso_d>[0-3]\d))?(?![\d-])"
    rf"|(?P<d1>{_DAY})\s+(?P<m1>{MONTHS})\.?(?:,?\s+(?P<y1>{_YEAR}))?"
    rf"|{_PART}(?P<m2>{MONTHS})\.?(?:\s+(?P<d2>{_DAY})(?!\d))?"
    rf"(?:,?\s+(?:of\s+)?(?P<y2>{_YEAR})|\s+of\s+(?P<rel2>{_ALT('calendar.shifts')})\s+year)?"
    rf"|{_PART}(?P<season>{SEASONS})(?:\s+(?:of\s+)?(?P<y3>{_YEAR}))?"
    rf"|(?P<ypart>{_ALT('calendar.year_part_of')}[\s-]+)?(?<![-\d,.])(?P<y4>{_YEAR})"
    rf"(?:\s*[-–]\s*(?P<y4b>(?:19|20)?\d\d)(?!\d))?(?![-\d]|,\d)"
    rf"|(?P<rel>(?:{_ALT('calendar.shifts', 'calendar.back_references')})\s+{_ALT('calendar.periods')})"
    rf"|(?P<day>{_ALT('calendar.days')})"
    rf"|(?P<ago>(?:{_ALT('calendar.ago_counts')}|\d{{1,2}})\s+"
    rf"(?P<agounit>{_ALT('calendar.ago_units')})\s+ago)"
    rf"|(?:(?P<wdp>{_ALT('calendar.weekday_cues')})\s+)?(?P<wd>{_ALT('calendar.weekdays')})"
    rf"(?!['’]s\s+{_ALT('calendar.weekday_events')}))\b",
    re.IGNORECASE,
)
# A bare year is a date, when a publication date is inferred, only after a temporal word
# ("in 2019"), so "2000 troops" is never a year.
_YEAR_CUE_BEFORE = re.compile(rf"\b{_ALT('calendar.year_cues')}\s+(?:the\s+(?:year\s+)?)?$", re.IGNORECASE)
_STAMP_BEFORE = re.compile(
    rf"\b{_ALT('calendar.stamp_words', 'calendar.stamp_labels')}(?:\s+on)?\s*:?\s*$", re.IGNORECASE
)
_MAY_CUE_BEFORE = re.compile(rf"\b{_ALT('calendar.may_cues')}[\s-]+$", re.IGNORECASE)
_WHEN_AFTER = re.compile(r"\s*,?\s*when\b", re.IGNORECASE)
# The cues before a date (the patterns above ending in $) are a few words long: each is looked
# for in this many characters before the date, so that a sentence of many dates costs linear
# time, not a scan of everything before each date.
_CUE_WINDOW = 200


def _ends_at(cue: re.Pattern[str], text: str, at: int) -> bool:
    """Whether ``cue`` (a pattern ending in $) matches text that ends at ``at``."""
    return cue.search(text, max(0, at - _CUE_WINDOW), at) is not None
# "since March", "since the war began in 2022", "since the outbreak was declared on 28
# October": the start of a count, not the date it describes; "until early November": an end.
_START = _ALT("calendar.start_cues")
_SINCE_BEFORE = re.compile(
    rf"\b{_START}\s+(?:the\s+)?$"
    rf"|\b{_START}\b[^,;.]{{0,40}}\b{_ALT('calendar.start_verbs')}\s+(?:in\s+|on\s+)?$"
    rf"|\b{_START}\b[^,;.]{{0,40}}\b{_ALT('calendar.start_nouns')}\b[^,;.]{{0,30}}?\s(?:in|on)\s+$"
    rf"|\b{_ALT('calendar.end_cues')}\s+(?:at\s+least\s+)?$",
    re.IGNORECASE,
)
_PERIOD_FROM = re.compile(rf"\b{_ALT('calendar.period_starts')}\s+(?:the\s+)?$", re.IGNORECASE)
# No look-ahead for the word after it: _opens_period matches a date there.
_PERIOD_TO = re.compile(rf"\s*(?:{_ALT('calendar.period_ends')}|[-–])\s*(?:the\s+)?", re.IGNORECASE)


def _opens_period(sentence: str, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` is the first of "between A and B" / "from A to B"."""
    if not _ends_at(_PERIOD_FROM, sentence, start):
        return False
    join = _PERIOD_TO.match(sentence, end)
    return join is not None and DATE_RE.match(sentence, join.end()) is not None


# Between a figure and a date, a comparison hands the date to the other figure: "96,000 homes,
# compared with 64,000 in 2023"; "rose to 240, up from 185 last week".
_COMPARISON = re.compile(
    r"\b(?:compared (?:with|to)|up from|down from|versus|vs\.|a year earlier)\b", re.IGNORECASE
)
# Words that make a date in the same sentence a plan or a forecast, not something that happened.
_FUTURE = re.compile(
    rf"\b(?:{lexicon.alternation('modality.future')}"
    rf"|{lexicon.alternation('modality.ahead', 'modality.planned.words', 'modality.projected.words')}\s+(?:to|for|by))\b",
    re.IGNORECASE,
)
_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# A sentence ends before a capital, so "Feb. 7, 2025" stays in one piece.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“‘'(]?[A-Z])|\n")


@dataclass
class DateExpr:
    """A date expression found in a text, resolved to an ISO string.

    Attributes:
        start: Where it starts in the text searched; end: where it ends.
        text: The expression as written.
        value: The ISO date, at the precision the text gives ("2025", "2025-01", "2025-01-15").
        since: True when it is the start or the end of a count ("since March"), not its date.
        explicit: True when it carries its own year ("7 Feb 2025", "in 2019"), so it reads
            the same whatever the anchor.
        bare_year: True for a year alone ("in 2019", "early 2025").
    """

    start: int
    end: int
    text: str
    value: str
    since: bool = False
    explicit: bool = False
    bare_year: bool = False


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
    """An ISO date of any precision ("2025", "2025-01", "2025-01-15") as its first day; None
    when it is no date (the one reader of ISO dates: periods, reports and the CLI use it too)."""
    if not value:
        return None
    m = _ISO.match(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:  # "2025-13": no such month
        return None


_ISO = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def find_dates(sentence: str, anchor: Anchor) -> list[DateExpr]:
    """Every date expression in the sentence that resolves, in order.

    Args:
        sentence: The text to search (a sentence, for the since/comparison rules to hold).
        anchor: What relative dates resolve against; its ``last_year`` is updated by every
            date with a year, for a later "that same year".

    Returns:
        The resolved expressions, in text order. A page's date stamp caught in the sentence
        ("date 2023-03-21 Amazon has revealed ...", "Updated March 3, 2025") is the page's,
        not a date the sentence gives, and is left out.
    """
    return _find(sentence, anchor, stamps=False)


def _find(sentence: str, anchor: Anchor, stamps: bool) -> list[DateExpr]:
    found = []
    for m in DATE_RE.finditer(sentence):
        if not _is_date(m, sentence):
            continue
        if not stamps and _ends_at(_STAMP_BEFORE, sentence, m.start()):
            continue
        value = _resolve(m, anchor)
        if value is None:
            continue
        # "Since fall 2024, N have been sent" describes now, not fall 2024; but in
        # "since October 2024, when N arrived" the date is the figure's.
        since = _ends_at(_SINCE_BEFORE, sentence, m.start())
        since = since or (m.group("wdp") or "").lower() in lexicon.words("calendar.start_cues")
        since = since and not _WHEN_AFTER.match(sentence, m.end())
        # "between July and October", "from May to June": a period's start; its end dates it.
        since = since or _opens_period(sentence, m.start(), m.end())
        explicit = _has_year(m)
        found.append(DateExpr(m.start(), m.end(), m.group(0), value, since, explicit, bool(m.group("y4"))))
        if explicit:
            anchor.last_year = int(value[:4])
    return found


def explicit_dates(text: str) -> list[DateExpr]:
    """The dates in ``text`` that carry their own year, read without an anchor.

    A bare year counts only after a temporal word ("in 2019", not "2000 troops"); a winter
    tells only its year, since it runs from December into the next.
    """
    found: list[DateExpr] = []
    if not _ANY_YEAR.search(text):
        return found  # every explicit date has a year, and most texts are cheaper to rule out
    anchor = Anchor(None, False)
    for d in _find(text, anchor, stamps=True):
        if not d.explicit:
            continue
        if d.bare_year and not (_ends_at(_YEAR_CUE_BEFORE, text, d.start) or d.text[0].isalpha()):
            continue
        if _straddles_a_year(d.text):
            d.value = d.value[:4]
        found.append(d)
    return found


def mentioned_dates(text: str, today: date | None = None) -> list[tuple[str, bool]]:
    """Every explicit date the text mentions, as (ISO string, whether it looks ahead).

    Args:
        text: The text to search, sentence by sentence.
        today: Dates after it are left out (no text is published after the day it is read);
            the clock's date by default.

    Returns:
        (ISO date, looks ahead) pairs in text order; a date looks ahead when a future word
        comes before it in its sentence ("expected to deploy by March 2025"). A date the text
        reports as an earlier stage of the story ("previously reported as 210 in July 2021")
        is left out: it says when something was said before, not when the text was written.
    """
    return [(d.value, ahead) for d, ahead in dated_mentions(text, today)]


def dated_mentions(text: str, today: date | None = None) -> list[tuple[DateExpr, bool]]:
    """The expressions behind :func:`mentioned_dates`, each with whether it looks ahead."""
    limit = (today or date.today()).isoformat()
    found: list[tuple[DateExpr, bool]] = []
    for sentence in _SENTENCE_END.split(text):
        future = _FUTURE.search(sentence)  # once: the first future word, not a rescan per date
        for d in explicit_dates(sentence):
            clause = max(sentence.rfind(mark, max(0, d.start - 200), d.start) for mark in ",;:(—") + 1
            if _EARLIER.search(sentence, max(clause, d.start - 200), d.start):
                continue  # "previously reported ... in July 2021"; a bounded window, as elsewhere
            ahead = future is not None and future.end() <= d.start
            if d.value[: len(limit)] <= limit[: len(d.value)]:
                found.append((d, ahead))
    return found


# Words that make a date in the same clause an earlier report's ("previously reported as 210
# deaths in July 2021", "initially put at 40 in May 2024").
_EARLIER = re.compile(rf"\b{_ALT('calendar.earlier_cues')}\b", re.IGNORECASE)


def latest_full_date(text: str, today: date | None = None) -> str | None:
    """The latest date with a month (or a day) the text mentions as past: a lower bound on
    when it was written.

    A year alone is no such bound that a reader can use ("first described in 1958", "since
    Hurricane Maria in 2017" are background), and a date that looks ahead ("expected by March
    2025") is a plan, not a past; neither counts.

    Args:
        text: The text (a body, without comments and furniture).
        today: The latest date a text can mention; the clock's date by default.

    Returns:
        The ISO date ("2025-03" or "2025-03-07"), or None when the text names none.
    """
    found = latest_full_mention(text, today)
    return found.value if found else None


def latest_full_mention(text: str, today: date | None = None) -> DateExpr | None:
    """The expression behind :func:`latest_full_date` (the first one, on a tie), or None."""
    full = [d for d, ahead in dated_mentions(text, today) if not ahead and len(d.value) > 4]
    return max(full, key=lambda d: d.value, default=None)


def latest_date(text: str) -> date | None:
    """The inferred anchor: roughly when an undated text was written.

    The latest full date it mentions as past; failing that, the latest it looks ahead to
    ("expected to deploy by mid-March 2025"), since a plan is written not long before its date
    and a month named alone then resolves to its nearest occurrence. Years alone never count.

    Args:
        text: The text (the body of an article).

    Returns:
        The anchor day (the first of a month when the date is a month), or None.
    """
    full = [(ahead, d) for d, ahead in mentioned_dates(text) if len(d) > 4]
    past = [d for ahead, d in full if not ahead]
    return parse_iso(max(past or [d for _, d in full], default=None))


def nearest_date(dates: list[DateExpr], start: int, end: int, sentence: str = "") -> str | None:
    """The date expression closest to the mention at [start, end), after it on a tie.

    Args:
        dates: The sentence's dates.
        start: Where the mention starts; end: where it ends.
        sentence: The sentence, to see comparisons between a figure and a date ("up from 185
            last week" dates 185, not the figure before it).

    Returns:
        The nearest date's ISO value, or None when no date can be the figure's.
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


_SEASON_WORD = re.compile(rf"\b{SEASONS}\b", re.IGNORECASE)


def _straddles_a_year(text: str) -> bool:
    """Whether a date names a season that starts in December and so runs into the next year."""
    season = _SEASON_WORD.search(text)
    return season is not None and _SEASON_MONTH[season.group(0).lower()] == 12


def _has_year(m: re.Match[str]) -> bool:
    return any(m.group(g) for g in ("iso", "y1", "y2", "y3", "y4"))


def _is_date(m: re.Match[str], sentence: str) -> bool:
    """Whether a match is a date, not a word that looks like one ("may", "mar", a "sunday")."""
    month_word = (m.group("m1") or m.group("m2") or "").lower()
    if month_word in lexicon.words("calendar.month_abbreviations") and len(month_word) <= 3:
        if not (m.group("d1") or m.group("d2") or m.group("y1") or m.group("y2")):
            return False  # "Oct. 15", "15 Oct 2024" are dates; a bare "mar" or "dec" is not
    if m.group("wd") and not m.group("wdp") and not m.group("wd")[0].isupper():
        return False  # a bare weekday counts when written as a name: "officials said Sunday"
    if month_word in lexicon.words("calendar.word_months") and not (m.group("y2") or m.group("d2") or m.group("rel2")):
        return bool(m.group("d1") or _ends_at(_MAY_CUE_BEFORE, sentence, m.start()))
    if m.group("season") and not m.group("y3") and _noun_after(sentence, m.end()):
        # "a summer camp", "winter storms", "spring break": a season naming a kind of thing
        return _ends_at(_SEASON_CUE_BEFORE, sentence, m.start())
    return True


_NOUN_AFTER = re.compile(r"\s+([a-z]{3,})")
_NOT_NOUNS = frozenset({"and", "when", "after", "before", "for", "was"})


def _noun_after(sentence: str, at: int) -> bool:
    """Whether a lower-case word (no function word) follows ``at``: "a summer camp"."""
    m = _NOUN_AFTER.match(sentence, at)
    return m is not None and m[1] not in _NOT_NOUNS
_SEASON_CUE_BEFORE = re.compile(r"\b(?:this|last|next|since|by|until|during|in|over|through)\s+(?:the\s+)?$", re.IGNORECASE)


def _resolve(m: re.Match[str], anchor: Anchor) -> str | None:
    g = m.groupdict()
    if g["iso"]:
        return to_iso(int(g["iso"]), int(g["iso_m"]), g["iso_d"])
    if g["y4"]:
        if not g["y4b"]:
            return g["y4"]
        end = g["y4b"] if len(g["y4b"]) == 4 else g["y4"][:2] + g["y4b"]
        return max(g["y4"], end)  # "1950-53": the range's end
    if g["rel"]:
        return _relative(" ".join(g["rel"].lower().split()), anchor)
    if g["day"] or g["ago"] or g["wd"]:
        return _day_shift(g, anchor)
    if g["season"]:
        month = _SEASON_MONTH[g["season"].lower()]
        season_year = int(g["y3"]) if g["y3"] else _year_for(month, anchor)
        return None if season_year is None else f"{season_year}-{month:02d}"
    month = _MONTH_NUMBER[(g["m1"] or g["m2"]).lower()]
    explicit = g["y1"] or g["y2"]
    year: int | None
    if explicit:
        year = int(explicit)
    elif g["rel2"]:
        year = None if anchor.day is None else anchor.day.year + _SHIFT[g["rel2"].lower()]
    else:
        year = _year_for(month, anchor)
    return None if year is None else to_iso(year, month, g["d1"] or g["d2"])


def _day_shift(g: dict[str, str | None], anchor: Anchor) -> str | None:
    """ "yesterday", "two weeks ago", "on Friday": a day counted back from a known date."""
    if anchor.day is None or not anchor.known:
        return None
    if g["day"]:
        return (anchor.day + timedelta(days=lexicon.mapping("calendar.days")[g["day"].lower()])).isoformat()
    if g["ago"]:
        count = g["ago"].split()[0].lower()
        n = int(count) if count.isdigit() else lexicon.mapping("calendar.ago_counts").get(count, 1)
        unit = lexicon.mapping("calendar.ago_units")[(g["agounit"] or "day").lower()]
        return (anchor.day - timedelta(days=n * unit)).isoformat()
    back = (anchor.day.weekday() - _WEEKDAY_NUMBER[(g["wd"] or "").lower()]) % 7
    if back == 0 and (g["wdp"] or "").lower() == "last":
        back = 7  # "on Wednesday" in a Wednesday paper is today; "last Wednesday" is not
    return (anchor.day - timedelta(days=back)).isoformat()


def to_iso(year: int, month: int | None, day: str | None = None) -> str | None:
    """The ISO string of a year and maybe a month and a day ("7th" reads as 7).

    Returns:
        "2025", "2025-03" or "2025-03-07"; None for a day no month has (31 February).
    """
    if month is None:
        return str(year)
    day_num = int(re.sub(r"\D", "", day)) if day else None
    try:
        date(year, month, day_num or 1)  # checks 31 February and the like
    except ValueError:
        return None
    iso = f"{year}-{month:02d}"
    return f"{iso}-{day_num:02d}" if day_num else iso


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
    word, period = rel.rsplit(" ", 1)
    if word not in _SHIFT:  # "that same year", "the previous year": the text's own last year
        if period == "year" and anchor.last_year is not None:
            return str(anchor.last_year - 1 if word == "previous" else anchor.last_year)
        return None
    if anchor.day is None:
        return None
    a, shift = anchor.day, _SHIFT[word]
    if period == "year":
        return str(a.year + shift)
    if period == "month":
        months = a.year * 12 + a.month - 1 + shift
        return f"{months // 12}-{months % 12 + 1:02d}"
    if not anchor.known:
        return None
    return (a + timedelta(days=7 * shift)).isoformat()[:7]
