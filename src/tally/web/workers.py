"""The web app's ingest work, done in a separate process: reads stay fast while it runs.

Extraction is CPU-bound Python; on the server's own threads it would hold the interpreter lock
the request handlers need, so one large or hostile upload made every page wait. Here it runs
in one worker process (started on the first job, niced below the server), one article per
task, each with a limit on the CPU seconds it may take: past it the kernel stops the worker
(SIGXCPU), the article is reported as too costly and a fresh worker takes the next one.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tally.app.events import Recorder
from tally.errors import FormatError, InputError
from tally.options import IngestOptions, IngestResult

if TYPE_CHECKING:
    from tally.ingest.fetch import Fetcher

CPU_SECONDS_PER_ARTICLE = 120  # the RE2 patterns keep an article to seconds; this is a backstop
_NICENESS = 10


@dataclass
class Outcome:
    """What one article's ingest gave, in plain values that cross the process boundary."""

    added: int = 0
    skipped: int = 0
    duplicates: int = 0
    claims: int = 0
    errors: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # what the run reported on the way

    @classmethod
    def of(cls, result: IngestResult, events: Recorder) -> Outcome:
        """The outcome of an ingest run."""
        return cls(result.added, result.skipped, result.duplicates, result.claims,
                   [str(e) for e in result.errors], list(result.article_ids), events.messages)  # fmt: skip


class Worker:
    """One worker process for ingest tasks, replaced when an article exhausts its CPU limit.

    Args:
        options: The ingest options every task uses.
        cpu_seconds: The CPU time one article may take.
    """

    def __init__(self, options: IngestOptions, cpu_seconds: float = CPU_SECONDS_PER_ARTICLE):
        self.options = options
        self.cpu_seconds = cpu_seconds
        self._pool: ProcessPoolExecutor | None = None

    def run(self, name: str, kind: str, payload: Any) -> Outcome:
        """Ingest one article ("path", "url" or "text") in the worker; ``name`` is for errors."""
        if self._pool is None:
            context = multiprocessing.get_context("spawn")  # the server's threads are not forked
            self._pool = ProcessPoolExecutor(1, mp_context=context, initializer=_start, initargs=(os.getpid(),))
        future: Future[Outcome] = self._pool.submit(_task, kind, payload, self.options, self.cpu_seconds)
        try:
            return future.result()
        except BrokenProcessPool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
            message = f"extracting it took more than {self.cpu_seconds:g} s of CPU; skipped"
            return Outcome(errors=[str(InputError(message, path=name))])

    def close(self) -> None:
        """Stop the worker process."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _start(parent: int) -> None:
    from tally.extract.parallel import _worker_start  # death with the parent, one BLAS thread

    _worker_start(parent)
    os.nice(_NICENESS)  # the server's requests come first
    from tally.extract.pipeline import load_model

    load_model()  # here, not in the first article's CPU budget


_FETCHER: dict[str, Fetcher] = {}  # the worker's one fetcher: robots.txt and pace carry over


def _task(kind: str, payload: Any, options: IngestOptions, cpu_seconds: float) -> Outcome:
    """One article, under a CPU-time limit (in the worker process)."""
    from tally.app import ingest_paths, ingest_text, ingest_urls

    used = resource.getrusage(resource.RUSAGE_SELF)
    soft = int(used.ru_utime + used.ru_stime + cpu_seconds) + 1
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
    events = Recorder()
    try:
        if kind == "path":
            return Outcome.of(ingest_paths([Path(payload)], options, events), events)
        if kind == "url":
            from tally.ingest.fetch import Fetcher

            fetcher = _FETCHER.setdefault("one", Fetcher(options.fetch))
            return Outcome.of(ingest_urls([payload], options, events, fetcher), events)
        text, metadata = payload
        try:
            return Outcome.of(ingest_text(text, dict(metadata), options, events), events)
        except (InputError, FormatError) as exc:  # the paste's fault: the job itself ran
            return Outcome(errors=[str(exc)])
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, (hard, hard))

