"""Read what a feed or sitemap lists: RSS and Atom with feedparser, (news) sitemaps with lxml.

A sitemap index lists further sitemaps rather than articles; :func:`read_listing` says which
it is, and the caller fetches those (a bounded number) in turn.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from tally.errors import FeedError
from tally.dates.published import normalise_date
from tally.types import FeedItem, Topic

_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@dataclass
class Listing:
    """What one feed or sitemap holds: article items, or (a sitemap index) more sitemaps."""

    items: list[FeedItem] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def read_listing(body: bytes, url: str) -> Listing:
    """The items of an RSS or Atom feed, a sitemap or a news sitemap, or a sitemap index's
    sitemaps.

    Args:
        body: The fetched bytes (feedparser and lxml read the encoding they declare).
        url: Where they came from: relative links resolve against it; named in errors.

    Returns:
        The listing, items in the order given.

    Raises:
        FeedError: The bytes are neither a feed nor a sitemap.
    """
    root = _xml_root(body)
    if root is not None and root.tag in (f"{_SITEMAP_NS}urlset", f"{_SITEMAP_NS}sitemapindex"):
        return _sitemap(root, url)
    return Listing(items=_feed(body, url))


def _xml_root(body: bytes) -> Any:
    from lxml import etree

    # No entities, no network: a listing is untrusted input.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        return etree.fromstring(body, parser)
    except etree.XMLSyntaxError:
        return None


def _sitemap(root: Any, url: str) -> Listing:
    listing = Listing()
    if root.tag == f"{_SITEMAP_NS}sitemapindex":
        locs = (el.text or "" for el in root.iterfind(f"{_SITEMAP_NS}sitemap/{_SITEMAP_NS}loc"))
        listing.sitemaps = [urljoin(url, loc.strip()) for loc in locs if loc.strip()]
        return listing
    for entry in root.iterfind(f"{_SITEMAP_NS}url"):
        loc = (entry.findtext(f"{_SITEMAP_NS}loc") or "").strip()
        if not loc:
            continue
        lastmod = (entry.findtext(f"{_SITEMAP_NS}lastmod") or "").strip() or None
        news = entry.find(f"{_NEWS_NS}news")
        title, keywords, published = "", "", None
        if news is not None:
            title = " ".join((news.findtext(f"{_NEWS_NS}title") or "").split())
            keywords = news.findtext(f"{_NEWS_NS}keywords") or ""
            published = normalise_date(news.findtext(f"{_NEWS_NS}publication_date"))
        listing.items.append(FeedItem(
            url=urljoin(url, loc), title=title, summary=keywords, published=published,
            updated=lastmod or published,
        ))  # fmt: skip
    return listing


def _feed(body: bytes, url: str) -> list[FeedItem]:
    import feedparser  # a second to import; only `tally follow` needs it

    parsed = feedparser.parse(body)  # links are resolved against `url` below
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("not an RSS or Atom feed, nor a sitemap", path=url)
    items: list[FeedItem] = []
    for entry in parsed.entries:
        link = entry.get("link") or _first_link(entry)
        if not link:
            continue
        # dict.get: feedparser's own get maps a missing "updated" to "published", warning.
        published = _stamp(dict.get(entry, "published_parsed")) or _stamp(
            dict.get(entry, "updated_parsed")
        )
        updated = dict.get(entry, "updated") or dict.get(entry, "published")
        items.append(FeedItem(
            url=urljoin(url, link.strip()), title=" ".join(str(entry.get("title", "")).split()),
            summary=_plain(str(entry.get("summary", ""))), published=published,
            updated=str(updated) if updated else None,
        ))  # fmt: skip
    return items


def _first_link(entry: dict[str, object]) -> str | None:
    links = entry.get("links")
    if isinstance(links, list):
        for link in links:
            if isinstance(link, dict) and link.get("href"):
                return str(link["href"])
    return None


def _stamp(value: object) -> str | None:
    """An ISO day from feedparser's parsed time (a UTC struct_time)."""
    if isinstance(value, time.struct_time):
        return time.strftime("%Y-%m-%d", value)
    return None


def _plain(html: str) -> str:
    # feedparser has already removed dangerous markup; only the words matter for filtering.
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def topic_words(topic: Topic) -> list[str]:
    """The words that make an item worth fetching: the quantities' keywords and ``near``
    phrases, and the names of the topic's actors (all lower-case)."""
    words: set[str] = set()
    for quantity in topic.quantities:
        words.update(quantity.keywords)
        words.update(quantity.near)
    for name, aliases in topic.actors.items():
        words.add(name)
        words.update(aliases)
    return sorted({w.lower().strip() for w in words if w.strip()})


def matches(item: FeedItem, words: Iterable[str]) -> bool:
    """Whether the item's title or summary holds one of ``words`` (whole words, any case).

    With no words at all, every item matches.
    """
    wanted = list(words)
    if not wanted:
        return True
    text = f"{item.title} {item.summary}".lower()
    return any(re.search(rf"(?:^|\W){re.escape(w)}(?:\W|$)", text) for w in wanted)
