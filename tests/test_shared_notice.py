"""A run without ../shared says so once, loudly, however many accuracy tests it skipped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SKIPPING = '''
import pytest

@pytest.mark.parametrize("n", range(3))
def test_needs_the_gold(n):
    pytest.skip("../shared/eval/seeds.gold.jsonl is not on this machine")

def test_runs_anyway():
    assert True
'''


def _run(tmp_path: Path, source: str) -> str:
    test = tmp_path / "test_needs_shared.py"
    test.write_text(source, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.shared_notice",
         "--rootdir", str(tmp_path), str(test)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    return done.stdout


def test_skips_for_a_missing_shared_folder_are_announced_once(tmp_path: Path) -> None:
    out = _run(tmp_path, SKIPPING)
    assert out.count("../shared is missing") == 1
    assert "3 accuracy test(s) SKIPPED" in out


def test_a_run_that_skipped_nothing_for_it_says_nothing(tmp_path: Path) -> None:
    out = _run(tmp_path, "def test_fine():\n    assert True\n")
    assert "../shared" not in out
