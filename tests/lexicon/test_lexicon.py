"""The lexicon: word classes read from data, each word in one class of its kind."""

from __future__ import annotations

import re

import pytest

from tally import lexicon


def test_words_are_lower_cased_and_unioned() -> None:
    both = lexicon.words("hedges.about", "hedges.at_least")
    assert "about" in both and "more than" in both
    assert all(w == w.lower() for w in both)


@pytest.mark.parametrize(
    ("phrase", "kind"), [("as high as", "at_most"), ("nearly", "at_most"), ("closer to", "about"), ("as few as", "at_least")]
)
def test_hedges_listed_by_kind(phrase: str, kind: str) -> None:
    assert phrase in lexicon.words(f"hedges.{kind}")


def test_verb_forms_follow_spelling_and_irregulars() -> None:
    assert lexicon.forms("say") == {"say", "says", "said"}
    assert lexicon.forms("estimate") == {"estimate", "estimates", "estimated"}
    assert lexicon.forms("testify") == {"testify", "testifies", "testified"}


def test_alternation_matches_longest_first_across_blanks() -> None:
    pattern = re.compile(lexicon.alternation("hedges.at_most"), re.IGNORECASE)
    m = pattern.match("as  high as 40")
    assert m is not None and m.group(0) == "as  high as"


def test_no_hedge_in_two_kinds() -> None:
    kinds = ["about", "at_least", "at_most"]
    for i, a in enumerate(kinds):
        for b in kinds[i + 1 :]:
            shared = lexicon.words(f"hedges.{a}") & lexicon.words(f"hedges.{b}")
            assert not shared, (a, b, shared)


def test_mapping_refuses_a_list() -> None:
    with pytest.raises(TypeError):
        lexicon.mapping("hedges.about")
