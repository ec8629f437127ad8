"""Opening a database: WAL mode, migrations (SQLite and PostgreSQL), refusing what is not Tally's."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sqlalchemy import create_engine, text

from tally.errors import StoreError
from tally.store import Store
from tally.store.engine import url_of

from .samples import BODY, make_article, make_claims


def test_database_is_in_wal_mode_with_current_schema(sqlite_db: Path) -> None:
    Store(sqlite_db).close()
    conn = sqlite3.connect(sqlite_db)
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


def test_a_database_from_a_newer_tally_is_refused(sqlite_db: Path) -> None:
    Store(sqlite_db).close()
    conn = sqlite3.connect(sqlite_db)
    conn.execute("PRAGMA user_version=99")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(sqlite_db)


@pytest.mark.postgres
def test_a_postgres_database_from_a_newer_tally_is_refused(postgres_url: str) -> None:
    Store(postgres_url).close()
    engine = create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        conn.execute(text("UPDATE tally_schema SET version = 99"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer") as info:
        Store(postgres_url)
    assert "127.0.0.1" in str(info.value)


@pytest.mark.postgres
def test_a_postgres_server_that_is_not_there_is_one_line_naming_it() -> None:
    with pytest.raises(StoreError) as info:
        Store("postgresql://someone:secret@127.0.0.1:1/none")
    message = str(info.value)
    assert message.startswith("T301 postgresql+psycopg://someone:***@127.0.0.1:1/none")
    assert "secret" not in message and "\n" not in message


def test_a_directory_cannot_be_opened_as_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        Store(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_a_new_migration_step_runs_once_on_an_existing_database(
    db: str | Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tally.store import schema

    with Store(db) as store:
        article = make_article()
        store.add_article(article, make_claims(article))
    steps = [*schema.MIGRATIONS, "ALTER TABLE articles ADD COLUMN note TEXT DEFAULT 'x'"]
    monkeypatch.setattr(schema, "MIGRATIONS", steps)
    for _ in range(2):  # the second open finds the step applied and leaves it alone
        with Store(db) as store:
            assert len(store.claims()) == 2
    engine = create_engine(url_of(db))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT note FROM articles")).all() == [("x",)]
    engine.dispose()


def test_a_first_schema_sqlite_file_is_brought_up_to_date_keeping_its_data(
    sqlite_db: Path,
) -> None:
    """A database from before the store's second step (no seq, no stored LSH bands)."""
    from tally.store import schema
    from tally.store.dedup import body_text, signature, signature_bytes

    conn = sqlite3.connect(sqlite_db)
    conn.executescript(FIRST_SCHEMA)
    for n, article in enumerate([make_article(), make_article(BODY + " Updated.", "b.txt")]):
        sig = signature_bytes(signature(body_text(article)))  # type: ignore[arg-type]
        conn.execute(
            "INSERT INTO articles (id, origin, text, segments, signature, added_at)"
            " VALUES (?, ?, ?, '[]', ?, ?)",
            (article.id, article.origin, article.text, sig, f"2025-01-0{n + 1}"),
        )
    conn.execute(f"PRAGMA application_id={schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()
    with Store(sqlite_db) as store:
        assert [a.origin for a in store.articles()] == ["data/flood.txt", "b.txt"]
        copy = make_article(BODY + " Corrected.", origin="c.txt")
        store.add_article(copy, [])
        assert copy.duplicate_of == make_article().id  # found through the backfilled bands
        assert [a.origin for a in store.articles()][-1] == "c.txt"


FIRST_SCHEMA = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY, origin TEXT NOT NULL, text TEXT NOT NULL,
    segments TEXT NOT NULL DEFAULT '[]', outlet TEXT, title TEXT, author TEXT, url TEXT,
    published TEXT, published_origin TEXT, language TEXT NOT NULL DEFAULT 'en',
    duplicate_of TEXT, signature BLOB, added_at TEXT NOT NULL
);
CREATE TABLE claims (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence TEXT NOT NULL, mention TEXT NOT NULL, "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL, low REAL, high REAL, approx TEXT NOT NULL, unit TEXT,
    actor TEXT, outcome TEXT, source TEXT, source_chain TEXT NOT NULL DEFAULT '[]',
    as_of TEXT, modality TEXT NOT NULL, trend TEXT, part TEXT NOT NULL, quantity TEXT,
    confidence REAL NOT NULL, sentence_start INTEGER NOT NULL
);
CREATE INDEX claims_quantity ON claims(quantity);
CREATE INDEX claims_article ON claims(article_id);
"""


def test_a_sqlite_file_of_the_five_step_schema_migrates_forward_keeping_its_data(
    sqlite_db: Path,
) -> None:
    """A database written before the store moved to SQLAlchemy (five SQL steps: articles and
    claims, claim rules, page versions and feeds, outlets and estimates, the origin index)."""
    from tally.store import schema
    from tally.store.dedup import body_text, signature, signature_bytes

    conn = sqlite3.connect(sqlite_db)
    conn.executescript(FIRST_SCHEMA + FIVE_STEP_ADDITIONS)
    first, second = make_article(), make_article("Another story: 30 boats sank.", "b.txt")
    for n, article in enumerate([first, second]):
        sig = signature_bytes(signature(body_text(article)))  # type: ignore[arg-type]
        conn.execute(
            "INSERT INTO articles (id, origin, text, segments, signature, added_at, outlet)"
            " VALUES (?, ?, ?, '[]', ?, ?, 'River Times')",
            (article.id, article.origin, article.text, sig, f"2025-01-0{n + 1}"),
        )
    conn.execute("INSERT INTO article_outlets VALUES (?, 'Coast Daily', 'c.html', '2025-01-03')", (first.id,))
    for quantity in ("missing", "killed"):  # the report's order, not the alphabet's
        conn.execute(
            "INSERT INTO estimates VALUES (?, ?, 'people', 1, 1, 2, 3, NULL, 1, 0, '[]', NULL, 'x')",
            (quantity, quantity.title()),
        )
    conn.execute(f"PRAGMA application_id={schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version=5")
    conn.commit()
    conn.close()
    with Store(sqlite_db) as store:
        assert [a.origin for a in store.articles()] == ["data/flood.txt", "b.txt"]
        assert store.article(first.id).also_outlets == ["Coast Daily"]  # type: ignore[union-attr]
        assert [r["quantity"] for r in store.table_rows("estimates")] == ["missing", "killed"]
        copy = make_article(BODY + " Corrected.", origin="c.txt")
        store.add_article(copy, [])
        assert copy.duplicate_of == first.id  # found through the backfilled bands
        assert store.add_outlet(second.id, "Harbour Post", "h.html")
        assert store.article(second.id).also_outlets == ["Harbour Post"]  # type: ignore[union-attr]
    conn = sqlite3.connect(sqlite_db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
    conn.close()


FIVE_STEP_ADDITIONS = """
ALTER TABLE claims ADD COLUMN as_of_basis TEXT;
ALTER TABLE claims ADD COLUMN rules TEXT NOT NULL DEFAULT '{}';
ALTER TABLE articles ADD COLUMN final_url TEXT;
ALTER TABLE articles ADD COLUMN fetched_at TEXT;
ALTER TABLE articles ADD COLUMN etag TEXT;
ALTER TABLE articles ADD COLUMN last_modified TEXT;
ALTER TABLE articles ADD COLUMN superseded_by TEXT;
CREATE INDEX articles_url ON articles(url);
CREATE TABLE feeds (
    url TEXT PRIMARY KEY, topic TEXT, added_at TEXT NOT NULL, checked_at TEXT,
    etag TEXT, last_modified TEXT
);
CREATE TABLE feed_items (
    feed_url TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
    item_url TEXT NOT NULL, updated TEXT, seen_at TEXT NOT NULL, article_id TEXT,
    PRIMARY KEY (feed_url, item_url)
);
CREATE TABLE article_outlets (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    outlet TEXT NOT NULL, origin TEXT NOT NULL, added_at TEXT NOT NULL,
    PRIMARY KEY (article_id, outlet)
);
CREATE TABLE estimates (
    quantity TEXT PRIMARY KEY, label TEXT NOT NULL, unit TEXT, cumulative INTEGER NOT NULL,
    low REAL, best REAL, high REAL, as_of TEXT, sources INTEGER NOT NULL,
    open_conflicts INTEGER NOT NULL, reasons TEXT NOT NULL, topic TEXT,
    computed_at TEXT NOT NULL
);
CREATE TABLE sources (
    source TEXT PRIMARY KEY, kind TEXT NOT NULL, weight REAL NOT NULL,
    spellings TEXT NOT NULL, quantities TEXT NOT NULL, reports INTEGER NOT NULL,
    outlets TEXT NOT NULL, computed_at TEXT NOT NULL
);
CREATE INDEX articles_origin ON articles(origin);
"""
