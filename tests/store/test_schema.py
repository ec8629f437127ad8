"""Opening a database: WAL mode, migrations, and refusing files that are not Tally's."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tally.errors import StoreError
from tally.store import Store

from .samples import make_article, make_claims


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
    from tally.store import schema

    with Store(db) as store:
        article = make_article()
        store.add_article(article, make_claims(article))
    steps = [*schema.MIGRATIONS, "ALTER TABLE articles ADD COLUMN note TEXT DEFAULT 'x'"]
    monkeypatch.setattr(schema, "MIGRATIONS", steps)
    for _ in range(2):  # the second open finds the step applied and leaves it alone
        with Store(db) as store:
            assert len(store.claims()) == 2
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(steps)
    assert conn.execute("SELECT note FROM articles").fetchall() == [("x",)]
    conn.close()
