"""A fetched page as an Article: HTML through trafilatura as files are, plain text as text."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tally.errors import FetchError
from tally.ingest.fetch import Fetched
from tally.ingest.webpage import from_html
from tally.ingest.readers import from_text
from tally.types import Article

_HTML_TYPES = ("text/html", "application/xhtml+xml", "")  # "": no Content-Type, sniffed


def article_from(fetched: Fetched, listed_date: str | None = None) -> Article:
    """The article a fetched page holds, with its URL, final URL, fetch time and validators.

    The publication date is the page's own (its metadata, read by trafilatura and htmldate,
    or a date line); a feed's date for the item stands in when the page gives none, before
    Tally infers one from the text.

    Args:
        fetched: The page as fetched.
        listed_date: The ISO date a feed or sitemap gave the item, if any.

    Raises:
        FetchError: The page is not HTML or plain text, or cannot be decoded.
        InputError: trafilatura finds no article text in the page.
    """
    kind = fetched.media_type
    if kind not in _HTML_TYPES and kind != "text/plain":
        raise FetchError(f"not an article page ({kind})", path=fetched.url)
    text = fetched.text()
    meta: dict[str, Any] = {"url": fetched.url}
    if kind == "text/plain":
        article = from_text(text, fetched.url, meta)
    else:
        article = from_html(text, fetched.url, meta)
    if listed_date and article.published_origin in (None, "inferred"):
        article = replace(article, published=listed_date, published_origin="given")
    article.final_url = fetched.final_url
    article.fetched_at = fetched.fetched_at
    article.etag = fetched.etag
    article.last_modified = fetched.last_modified
    return article
