"""The honest gate: topics the model never saw, read by a model trained on the others.

A fixed split of the 61 labelled topics into eight groups (topics in name order, the k-th
to group k mod 8): each group is read by choosers trained on the other seven, the readings
pooled and scored by ``../shared/eval/score.py``. Floors only rise. The README's table is the
full leave-one-topic-out (``benchmarks/generalization.py``); this split is its faster cousin.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.model, pytest.mark.slow]
pytest.importorskip("lightgbm")

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FLOORS = {"precision": 0.91, "recall": 0.925, "unit_acc": 0.865, "source_all_acc": 0.775, "as_of_all_acc": 0.77}
RULES_SOURCE = 0.749  # the rules alone, pooled over the same figures


@pytest.fixture(scope="module")
def pooled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    if not (SHARED / "eval" / "train.gold.jsonl").is_file():
        pytest.fail("../shared/eval is missing: the generalization gate cannot run", pytrace=False)
    from tally.extract.pipeline import extract_views
    from tally.learn.labelled import shared_data
    from tally.learn.evaluate import leave_one_topic_out

    data = shared_data(SHARED)
    rows = leave_one_topic_out(extract_views(data.articles), data, folds=8)
    folder = tmp_path_factory.mktemp("loto")
    gold, pred = folder / "gold.jsonl", folder / "pred.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for rs in data.gold.values() for r in rs), encoding="utf-8")
    pred.write_text("".join(json.dumps(r) + "\n" for rs in rows.values() for r in rs), encoding="utf-8")
    out = subprocess.run([sys.executable, str(SHARED / "eval/score.py"), str(gold), str(pred)],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_held_out_topics_hold_their_floor(pooled: dict[str, Any], metric: str) -> None:
    assert pooled[metric] >= FLOORS[metric], f"{metric} {pooled[metric]} fell below its floor {FLOORS[metric]}"


def test_the_chooser_beats_the_rules_on_unseen_topics(pooled: dict[str, Any]) -> None:
    assert pooled["source_all_acc"] > RULES_SOURCE
