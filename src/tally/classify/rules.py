"""Assign claims to a topic's quantities, or to an automatic group when there is no topic."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from tally.extract.meaning import clause_bounds
from tally.extract.mentions import find_mentions
from tally.types import Claim, QuantityDef, Topic


def _stem(word: str) -> str:
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and len(word) > 3 and not word.endswith("ss") else word


def _stems(text: str | None) -> set[str]:
    return {_stem(w) for w in re.findall(r"[a-z][a-z-]*", (text or "").lower())}


def canonical_actor(actor: str | None, topic: Topic) -> str | None:
    """The topic's name for an actor ("Pyongyang" -> "North Korea"), else the text as given."""
    if not actor:
        return None
    low = actor.lower().strip()
    for name, aliases in topic.actors.items():
        if low == name.lower() or low in aliases:
            return name
    return actor


def local_context(claim: Claim) -> str:
    """The figure's own clause, lower-cased (see :func:`tally.extract.meaning.clause_bounds`)."""
    return _clause(claim.sentence, claim.start - claim.sentence_start, claim.end - claim.sentence_start)


@lru_cache(maxsize=4096)  # asked once per quantity with `near` words, for the same claim
def _clause(s: str, start: int, end: int) -> str:
    others = [(m.start, m.end) for m in find_mentions(s) if m.end <= start or m.start >= end]
    left, right = clause_bounds(s, start, end, others)
    return s[left:right].lower()


def _has_any(text: str, words: Iterable[str]) -> bool:
    return any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", text) for w in words)


def matches(claim: Claim, q: QuantityDef, topic: Topic) -> bool:
    """True when the claim fits every condition the quantity sets."""
    is_percent = claim.unit == "percent"
    if q.percent is not None and q.percent != is_percent:
        return False
    if q.units and is_percent and not q.percent:
        return False  # "nearly half of its missiles" is a share, not a count of troops
    if q.units and not is_percent:
        have = _stems(claim.unit)
        if not any(_stems(u) <= have for u in q.units):
            return False
    if q.outcomes:
        allowed = {None if o == "none" else o for o in q.outcomes}
        if claim.outcome not in allowed:
            return False
    if q.actors:
        actor = canonical_actor(claim.actor, topic)
        if actor not in q.actors and not (actor is None and q.unknown_actor):
            return False
    if claim.modality not in q.modalities:
        return False
    if q.trend != "any" and (claim.trend or "level") != q.trend:
        return False
    sentence = claim.sentence.lower()
    if q.keywords and not _has_any(sentence, q.keywords):
        return False
    if q.exclude and _has_any(sentence, q.exclude):
        return False
    if q.near and not _has_any(local_context(claim), q.near):
        return False
    return True


def classify(claims: Iterable[Claim], topic: Topic) -> None:
    """Set ``quantity`` on each claim to the first of the topic's quantities it fits, or None."""
    for claim in claims:
        claim.quantity = None
        if claim.approx == "vague":
            continue
        claim.quantity = next((q.id for q in topic.quantities if matches(claim, q, topic)), None)


def group_key(claim: Claim) -> str:
    """An automatic quantity key from unit, actor and outcome, for use without a topic."""
    unit = " ".join(sorted(_stems(claim.unit))) or "figure"
    parts = [p for p in (claim.actor, unit, claim.outcome) if p]
    if claim.modality != "reported":
        parts.append(claim.modality)
    return re.sub(r"[^a-z0-9]+", "_", " ".join(parts).lower()).strip("_")
