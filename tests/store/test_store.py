"""The SQLite store on real files: round-trips, idempotence, transactions, duplicates, errors."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from tally.errors import StoreError
from tally.store import Store
from tally.types import Article, Claim, Segment

BODY = (
    "Officials in the capital said on Tuesday that the river had risen by three metres overnight "
    "and that about 4,000 residents had left their homes in the low districts. Rescue teams "
    "reported that at least 12 people had died and dozens more were missing after the bridge "
    "near the old market gave way under the weight of the water."
)


def make_article(text: str = BODY, origin: str = "data/flood.txt", **kw: object) -> Article:
    segments = kw.pop("segments", [Segment("body", 0, len(text))])
    return Article(
        id=hashlib.sha256(text.encode()).hexdigest()[:16],
        origin=origin,
        text=text,
        segments=segments,  # type: ignore[arg-type]
        outlet="River Times",
        title="Flood",
        published="2025-03-04",
        published_origin="given",
        **kw,  # type: ignore[arg-type]
    )


def make_claims(article: Article) -> list[Claim]:
    start = article.text.find("4,000")
    return [
        Claim(
            sentence=article.text[:200],
            mention="about 4,000 residents",
            start=start,
            end=start + 5,
            low=4000,
            approx="about",
            unit="residents",
            outcome="displaced",
            source="Officials",
            source_chain=["Officials", "River Times"],
            as_of="2025-03",
            quantity="displaced",
            confidence=0.8,
        ),
        Claim(
            sentence="A reader wrote 50 people died.",
            mention="50 people",
            start=10,
            end=19,
            low=50,
            unit="people",
            part="comment",
        ),
    ]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "tally.db"


def test_article_and_claims_round_trip_through_a_file(db: Path) -> None:
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


def test_adding_the_same_article_twice_changes_nothing(db: Path) -> None:
    with Store(db) as store:
        first = make_article()
        assert store.add_article(first, make_claims(first))
        before = (store.articles(), store.claims(), store.stats())
        again = make_article()
        assert store.add_article(again, make_claims(again)) is False
        assert (store.articles(), store.claims(), store.stats()) == before


def test_a_failure_mid_article_leaves_no_half_article(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(db)
    calls = 0
    real = Store._insert_claim

    def failing(self: Store, conn: sqlite3.Connection, article_id: str, claim: Claim) -> int:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("disk on fire")
        return real(self, conn, article_id, claim)

    monkeypatch.setattr(Store, "_insert_claim", failing)
    article = make_article()
    with pytest.raises(RuntimeError):
        store.add_article(article, make_claims(article))
    store.close()
    with Store(db) as reopened:
        assert reopened.articles() == [] and reopened.claims() == []
        monkeypatch.setattr(Store, "_insert_claim", real)
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


def test_set_quantities_sets_and_clears(db: Path) -> None:
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


@pytest.mark.parametrize(
    "copy",
    [
        BODY + " Updated at 10:42.",  # a wire story re-published with a time stamp
        "Home | World | Weather\n" + BODY,  # the same story under another site's menu
    ],
)
def test_a_near_copy_is_marked_as_duplicate_and_its_claims_kept(db: Path, copy: str) -> None:
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


def test_a_different_story_is_not_a_duplicate(db: Path) -> None:
    other = (
        "The central bank kept its main rate at 4.5 percent on Thursday, citing slower growth "
        "in the second quarter and a weaker currency against the dollar."
    )
    with Store(db) as store:
        store.add_article(make_article(), [])
        article = make_article(other, origin="bank.txt")
        store.add_article(article, [])
        assert article.duplicate_of is None


def test_only_body_text_counts_towards_duplicates(db: Path) -> None:
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


def test_stats_count_articles_claims_and_parts(db: Path) -> None:
    with Store(db) as store:
        article = make_article()
        store.add_article(article, make_claims(article))
        stats = store.stats()
    assert stats["articles"] == 1 and stats["claims"] == 2
    assert stats["claims_by_part"] == {"body": 1, "comment": 1}
    assert stats["classified"] == 1 and stats["quantities"] == 1


def test_database_is_in_wal_mode_with_current_schema(db: Path) -> None:
    Store(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1
    conn.close()


@pytest.mark.parametrize(
    "content",
    [b"This is a plain text file, not a database at all." * 20, bytes(range(256)) * 8],
)
def test_a_file_that_is_not_a_database_raises_store_error_naming_it(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert str(path) in str(info.value) and str(info.value).startswith("T301")
    assert path.read_bytes() == content


def test_another_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a Tally database"):
        Store(path)


def test_a_database_from_a_newer_tally_is_refused(db: Path) -> None:
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version=99")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(db)


def test_a_directory_cannot_be_opened_as_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        Store(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_a_new_migration_step_runs_once_on_an_existing_database(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tally.store as store_module

    with Store(db) as store:
        article = make_article()
        store.add_article(article, make_claims(article))
    steps = [*store_module.MIGRATIONS, "ALTER TABLE articles ADD COLUMN note TEXT DEFAULT 'x'"]
    monkeypatch.setattr(store_module, "MIGRATIONS", steps)
    for _ in range(2):  # the second open finds the step applied and leaves it alone
        with Store(db) as store:
            assert len(store.claims()) == 2
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(steps)
    assert conn.execute("SELECT note FROM articles").fetchall() == [("x",)]
    conn.close()


def test_a_second_connection_sees_what_the_first_committed(db: Path) -> None:
    with Store(db) as writer, Store(db) as reader:
        assert reader.articles() == []
        article = make_article()
        writer.add_article(article, make_claims(article))
        assert [a.id for a in reader.articles()] == [article.id]
        assert reader.add_article(make_article(), []) is False


def test_a_near_copy_stored_through_another_connection_is_seen(db: Path) -> None:
    other = "The central bank kept its main rate at 4.5 percent on Thursday, citing weak growth."
    with Store(db) as first, Store(db) as second:
        first.add_article(make_article(other, "bank.txt"), [])  # first builds its index here
        original = make_article()
        second.add_article(original, [])
        copy = make_article(BODY + " Updated at noon.", origin="copy.txt")
        first.add_article(copy, [])
        assert copy.duplicate_of == original.id
