"""Source names normalise to one key; kinds and weights come from the editable table."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tally.errors import TopicError
from tally.reconcile import load_sources
from tally.reconcile.sources import DEFAULT_PATH, claim_source
from tally.types import Article, Claim, SourceDef, Topic


TOPIC = Topic(
    "t",
    sources=[
        SourceDef(
            "South Korea's intelligence agency (NIS)",
            ["South Korea's intelligence agency", "National Intelligence Service"],
            "intelligence_agency",
        )
    ],
    belligerents=["Ukraine", "Russia"],
)


@pytest.mark.parametrize(
    "name",
    [
        "South Korea's intelligence agency",
        "South Korean intelligence",
        "South Korea’s National Intelligence Service",
        "Seoul's spy agency",
        "the South Korean intelligence agency",
        "NIS",
        "the N.I.S.",
    ],
)
def test_spellings_of_one_agency_in_a_topic_share_its_canonical_name(name: str) -> None:
    source = load_sources().extended(TOPIC).lookup(name)
    assert source.label == "South Korea's intelligence agency (NIS)"
    assert source.kind == "intelligence_agency"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Police", "police"),
        ("the police", "Police"),
        ("a police spokesman", "police"),
        ("Ministry of the Interior", "the Interior Ministry"),
        ("Seoul's spy agency", "South Korean intelligence"),
        ("Canberra's foreign ministry", "the Australian foreign ministry"),
        ("Dhaka police", "Bangladeshi police"),
        ("Sana'a officials", "Yemeni officials"),
        ("the Kremlin", "Moscow"),
        ("U.S. officials", "American officials"),
    ],
)
def test_case_the_possessives_capitals_and_demonyms_make_one_source(a: str, b: str) -> None:
    table = load_sources()
    assert table.lookup(a).key == table.lookup(b).key


def test_an_acronym_is_the_body_the_corpus_names_in_full() -> None:
    table = load_sources().extended(names=["the National Disaster Management Authority", "NDMA"])
    assert table.lookup("NDMA").key == table.lookup("National Disaster Management Authority").key
    # a word written in lower case is not an acronym
    assert table.lookup("ndma").key != table.lookup("National Disaster Management Authority").key


def test_an_acronym_two_bodies_share_stays_apart() -> None:
    names = ["Metropolitan Police", "Military Police", "MP"]
    table = load_sources().extended(names=names)
    assert table.lookup("MP").key == "mp"


def test_the_defaults_name_no_flagship_source_or_war() -> None:
    table = load_sources()
    assert table.belligerents == []
    assert table.lookup("Russia's defence ministry").kind == "government"
    text = DEFAULT_PATH.read_text(encoding="utf-8").lower()
    for word in ("seoul", "pyongyang", "zelensk", "nis"):
        assert f'"{word}' not in text


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Western officials", "anonymous_officials"),
        ("Britain's Defense Ministry", "government"),
        ("Ukrainian military intelligence", "belligerent_government"),
        ("Russia's defence ministry", "belligerent_government"),
        ("Institute for the Study of War", "analyst"),
        ("a professor at the University of Essex", "analyst"),
        ("the Red Cross", "humanitarian"),
        ("Jane Doe", "other"),
    ],
)
def test_unlisted_sources_get_a_kind_from_keywords(name: str, kind: str) -> None:
    assert load_sources().extended(TOPIC).lookup(name).kind == kind


def test_a_topic_source_weight_overrides_its_kind() -> None:
    topic = Topic("t", sources=[SourceDef("Flood Relief Trust", ["the trust"], "humanitarian", 0.9)])
    source = load_sources().extended(topic).lookup("a spokesman for the Flood Relief Trust")
    assert (source.label, source.weight) == ("Flood Relief Trust", 0.9)


def test_weights_rank_intelligence_above_belligerents() -> None:
    table = load_sources()
    assert table.weight("intelligence_agency") > table.weight("belligerent_government")


def test_unsourced_claim_is_the_outlets_own_report(
    claim: Callable[..., Claim], article: Callable[..., Article]
) -> None:
    arts = {"a1": article("a1", "2025-01-02", "Daily Planet")}
    source = claim_source(claim("300 troops", 300), load_sources(), arts)
    assert (source.key, source.label, source.kind) == (
        "outlet:daily planet",
        "Daily Planet",
        "outlet",
    )


def test_unsourced_claim_in_a_copy_belongs_to_the_original_outlet(
    claim: Callable[..., Claim], article: Callable[..., Article]
) -> None:
    arts = {
        "orig": article("orig", "2025-01-02", "Wire Service"),
        "copy": article("copy", "2025-01-03", "Local Paper", duplicate_of="orig"),
    }
    source = claim_source(claim("300 troops", 300, article="copy"), load_sources(), arts)
    assert source.label == "Wire Service"


def test_user_table_adds_an_alias(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(
        '[kinds.government]\nweight = 0.9\nkeywords = ["ministry"]\n'
        '[[alias]]\nkey = "mod"\nlabel = "Ministry of Defence"\nkind = "government"\n'
        'match = ["mod", "defence ministry"]\n',
        encoding="utf-8",
    )
    source = load_sources(path).lookup("MoD")
    assert (source.key, source.weight) == ("mod", 0.9)


@pytest.mark.parametrize(
    "text", ["[kinds\nweight = 1", '[[alias]]\nlabel = "no key"\n'], ids=["bad-toml", "no-key"]
)
def test_bad_source_table_raises_topic_error_naming_the_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TopicError) as info:
        load_sources(path)
    assert str(info.value).startswith(f"T201 {path}")
