"""The NewsQuant gate: Tally's value, value+unit and value+change F1, held to floors.

Scored with the benchmark's own re-implementation of the CQE authors' evaluation. Floors
only rise: raise one when extraction gets better, never lower it to let a change in.
"""

from __future__ import annotations

import pytest

# Issue 10 made ages ("the 65-year-old", "34 years old") no figures, as the claim gold reads
# them; NewsQuant labels seven ages, which cost value 93.9 -> 93.3 and change 88.5 -> 88.1.
# These are the floors measured after that one deliberate change of definition; they only
# rise from here (the issue's own bars are value >= 92, change >= 88).
FLOORS = {"value": 93.3, "unit": 76.3, "change": 88.0}


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
