"""Page versions and followed feeds on SQLite and PostgreSQL (the store's issue-13 tables)."""

from __future__ import annotations

from pathlib import Path

from tally.store import Store

from .samples import BODY, make_article, make_claims


def test_a_new_version_supersedes_the_old_one_and_can_be_undone(db: str | Path) -> None:
    with Store(db) as store:
        old = make_article(url="https://example.org/flood")
        store.add_article(old, make_claims(old))
        new = make_article(BODY + " Updated: the river fell.", url="https://example.org/flood")
        assert store.add_article(new, make_claims(new), supersedes=old.id)
        assert new.duplicate_of is None  # a version of the page, not an echo of it
        assert store.article(old.id).superseded_by == new.id  # type: ignore[union-attr]
        assert {c.article_id for c in store.claims()} == {new.id}
        assert len(store.claims(superseded=True)) == 4 and store.count_claims() == 2
        assert store.current_version("https://example.org/flood").id == new.id  # type: ignore[union-attr]
        store.reinstate(old.id, over=new.id)
        assert store.current_version("https://example.org/flood").id == old.id  # type: ignore[union-attr]
        assert set(store.added_times()) == {old.id, new.id}


def test_feeds_are_followed_once_and_their_items_remembered(db: str | Path) -> None:
    with Store(db) as store:
        store.add_feed("https://example.org/a.xml", topic="war.toml")
        store.add_feed("https://example.org/a.xml")  # no topic given: the old one stays
        store.add_feed("https://example.org/b.xml", topic="x.toml")
        feeds = store.feeds()
        assert [(f.url, f.topic) for f in feeds] == [
            ("https://example.org/a.xml", "war.toml"),
            ("https://example.org/b.xml", "x.toml"),
        ]
        store.feed_checked("https://example.org/a.xml", '"v1"', None)
        assert store.feeds()[0].etag == '"v1"'
        store.mark_item("https://example.org/a.xml", "https://example.org/1", "2025-01-01", "abc")
        store.mark_item("https://example.org/a.xml", "https://example.org/1", "2025-01-02", None)
        assert store.seen_items("https://example.org/a.xml") == {"https://example.org/1": "2025-01-02"}
