"""The feeds a database follows and the items of each already seen (part of the Store)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from tally.types import Feed


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FeedTables:
    """Methods of :class:`tally.store.Store` over the ``feeds`` and ``feed_items`` tables."""

    def _query(self, sql: str, args: Sequence[Any] = ()) -> list[sqlite3.Row]:
        raise NotImplementedError  # provided by Store

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # provided by Store

    def add_feed(self, url: str, topic: str | None = None) -> None:
        """Follow a feed; a topic given again replaces the one it was followed with."""
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO feeds (url, topic, added_at) VALUES (?, ?, ?)"
                " ON CONFLICT(url) DO UPDATE SET topic=coalesce(excluded.topic, feeds.topic)",
                (url, topic, _now()),
            )

    def feeds(self) -> list[Feed]:
        """Every followed feed, in the order it was first followed."""
        rows = self._query(
            "SELECT url, topic, etag, last_modified, checked_at FROM feeds ORDER BY rowid"
        )
        return [Feed(*tuple(r)) for r in rows]

    def feed_checked(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Record a fetch of the feed and the validators its answer carried."""
        with self._transaction() as conn:
            conn.execute(
                "UPDATE feeds SET checked_at=?, etag=?, last_modified=? WHERE url=?",
                (_now(), etag, last_modified, url),
            )

    def seen_items(self, feed_url: str) -> dict[str, str | None]:
        """The items of a feed already handled: their URL and the stamp they had then."""
        rows = self._query("SELECT item_url, updated FROM feed_items WHERE feed_url=?", (feed_url,))
        return {r[0]: r[1] for r in rows}

    def mark_item(
        self, feed_url: str, item_url: str, updated: str | None, article_id: str | None
    ) -> None:
        """Record an item as handled (ingested, unchanged, or failing for good)."""
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO feed_items (feed_url, item_url, updated, seen_at, article_id)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(feed_url, item_url) DO UPDATE SET"
                " updated=excluded.updated, seen_at=excluded.seen_at,"
                " article_id=coalesce(excluded.article_id, feed_items.article_id)",
                (feed_url, item_url, updated, _now(), article_id),
            )



