"""The web app's ingest runs in a worker process: reads stay fast while a large, hostile upload
is extracted, and an article that would take too long is stopped by its CPU-time limit."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import httpx
import pytest

from tally.options import IngestOptions
from tally.web.workers import Worker
from tests.web.conftest import TOKEN, LiveServer

pytestmark = pytest.mark.model

# Made-up reports in the shapes the audit used against the server: long runs of spaces
# between figures, many dates in one sentence, runs of brackets and quote marks.
PARAGRAPH = (
    "Rescuers said 40 people were still missing after the dam gave way, and 12 bodies had been "
    "recovered by Thursday, the district office said. About 3,000 residents were moved to "
    "schools on higher ground, officials added.\n"
)
HOSTILE = [
    "Officials said 5" + " " * 800 + "12 people died.\n",
    "The council met " + "on March 3, 2025 " * 200 + "and said 9 homes were lost.\n",
    "(" * 4000 + "7 people died" + ")" * 4000 + "\n",
    '"' * 8000 + " 30 boats sank.\n",
]


def _hostile_file(size: int) -> bytes:
    parts, total, k = [], 0, 0
    while total < size:
        piece = PARAGRAPH if k % 5 else HOSTILE[(k // 5) % len(HOSTILE)]
        parts.append(piece)
        total += len(piece)
        k += 1
    return "".join(parts).encode()


def _read_times(client: httpx.Client, count: int, until: callable | None = None) -> list[float]:
    times = []
    for _ in range(count):
        start = time.perf_counter()
        assert client.get("/api/quantities").status_code == 200
        times.append(time.perf_counter() - start)
        if until is not None and until():
            break
        time.sleep(0.02)
    return times


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def test_reads_stay_fast_while_a_hostile_upload_is_extracted(empty_server: LiveServer) -> None:
    auth = {"authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=empty_server.url, timeout=60) as client:
        before = _read_times(client, 80)
        answer = client.post("/api/ingest", headers=auth, files={"files": ("flood.txt", _hostile_file(400_000))})
        assert answer.status_code == 202
        job_id = answer.json()["id"]

        def finished() -> bool:
            return client.get(f"/api/jobs/{job_id}").json()["state"] in ("done", "failed")

        busy = _read_times(client, 120, until=finished)
        for _ in range(600):
            if finished():
                break
            time.sleep(0.2)
        job = client.get(f"/api/jobs/{job_id}").json()
        after = _read_times(client, 80)
    # Idle is measured before and after, and the noisier of the two taken: on a shared machine
    # other programs come and go, and that is no part of what the job costs the reads.
    idle = max(_p95(before), _p95(after))
    assert job["state"] == "done" and job["added"] == 1, job
    assert len(busy) >= 20, "the job ended before the reads could be measured"
    assert _p95(busy) <= 2 * idle, f"p95 busy {_p95(busy) * 1000:.1f} ms, idle {idle * 1000:.1f} ms"


def test_an_article_over_its_cpu_limit_is_stopped_and_the_next_goes_on(tmp_path: Path) -> None:
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_bytes(_hostile_file(1_500_000))
    small.write_text(PARAGRAPH, encoding="utf-8")
    worker = Worker(IngestOptions(db=tmp_path / "w.db", progress=False), cpu_seconds=1)
    try:
        stopped = worker.run("big.txt", "path", str(big))
        assert stopped.added == 0
        assert stopped.errors == ["T101 big.txt: extracting it took more than 1 s of CPU; skipped"]
        fine = worker.run("small.txt", "path", str(small))
        assert fine.added == 1 and not fine.errors
    finally:
        worker.close()
