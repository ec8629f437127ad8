"""Store fixtures: every store test runs on a SQLite file and on a real PostgreSQL database."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """A new database: a file in the test's own folder, or a database on the test server."""
    if request.param == "sqlite":
        return tmp_path / "tally.db"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Path:
    """A SQLite file, for what only SQLite has (pragmas, the file itself)."""
    return tmp_path / "tally.db"
