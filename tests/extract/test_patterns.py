"""Named spaCy patterns: read from data, named by the rules they serve, matched on a parse."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from tally.extract import patterns
from tally.report.explain import RULES


def _parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    """A hand-parsed sentence on a blank pipeline, so the patterns are tested without a model."""
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)


def test_every_pattern_is_a_rule_that_explain_describes() -> None:
    for rules in patterns.definitions().values():
        for rule in rules:
            assert rule in RULES, rule


def test_lexicon_classes_are_expanded_to_written_forms() -> None:
    verb = patterns.definitions()["sources"]["said-subject"][0]["RIGHT_ATTRS"]["LOWER"]["IN"]
    assert {"said", "insisted", "estimates", "found"} <= set(verb)
    assert not any(w.startswith("@") for w in verb)


@pytest.mark.parametrize(
    ("words", "heads", "deps", "pos", "rule", "source"),
    [
        (["According", "to", "officials", ",", "90", "died"], [5, 0, 1, 5, 5, 5],
         ["prep", "pobj", "pobj", "punct", "nsubj", "ROOT"], ["VERB", "ADP", "NOUN", "PUNCT", "NUM", "VERB"],
         "according-to", "officials"),
        (["The", "union", "'s", "estimate", "was", "500"], [1, 3, 1, 4, 4, 4],
         ["det", "poss", "case", "nsubj", "ROOT", "attr"], ["DET", "NOUN", "PART", "NOUN", "AUX", "NUM"],
         "possessive-estimate", "union"),
        (["A", "report", "by", "monitors", "counted", "40"], [1, 4, 1, 2, 4, 4],
         ["det", "nsubj", "prep", "pobj", "ROOT", "dobj"], ["DET", "NOUN", "ADP", "NOUN", "VERB", "NUM"],
         "document-by", "monitors"),
        (["He", "spoke", ",", "citing", "police"], [1, 1, 1, 1, 3],
         ["nsubj", "ROOT", "punct", "advcl", "dobj"], ["PRON", "VERB", "PUNCT", "VERB", "NOUN"],
         "citing", "police"),
    ],
)
def test_source_shapes_match_by_name(words, heads, deps, pos, rule: str, source: str) -> None:
    doc = _parsed(words, heads, deps, pos)
    found = {m.rule: m for m in patterns.matches(doc[:], "sources")}
    assert rule in found and found[rule].tokens["source"].text == source


def test_a_possessive_pronoun_names_no_owner() -> None:
    doc = _parsed(["Its", "estimate", "was", "500"], [1, 2, 2, 2], ["poss", "nsubj", "ROOT", "attr"],
                  ["PRON", "NOUN", "AUX", "NUM"])
    assert [m.rule for m in patterns.matches(doc[:], "sources")] == []


def test_matches_in_a_later_sentence_point_at_its_own_tokens() -> None:
    doc = _parsed(["Rain", "fell", ".", "Police", "said", "20", "died"], [1, 1, 1, 4, 4, 6, 4],
                  ["nsubj", "ROOT", "punct", "nsubj", "ROOT", "nsubj", "ccomp"],
                  ["NOUN", "VERB", "PUNCT", "NOUN", "VERB", "NUM", "VERB"])
    found = patterns.matches(doc[3:], "sources")
    assert [(m.rule, m.anchor.text, m.anchor.i) for m in found] == [("said-subject", "said", 4)]


def test_matches_come_in_reading_order() -> None:
    doc = _parsed(["Police", "said", "40", ",", "according", "to", "medics"], [1, 1, 1, 1, 1, 4, 5],
                  ["nsubj", "ROOT", "dobj", "punct", "prep", "prep", "pobj"],
                  ["NOUN", "VERB", "NUM", "PUNCT", "VERB", "ADP", "NOUN"])
    assert [m.rule for m in patterns.matches(doc[:], "sources")] == ["said-subject", "according-to"]


@pytest.mark.model
@pytest.mark.parametrize("corpus", ["seeds", "dev"])
def test_matches_are_spacys_dependency_matcher_matches_on_real_text(seeds_dir: Path, corpus: str) -> None:
    from spacy.matcher import DependencyMatcher

    from tally.extract.pipeline import load_model

    nlp = load_model()
    reference = DependencyMatcher(nlp.vocab)
    for rule, nodes in patterns.definitions()["sources"].items():
        reference.add(rule, [nodes])
    checked = 0
    folder = seeds_dir.parent / corpus
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.suffix in (".txt", ".html", ".md")]
    for doc in nlp.pipe(texts):
        for sent in doc.sents:
            ours = {(m.rule, tuple(t.i for t in m.tokens.values())) for m in patterns.matches(sent, "sources")}
            theirs = {(nlp.vocab.strings[label], tuple(sent.start + i for i in ids)) for label, ids in reference(sent)}
            assert ours == theirs, sent.text
            checked += len(theirs)
    assert checked > 100  # news quotes many sources: the comparison is not vacuous


def test_an_attribute_the_matcher_does_not_read_is_refused() -> None:
    with pytest.raises(ValueError, match="LEMMA"):
        patterns._check({"LEMMA": "say"})
