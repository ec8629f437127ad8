"""Learned choices: for each figure the rules and the parse propose candidates, a model picks.

Two fields can be chosen this way: ``source`` (who said it) and ``as_of`` (as of when). For
each, a generator module lists a figure's candidates with their features
(:mod:`tally.extract.choose.who`, :mod:`tally.extract.choose.when`), and a forest trained
on the labelled articles (``tally train``) scores them; the best one wins. The claim records
which generator proposed the winner (its ``rules`` entry) and the leading candidates with
their scores (``rules["source.candidates"]``), so ``tally explain`` can show the choice.
A third forest, ``keep``, judges whether a figure the rules kept is a claim at all.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np

from tally.errors import ModelError
from tally.extract.choose import keep, when, who
from tally.extract.choose.context import ArticleView, SentenceView
from tally.extract.choose.forest import Forest
from tally.extract.choose.who import Candidate
from tally.types import Claim

Figures = Literal["claims", "all"]
__all__ = ["Figures", "ArticleView", "Candidate", "Models", "SentenceView", "apply", "candidates_for", "default_models", "load_models"]

# The fields chosen by a model, each with its candidate generator.
GENERATORS: dict[str, Callable[[ArticleView, int], list[Candidate]]] = {
    "source": who.candidates,
    "as_of": when.candidates,
}
# Is it a claim at all: a figure the rules kept is dropped when its forest scores it below
# KEEP (body figures with a number; set from leave-one-topic-out).
FILTERS: dict[str, Callable[[ArticleView, int], dict[str, float]]] = {"keep": keep.features}
KEEP = 0.3
MODEL_FILE = "model.json"
WEIGHED = 4  # the features shown for a choice


@dataclass
class Models:
    """The trained forests, one per chosen field, and what they were trained on."""

    forests: dict[str, Forest]
    trained_on: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The models as plain JSON."""
        return {"trained_on": self.trained_on, "fields": {k: f.to_json() for k, f in self.forests.items()}}

    def save(self, path: Path) -> None:
        """Write the models to a JSON file."""
        path.write_text(json.dumps(self.to_json(), separators=(",", ":")), encoding="utf-8")


def load_models(path: Path) -> Models:
    """Models from a file written by :meth:`Models.save`; raises ModelError when unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        forests = {k: Forest.from_json(v) for k, v in data["fields"].items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"{path}: not a Tally model file ({exc})") from exc
    return Models(forests, data.get("trained_on", {}))


@lru_cache(maxsize=1)
def default_models() -> Models | None:
    """The models shipped with Tally, or None when the package holds none."""
    ref = resources.files(__package__).joinpath(MODEL_FILE)
    if not ref.is_file():
        return None
    with resources.as_file(ref) as path:
        return load_models(Path(path))


def candidates_for(view: ArticleView, name: str) -> list[list[Candidate]]:
    """Every claim's candidates for one field, in claim order."""
    if name not in view.candidates:
        generate = GENERATORS[name]
        view.candidates[name] = [generate(view, k) for k in range(len(view.claims))]
    return view.candidates[name]


def apply(views: list[ArticleView], models: Models | None, figures: Figures = "claims") -> list[list[Claim]]:
    """Each view's claims with the learned fields chosen; the views are left as they were.

    Args:
        views: The rules' readings.
        models: The forests, or None for the rules' answers alone.
        figures: "claims" drops the figures the keep forest judges no claim; "all" keeps
            every figure found (a quantity extractor's view), each judged one scored in
            ``confidence``.
    """
    out = [list(v.claims) for v in views]
    if models is None:
        return out
    for name, forest in models.forests.items():
        if name not in GENERATORS:
            continue
        groups = [(i, k, cands) for i, v in enumerate(views) for k, cands in enumerate(candidates_for(v, name))]
        rows = [forest.vector(c.features) for _, _, cands in groups for c in cands]
        if not rows:
            continue
        x = np.asarray(rows, dtype=np.float64)
        scores = forest.predict(x)
        at, winners = 0, []
        for i, k, cands in groups:
            mine = scores[at : at + len(cands)]
            winners.append(at + int(np.argmax(mine)))
            at += len(cands)
            out[i][k] = _chosen(out[i][k], name, cands, mine)
        # What weighed most for each winner, for `tally explain`.
        weights = forest.contribution_matrix(x[winners])
        for (i, k, _), row in zip(groups, weights):
            top = np.argsort(-np.abs(row))[:WEIGHED]
            shown = ", ".join(f"{forest.features[f]} {row[f]:+.2f}" for f in top if row[f])
            out[i][k] = replace(out[i][k], rules={**out[i][k].rules, f"{name}.weights": shown})
    if "keep" in models.forests:
        out = _kept(views, out, models.forests["keep"], figures == "claims")
    return out


def judged(claim: Claim) -> bool:
    """Whether the keep forest judges a claim: a body figure with a number, not a vague amount."""
    return claim.part == "body" and claim.approx != "vague" and (claim.low is not None or claim.high is not None)


def _kept(views: list[ArticleView], out: list[list[Claim]], forest: Forest, drop: bool) -> list[list[Claim]]:
    places = [(i, k) for i, v in enumerate(views) for k, c in enumerate(v.claims) if judged(c)]
    if not places:
        return out
    x = np.asarray([forest.vector(keep.features(views[i], k)) for i, k in places], dtype=np.float64)
    score = {place: float(p) for place, p in zip(places, forest.predict(x))}
    for (i, k), p in score.items():
        out[i][k] = replace(out[i][k], confidence=round(p, 3))
    if not drop:
        return out
    return [[c for k, c in enumerate(claims) if score.get((i, k), 1.0) >= KEEP] for i, claims in enumerate(out)]


# How far a candidate must outscore the rules' own answer to replace it: the rules keep what
# the model is unsure of (set from leave-one-topic-out; see ``tally.learn``).
MARGIN = 0.0


def _chosen(claim: Claim, name: str, cands: list[Candidate], scores: np.ndarray) -> Claim:
    order = sorted(range(len(cands)), key=lambda j: -scores[j])
    best = cands[order[0]]
    ruled = next((j for j, c in enumerate(cands) if c.generator == "rules"), None)
    if ruled is not None and scores[order[0]] - scores[ruled] <= MARGIN:
        best = cands[ruled]
    shown = " | ".join(f"{cands[j].text or 'none'} {scores[j]:.2f}" for j in order[:3])
    rules = {**claim.rules, f"{name}.candidates": shown}
    if best.generator != "rules":
        rules[name] = f"learned:{best.generator}"
    if name == "source":
        if best.generator == "rules":
            return replace(claim, rules=rules)
        chain = [best.text] if best.text else []
        return replace(claim, source=best.text, source_chain=chain, rules=rules)
    if best.generator == "rules":
        return replace(claim, rules=rules)
    basis = None if best.text is None else "published" if best.generator == "published" else "text"
    return replace(claim, as_of=best.text, as_of_basis=basis, rules=rules)  # type: ignore[arg-type]
