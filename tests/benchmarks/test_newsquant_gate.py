"""The NewsQuant gate: Tally's value, value+unit and value+change F1, held to floors.

Scored with the benchmark's own re-implementation of the CQE authors' evaluation. Floors
only rise: raise one when extraction gets better, never lower it to let a change in.
"""

from __future__ import annotations

import pytest

FLOORS = {"value": 93.7, "unit": 75.9, "change": 88.5}


@pytest.fixture(scope="module")
def counts():
    adapters = pytest.importorskip("adapters")
    if not adapters.NEWSQUANT.is_file():
        pytest.skip("../shared/eval/newsquant is not on this machine")
    from newsquant import run, tally_tagger

    data = adapters.load_newsquant()
    result, _ = run(data, tally_tagger(), average_ranges=False, matching="cqe")
    return result


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_newsquant_f1_holds_its_floor(counts, kind: str) -> None:
    f1 = counts.prf(getattr(counts, kind))[2]
    assert f1 >= FLOORS[kind], f"NewsQuant {kind} F1 {f1:.1f} fell below its floor {FLOORS[kind]}"
