"""Several `tally ingest` processes at once into one PostgreSQL database lose and duplicate
nothing: each article is stored once with all its claims, as one process alone stores them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tally.store import Store

from .conftest import generated_corpus

pytestmark = [pytest.mark.postgres, pytest.mark.model]


def _ingest(db: str | Path, paths: list[Path]) -> subprocess.Popen[str]:
    tally = Path(sys.executable).parent / "tally"
    command = [str(tally), "ingest", "--db", str(db), "--jobs", "1"]
    return subprocess.Popen(
        [*command, *map(str, paths)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_three_overlapping_concurrent_ingests_store_each_article_once(
    tmp_path: Path, postgres_url: str
) -> None:
    files = generated_corpus(tmp_path / "in", 36)
    # Overlapping thirds: every file is read by two of the three processes, in other orders.
    shares = [files[:24], files[12:] + files[:6], list(reversed(files[6:18])) + files[24:]]
    running = [_ingest(postgres_url, share) for share in shares]
    for proc in running:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    alone = tmp_path / "alone.db"
    single = _ingest(alone, files)
    assert single.communicate(timeout=300) and single.returncode == 0
    with Store(postgres_url) as shared, Store(alone) as reference:
        stored = [a.id for a in shared.articles()]
        assert len(stored) == len(set(stored)) == len(reference.articles()) == len(files)
        assert shared.stats()["claims"] == reference.stats()["claims"] > len(files)
        assert shared.digest() == reference.digest()
