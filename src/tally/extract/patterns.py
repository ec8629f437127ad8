"""Named spaCy patterns, read from ``patterns.toml``: the token shapes the rules look for.

A family of patterns (``"sources"``) becomes one spaCy ``DependencyMatcher`` whose match
labels are the rule names a claim records, so a rule's evidence is a pattern a reader can
find by name. Lexicon classes stand in for word lists (``"@forms:verbs.speech"``), so a
pattern never spells a word class of its own.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from spacy.matcher import DependencyMatcher
from spacy.tokens import Span, Token
from spacy.vocab import Vocab

from tally import lexicon


@dataclass(frozen=True)
class Match:
    """One pattern's match: its rule name and its named tokens ("anchor", "source", ...)."""

    rule: str
    tokens: dict[str, Token]

    @property
    def anchor(self) -> Token:
        """The word the rule hangs on (a verb of speech, "according", a document noun)."""
        return self.tokens["anchor"]


@cache
def definitions() -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Every family of patterns, by family and rule name, with lexicon classes expanded."""
    text = resources.files(__package__).joinpath("patterns.toml").read_text(encoding="utf-8")
    return {
        family: {rule: [_expand(node) for node in nodes] for rule, nodes in rules.items()}
        for family, rules in tomllib.loads(text).items()
    }


def _expand(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _expand(v) for k, v in value.items()}
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            if isinstance(item, str) and item.startswith("@"):
                out.extend(sorted(_words(item[1:])))
            else:
                out.append(_expand(item))
        return out
    return value


def _words(ref: str) -> set[str]:
    if ref.startswith("forms:"):
        return {form for word in lexicon.words(ref[6:]) for form in lexicon.forms(word)}
    return set(lexicon.words(ref))


@cache
def _matcher(vocab: Vocab, family: str) -> DependencyMatcher:
    matcher = DependencyMatcher(vocab)
    for rule, nodes in definitions()[family].items():
        matcher.add(rule, [nodes])
    return matcher


def matches(sent: Span, family: str) -> list[Match]:
    """The matches of a family's patterns in a parsed sentence, in reading order.

    Args:
        sent: A sentence of a parsed doc.
        family: A table of ``patterns.toml`` ("sources").

    Returns:
        One Match per pattern match, sorted by its first word's position, then by rule order.
    """
    order = list(definitions()[family])
    found: list[Match] = []
    doc = sent.doc
    for label, ids in _matcher(doc.vocab, family)(sent):
        rule = doc.vocab.strings[label]
        names = [node["RIGHT_ID"] for node in definitions()[family][rule]]
        # The matcher counts token ids from the start of the span it was given.
        found.append(Match(rule, {name: doc[sent.start + i] for name, i in zip(names, ids)}))
    found.sort(key=lambda m: (min(t.i for t in m.tokens.values()), order.index(m.rule)))
    return found
