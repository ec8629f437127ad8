"""The model's attribute rules (tag -> part of speech, morphology, lemma exceptions), applied fast.

The English model maps fine-grained tags to parts of speech with an AttributeRuler: 179
Matcher patterns, most with set predicates (``{"IN": [...]}``) that the Matcher evaluates for
every token against every pattern, which costs about as much as the parser. The rules are
plain, so ``tally_attributes`` indexes them by the first token's tag or lowercase form and
checks only the candidates, applying matches in the ruler's order (later rules win) so the
result is the same. A pattern it cannot read (an operator, an unknown attribute) makes it
keep the model's own ruler.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

Check = Callable[[Token], bool]
_GETTERS: dict[str, Callable[[Token], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "ORTH": lambda t: t.text,
    "DEP": lambda t: t.dep_,
    "POS": lambda t: t.pos_,
    "IS_SPACE": lambda t: t.is_space,
}


_INT_ATTRS = {"TAG": "tag", "LOWER": "lower", "ORTH": "orth", "DEP": "dep", "POS": "pos", "IS_SPACE": "is_space"}


class Unsupported(ValueError):
    """A pattern shape this component does not read."""


@dataclass
class _Rule:
    order: int
    tokens: list[list[Check]]
    attrs: dict[int, Any]
    index: int


def _check(key: str, value: Any) -> Check:
    get = _GETTERS.get(key)
    if get is None:
        raise Unsupported(key)
    if not isinstance(value, dict):
        return lambda t: bool(get(t) == value)
    if set(value) - {"IN", "NOT_IN", "REGEX"}:
        raise Unsupported(str(value))
    checks: list[Check] = []
    if "IN" in value:
        inside = frozenset(value["IN"])
        checks.append(lambda t: get(t) in inside)
    if "NOT_IN" in value:
        outside = frozenset(value["NOT_IN"])
        checks.append(lambda t: get(t) not in outside)
    if "REGEX" in value:
        regex = re.compile(value["REGEX"])
        checks.append(lambda t: regex.search(get(t)) is not None)
    return lambda t: all(c(t) for c in checks)


class FastAttributeRuler:
    """The rules of an AttributeRuler, found per token through two caches.

    A pattern's first token either names a word form (``LOWER``) or tests only attributes
    such as the tag and the dependency. Rules of the second kind are cached per combination
    of those attributes, rules of the first kind are looked up by the word (or, for the few
    with a regular expression, tried once per new word); only the candidates are checked in
    full (and single-token rules of the second kind need no check at all).
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.shaped: list[_Rule] = []
        self.by_lower: dict[str, list[_Rule]] = defaultdict(list)
        self.worded: list[tuple[_Rule, Check]] = []
        keys: set[str] = set()
        for order, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices)):
            _, patterns = ruler.matcher.get(ruler.vocab.strings[str(order)])
            for pattern in patterns:
                rule = _Rule(order, [[_check(k, v) for k, v in spec.items()] for spec in pattern], attrs, index)
                first = pattern[0]
                lower = first.get("LOWER")
                if isinstance(lower, str) or (isinstance(lower, dict) and set(lower) == {"IN"}):
                    for word in [lower] if isinstance(lower, str) else lower["IN"]:
                        self.by_lower[word].append(rule)
                elif "LOWER" in first:
                    self.worded.append((rule, _check("LOWER", first["LOWER"])))
                elif "ORTH" in first:
                    self.worded.append((rule, _check("ORTH", first["ORTH"])))
                else:
                    self.shaped.append(rule)
                    keys.update(first)
        self.shape = attrgetter(*[_INT_ATTRS[k] for k in sorted(keys)])
        self.by_shape: dict[Any, tuple[list[tuple[int, dict[int, Any]]], list[_Rule]]] = {}
        self.by_word: dict[tuple[int, int], list[_Rule]] = {}

    def _shaped(self, tok: Token) -> tuple[list[tuple[int, dict[int, Any]]], list[_Rule]]:
        key = self.shape(tok)
        found = self.by_shape.get(key)
        if found is None:
            fits = [r for r in self.shaped if all(c(tok) for c in r.tokens[0])]
            found = self.by_shape[key] = (
                [(r.order, r.attrs) for r in fits if len(r.tokens) == 1],
                [r for r in fits if len(r.tokens) > 1],
            )
        return found

    def _worded(self, tok: Token) -> list[_Rule]:
        key = (tok.lower, tok.orth)
        found = self.by_word.get(key)
        if found is None:
            found = self.by_word[key] = sorted(
                [*self.by_lower.get(tok.lower_, ()), *(r for r, word in self.worded if word(tok))], key=lambda r: r.order
            )
        return found

    def __call__(self, doc: Doc) -> Doc:
        hits: dict[int, list[tuple[int, dict[int, Any]]]] = defaultdict(list)
        for tok in doc:
            direct, longer = self._shaped(tok)
            if direct:
                hits[tok.i].extend(direct)
            for rule in (*longer, *self._worded(tok)):
                target = _match(doc, tok.i, rule)
                if target is not None:
                    hits[target].append((rule.order, rule.attrs))
        for i, found in hits.items():
            merged: dict[int, Any] = {}
            for _, attrs in sorted(found, key=lambda h: h[0]):
                merged.update(attrs)
            set_token_attrs(doc[i], merged)
        return doc


def _match(doc: Doc, start: int, rule: _Rule) -> int | None:
    """The index of the token the rule sets when its pattern matches at ``start``, else None."""
    end = start + len(rule.tokens)
    if end > len(doc):
        return None
    for k, checks in enumerate(rule.tokens):
        tok = doc[start + k]
        if not all(c(tok) for c in checks):
            return None
    return doc[start:end][rule.index].i


@Language.factory("tally_attributes", requires=["token.tag", "token.dep"], assigns=["token.pos", "token.morph", "token.lemma"])
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler | AttributeRuler:
    """The ``tally_attributes`` component: the pipeline's ``attribute_ruler`` rules, applied fast.

    Add it right after ``attribute_ruler``, then remove that one.
    """
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    try:
        return FastAttributeRuler(ruler)
    except Unsupported:
        return ruler
