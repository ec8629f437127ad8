"""Assign claims to a topic's quantities, or to an automatic group when there is no topic."""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
from collections.abc import Iterable

from tally import lexicon
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
    """The figure's own clause, lower-cased, as extract marked it (``clause_start``,
    ``clause_end``: decided once, at extraction); the whole sentence when unmarked."""
    if claim.clause_start is None or claim.clause_end is None:
        return claim.sentence.lower()
    return claim.sentence[claim.clause_start : claim.clause_end].lower()


def _has_any(text: str, words: Iterable[str]) -> bool:
    """Whether ``text`` (lower-case) holds one of the words (or phrases) as a whole word."""
    return any(_holds(text, w) for w in words)


def _holds(text: str, word: str) -> bool:
    at = text.find(word)
    while at >= 0 and word:
        before = text[at - 1] if at else ""
        after = text[at + len(word) : at + len(word) + 1]
        if not _is_letter(before) and not _is_letter(after):
            return True
        at = text.find(word, at + 1)
    return False


def _is_letter(char: str) -> bool:
    return "a" <= char <= "z"


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


# Without a topic, claims are grouped by what they count, named as a person would name it.
_PEOPLE = {"people", "person", "resident", "civilian", "victim", "individual", "passenger",
           "pilgrim", "inhabitant", "citizen", "man", "woman", "child", "adult", "soul"}  # fmt: skip
_DEATH_WORDS = lexicon.words("outcomes.written.killed")
_INJURY_WORDS = lexicon.words("outcomes.written.wounded")
# Outcomes read from the figure's clause when the extractor gives none: shelters, the missing.
_CLAUSE_OUTCOMES = (
    ("missing", tuple(sorted(lexicon.words("outcomes.written.missing")))),
    ("displaced", ("displaced", "evacuated", "fled", "left their homes", "homeless")),
    ("sheltered", ("in shelters", "shelters", "sheltering", "sheltered")),
    ("rescued", ("rescued", "saved")),
    ("without power", ("without power", "in the dark", "lost power")),
)
_OUTCOME_WORDS = {"killed": "killed", "wounded": "injured", "captured": "captured", "deployed": "deployed",
                  "supplied": "supplied"}  # fmt: skip
# "casualties" is worded as what it means ("killed or injured"), from the lexicon.
_OUTCOME_WORDS["casualties"] = " or ".join(_OUTCOME_WORDS[o] for o in lexicon.entry("outcomes.means.casualties"))


def _noun_and_outcome(claim: Claim) -> tuple[str, str | None]:
    words = sorted(_stems(claim.unit))
    outcome = _OUTCOME_WORDS.get(claim.outcome or "")
    if claim.unit == "percent":
        return "percent", outcome
    if words and set(words) <= _DEATH_WORDS:  # "160 deaths", "the toll rose to 288"
        return "people", outcome or "killed"
    if words and set(words) <= _INJURY_WORDS:
        return "people", outcome or "injured"
    noun = words[-1] if len(words) == 1 else (_stem((claim.unit or "").split()[-1]) if claim.unit else "")
    if noun in _PEOPLE or (not noun and outcome in ("killed", "injured", "killed or injured", "captured")):
        noun = "people"
    if outcome is None:
        clause = local_context(claim)
        outcome = next((name for name, cues in _CLAUSE_OUTCOMES if _has_any(clause, cues)), None)
    return noun, outcome


def group_key(claim: Claim) -> str | None:
    """An automatic quantity key from what a claim counts: its counted noun and its outcome
    (deaths = killed = died = dead = toll), "people_killed", "customer_without_power"; None
    when the claim names neither (it is then counted among the claims that fit no quantity)."""
    noun, outcome = _noun_and_outcome(claim)
    if not noun:
        return None
    parts = [noun, outcome or ""]
    if claim.modality != "reported":
        parts.append(claim.modality)
    return re.sub(r"[^a-z0-9]+", "_", " ".join(parts).lower()).strip("_")


def group_label(key: str) -> str:
    """The words for an automatic group: "people_killed" -> "People killed",
    "percent_killed" -> "Shares (%) killed", "shell_supplied" -> "Shells supplied"."""
    words = key.split("_")
    noun = words[0]
    if noun == "percent":
        head = "Shares (%)"
    elif noun == "people":
        head = "People"
    else:
        head = (noun + "es" if noun.endswith(("s", "sh", "ch", "x")) else noun + "s").capitalize()
        head = head.replace("ys", "ies") if noun.endswith("y") and noun[-2:-1] not in "aeiou" else head
    return " ".join([head, *words[1:]]).strip()
