"""Tally's lexicon: every word class the rules use, kept once, as data (TOML files here).

Each file holds tables of word lists or mappings; a class is named ``file.table`` (for
example ``"hedges.at_least"`` or ``"calendar.months"``). Stages read the lexicon through these
functions and never spell a word list of their own, so adding a hedge or a speech verb is one
line in one file. The package imports nothing of the extractor, so ingest can read dates
without loading spaCy.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def _file(name: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def entry(name: str) -> Any:
    """The raw value of a lexicon entry ``"file.table"`` (or ``"file.table.key"``)."""
    parts = name.split(".")
    value: Any = _file(parts[0])
    for part in parts[1:]:
        value = value[part]
    return value


@cache
def words(*names: str) -> frozenset[str]:
    """The words of one or more word classes, lower-cased.

    A class is a list of words, or a table whose keys are the words (a mapping such as
    ``calendar.months``).
    """
    out: set[str] = set()
    for name in names:
        value = entry(name)
        out.update(w.lower() for w in (value.keys() if isinstance(value, dict) else value))
    return frozenset(out)


@cache
def mapping(name: str) -> dict[str, Any]:
    """A class that maps words to values (``calendar.months``: "january" -> 1)."""
    value = entry(name)
    if not isinstance(value, dict):
        raise TypeError(f"lexicon entry {name} is a list, not a mapping")
    return {k.lower(): v for k, v in value.items()}


@cache
def alternation(*names: str) -> str:
    """A regex alternation of the classes' words, longest first, spaces matching any blank."""
    items = sorted(words(*names), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


def forms(verb: str) -> set[str]:
    """A verb's written forms: "say" -> say, says, said, saying; "rise" -> rises, rose, risen, rising.

    A phrase is inflected on its first word: "take part" -> takes part, took part, ...
    """
    if " " in verb:
        head, rest = verb.split(" ", 1)
        return {f"{f} {rest}" for f in forms(head)}
    irregular = _file("verbs").get("irregular", {}).get(verb, [])
    third = verb + "es" if verb.endswith(("s", "sh", "ch", "x", "z")) else verb + "s"
    past = verb + "d" if verb.endswith("e") else verb + "ed"
    ing = verb[:-1] + "ing" if verb.endswith("e") and not verb.endswith("ee") else verb + "ing"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        third, past = verb[:-1] + "ies", verb[:-1] + "ied"
    return {verb, third, ing, *(irregular or [past])}


@cache
def inflected(*names: str) -> str:
    """A regex alternation of every written form of the classes' verbs, longest first."""
    items = sorted({f for v in words(*names) for f in forms(v)}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"
