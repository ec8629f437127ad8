"""Build an Article from text and metadata: normalised text, parts, id, publication date."""

from __future__ import annotations

import hashlib
from tally import rx as re  # linear-time matching: see tally/rx.py
import unicodedata
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from tally import lexicon
from tally.dates.published import caption_day, dateline_day, infer_published, normalise_date, wire_day
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
    published, how = _published(text, segments, meta.get("published"), page_date, origin)
    digest = hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]
    url = _str(meta.get("url"))
    body = "".join(text[s.start : s.end] for s in segments if s.part == "body")
    return Article(
        id=digest, origin=origin, text=text, segments=segments,
        outlet=_str(meta.get("outlet")) or _host(url), title=_str(meta.get("title")) or _headline(text, segments),
        author=_str(meta.get("author")), url=url,
        published=published, published_origin=how, language=detect_language(body or text),
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
    text: str, segments: list[Segment], given: Any, page_date: str | None, origin: str
) -> tuple[str | None, DateOrigin | None]:
    if given is not None and str(given).strip():
        value = normalise_date(str(given))
        if value is not None:  # an unreadable one was left out, with a warning, by _readable
            return value, "given"
    if page_date:
        return page_date, "page"
    # A page's own date stamp ("Jul 8, 2025 13:11 598") sits in its furniture.
    for seg in segments:
        stamp = seg.part == "furniture" and _DATE_STAMP.search(text, seg.start, seg.end)
        if stamp and (value := normalise_date(stamp.group(1))):
            return value, "page"
    body = "".join(text[s.start : s.end] for s in segments if s.part == "body")
    inferred, how = infer_published(body)
    # The page's own day: a dateline's or a caption's full date, unless the body mentions a
    # later date (then the caption is an old photo, the dateline someone else's).
    page = "".join(text[s.start : s.end] for s in segments if s.part != "comment")
    own = dateline_day(body) or caption_day(page, chrome.is_caption)
    if own is not None and own <= date.today().isoformat() and (inferred is None or own >= inferred):
        return own, "page"
    if inferred is not None:
        # A dateline without its year ("KYIV, March 3 (Reuters) -") makes the inferred date a
        # day: the filing day is later than any date the story mentions.
        day = wire_day(body, inferred[:4])
        if day is not None and day >= inferred:
            return day, how
    return inferred, how


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
