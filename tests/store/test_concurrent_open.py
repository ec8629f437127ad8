"""Four processes opening one new database at the same moment all get a working store."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from tally.store import Store
from tally.store.schema import MIGRATIONS

PROCESSES = 4
ROUNDS = 12  # before the fix a quarter of first opens failed; 12 rounds of 4 miss it ~never


def _open_and_add(db: str, barrier: multiprocessing.synchronize.Barrier, k: int) -> None:
    barrier.wait()  # all four call Store() on the missing file together
    with Store(db) as store:  # (adding an article here would time MinHash's first start)
        assert store.stats()["articles"] == 0


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_four_processes_creating_a_new_database_at_once_all_succeed(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    for round_ in range(ROUNDS):
        db = tmp_path / f"new-{round_}.db"
        barrier = context.Barrier(PROCESSES)
        workers = [
            context.Process(target=_open_and_add, args=(str(db), barrier, k))
            for k in range(PROCESSES)
        ]
        for w in workers:
            w.start()
        for w in workers:
            w.join(60)
        assert [w.exitcode for w in workers] == [0] * PROCESSES, f"round {round_}"
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.close()
