"""Named spaCy patterns, read from ``patterns.toml``: the token shapes the rules look for.

A family of patterns (``"sources"``) is a set of spaCy ``DependencyMatcher`` patterns named by
the rules a claim records, so a rule's evidence is a pattern a reader can find by name.
Lexicon classes stand in for word lists (``"@forms:verbs.speech"``), so a pattern never
spells a word class of its own.

spaCy's DependencyMatcher first runs a token Matcher for every node of every pattern over the
whole sentence ("every pobj", "every 'to'") and then joins the partial matches; on the few
short patterns Tally has that costs a seventh of the extractor's time. ``matches`` reads the
same patterns the other way round: it finds each pattern's first node by its word, then walks
the parse from there, so it touches a handful of tokens. Its results are the same as spaCy's
(tests/extract/test_patterns.py checks it on parsed news text); a pattern using an operator or
attribute it does not read is refused when the patterns load.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from operator import attrgetter
from typing import Any

from spacy.tokens import Span, Token

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


_ATTRS: dict[str, Callable[[Token], str]] = {
    "LOWER": attrgetter("lower_"),
    "ORTH": attrgetter("text"),
    "POS": attrgetter("pos_"),
    "TAG": attrgetter("tag_"),
    "DEP": attrgetter("dep_"),
}
# spaCy's operators: ">" a child of the left node, "<" its head, "." the next token.
_RELATIONS: dict[str, Callable[[Token], Iterable[Token]]] = {
    ">": lambda t: t.children,
    "<": lambda t: (t.head,) if t.head.i != t.i else (),
    ".": lambda t: (t.doc[t.i + 1],) if t.i + 1 < len(t.doc) else (),
}


def _equals(get: Callable[[Token], str], value: str) -> Callable[[Token], bool]:
    return lambda t: get(t) == value


def _within(get: Callable[[Token], str], words: frozenset[str], inside: bool) -> Callable[[Token], bool]:
    return lambda t: (get(t) in words) is inside


def _check(attrs: dict[str, Any]) -> Callable[[Token], bool]:
    checks: list[Callable[[Token], bool]] = []
    for key, value in attrs.items():
        if key not in _ATTRS or (isinstance(value, dict) and set(value) - {"IN", "NOT_IN"}):
            raise ValueError(f"patterns.toml: attribute {key}={value!r} is not read")
        get = _ATTRS[key]
        if not isinstance(value, dict):
            checks.append(_equals(get, value))
            continue
        if "IN" in value:
            checks.append(_within(get, frozenset(value["IN"]), True))
        if "NOT_IN" in value:
            checks.append(_within(get, frozenset(value["NOT_IN"]), False))
    return lambda t: all(check(t) for check in checks)


@dataclass(frozen=True)
class _Node:
    name: str
    check: Callable[[Token], bool]
    left: str | None = None
    relation: Callable[[Token], Iterable[Token]] | None = None


@dataclass(frozen=True)
class _Pattern:
    rule: str
    nodes: tuple[_Node, ...]


@cache
def _compiled(family: str) -> tuple[dict[str, list[_Pattern]], list[_Pattern]]:
    """A family's patterns, indexed by the words their first node can be (the rest unindexed)."""
    by_word: dict[str, list[_Pattern]] = defaultdict(list)
    unindexed: list[_Pattern] = []
    for rule, nodes in definitions()[family].items():
        compiled = []
        for k, node in enumerate(nodes):
            op = str(node.get("REL_OP"))
            if k and op not in _RELATIONS:
                raise ValueError(f"patterns.toml: {rule}: operator {op!r} is not read")
            relation = _RELATIONS[op] if k else None
            compiled.append(_Node(node["RIGHT_ID"], _check(node["RIGHT_ATTRS"]), node.get("LEFT_ID"), relation))
        pattern = _Pattern(rule, tuple(compiled))
        lower = nodes[0]["RIGHT_ATTRS"].get("LOWER")
        words = [lower] if isinstance(lower, str) else (lower or {}).get("IN")
        if words:
            for word in words:
                by_word[word].append(pattern)
        else:
            unindexed.append(pattern)
    return dict(by_word), unindexed


def _solve(pattern: _Pattern, first: Token, sent: Span) -> Iterable[dict[str, Token]]:
    """Every way the pattern's nodes bind to tokens of the sentence, starting at ``first``."""
    if not pattern.nodes[0].check(first):
        return
    bound: dict[str, Token] = {pattern.nodes[0].name: first}

    def extend(k: int) -> Iterable[dict[str, Token]]:
        if k == len(pattern.nodes):
            yield dict(bound)
            return
        node = pattern.nodes[k]
        assert node.left is not None and node.relation is not None
        for tok in node.relation(bound[node.left]):
            if sent.start <= tok.i < sent.end and node.check(tok):
                bound[node.name] = tok
                yield from extend(k + 1)
        bound.pop(node.name, None)

    yield from extend(1)


def matches(sent: Span, family: str) -> list[Match]:
    """The matches of a family's patterns in a parsed sentence, in reading order.

    Args:
        sent: A sentence of a parsed doc.
        family: A table of ``patterns.toml`` ("sources").

    Returns:
        One Match per pattern match, sorted by its first word's position, then by rule order.
    """
    order = list(definitions()[family])
    by_word, unindexed = _compiled(family)
    found: list[Match] = []
    for tok in sent:
        for patterns in (by_word.get(tok.lower_, ()), unindexed):
            for pattern in patterns:
                found.extend(Match(pattern.rule, tokens) for tokens in _solve(pattern, tok, sent))
    found.sort(key=lambda m: (min(t.i for t in m.tokens.values()), order.index(m.rule)))
    return found
