"""Stress: how extraction and ingest time grows with the length of hostile text shapes.

Run: ``.venv/bin/python benchmarks/stress.py [--max 262144] [--budget 60]``. For each shape
(a long "N or N or N ..." chain, "between N and N" repeated, many short sentences, ...)
texts of 1k, 2k, 4k ... characters are generated and timed (CPU time, best of ``--repeat``) with
``tally.extract_claims`` (or, for the ingest shapes, ``tally.ingest.from_text``). Prints one
row per shape with the seconds at each size and the worst growth per doubling; linear time
shows as ~2x. A row stops once one size takes longer than ``--budget`` seconds. Not a test;
tests/extract/test_complexity.py asserts the growth on smaller sizes.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

# Each shape makes a text of about n characters from a repeated unit.
SHAPES: dict[str, Callable[[int], str]] = {}


def shape(name: str) -> Callable[[Callable[[int], str]], Callable[[int], str]]:
    """Register a text shape under ``name``."""

    def register(make: Callable[[int], str]) -> Callable[[int], str]:
        SHAPES[name] = make
        return make

    return register


def _repeat(head: str, unit: Callable[[int], str], tail: str, n: int) -> str:
    out, size, k = [head], len(head) + len(tail), 0
    while size < n:
        piece = unit(k)
        out.append(piece)
        size += len(piece)
        k += 1
    return "".join(out) + tail


@shape("N or N or N ...")
def or_chain(n: int) -> str:
    return _repeat("Officials said ", lambda k: f"{k % 90 + 10} or ", "5 troops were sent.", n)


@shape("between N and N repeated")
def between(n: int) -> str:
    return _repeat("", lambda k: f"between {k % 90 + 10} and {k % 90 + 200} ", "soldiers.", n)


@shape("N percent repeated")
def percent(n: int) -> str:
    return _repeat("", lambda k: f"{k % 90 + 1} percent ", "of voters.", n)


@shape("$N repeated")
def dollars(n: int) -> str:
    return _repeat("", lambda k: f"${k % 900 + 100} ", "in aid.", n)


@shape("N to N to N ...")
def to_chain(n: int) -> str:
    return _repeat("Prices went ", lambda k: f"{k % 90 + 10} to ", "12 dollars.", n)


@shape("many short sentences")
def sentences(n: int) -> str:
    return _repeat("", lambda k: f"Officials said {k % 900 + 100} soldiers died. ", "", n)


@shape("scale words (ReDoS)")
def scale_words(n: int) -> str:
    return _repeat("Officials said 5 ", lambda k: "thousand ", "mıllıon troops were sent.", n)


@shape("spaces between two figures (ReDoS)")
def spaces(n: int) -> str:
    return "Officials said 5" + " " * n + "12 people died."


@shape("many dates in one sentence")
def dates(n: int) -> str:
    return _repeat("Officials said 12 people died ", lambda k: f"on March {k % 28 + 1}, 2025 ", "in the city.", n)


@shape("open brackets around figures")
def brackets(n: int) -> str:
    unit = lambda k: "(" * 1000 + f"{k % 90 + 10} people died" + ")" * 1000 + ". "  # noqa: E731
    return _repeat("", unit, "", n)


@shape("a run of quote marks")
def quote_marks(n: int) -> str:
    return '"' * n + " Officials said 5 people died."


@shape("quoted speakers")
def quotes(n: int) -> str:
    unit = lambda k: f'"We lost {k % 90 + 10} tanks," said General Ivan Petrov{k}.\n'  # noqa: E731
    return _repeat("", unit, "", n)


INGEST_SHAPES: dict[str, Callable[[int], str]] = {
    "date-like lines (ingest)": lambda n: _repeat(
        "", lambda k: f"March {k % 28 + 1}, 2025\n", "Officials said 12 died.", n
    ),
    "one long line (ingest)": lambda n: _repeat("", lambda k: f"word{k % 97} ", ".", n),
    "many dates in one sentence (ingest)": lambda n: dates(n),
    "open brackets around figures (ingest)": lambda n: brackets(n),
}


def timer(name: str) -> Callable[[str], object]:
    """The function a shape is timed with: extraction, or reading an article for ingest."""
    if name in INGEST_SHAPES:
        from tally.ingest import from_text

        return lambda text: from_text(text, "stress.txt")
    from tally import extract_claims

    return extract_claims


def best_time(run: Callable[[str], object], text: str, repeat: int) -> float:
    """The best of ``repeat`` timings of ``run(text)``, in CPU seconds of this process.

    CPU time rather than wall-clock time, so that other programs on a shared machine do not
    show up as growth.
    """
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run(text)
        best = min(best, time.process_time() - start)
    return best


def growth(times: list[float]) -> float:
    """The worst ratio between consecutive timings (each a doubling of the input)."""
    ratios = [b / a for a, b in zip(times, times[1:]) if a > 0]
    return max(ratios, default=0.0)


def main() -> None:
    """Print the table: seconds per size for each shape, and the worst growth per doubling."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--min", type=int, default=1024)
    parser.add_argument("--max", type=int, default=262_144)
    parser.add_argument("--budget", type=float, default=60.0)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--only", default="", help="run only shapes whose name holds this")
    args = parser.parse_args()
    sizes = []
    size = args.min
    while size <= args.max:
        sizes.append(size)
        size *= 2
    from tally import extract_claims

    extract_claims("Officials said 12 soldiers died.")  # load the model outside the timings
    head = ["text", *(f"{s // 1024}k" for s in sizes), "worst ×/doubling (from 4k)"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for name, make in {**SHAPES, **INGEST_SHAPES}.items():
        if args.only not in name:
            continue
        run = timer(name)
        times: list[float] = []
        for s in sizes:
            times.append(best_time(run, make(s), args.repeat))
            if times[-1] > args.budget:
                break
        cells = [f"{t:.3f}" for t in times] + [""] * (len(sizes) - len(times))
        small = sum(1 for s in sizes[: len(times)] if s < 4096)  # tiny texts are all overhead
        print(f"| {name} | " + " | ".join(cells) + f" | {growth(times[small:]):.2f} |", flush=True)


if __name__ == "__main__":
    main()
