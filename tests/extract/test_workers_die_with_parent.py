"""Forked extraction workers never outlive the ingest that started them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.model, pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")]

TALLY = Path(sys.executable).parent / "tally"


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start_ingest(tmp_path: Path) -> tuple[subprocess.Popen[bytes], list[int]]:
    """An ingest with two workers on enough text to keep them busy, and the workers' pids."""
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(8):
        lines = [f"Officials said {100 + i + k} soldiers were moved to post {i}." for i in range(600)]
        (folder / f"report-{k}.txt").write_text("\n".join(lines), encoding="utf-8")
    ingest = subprocess.Popen(
        [str(TALLY), "ingest", str(folder), "--db", str(tmp_path / "t.db"), "--jobs", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while len(workers := children(ingest.pid)) < 2 and time.monotonic() < deadline:
        assert ingest.poll() is None, "the ingest ended before its workers started"
        time.sleep(0.2)
    assert len(workers) >= 2
    return ingest, workers


def gone_within(pids: list[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    return not any(alive(p) for p in pids)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill -9", "SIGTERM"])
def test_workers_exit_when_their_parent_is_killed(tmp_path: Path, sig: signal.Signals) -> None:
    ingest, workers = start_ingest(tmp_path)
    try:
        os.kill(ingest.pid, sig)
        ingest.wait(30)
        assert gone_within(workers, 10), "workers outlived their parent"
    finally:
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        if ingest.poll() is None:
            ingest.kill()
