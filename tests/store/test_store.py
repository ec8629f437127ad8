"""The store on a SQLite file and a PostgreSQL database: round-trips, idempotence,
transactions, filters, pagination, search."""

from __future__ import annotations

from pathlib import Path

import pytest

from sqlalchemy.exc import IntegrityError

from tally.store import Store

from .samples import BODY, make_article, make_claims


def test_article_and_claims_round_trip_through_a_file(db: str | Path) -> None:
    article = make_article()
    claims = make_claims(article)
    with Store(db) as store:
        assert store.add_article(article, claims) is True
    with Store(db) as store:
        assert store.articles() == [article]
        assert store.article(article.id) == article
        got = store.claims()
    for stored, original in zip(got, claims, strict=True):
        assert stored.id is not None and stored.article_id == article.id
        assert stored.doc == "flood.txt"
        for name in ("sentence", "mention", "start", "end", "low", "high", "approx", "unit"):
            assert getattr(stored, name) == getattr(original, name)
        assert stored.source_chain == original.source_chain
        assert (stored.as_of, stored.part, stored.quantity) == (
            original.as_of,
            original.part,
            original.quantity,
        )


def test_adding_the_same_article_twice_changes_nothing(db: str | Path) -> None:
    with Store(db) as store:
        first = make_article()
        assert store.add_article(first, make_claims(first))
        before = (store.articles(), store.claims(), store.stats())
        again = make_article()
        assert store.add_article(again, make_claims(again)) is False
        assert (store.articles(), store.claims(), store.stats()) == before


def test_a_failure_mid_article_leaves_no_half_article(db: str | Path) -> None:
    article = make_article()
    good, bad = make_claims(article)
    bad.sentence = None  # type: ignore[assignment]  # NOT NULL: the second insert fails
    with Store(db) as store, pytest.raises(IntegrityError):
        store.add_article(article, [good, bad])
    with Store(db) as reopened:
        assert reopened.articles() == [] and reopened.claims() == []
        assert reopened.add_article(article, make_claims(article)) is True
        assert len(reopened.claims()) == 2


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, 2),
        ({"parts": ["body"]}, 1),
        ({"parts": ["comment", "furniture"]}, 1),
        ({"parts": []}, 0),
        ({"quantity": "displaced"}, 1),
        ({"quantity": "nothing"}, 0),
        ({"article_id": "nope"}, 0),
    ],
)
def test_claims_are_filtered_by_part_quantity_and_article(
    db: Path, kwargs: dict[str, object], expected: int
) -> None:
    with Store(db) as store:
        article = make_article()
        store.add_article(article, make_claims(article))
        assert len(store.claims(**kwargs)) == expected  # type: ignore[arg-type]


def test_set_quantities_sets_and_clears(db: str | Path) -> None:
    with Store(db) as store:
        article = make_article()
        store.add_article(article, make_claims(article))
        first, second = store.claims()
        assert first.id is not None and second.id is not None
        store.set_quantities({first.id: None, second.id: "reader_deaths"})
        assert store.claim(first.id).quantity is None  # type: ignore[union-attr]
        assert store.claim(second.id).quantity == "reader_deaths"  # type: ignore[union-attr]
        assert store.claim(10_000) is None


@pytest.mark.parametrize(
    ("query", "articles", "claims"),
    [("BRIDGE", 1, 0), ("4,000 resid", 1, 1), ("officials", 1, 1), ("100%", 0, 0), ("_", 0, 0)],
)
def test_search_is_a_literal_case_insensitive_substring(
    db: Path, query: str, articles: int, claims: int
) -> None:
    with Store(db) as store:
        article = make_article()
        store.add_article(article, make_claims(article))
        found_articles, found_claims = store.search(query)
        assert (len(found_articles), len(found_claims)) == (articles, claims)


def test_stats_count_articles_claims_and_parts(db: str | Path) -> None:
    with Store(db) as store:
        article = make_article()
        store.add_article(article, make_claims(article))
        stats = store.stats()
    assert stats["articles"] == 1 and stats["claims"] == 2
    assert stats["claims_by_part"] == {"body": 1, "comment": 1}
    assert stats["classified"] == 1 and stats["quantities"] == 1


def test_a_second_connection_sees_what_the_first_committed(db: str | Path) -> None:
    with Store(db) as writer, Store(db) as reader:
        assert reader.articles() == []
        article = make_article()
        writer.add_article(article, make_claims(article))
        assert [a.id for a in reader.articles()] == [article.id]
        assert reader.add_article(make_article(), []) is False


def test_an_article_stored_by_another_writer_after_the_check_is_not_stored_again(
    db: str | Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race the upsert settles: the id was not stored when checked, but is at insert."""
    with Store(db) as first, Store(db) as second:
        article = make_article()
        monkeypatch.setattr(second, "_known_ids", lambda ids: set())
        assert first.add_article(article, make_claims(article)) is True
        again = make_article()
        claims = make_claims(again)
        assert second.add_article(again, claims) is False
        assert len(second.claims()) == 2 and all(c.id is None for c in claims)


def test_reads_in_a_snapshot_see_one_state_while_another_writer_commits(db: str | Path) -> None:
    with Store(db) as reader, Store(db) as writer:
        first = make_article()
        writer.add_article(first, make_claims(first))
        with reader.snapshot():
            assert len(reader.claims()) == 2
            other = make_article(BODY.replace("4,000", "5,000"), origin="later.txt")
            assert writer.add_article(other, make_claims(other))
            assert len(reader.claims()) == 2 and len(reader.articles()) == 1
        assert len(reader.claims()) == 4 and len(reader.articles()) == 2


def test_claims_and_articles_come_a_page_at_a_time_and_stream_in_order(db: str | Path) -> None:
    with Store(db) as store:
        for n in range(5):
            article = make_article(BODY + f" Bulletin {n}.", origin=f"{n}.txt")
            article.duplicate_of = "none"  # keeps them apart from near-copy marking
            store.add_article(article, make_claims(article))
        every = [c.id for c in store.claims()]
        assert [c.id for c in store.claims(limit=3, offset=2)] == every[2:5]
        assert [c.id for c in store.iter_claims(batch=3)] == every
        assert [c.id for c in store.iter_claims(parts=["comment"], batch=2)] == every[1::2]
        assert store.count_claims(parts=["body"]) == 5 and store.count_articles() == 5
        assert [a.origin for a in store.articles(limit=2, offset=1)] == ["1.txt", "2.txt"]
        brief = store.articles(with_text=False)
        assert all(a.text == "" for a in brief) and brief[0].title == "Flood"
        assert store.claim_counts([a.id for a in brief[:2]]) == {a.id: 2 for a in brief[:2]}
