"""Ingest jobs: uploads, pastes and URLs go through the same pipeline as ``tally ingest``, one job at
a time, while the page polls the job's status. A thread runs the jobs in turn; the articles are
extracted in a worker process (tally.web.workers), so that requests are not kept waiting.

Files are written to a temporary directory under their own (sanitised) names and ingested one
by one, so the status can say how many are done.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tally.app.events import Recorder
from tally.errors import TallyError
from tally.options import IngestOptions, IngestResult
from tally.web.workers import Outcome, Worker

JobState = Literal["queued", "running", "done", "failed"]
KEEP_JOBS = 100  # finished jobs remembered for their status pages


@dataclass
class Job:
    """One ingest request and how far it got."""

    id: str
    total: int
    state: JobState = "queued"
    done: int = 0
    added: int = 0
    skipped: int = 0
    duplicates: int = 0
    claims: int = 0
    errors: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    # What the application functions report while the job runs (the errors are also in
    # ``errors``, from each run's result).
    events: Recorder = field(default_factory=Recorder, repr=False)

    def record(self, result: IngestResult | Outcome) -> None:
        """Add one ingest run's counts, errors and messages to the job."""
        self.added += result.added
        self.skipped += result.skipped
        self.duplicates += result.duplicates
        self.claims += result.claims
        self.errors += [str(e) for e in result.errors]
        self.article_ids += result.article_ids
        if isinstance(result, Outcome):
            self.events.messages += result.messages


class JobRunner:
    """Runs ingest jobs one after another on a single worker thread.

    Args:
        options: The ingest options (database, topic) every job uses.
        on_done: Called after each job that stored something (the app drops its caches).
    """

    def __init__(self, options: IngestOptions, on_done: Callable[[], None] | None = None):
        self.options = options
        self.on_done = on_done
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tally-ingest")
        self._worker = Worker(options)  # its process starts with the first job

    def get(self, job_id: str) -> Job | None:
        """The job with this id, if it is still remembered."""
        with self._lock:
            return self._jobs.get(job_id)

    def submit_files(self, files: list[tuple[str, bytes]]) -> Job:
        """Queue uploaded files (safe name, content) for ingest."""
        job = self._new(len(files))
        self._pool.submit(self._guard, job, lambda: self._run_files(job, files))
        return job

    def submit_text(self, text: str, metadata: Mapping[str, str | None]) -> Job:
        """Queue a pasted text, with its optional title, outlet and date, for ingest."""
        job = self._new(1)
        self._pool.submit(self._guard, job, lambda: self._run_text(job, text, metadata))
        return job

    def submit_urls(self, urls: list[str]) -> Job:
        """Queue http(s) URLs to fetch and ingest, one after another."""
        job = self._new(len(urls))
        self._pool.submit(self._guard, job, lambda: self._run_urls(job, urls))
        return job

    def shutdown(self) -> None:
        """Wait for the running job, drop queued ones."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._worker.close()

    def _new(self, total: int) -> Job:
        with self._lock:
            job = Job(id=str(next(self._ids)), total=total)
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP_JOBS:
                self._jobs.popitem(last=False)
            return job

    def _guard(self, job: Job, work: Callable[[], None]) -> None:
        job.state = "running"
        try:
            work()
        except TallyError as exc:  # a bad topic or database stops the job, not the server
            job.errors.append(str(exc))
            job.state = "failed"
        except Exception as exc:  # noqa: BLE001 - the status page must say the job died
            job.errors.append(f"internal error: {type(exc).__name__}: {exc}")
            job.state = "failed"
        else:
            job.state = "done"
        finally:
            if job.added and self.on_done is not None:
                self.on_done()

    def _run_files(self, job: Job, files: list[tuple[str, bytes]]) -> None:
        folder = Path(tempfile.mkdtemp(prefix="tally-upload-"))
        try:
            for i, (name, content) in enumerate(files):
                path = folder / f"{i}" / name  # one folder each: two uploads may share a name
                path.parent.mkdir()
                path.write_bytes(content)
                outcome = self._worker.run(name, "path", str(path))
                # Errors name the upload as the user knows it, not the server's temporary file.
                outcome.errors = [e.replace(str(path), name) for e in outcome.errors]
                job.record(outcome)
                job.done += 1
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _run_urls(self, job: Job, urls: list[str]) -> None:
        for url in urls:
            job.record(self._worker.run(url, "url", url))
            job.done += 1

    def _run_text(self, job: Job, text: str, metadata: Mapping[str, str | None]) -> None:
        job.record(self._worker.run("pasted text", "text", (text, dict(metadata))))
        job.done = 1
