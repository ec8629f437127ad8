"""Store fixtures: a database file in the test's own temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "tally.db"
