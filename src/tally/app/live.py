"""The live half of ingesting: URLs fetched into the store, feeds followed round after
round, and what each round changed.

:mod:`tally.app.adding` calls these; they share its store, extraction and events. A page is
fetched only once unless a refresh is asked for, and then conditionally; a page that changed
is stored as a new version beside the old one, which is marked superseded.
"""

from __future__ import annotations

import hashlib
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

from tally.app.admin import changes_lines
from tally.app.common import load_topic_file, summary
from tally.app.events import Events, Printed, one_line
from tally.app.storing import store_batch
from tally.app.feed_items import skip_reason
from tally.errors import InputError, TallyError
from tally.ingest.feeds import read_listing
from tally.ingest.fetch import Fetcher
from tally.ingest.remote import article_from
from tally.store import Store
from tally.options import FollowOptions, IngestOptions, IngestResult
from tally.types import Feed, FeedItem, Topic

MAX_SITEMAPS = 20  # child sitemaps read from one sitemap index per round


def ingest_urls(
    store: Store,
    urls: Sequence[str],
    options: IngestOptions,
    topic: Topic | None,
    result: IngestResult,
    events: Events,
    fetcher: Fetcher | None = None,
) -> None:
    """Fetch and store each URL; a failing one is reported on one line and the rest go on.

    Args:
        store: The open store.
        urls: http(s) URLs.
        options: Fetch limits, ``refresh``, and the ingest settings.
        topic: Classifies the claims, when given.
        result: Counts what was done; failures are appended to its errors.
        events: Where error lines go.
        fetcher: One to share with earlier and later calls (its robots.txt rules and pace
            per host carry over); a new one for these URLs by default.
    """
    if fetcher is not None:
        for url in urls:
            ingest_url(store, fetcher, url, options, topic, result, events)
        return
    with Fetcher(options.fetch) as own:
        ingest_urls(store, urls, options, topic, result, events, own)


def ingest_url(
    store: Store,
    fetcher: Fetcher,
    url: str,
    options: IngestOptions,
    topic: Topic | None,
    result: IngestResult,
    events: Events,
    item: FeedItem | None = None,
    refresh: bool | None = None,
) -> str | None:
    """Fetch one URL into the store unless it is stored already (or refetch it when asked).

    Args:
        store: The open store.
        fetcher: The fetcher (its robots.txt and pace memory span the run).
        url: The page.
        options: Ingest settings; ``options.refresh`` unless ``refresh`` says otherwise.
        topic: Classifies the claims.
        result: Counts; a failure is appended to its errors and reported.
        events: Where the failure line goes.
        item: The feed entry the URL came from (its date stands in for a page without one).
        refresh: Fetch again (conditionally) even when stored.

    Returns:
        The id of the page's newest stored version, or None when it could not be fetched
        or read.
    """
    previous = store.current_version(url)
    if previous is not None and not (options.refresh if refresh is None else refresh):
        result.skipped += 1
        return previous.id
    try:
        if previous is not None:
            fetched = fetcher.get(url, previous.etag, previous.last_modified)
        else:
            fetched = fetcher.get(url)
        if fetched is None:  # 304: the stored version is the current one
            result.skipped += 1
            return previous.id if previous else None
        article = article_from(fetched, item.published if item else None)
    except TallyError as err:
        err.path = url
        result.errors.append(err)
        events.message(str(err))
        return None
    if previous is not None and article.id == previous.id:
        result.skipped += 1  # the same text again (a server that ignores validators)
        return article.id
    stored = store.article(article.id)
    if stored is not None:
        if previous is not None and stored.superseded_by is not None:
            store.reinstate(stored.id, over=previous.id)  # the page went back to that text
            result.versions += 1
        else:
            result.skipped += 1  # the same text stored from elsewhere
        return article.id
    supersedes = {article.id: previous.id} if previous is not None else None
    store_batch(store, [article], options, topic, result, events, supersedes)
    return article.id


class StopFlag:
    """Set by Ctrl-C (SIGINT) while following, so the loop stops between articles.

    A second Ctrl-C interrupts at once. Outside the main thread (where signals cannot be
    caught) it is only set by :meth:`set`.
    """

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        """Ask the loop to stop."""
        self._event.set()

    def is_set(self) -> bool:
        """Whether a stop was asked for."""
        return self._event.is_set()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True if a stop was asked for meanwhile."""
        return self._event.wait(seconds)

    @contextmanager
    def catching_sigint(self) -> Iterator[None]:
        """While inside, the first Ctrl-C sets the flag instead of raising KeyboardInterrupt."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return

        def handler(signum: int, frame: FrameType | None) -> None:
            self.set()
            signal.signal(signal.SIGINT, signal.default_int_handler)  # the next one interrupts

        before = signal.signal(signal.SIGINT, handler)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, before)


def follow(
    options: FollowOptions,
    events: Events | None = None,
    stop: StopFlag | None = None,
) -> IngestResult:
    """Read the feeds, ingest the items not seen before, say what changed; with ``every``,
    again and again until Ctrl-C.

    Args:
        options: The feeds (stored as followed; none given = those already followed), the
            period, and the ingest settings.
        events: Where error lines and each round's summary go (messages) and each round's
            changes (output); stderr and stdout by default.
        stop: Stops the loop between articles when set; one catching Ctrl-C by default.

    Returns:
        What all the rounds did together.

    Raises:
        InputError: No feed is given and the database follows none.
        TopicError: The topic file cannot be read.
        StoreError: The database cannot be opened.
    """
    events = events or Printed()
    stop = stop or StopFlag()
    opts = options.ingest
    load_topic_file(opts.topic)  # a bad topic file stops the command before any fetch
    total = IngestResult()
    with Store(opts.db) as store, Fetcher(opts.fetch) as fetcher, stop.catching_sigint():
        topic_path = str(opts.topic.resolve()) if opts.topic else None
        for url in options.feeds:
            store.add_feed(url, topic_path)
        wanted = set(options.feeds)
        feeds = [f for f in store.feeds() if not wanted or f.url in wanted]
        if not feeds:
            raise InputError("follows no feed yet; give a feed or sitemap URL", path=str(opts.db))
        while True:
            started = datetime.now(UTC)
            result = IngestResult()
            limits = _Limits(options.max_items, time.monotonic() + options.round_deadline)
            for feed in feeds:
                if stop.is_set():
                    break
                _follow_feed(store, fetcher, feed, opts, result, events, stop, limits)
            for line in result.guessed:
                events.message(line)
            events.message(f"round at {started:%Y-%m-%d %H:%M} UTC: " + summary(result, opts.db))
            for line in changes_lines(store, started, _round_topic(opts, feeds), False):
                events.output(one_line(line))
            _add(total, result)
            if stop.is_set() or options.every is None or stop.wait(options.every):
                break
            # Read again: the validators saved last round make this round's fetches conditional.
            feeds = [f for f in store.feeds() if not wanted or f.url in wanted]
    if stop.is_set():
        events.message("stopped")
    return total


def _round_topic(opts: IngestOptions, feeds: Sequence[Feed]) -> Path | None:
    """The topic a round's changes are told in: the one given, or the feeds' own when they
    share one (without it, claims the topic left unclassified would be grouped as in a
    topic-less report)."""
    if opts.topic is not None:
        return opts.topic
    stored = {f.topic for f in feeds}
    only = stored.pop() if len(stored) == 1 else None
    return Path(only) if only else None


def _follow_feed(
    store: Store,
    fetcher: Fetcher,
    feed: Feed,
    opts: IngestOptions,
    result: IngestResult,
    events: Events,
    stop: StopFlag,
    limits: _Limits | None = None,
) -> None:
    """One feed's round: its listing fetched (conditionally), its new items judged against the
    topic and ingested, as many as the round's limits allow; the items skipped under another
    topic (the file changed) judged again."""
    try:
        topic = load_topic_file(opts.topic or (Path(feed.topic) if feed.topic else None))
        listing = fetcher.get(feed.url, feed.etag, feed.last_modified)
        items = [] if listing is None else _items(fetcher, listing.body, listing.final_url)
    except TallyError as err:  # the feed cannot be read: the others go on
        err.path = err.path or feed.url
        result.errors.append(err)
        events.message(str(err))
        return
    seen = store.seen_items(feed.url)
    key = topic_key(topic)
    # Skipped under another topic: judged again, from what the listing said then.
    stale = {url: item for url, (item, judged) in store.skipped_items(feed.url).items() if judged != key}
    listed = {item.url for item in items}
    items += [item for url, item in stale.items() if url not in listed]
    retry = False
    limits = limits or _Limits(len(items), float("inf"))
    fetched = 0
    for item in items:
        if stop.is_set():
            return  # the feed's validators are not saved: the next round reads it again
        if item.url in seen and seen[item.url] == item.updated and item.url not in stale:
            continue
        reason = skip_reason(item, topic)
        if reason is not None:
            result.filtered += 1
            events.message(f"skipped {item.url}: {reason}")
            store.mark_skipped(feed.url, item, reason, key)
            continue
        if fetched >= limits.max_items or time.monotonic() > limits.deadline:
            why = f"{limits.max_items} items" if fetched >= limits.max_items else "the round's deadline"
            events.message(f"{feed.url}: stopped at {why}; the rest next round")
            retry = True  # the old validators kept: the next round reads the listing again
            break
        fetched += 1
        before = len(result.errors)
        refresh = item.url in seen and item.url not in stale
        article_id = ingest_url(store, fetcher, item.url, opts, topic, result, events,
                                item=item, refresh=refresh)  # fmt: skip
        failed = result.errors[before:]
        if article_id is None and any(getattr(e, "transient", False) for e in failed):
            retry = True  # not marked: the next round tries the item again
        else:
            store.mark_item(feed.url, item.url, item.updated, article_id)
    if listing is None or retry:  # keep the old validators, or an unchanged listing would hide the item
        store.feed_checked(feed.url, feed.etag, feed.last_modified)
    else:
        store.feed_checked(feed.url, listing.etag, listing.last_modified)


def topic_key(topic: Topic | None) -> str | None:
    """A digest of what a topic says, so that an item skipped under it is judged again once
    the topic file says something else (a reformatted file is the same topic)."""
    if topic is None:
        return None
    return hashlib.sha256(repr(asdict(topic)).encode("utf-8")).hexdigest()[:16]


@dataclass
class _Limits:
    """How much one round may fetch: items per feed, and a moment (time.monotonic) to stop."""

    max_items: int
    deadline: float


def _items(fetcher: Fetcher, body: bytes, url: str) -> list[FeedItem]:
    """A listing's items; a sitemap index's child sitemaps are read in turn (a few)."""
    found = read_listing(body, url)
    items = list(found.items)
    for child in found.sitemaps[:MAX_SITEMAPS]:
        got = fetcher.get(child)
        if got is not None:
            items += read_listing(got.body, got.final_url).items
    return items


def _add(total: IngestResult, result: IngestResult) -> None:
    for name in ("added", "skipped", "duplicates", "claims", "versions", "filtered"):
        setattr(total, name, getattr(total, name) + getattr(result, name))
    total.errors += result.errors
    total.guessed += result.guessed
    total.article_ids += result.article_ids
