"""Ingest jobs: the same pipeline as `tally ingest`, counted as it goes, errors kept."""

from __future__ import annotations

import time
import tempfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tally.options import IngestOptions
from tally.web.jobs import Job, JobRunner
from tests.web.conftest import TOKEN, UPLOAD_TEXT

AUTH = {"authorization": f"Bearer {TOKEN}"}


def _wait(client: TestClient, job_id: str) -> dict:
    for _ in range(600):
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish")


def _wait_job(job: Job) -> Job:
    for _ in range(600):
        if job.state in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job.id} did not finish")


@pytest.mark.model
@pytest.mark.parametrize("how", ["file", "paste"])
def test_an_ingested_article_shows_up_with_its_figures(client: TestClient, how: str) -> None:
    if how == "file":
        answer = client.post(
            "/api/ingest", headers=AUTH, files={"files": ("storm.txt", UPLOAD_TEXT.encode())}
        )
    else:
        body = UPLOAD_TEXT.split("---\n", 1)[1]
        meta = {"title": "Shelter count rises", "outlet": "Coastal Courier"}
        answer = client.post("/api/ingest", headers=AUTH, data={"text": body, **meta})
    assert answer.status_code == 202
    job = _wait(client, answer.json()["id"])
    assert job["state"] == "done" and job["errors"] == []
    assert (job["added"], job["done"], job["total"]) == (1, 1, 1) and job["claims"] >= 2
    (article_id,) = job["article_ids"]
    article = client.get(f"/api/articles/{article_id}").json()
    assert article["outlet"] == "Coastal Courier"
    mentions = {
        c["mention"] for c in client.get("/api/claims", params={"article_id": article_id}).json()
    }
    assert any("2,350" in m for m in mentions)
    page = client.get(f"/jobs/{job['id']}").text
    assert f'href="/articles/{article_id}"' in page


@pytest.mark.model
def test_the_same_text_twice_is_skipped_the_second_time(client: TestClient) -> None:
    files = {"files": ("storm.txt", UPLOAD_TEXT.encode())}
    first = _wait(client, client.post("/api/ingest", headers=AUTH, files=files).json()["id"])
    second = _wait(client, client.post("/api/ingest", headers=AUTH, files=files).json()["id"])
    assert (first["added"], second["added"], second["skipped"]) == (1, 0, 1)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [("binary.txt", b"\x00\x01\x02\xff" * 50, "T101"), ("bad.jsonl", b"{not json\n", "T102")],
)
def test_a_bad_file_is_reported_in_the_job_and_the_batch_goes_on(
    tmp_path: Path, name: str, content: bytes, code: str
) -> None:
    runner = JobRunner(IngestOptions(db=tmp_path / "j.db", progress=False))
    job = _wait_job(runner.submit_files([(name, content)]))
    runner.shutdown()
    assert job.state == "done" and job.done == 1 and job.added == 0
    assert len(job.errors) == 1 and job.errors[0].startswith(code) and name in job.errors[0]
    assert tempfile.gettempdir() not in job.errors[0]  # the upload's name, not the server's path


def test_a_job_that_cannot_run_is_failed_with_the_reason(tmp_path: Path) -> None:
    options = IngestOptions(db=tmp_path / "j.db", topic=tmp_path / "missing.toml", progress=False)
    runner = JobRunner(options)
    job = _wait_job(runner.submit_text("Officials counted 40 boats.", {}))
    runner.shutdown()
    assert job.state == "failed" and "missing.toml" in job.errors[0]


def test_an_empty_paste_is_an_input_error_in_the_job(tmp_path: Path) -> None:
    runner = JobRunner(IngestOptions(db=tmp_path / "j.db", progress=False))
    job = _wait_job(runner.submit_text("", {}))
    runner.shutdown()
    assert job.state == "done" and job.errors and job.errors[0].startswith("T101")
