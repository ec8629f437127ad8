"""Build an Article from text and metadata: normalised text, parts, id, publication date."""

from __future__ import annotations

import hashlib
from tally import rx as re  # linear-time matching: see tally/rx.py
import unicodedata
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from tally import lexicon
from tally.dates.published import caption_line, dateline_phrase, latest_mention, normalise_date, url_day, wire_day
from tally.errors import InputError, InputWarning
from tally.ingest import chrome
from tally.ingest.language import detect_language
from tally.ingest.parts import split_parts
from tally.types import Article, DateOrigin, Segment

# A page's own date line: "Jul 8, 2025 13:11 598", "Published October 31, 2024", "Updated: 3 May 2025",
# "Tue 15 Oct 2024 07.12 BST".
_DATE_STAMP = re.compile(
    rf"^\s*(?:{lexicon.alternation('calendar.stamp_words', 'calendar.stamp_labels')}(?: on)?:?\s+)?"
    r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?,?\s+)?"  # "Updated 6:42 PM CDT, April 13, 2025"
    rf"(?:{lexicon.alternation('calendar.weekdays', 'calendar.weekday_abbreviations')}\.?,?\s+)?"  # "Tue 15 Oct 2024"
    r"(\w{3,9}\.? \d{1,2},? \d{4}|\d{1,2} \w{3,9}\.? \d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?(?:\s+\w{2,5})?(?:\s+\d+)*\s*$",
    re.MULTILINE | re.IGNORECASE,
)


# The longest article text read: a 2 MB article is a book; a larger file is a dump or an
# accident, and would hold a worker for minutes. Refused with a message to split it.
MAX_TEXT_CHARS = 2_000_000

_META_LINE = re.compile(r"^(?:url|outlet|title|author|published)\s*:", re.IGNORECASE)


def build(
    text: str,
    origin: str,
    meta: dict[str, Any],
    page_date: str | None = None,
    segments: list[Segment] | None = None,
) -> Article:
    """An Article with its parts, id and publication date.

    Args:
        text: The article's text (body, then any comments and furniture).
        origin: Where it came from (path, ``path#L3``, URL).
        meta: Metadata by ``META_KEYS``; a ``published`` value is the "given" date.
        page_date: A date read from the page itself (HTML meta).
        segments: The parts, when the caller knows them (then ``text`` is taken as it is);
            otherwise the text is normalised (NFC, newlines) and split.

    A ``published`` that is not a date or a ``url`` that is not a web address is left out,
    with an InputWarning (naming the key) in ``Article.warnings``.

    Raises:
        InputError: The text is longer than MAX_TEXT_CHARS.
    """
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"too long: {len(text):,} characters of text; Tally reads articles of "
                         f"up to {MAX_TEXT_CHARS:,} (split the file)", path=origin)  # fmt: skip
    warnings: list[InputWarning] = []
    meta = _readable(meta, origin, warnings)
    if segments is None:
        text = normalise_text(text)
        segments = split_parts(text)
    url = _str(meta.get("url"))
    published, how, phrase = _published(text, segments, meta.get("published"), page_date, url)
    digest = hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]
    body = "".join(text[s.start : s.end] for s in segments if s.part == "body")
    return Article(
        id=digest, origin=origin, text=text, segments=segments,
        outlet=_str(meta.get("outlet")) or _host(url), title=_str(meta.get("title")) or _headline(text, segments),
        author=_str(meta.get("author")), url=url,
        published=published, published_origin=how, published_phrase=phrase,
        language=detect_language(body or text),
        warnings=list(warnings),
    )  # fmt: skip


def _readable(meta: dict[str, Any], origin: str, warnings: list[InputWarning]) -> dict[str, Any]:
    """The metadata without the values Tally cannot read, each left out with a warning."""
    kept = dict(meta)
    given = meta.get("published")
    if given is not None and str(given).strip() and normalise_date(str(given)) is None:
        warnings.append(InputWarning(f"'published' is not a date: {str(given)[:40]!r}; "
                                     "the article is kept without it", path=origin, key="published"))  # fmt: skip
        del kept["published"]
    url = _str(meta.get("url"))
    if url is not None and not _WEB_ADDRESS.match(url):
        warnings.append(InputWarning(f"'url' is not a web address: {url[:60]!r}; the article is "
                                     "kept without it", path=origin, key="url"))  # fmt: skip
        del kept["url"]
    return kept


_WEB_ADDRESS = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$|^https?://localhost\b\S*$", re.IGNORECASE)


def _published(
    text: str, segments: list[Segment], given: Any, page_date: str | None, url: str | None
) -> tuple[str | None, DateOrigin | None, str | None]:
    if given is not None and str(given).strip():
        value = normalise_date(str(given))
        if value is not None:  # an unreadable one was left out, with a warning, by _readable
            return value, "given", None
    if page_date:
        return page_date, "page", None
    return published_in(text, segments, url)


def published_in(
    text: str, segments: list[Segment], url: str | None = None
) -> tuple[str | None, DateOrigin | None, str | None]:
    """The publication date an article's own text (and address) gives, where from, and the
    words it is read from.

    Surest first: a date line in the page's furniture, the URL's date path, the dateline,
    then the latest full date the body mentions, or a photo caption's day when none is later
    (a photo is older than its story, so its day is a bound, marked "caption"). A year alone
    and a date the text reports as an earlier stage ("previously reported ... in July 2021")
    never date it.

    Args:
        text: The article's text.
        segments: Its parts.
        url: Its address, if known.

    Returns:
        (ISO date, origin, phrase), or (None, None, None) when nothing dates it.
    """
    # A page's own date stamp ("Jul 8, 2025 13:11 598") sits in its furniture.
    for seg in segments:
        stamp = seg.part == "furniture" and _DATE_STAMP.search(text, seg.start, seg.end)
        if stamp and (value := normalise_date(stamp.group(1))):
            return value, "page", stamp.group(0).strip()
    if (in_url := url_day(url)) is not None:
        return in_url[0], "url", in_url[1]
    body = "".join(text[s.start : s.end] for s in segments if s.part == "body")
    latest = latest_mention(body)
    # The dateline's day, unless the body mentions a later date (then it is someone else's).
    dateline = dateline_phrase(body)
    if dateline is not None and dateline[0] <= date.today().isoformat() and (latest is None or dateline[0] >= latest[0]):
        return dateline[0], "dateline", dateline[1]
    page = "".join(text[s.start : s.end] for s in segments if s.part != "comment")
    caption = caption_line(page, chrome.is_caption)
    if caption is not None and caption[0] <= date.today().isoformat() and (latest is None or caption[0] >= latest[0]):
        return caption[0], "caption", caption[1][:120]
    if latest is None:
        return None, None, None
    # A dateline without its year ("KYIV, March 3 (Reuters) -") makes the inferred date a
    # day: the filing day is later than any date the story mentions.
    day = wire_day(body, latest[0][:4])
    if day is not None and day >= latest[0]:
        return day, "inferred", f"{latest[1]}; the dateline's day: {body.lstrip().split(chr(10), 1)[0][:40]}"
    return latest[0], "inferred", latest[1]


def _headline(text: str, segments: list[Segment]) -> str | None:
    """The body's first line when it reads as a headline: short, no closing full stop."""
    body = next((s for s in segments if s.part == "body"), None)
    if body is None:
        return None
    first = next((ln.strip() for ln in text[body.start : body.end].split("\n") if ln.strip()), "")
    if _META_LINE.match(first):
        return None  # a header line without its closing ---: not a headline, not metadata
    if 3 <= len(first.split()) <= 20 and not re.search(r"[.!;,]$", first) and first[0].isupper():
        return first
    return None


def _host(url: str | None) -> str | None:
    """The site a URL points to ("www.bbc.co.uk" -> "bbc.co.uk"), standing in for an outlet."""
    host = urlsplit(url).hostname if url and "//" in url else None
    return host.removeprefix("www.") if host else None


def normalise_text(text: str) -> str:
    """The text with Unix newlines, in Unicode NFC."""
    # NFC, so the same words typed on different systems hash and match alike.
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _str(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None
