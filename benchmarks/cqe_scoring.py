"""Quantity-extraction scoring as the CQE authors scored NewsQuant (Almasian et al., EMNLP 2023).

Re-implemented from the description of their ``evaluate_models.py`` (satya77/CQE_Evaluation):

- a value matches when it is numerically close (relative 1e-5, absolute 1e-8); a range only
  matches a range (both ends close), a single value only a single value;
- within a sentence, gold and predicted quantities are walked in order of normalised unit;
  for each gold quantity the predictions are tried in turn: every value match counts towards
  value (at most as many as the sentence has gold quantities) and, when the change agrees,
  towards value+change; the first prediction whose unit also agrees counts towards value+unit
  and is used up;
- precision divides by all predictions, recall by all gold quantities.

The scheme is lenient (a prediction that matches a value but not the unit stays available),
so ``strict`` matching is offered too: each gold quantity and each prediction pair up at most
once, preferring the candidate whose unit and then change also agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

Value = float | tuple[float, float]
Matching = Literal["cqe", "strict"]


@dataclass(frozen=True)
class Quantity:
    """One quantity in the shared representation: value, normalised unit, change."""

    value: Value
    unit: str
    change: str | None = None
    mention: str = ""


@dataclass
class Outcome:
    """What happened to one sentence's quantities under strict matching (for error listings)."""

    gold: list[Quantity] = field(default_factory=list)
    missed: list[Quantity] = field(default_factory=list)
    spurious: list[Quantity] = field(default_factory=list)
    wrong_unit: list[tuple[Quantity, Quantity]] = field(default_factory=list)
    wrong_change: list[tuple[Quantity, Quantity]] = field(default_factory=list)


@dataclass
class Counts:
    """Running totals over a data set."""

    gold: int = 0
    predicted: int = 0
    value: int = 0
    unit: int = 0
    change: int = 0

    def prf(self, hits: int) -> tuple[float, float, float]:
        """Precision, recall and F1 in percent for a number of correct quantities."""
        p = hits / self.predicted if self.predicted else 0.0
        r = hits / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return 100 * p, 100 * r, 100 * f


def parse_gold_value(text: str, average_ranges: bool = False) -> Value:
    """A NewsQuant value ("6.0", "-1.3", "252.0-287.0", "3.0 - 4.0") as a float or a pair.

    Args:
        text: The annotated value.
        average_ranges: Give a range as its midpoint, for systems that cannot output ranges
            (the CQE authors did this for quantulum3).
    """
    body = text.strip()
    cut = body.find("-", 1)  # a leading minus is a sign, not a range
    if cut == -1 or "E" in body or body.startswith("-"):
        return float(body)
    low, high = float(body[:cut]), float(body[cut + 1 :])
    return (low + high) / 2 if average_ranges else (low, high)


def values_match(gold: Value, predicted: Value) -> bool:
    """Whether two values agree: numbers close, ranges end for end, never a range vs a number."""
    if isinstance(gold, tuple) != isinstance(predicted, tuple):
        return False
    if isinstance(gold, tuple) and isinstance(predicted, tuple):
        return _close(gold[0], predicted[0]) and _close(gold[1], predicted[1])
    assert not isinstance(gold, tuple) and not isinstance(predicted, tuple)
    return _close(float(gold), float(predicted))


def _close(a: float, b: float) -> bool:
    # numpy.isclose semantics (asymmetric: tolerance relative to the prediction's magnitude)
    return math.isfinite(a) and math.isfinite(b) and abs(a - b) <= 1e-8 + 1e-5 * abs(b)


def score_sentence(
    gold: list[Quantity], predicted: list[Quantity], counts: Counts, matching: Matching = "cqe"
) -> Outcome:
    """Add one sentence's matches to ``counts``; return its errors as strict matching sees them."""
    counts.gold += len(gold)
    counts.predicted += len(predicted)
    if matching == "cqe":
        _score_cqe(gold, predicted, counts)
        return _strict(gold, predicted, Counts())
    return _strict(gold, predicted, counts)


def _score_cqe(gold: list[Quantity], predicted: list[Quantity], counts: Counts) -> None:
    left = sorted(predicted, key=lambda q: q.unit)
    value_budget = len(gold)
    for g in sorted(gold, key=lambda q: q.unit):
        for p in list(left):
            if not values_match(g.value, p.value):
                continue
            if value_budget > 0:
                counts.value += 1
                value_budget -= 1
            counts.change += p.change is not None and p.change == g.change
            if p.unit == g.unit:
                counts.unit += 1
                left.remove(p)
                break


def _strict(gold: list[Quantity], predicted: list[Quantity], counts: Counts) -> Outcome:
    outcome = Outcome(gold=list(gold))
    left = list(predicted)
    for g in gold:
        candidates = [p for p in left if values_match(g.value, p.value)]
        if not candidates:
            outcome.missed.append(g)
            continue
        best = max(candidates, key=lambda p: (p.unit == g.unit, p.change == g.change))
        left.remove(best)
        counts.value += 1
        if best.unit == g.unit:
            counts.unit += 1
        else:
            outcome.wrong_unit.append((g, best))
        if best.change == g.change:
            counts.change += 1
        else:
            outcome.wrong_change.append((g, best))
    outcome.spurious = left
    return outcome
