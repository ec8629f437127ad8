"""`tally ingest --ray` on a local 2-CPU Ray cluster into PostgreSQL: killed mid-run (the
driver, or one extractor actor) and run again, it ends with what an uninterrupted run stores.

Each run is a real `tally` process; the cluster is the local one its ray.init() starts. The
processes a killed driver leaves behind (its cluster) are found under it and ended by id.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tally.store import Store
from tests.store.conftest import generated_corpus

pytest.importorskip("ray")
pytestmark = [pytest.mark.ray, pytest.mark.postgres, pytest.mark.model]

FILES = 240  # a few batches of FILES_PER_BATCH per actor: time to be killed mid-run
TALLY = Path(sys.executable).parent / "tally"


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _descendants(pid: int) -> list[int]:
    tree, found, todo = _children(), [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _start(db: str | Path, files: list[Path], *ray: str) -> subprocess.Popen[str]:
    command = [str(TALLY), "ingest", "--db", str(db), *ray, *map(str, files)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(proc: subprocess.Popen[str]) -> int:
    leftovers = _descendants(proc.pid)
    proc.communicate(timeout=600)
    for pid in leftovers:  # a cluster that outlived its driver
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return proc.returncode


def _wait_for(condition: Callable[[], bool], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def _stored(url: str) -> int:
    with Store(url) as store:
        return store.count_articles()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], str]:
    """The input files and the digest of what one uninterrupted local ingest stores."""
    folder = tmp_path_factory.mktemp("ray")
    files = generated_corpus(folder / "in", FILES)
    reference = folder / "reference.db"
    assert _finish(_start(reference, files, "--jobs", "1")) == 0
    with Store(reference) as store:
        assert store.count_articles() == len({f.read_text() for f in files})  # each text once
        return files, store.digest()


def test_an_uninterrupted_ray_ingest_stores_what_a_local_one_does(
    corpus: tuple[list[Path], str], postgres_url: str
) -> None:
    files, digest = corpus
    assert _finish(_start(postgres_url, files, "--ray")) == 0
    with Store(postgres_url) as store:
        assert store.digest() == digest


def test_a_ray_ingest_whose_driver_is_killed_ends_the_same_when_rerun(
    corpus: tuple[list[Path], str], postgres_url: str
) -> None:
    files, digest = corpus
    run = _start(postgres_url, files, "--ray")
    _wait_for(lambda: _stored(postgres_url) > 0)
    leftovers = _descendants(run.pid)
    run.send_signal(signal.SIGKILL)
    _finish(run)
    for pid in leftovers:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert 0 < _stored(postgres_url) < FILES  # killed mid-run
    assert _finish(_start(postgres_url, files, "--ray")) == 0
    with Store(postgres_url) as store:
        assert store.digest() == digest


def test_a_ray_ingest_that_loses_an_actor_ends_the_same_when_rerun(
    corpus: tuple[list[Path], str], postgres_url: str
) -> None:
    files, digest = corpus
    run = _start(postgres_url, files, "--ray")
    _wait_for(lambda: _stored(postgres_url) > 0)
    actors = [p for p in _descendants(run.pid) if "Extractor" in _cmdline(p)]
    assert actors, "no extractor actor found under the driver"
    os.kill(actors[0], signal.SIGKILL)
    _finish(run)  # Ray may restart the actor and finish, or the run may fail: either way
    assert _finish(_start(postgres_url, files, "--ray")) == 0
    with Store(postgres_url) as store:
        assert store.digest() == digest
