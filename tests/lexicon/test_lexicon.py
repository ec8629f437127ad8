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
    assert lexicon.forms("say") == {"say", "says", "said", "saying"}
    assert lexicon.forms("estimate") == {"estimate", "estimates", "estimated", "estimating"}
    assert lexicon.forms("testify") == {"testify", "testifies", "testified", "testifying"}
    assert lexicon.forms("rise") == {"rise", "rises", "rose", "risen", "rising"}


def test_a_phrase_is_inflected_on_its_first_word() -> None:
    assert lexicon.forms("take part") == {"take part", "takes part", "took part", "taken part", "taking part"}
    pattern = re.compile(lexicon.inflected("verbs.crowd"), re.IGNORECASE)
    assert pattern.fullmatch("turned  out") and pattern.fullmatch("thronged")


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


@pytest.mark.parametrize(
    "family",
    [("trends.up", "trends.down"), ("outcomes.killed", "outcomes.wounded", "outcomes.missing"),
     ("verbs.speech", "verbs.report", "verbs.evidence"), ("numbers.units", "numbers.tens", "numbers.scales"),
     ("modality.capacity.words", "modality.projected.words", "modality.planned.words"),
     ("outcomes.written.killed", "outcomes.written.wounded", "outcomes.written.missing", "outcomes.written.captured")],
)
def test_no_word_is_in_two_classes_of_one_family(family: tuple[str, ...]) -> None:
    for i, a in enumerate(family):
        for b in family[i + 1 :]:
            assert not lexicon.words(a) & lexicon.words(b), (a, b, lexicon.words(a) & lexicon.words(b))


def test_every_lexicon_file_loads() -> None:
    from importlib import resources

    names = [f.name[:-5] for f in resources.files("tally.lexicon").iterdir() if f.name.endswith(".toml")]
    assert {"hedges", "verbs", "roles", "outcomes", "numbers", "units", "trends", "calendar", "modality", "page"} <= set(names)
    for name in names:
        assert lexicon.entry(name)
