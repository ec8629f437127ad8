"""Benchmark: extraction speed and memory, Tally against quantulum3 on the same texts.

Run: ``.venv/bin/python benchmarks/throughput.py [--repeat 3]``. Each system runs in its own
child process (so that peak RSS is its own) with one BLAS thread: load (import, model, a
first call on a short text; timed apart), warm-up on a few texts, then the seed articles
(``../shared/corpus/seeds/*.txt``, whole articles) and the NewsQuant sentences, each pass
timed with ``time.perf_counter`` and the best of ``--repeat`` kept. "Tally" calls
``extract_claims`` once per text; "Tally, batched" gives all texts to ``extract_many``, as
ingest does; the "2 processes" rows split the texts between two forked workers (Tally with
``extract_many(processes=2)``, quantulum3 with a ``multiprocessing`` pool), each pool started
on first use and kept, so that the first (load) call starts it and the timed passes reuse it. Prints texts per second, the ratios to quantulum3 on one process, load
time and peak RSS (of the parent process). Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any
from pathlib import Path

from adapters import extractor_version, load_newsquant, load_seeds

SYSTEMS = ("tally", "tally-batch", "quantulum3", "tally-2proc", "quantulum3-2proc")
LABELS = {"tally": "Tally (extract_claims)", "tally-batch": "Tally, batched (extract_many)",
          "quantulum3": "quantulum3 0.10.0", "tally-2proc": "Tally, batched, 2 processes",
          "quantulum3-2proc": "quantulum3, 2 processes"}  # fmt: skip
Runner = Callable[[list[str]], int]


def runner(system: str) -> Runner:
    """Load one system and return a function that extracts from texts, returning the count."""
    if system.startswith("quantulum3"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # optional classifier not installed
            from quantulum3 import parser
        if system == "quantulum3":
            return lambda texts: sum(len(parser.parse(t)) for t in texts)
        return lambda texts: sum(_pool_map(_quantulum_count, texts))
    from tally.extract import extract_claims, extract_many, load_model
    from tally.types import Article

    load_model()
    if system == "tally":
        return lambda texts: sum(len(extract_claims(t)) for t in texts)
    processes = 2 if system == "tally-2proc" else 1

    def batched(texts: list[str]) -> int:
        articles = [Article(id=str(i), origin=f"{i}.txt", text=t) for i, t in enumerate(texts)]
        return sum(len(claims) for claims in extract_many(articles, processes=processes))

    return batched


def _quantulum_count(texts: list[str]) -> int:
    from quantulum3 import parser

    return sum(len(parser.parse(t)) for t in texts)


_POOL: list[Any] = []


def _pool_map(func: Callable[[list[str]], int], texts: list[str]) -> list[int]:
    """``func`` over two halves of the texts in two forked processes, kept across calls as
    Tally keeps its workers."""
    import multiprocessing

    if not _POOL:
        _POOL.append(multiprocessing.get_context("fork").Pool(2))
    half = (len(texts) + 1) // 2
    result: list[int] = _POOL[0].map(func, [texts[:half], texts[half:]])
    return result


def best_of(run: Runner, texts: list[str], repeat: int) -> tuple[float, int]:
    """The fastest of ``repeat`` passes over the texts, and how many quantities a pass found."""
    times, found = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = run(texts)
        times.append(time.perf_counter() - start)
    return min(times), found


def worker(system: str, repeat: int) -> None:
    """Measure one system and print its figures as one JSON line."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)  # one core each: numpy's BLAS would otherwise use them all
    seeds = load_seeds()
    sentences = [item["text"] for item in load_newsquant()]
    start = time.perf_counter()
    run = runner(system)
    run(["The army sent 1,200 troops, about 40% more than in May."])
    load = time.perf_counter() - start
    run(seeds[:1] + sentences[:20])  # warm-up: caches, lazy tables, allocator
    seeds_s, seeds_found = best_of(run, seeds, repeat)
    sents_s, sents_found = best_of(run, sentences, repeat)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"system": system, "load_s": load, "seeds_s": seeds_s,
                      "seeds_found": seeds_found, "sentences_s": sents_s,
                      "sentences_found": sents_found, "peak_rss_mb": peak_kb / 1024}))  # fmt: skip


def count_sentences(texts: list[str]) -> int:
    """Sentences in the texts, by spaCy's rule-based sentencizer, one paragraph at a time."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    lines = [line for t in texts for line in t.split("\n") if line.strip()]
    return sum(len(list(doc.sents)) for doc in nlp.pipe(lines))


def machine() -> str:
    """CPU model and count, for the results file."""
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    cores = len(os.sched_getaffinity(0))
    return f"{model}, {cores} cores, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> None:
    """Run every system in a child process and print the comparison."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per system and round")
    ap.add_argument("--rounds", type=int, default=2, help="times every system is started afresh")
    ap.add_argument("--worker", choices=SYSTEMS, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.worker, args.repeat)
        return
    seeds = load_seeds()
    n_sents = len(load_newsquant())
    seed_sents = count_sentences(seeds)
    results: dict[str, dict] = {}
    # Rounds interleave the systems, so that a busy spell on a shared machine slows one
    # round of each rather than all passes of one system; the best round counts.
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    for _ in range(args.rounds):
        for system in SYSTEMS:
            cmd = [sys.executable, __file__, "--worker", system, "--repeat", str(args.repeat)]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stdout
            r = json.loads(out.strip().splitlines()[-1])
            best = results.setdefault(system, r)
            for key in ("seeds_s", "sentences_s", "load_s"):
                best[key] = min(best[key], r[key])
    print(f"Machine: {machine()}; best of {args.repeat} passes x {args.rounds} rounds; "
          f"extractor at {extractor_version()}")  # fmt: skip
    print(f"Seeds: {len(seeds)} articles, {seed_sents} sentences, "
          f"{sum(map(len, seeds)):,} characters; NewsQuant: {n_sents} sentences\n")  # fmt: skip
    base = results["quantulum3"]
    print("| system | seeds articles/s | seeds sentences/s | NewsQuant sentences/s | "
          "speed ÷ quantulum3 (seeds / NewsQuant) | quantities found (seeds / NewsQuant) | "
          "load s | peak RSS MB |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for system in SYSTEMS:
        r = results[system]
        ratio_seeds = base["seeds_s"] / r["seeds_s"]
        ratio_sents = base["sentences_s"] / r["sentences_s"]
        print(f"| {LABELS[system]} | {len(seeds) / r['seeds_s']:.2f} | "
              f"{seed_sents / r['seeds_s']:.0f} | {n_sents / r['sentences_s']:.0f} | "
              f"{ratio_seeds:.2f} / {ratio_sents:.2f} | "
              f"{r['seeds_found']} / {r['sentences_found']} | {r['load_s']:.2f} | "
              f"{r['peak_rss_mb']:.0f} |")  # fmt: skip


if __name__ == "__main__":
    main()
