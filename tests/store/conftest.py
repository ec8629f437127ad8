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


BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def generated_corpus(folder: Path, count: int) -> list[Path]:
    """``count`` generated article files (benchmarks/generated.py) in ``folder``."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("generated", BENCHMARKS / "generated.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    paths: list[Path] = module.write(count, folder)
    return paths
