"""The quality gate: the documented commands on the seed articles, scored against the gold.

Runs exactly what a user would (``tally ingest`` then ``tally export``) in a fresh directory,
then ``../shared/eval/score.py``, and holds each figure to a floor. Floors only rise: raise one
when the extractor gets better, never lower it to make a change pass.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
GOLD = SHARED / "eval" / "seeds.gold.jsonl"

# Floors only rise: raise one when extraction gets better, never lower one to let a change in.
FLOORS = {
    "f1": 0.97,
    "approx_acc": 0.97,
    "unit_acc": 0.92,
    "source_acc": 0.95,
    "as_of_acc": 0.9,
    "quantity_acc": 0.95,
}

# The documented commands, word for word; only the relative paths are made absolute below.
COMMANDS = (
    "tally ingest ../shared/corpus/seeds --topic examples/dprk-russia.toml"
    " && tally export --format jsonl -o claims.jsonl"
)
TALLY = Path(sys.executable).parent / "tally"


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float | None]:
    if not (SHARED / "corpus" / "seeds").is_dir() or not SCORER.is_file():
        pytest.skip("../shared (seeds, gold, scorer) is not on this machine")
    work = tmp_path_factory.mktemp("gate")
    commands = (
        COMMANDS.replace("tally ", shlex.quote(str(TALLY)) + " ")
        .replace("../shared/", shlex.quote(str(SHARED)) + "/")
        .replace("examples/", shlex.quote(str(ROOT / "examples")) + "/")
    )
    run = subprocess.run(
        commands, shell=True, cwd=work, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    scored = subprocess.run(
        [sys.executable, str(SCORER), str(GOLD), "claims.jsonl"],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    )
    print(scored.stdout)
    return json.loads(scored.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_seed_scores_hold_their_floor(scores: dict[str, float | None], metric: str) -> None:
    value = scores[metric]
    assert value is not None, f"{metric} was not measured"
    assert value >= FLOORS[metric], f"{metric} {value} fell below its floor {FLOORS[metric]}"
