"""The feeds a database follows and the items of each already seen (part of the Store)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from tally.store.base import StoreBase
from tally.store.schema import feed_items, feeds
from tally.types import Feed


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FeedTables(StoreBase):
    """Methods of :class:`tally.store.Store` over the ``feeds`` and ``feed_items`` tables."""

    def add_feed(self, url: str, topic: str | None = None) -> None:
        """Follow a feed; a topic given again replaces the one it was followed with."""
        stmt = self._upsert(feeds).values(url=url, topic=topic, added_at=_now())
        stmt = stmt.on_conflict_do_update(
            index_elements=["url"], set_={"topic": func.coalesce(stmt.excluded.topic, feeds.c.topic)}
        )
        self._transact(lambda conn: conn.execute(stmt))

    def feeds(self) -> list[Feed]:
        """Every followed feed, in the order it was first followed."""
        f = feeds.c
        query = select(f.url, f.topic, f.etag, f.last_modified, f.checked_at)
        return [Feed(*tuple(r)) for r in self._rows(query.order_by(f.added_at, f.url))]

    def feed_checked(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Record a fetch of the feed and the validators its answer carried."""
        stmt = feeds.update().where(feeds.c.url == url).values(
            checked_at=_now(), etag=etag, last_modified=last_modified
        )
        self._transact(lambda conn: conn.execute(stmt))

    def seen_items(self, feed_url: str) -> dict[str, str | None]:
        """The items of a feed already handled: their URL and the stamp they had then."""
        i = feed_items.c
        rows = self._rows(select(i.item_url, i.updated).where(i.feed_url == feed_url))
        return {r[0]: r[1] for r in rows}

    def mark_item(
        self, feed_url: str, item_url: str, updated: str | None, article_id: str | None
    ) -> None:
        """Record an item as handled (ingested, unchanged, or failing for good)."""
        stmt = self._upsert(feed_items).values(
            feed_url=feed_url, item_url=item_url, updated=updated, seen_at=_now(),
            article_id=article_id,
        )  # fmt: skip
        stmt = stmt.on_conflict_do_update(
            index_elements=["feed_url", "item_url"],
            set_={
                "updated": stmt.excluded.updated,
                "seen_at": stmt.excluded.seen_at,
                "article_id": func.coalesce(stmt.excluded.article_id, feed_items.c.article_id),
            },
        )
        self._transact(lambda conn: conn.execute(stmt))
