"""Extraction on several CPU cores: articles split into chunks, one process per core.

The statistical model costs most of extraction's time and runs on one core, so a large
batch is shared among forked worker processes. The model is loaded before the fork and
shared copy-on-write; each worker gets whole articles (a report's sentences lean on each
other) and sends back their claims, which are small. Each worker keeps to one BLAS thread.
The workers live until the process exits: their caches (the vocabulary, lemmas, attribute
rules) warm up over the batches, as they would in one process. They never outlive it: a
SIGTERM to the parent stops them first, and each worker exits on its own once its parent is
gone (``kill -9``), by the kernel's parent-death signal on Linux and a check every second.
"""

from __future__ import annotations

import atexit
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from types import FrameType

from tally.types import Article, Claim

# Below this much text per process, starting the processes costs more than it saves.
CHARS_PER_PROCESS = 20_000
PARENT_CHECK_SECONDS = 1.0  # how often a worker looks whether its parent is still there
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def worker_count(articles: list[Article], processes: int) -> int:
    """How many processes to use: ``processes``, or with 0 one per core as the text warrants.

    Always 1 where processes cannot be forked (Windows): the workers rely on sharing the
    loaded model.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if processes > 0:
        return min(processes, max(1, len(articles)))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    size = sum(len(a.text) for a in articles)
    return max(1, min(cores, size // CHARS_PER_PROCESS, len(articles)))


def chunks(articles: list[Article], count: int) -> list[list[Article]]:
    """``count`` runs of consecutive articles with about the same amount of text each."""
    total = sum(len(a.text) for a in articles) or 1
    out: list[list[Article]] = [[] for _ in range(count)]
    seen = 0
    for article in articles:
        out[min(count - 1, seen * count // total)].append(article)
        seen += len(article.text)
    return [c for c in out if c]


def extract_parallel(articles: list[Article], processes: int, batch_size: int) -> list[list[Claim]]:
    """Claims for each article, extracted by ``processes`` forked workers, in the order given."""
    parts = chunks(articles, processes * 2)  # two chunks each evens out uneven articles
    results = _pool(processes).map(_extract_chunk, parts, [batch_size] * len(parts))
    return [claims for part in results for claims in part]


_POOLS: dict[int, ProcessPoolExecutor] = {}


def _pool(processes: int) -> ProcessPoolExecutor:
    """The worker pool of this size, started once and kept, so that workers' caches stay warm."""
    from tally.extract.pipeline import load_model

    pool = _POOLS.get(processes)
    if pool is None:
        load_model()  # before the fork, so that the workers share it
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(
            max_workers=processes, mp_context=context, initializer=_worker_start,
            initargs=(os.getpid(),),
        )  # fmt: skip
        _POOLS[processes] = pool
        if len(_POOLS) == 1:
            atexit.register(shutdown)
            _stop_workers_on_sigterm()
    return pool


def _stop_workers_on_sigterm() -> None:
    """On SIGTERM, stop the workers, then exit as SIGTERM asks (unless someone else handles it)."""
    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers can only be set from the main thread
    if signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, None):
        return  # the program handles SIGTERM itself (a web server): leave it be

    def stop(signum: int, frame: FrameType | None) -> None:
        _terminate_workers()
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def _terminate_workers() -> None:
    for pool in list(_POOLS.values()):
        # The executor keeps its processes by pid; terminating them makes it "broken",
        # which is what we want of a pool being torn down.
        for process in list(getattr(pool, "_processes", {}).values()):
            if process.is_alive():
                process.terminate()
    _POOLS.clear()


def _worker_start(parent: int) -> None:
    """Set a worker up: one BLAS thread, default SIGTERM, and death with its parent."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler is not the worker's
    if sys.platform.startswith("linux"):
        try:  # the kernel sends SIGTERM when the parent dies
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the check below covers it
    if os.getppid() != parent:
        os._exit(1)  # the parent died before the signal was set up
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    _one_thread()


def _watch_parent(parent: int) -> None:
    # A worker whose parent is gone is adopted by init (or a subreaper): its pid changes.
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def shutdown() -> None:
    """Stop the worker processes (done at exit; call it to free them sooner)."""
    while _POOLS:
        _POOLS.popitem()[1].shutdown(cancel_futures=True)


def _one_thread() -> None:
    # One BLAS thread per worker: the workers already fill the cores.
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)


def _extract_chunk(articles: list[Article], batch_size: int) -> list[list[Claim]]:
    from tally.extract.pipeline import extract_many

    return extract_many(articles, batch_size=batch_size, processes=1)
