"""Near-copies of a stored article's body are marked ``duplicate_of``; their claims are kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from tally.store import Store
from tally.types import Segment

from .samples import BODY, make_article, make_claims


@pytest.mark.parametrize(
    "copy",
    [
        BODY + " Updated at 10:42.",  # a wire story re-published with a time stamp
        "Home | World | Weather\n" + BODY,  # the same story under another site's menu
    ],
)
def test_a_near_copy_is_marked_as_duplicate_and_its_claims_kept(db: str | Path, copy: str) -> None:
    with Store(db) as store:
        original = make_article()
        store.add_article(original, make_claims(original))
        dup = make_article(copy, origin="mirror/flood.html")
        assert store.add_article(dup, make_claims(dup)) is True
        assert dup.duplicate_of == original.id
        assert store.article(dup.id).duplicate_of == original.id  # type: ignore[union-attr]
        assert len(store.claims(article_id=dup.id)) == 2
    with Store(db) as reopened:  # the index is rebuilt from the stored signatures
        third = make_article(copy + " Corrected.", origin="third.txt")
        reopened.add_article(third, [])
        assert third.duplicate_of == original.id
        assert reopened.stats()["duplicates"] == 2


def test_a_different_story_is_not_a_duplicate(db: str | Path) -> None:
    other = (
        "The central bank kept its main rate at 4.5 percent on Thursday, citing slower growth "
        "in the second quarter and a weaker currency against the dollar."
    )
    with Store(db) as store:
        store.add_article(make_article(), [])
        article = make_article(other, origin="bank.txt")
        store.add_article(article, [])
        assert article.duplicate_of is None


def test_only_body_text_counts_towards_duplicates(db: str | Path) -> None:
    comments = "\nReader one: nonsense. Reader two: more nonsense about other things entirely."
    with Store(db) as store:
        store.add_article(make_article(), [])
        text = BODY + comments
        article = make_article(
            text,
            origin="with-comments.txt",
            segments=[Segment("body", 0, len(BODY)), Segment("comment", len(BODY), len(text))],
        )
        store.add_article(article, [])
        assert article.duplicate_of == make_article().id


def test_a_near_copy_stored_through_another_connection_is_seen(db: str | Path) -> None:
    other = "The central bank kept its main rate at 4.5 percent on Thursday, citing weak growth."
    with Store(db) as first, Store(db) as second:
        first.add_article(make_article(other, "bank.txt"), [])  # first builds its index here
        original = make_article()
        second.add_article(original, [])
        copy = make_article(BODY + " Updated at noon.", origin="copy.txt")
        first.add_article(copy, [])
        assert copy.duplicate_of == original.id
