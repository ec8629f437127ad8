"""Extraction (and reading for ingest) grows linearly on hostile shapes: doubling the text at
most ~2.5x the time, measured as a ratio in one run (CPU time, best of three)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import stress  # noqa: E402  (benchmarks/stress.py: the shapes and the timer)

pytestmark = pytest.mark.model

SMALL, LARGE = 8_192, 16_384  # below ~4k fixed costs hide the growth
MAX_GROWTH = 2.5  # linear is ~2; the quadratic shapes this guards against were 4-9


@pytest.mark.parametrize("name", [*stress.SHAPES, *stress.INGEST_SHAPES])
def test_doubling_the_text_at_most_about_doubles_the_time(name: str) -> None:
    make = {**stress.SHAPES, **stress.INGEST_SHAPES}[name]
    run = stress.timer(name)
    run(make(1_000))  # the model and caches loaded outside the timings
    small = stress.best_time(run, make(SMALL), repeat=3)
    large = stress.best_time(run, make(LARGE), repeat=3)
    assert large <= MAX_GROWTH * max(small, 0.01), f"{name}: {small:.3f}s -> {large:.3f}s"


def test_a_run_of_spaces_between_two_figures_is_read_fast() -> None:
    """The audit's ReDoS line: a backtracking pattern took 7.2 s at 800 spaces; RE2 is linear."""
    from tally import extract_claims

    extract_claims("Officials said 5 people died.")  # the model loaded outside the timing
    start = time.process_time()
    claims = extract_claims("Officials said 5" + " " * 800 + "12 people died.", figures="all")
    assert time.process_time() - start < 0.2
    assert [c.low for c in claims] == [5, 12]


def test_runs_without_spaces_are_cut_for_the_tokenizer_keeping_offsets() -> None:
    from tally.extract.runs import MAX_TOKEN_CHARS, tokenizable

    text = "Officials said " + "(" * 500 + "5 people died" + '"' * 300 + " on https://a.example/x."
    cut = tokenizable(text)
    assert len(cut) == len(text) and max(len(run) for run in cut.split()) <= MAX_TOKEN_CHARS
    assert cut.startswith("Officials said ((((") and "https://a.example/x." in cut
    assert [i for i, (a, b) in enumerate(zip(text, cut)) if a != b] == [
        i for i, ch in enumerate(cut) if ch == " " and text[i] != " "]  # only spaces put in
