"""Benchmark: reconcile 100,000 synthetic claims over ~50 quantities and many sources.

Run: ``.venv/bin/python benchmarks/bench_reconcile.py [N_CLAIMS]``. Prints the time and claims
per second of a plain run, then the peak memory of a second run under tracemalloc (Python
allocations) and the process's peak RSS. Not a timed test.

Two synthetic corpora: "scattered" (400 sources, 12 figures per quantity: few claims echo one
another, almost every claim becomes its own report — the hard case) and "echoing" (30 sources,
4 figures: news-like, many outlets repeating a few agencies).
"""

from __future__ import annotations

import random
import resource
import sys
import time
import tracemalloc

from tally.reconcile import reconcile
from tally.types import Article, Claim, QuantityDef, Topic

QUANTITIES = 50
SOURCES = 400
ARTICLES = 5_000
KINDS = ["intelligence", "defence ministry", "officials", "institute", "spokesman"]
APPROX = ["exact", "exact", "about", "at_least", "at_most", "range"]


def synthetic(
    n: int, seed: int = 7, sources: int = SOURCES, figures: int = 12
) -> tuple[list[Claim], dict[str, Article], Topic]:
    """Claims with repeated figures (echoes), hedges, dates and unsourced outlet reports."""
    rng = random.Random(seed)
    topic = Topic(
        "bench",
        [QuantityDef(f"q{i}", f"quantity {i}", cumulative=i % 3 != 0) for i in range(QUANTITIES)],
    )
    articles = {}
    for i in range(ARTICLES):
        month = 1 + i % 12
        dup = f"art{i - 1}" if i % 20 == 0 and i else None
        articles[f"art{i}"] = Article(
            id=f"art{i}",
            origin=f"art{i}.txt",
            text="",
            outlet=f"Outlet {i % 300}",
            published=f"2024-{month:02d}-15",
            duplicate_of=dup,
        )
    claims = []
    for i in range(n):
        q = rng.randrange(QUANTITIES)
        source = (
            None if rng.random() < 0.2 else f"Country {rng.randrange(sources)} {rng.choice(KINDS)}"
        )
        base = 1000 * (q + 1)
        value = float(base + 100 * rng.randrange(figures))  # few distinct figures: echoes collapse
        approx = rng.choice(APPROX)
        low, high = value, None
        if approx == "at_most":
            low, high = None, value
        elif approx == "range":
            high = value + 500
        as_of = f"2024-{rng.randrange(1, 13):02d}" if rng.random() < 0.3 else None
        article = f"art{rng.randrange(ARTICLES)}"
        claims.append(
            Claim(
                sentence=f"Sentence {i}.",
                mention=f"{value:g}",
                start=0,
                end=4,
                low=low,
                high=high,
                approx=approx,
                source=source,
                as_of=as_of,
                quantity=f"q{q}",
                article_id=article,
                doc=f"{article}.txt",
                id=i,
            )
        )
    return claims, articles, topic


def run(name: str, claims: list[Claim], articles: dict[str, Article], topic: Topic) -> None:
    """Time one reconcile, then measure its peak memory in a second run."""
    start = time.perf_counter()
    estimates = reconcile(claims, topic, articles)
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    reconcile(claims, topic, articles)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    reports = sum(len(e.reports) for e in estimates)
    conflicts = sum(len(e.conflicts) for e in estimates)
    n = len(claims)
    print(
        f"[{name}] claims {n:,}  estimates {len(estimates)}  reports {reports:,}  "
        f"conflicts {conflicts:,}"
    )
    print(
        f"[{name}] time {elapsed:.2f} s ({n / elapsed:,.0f} claims/s)  "
        f"peak {peak / 1e6:.1f} MB in reconcile (tracemalloc)"
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    run("scattered", *synthetic(n))
    run("echoing", *synthetic(n, sources=30, figures=4))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
