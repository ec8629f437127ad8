"""Lemmas on demand: only the few words Tally's rules look at are lemmatized.

The model's rule lemmatizer would lemmatize every token of every parsed sentence, though the
rules read the lemmas of a handful (verbs of saying, outcome words, counted nouns); on new
text it costs as much as the tagger and parser. The pipeline keeps it loaded but disabled,
and ``lemma`` asks it for one token at a time, caching every answer (the lemmatizer itself
caches only inflected words).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.pipeline import Lemmatizer
from spacy.tokens import Token


@lru_cache(maxsize=1)
def _lemmatizer() -> Lemmatizer:
    from tally.extract.pipeline import load_model

    found = load_model().get_pipe("lemmatizer")
    assert isinstance(found, Lemmatizer)
    return found


_CACHE: dict[tuple[int, int, int], str] = {}


def lemma(tok: Token) -> str:
    """The token's lemma, lowercase: the attribute rules' exception if any, else the rules'."""
    if tok.lemma:
        return tok.lemma_.lower()
    key = (tok.orth, tok.pos, tok.morph.key)  # type: ignore[attr-defined]
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) > 100_000:
            _CACHE.clear()
        found = _CACHE[key] = _lemmatizer().rule_lemmatize(tok)[0].lower()
    return found
