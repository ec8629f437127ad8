"""Every regular expression in src/tally matches hostile text in linear time.

Tally's modules import ``tally.rx`` instead of ``re``; it compiles on RE2 (linear by
construction) and falls back to ``re`` only for look-around. The fuzz test below imports every
module, so every pattern they compile at import (lexicon expansions included) is in the
registry, and runs each on generated hostile text: long runs of one separator, of whitespace
and punctuation, and near-misses built from the pattern's own words and digits. It fails when
any pattern takes more than a generous CPU budget per kilobyte, which a backtracking blow-up
(quadratic or worse) exceeds by orders of magnitude at these sizes.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tally
from tally import rx

SRC = Path(tally.__file__).parent
SKIP = {"tally.cluster.ray_ingest"}  # imports Ray; its patterns (none) need no cluster
BUDGET_PER_KB = 0.02  # CPU seconds; linear patterns take well under 1 ms per KB
SEPARATORS = [" ", "  ", "\t", "\n", ",", ", ", ".", "-", "–", "(", ")", '"', "'", "’", "/", ":", ";", "$", "%", "+"]


def _import_everything() -> list[tuple[str | bytes, int]]:
    for info in pkgutil.walk_packages(tally.__path__, "tally."):
        if info.name not in SKIP:
            importlib.import_module(info.name)
    return sorted({*rx.LINEAR, *rx.BACKTRACKING}, key=lambda k: (str(k[0])[:80], k[1]))


PATTERNS = _import_everything()
AT_IMPORT = (len(rx.LINEAR), len(rx.BACKTRACKING))  # before tests add patterns made at run time


def test_no_module_uses_the_backtracking_engine_directly() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.name == "rx.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if "re" in names or isinstance(node, ast.ImportFrom) and node.module == "re":
                offenders.append(str(path.relative_to(SRC)))
    assert offenders == []


def test_the_registry_holds_the_lexicon_patterns() -> None:
    assert len(PATTERNS) > 100
    assert any("thousand" in str(p) for p, _ in PATTERNS)


def test_most_patterns_run_on_re2() -> None:
    linear, backtracking = AT_IMPORT
    assert linear > 4 * backtracking, sorted(rx.BACKTRACKING.values())


def _words(pattern: str | bytes) -> list[str]:
    text = pattern.decode("latin-1") if isinstance(pattern, bytes) else pattern
    found = sorted(set(rx.findall(r"[A-Za-z]{2,}", text)))
    return found[:40] or ["word"]


@st.composite
def hostile(draw: st.DrawFn, pattern: str | bytes) -> str:
    pieces = SEPARATORS + _words(pattern) + ["1", "12", "1,000", "3.5", "2025", "March 3", "A", "a"]
    unit = "".join(draw(st.lists(st.sampled_from(pieces), min_size=1, max_size=4)))
    size = draw(st.sampled_from([1024, 4096, 8192]))
    head = draw(st.sampled_from(["", "Officials said 5", "The ", "(", '"']))
    tail = draw(st.sampled_from(["", "12 people died.", " x", "!", "1"]))
    return head + (unit * (size // len(unit) + 1))[:size] + tail


def _within_budget(pattern: rx.Pattern[Any], text: str) -> None:
    subject = text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text
    start = time.process_time()
    for _ in pattern.finditer(subject):
        pass
    pattern.match(subject)
    pattern.search(subject, len(subject) // 2)
    spent = time.process_time() - start
    assert spent <= BUDGET_PER_KB * max(1, len(text) / 1024), f"{spent:.3f}s on {len(text)} chars: {text[:60]!r}"


IDS = [f"{i}:{str(p)[:40]}" for i, (p, _) in enumerate(PATTERNS)]


@pytest.mark.parametrize("key", PATTERNS, ids=IDS)
def test_pattern_is_linear_on_runs_of_one_piece(key: tuple[str | bytes, int]) -> None:
    pattern = rx.compile(*key)
    for piece in [*SEPARATORS, *_words(key[0])[:8], "1", "1,"]:
        _within_budget(pattern, (piece * (4096 // len(piece) + 1))[:4096])
        _within_budget(pattern, "The " + (piece + " ") * (2048 // (len(piece) + 1)) + "12 people.")


SEEDS = SRC.parents[1].parent / "shared" / "corpus" / "seeds"  # ../shared from the checkout


@pytest.mark.model
def test_patterns_made_while_ingesting_and_extracting_are_linear_too() -> None:
    # Some patterns are built on first use (from a topic, a lexicon entry, a word list): run the
    # seeds through ingest, extraction and reconciliation, then fuzz whatever they added.
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not on this machine")
    from tally.extract import extract_article
    from tally.ingest import read_file

    before = {*rx.LINEAR, *rx.BACKTRACKING}
    for path in sorted(SEEDS.iterdir())[:3]:
        for article in read_file(path):
            if not isinstance(article, Exception):
                extract_article(article)
    added = sorted({*rx.LINEAR, *rx.BACKTRACKING} - before, key=lambda k: (str(k[0]), k[1]))
    for key in added:
        pattern = rx.compile(*key)
        for piece in [" ", ",", "(", '"', "-", *_words(key[0])[:4]]:
            _within_budget(pattern, "The " + (piece + " ") * (2048 // (len(piece) + 1)) + "12 people.")


@pytest.mark.parametrize("key", PATTERNS, ids=IDS)
def test_pattern_is_linear_on_hostile_text(key: tuple[str | bytes, int]) -> None:
    pattern = rx.compile(*key)

    @settings(max_examples=12, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(text=hostile(key[0]))
    def run(text: str) -> None:
        _within_budget(pattern, text)

    run()


SAMPLES = [
    "Officials said 5,000 people died on March 3, 2025 in Café Müller’s town — 12 wounded.",
    "  a  b\tc\n\x0bd\u00a0e\u2009f\n", "", "Ünïcödé 12 ½ 3.5% $40m ٣ items", "aaa", "x\ny\n",
]
CASES = [
    (r"\w+", 0), (r"\s+", 0), (r"\d+", 0), (r"[\w-]+", 0), (r"\W+", 0), (r"\S+", 0), (r"a*", 0),
    (r"(?P<x>[A-Z])\w*", 0), (r"é|ü", rx.I), (r"^\w", rx.M), (r"x*", 0), (r"(\d)(\d)?", 0),
    (r"[^\s\d]+", 0), (r"\D+\Z", 0), (r"\u2019s", 0), (r"[’']s\b", 0), (r"(?i)MÜLLER", 0),
]


@pytest.mark.parametrize(("pattern", "flags"), CASES)
def test_rx_finds_what_re_finds(pattern: str, flags: int) -> None:
    import re as backtracking  # the reference the translation must agree with

    ours, ref = rx.compile(pattern, flags), backtracking.compile(pattern, flags)
    assert not isinstance(ours, backtracking.Pattern)  # RE2 took it
    for text in SAMPLES:
        assert [m.span() for m in ours.finditer(text)] == [m.span() for m in ref.finditer(text)]
        assert ours.findall(text) == ref.findall(text)
        assert ours.sub(r"<\g<0>>", text) == ref.sub(r"<\g<0>>", text)
        assert ours.split(text) == ref.split(text)
        for pos in range(0, len(text) + 1, 2):
            for end in (pos, pos + 3, len(text)):
                got, want = ours.search(text, pos, end), ref.search(text, pos, end)
                assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups()))
                got, want = ours.match(text, pos, end), ref.match(text, pos, end)
                assert (got and got.span()) == (want and want.span())
