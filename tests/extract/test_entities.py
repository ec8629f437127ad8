"""Places, peoples and persons named by the tally_entities component, on sentences written here."""

import pytest

from tally.extract import load_model
from tally.extract.entities import _plural, gazetteer

pytestmark = pytest.mark.model


def ents(text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in load_model()(text).ents]


def test_the_pipeline_names_entities_without_the_statistical_ner() -> None:
    names = load_model().pipe_names
    assert "ner" not in names and names[-1] == "tally_entities"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Floods in Pakistan displaced 30,000 people.", ("Pakistan", "GPE")),
        ("Beijing sent 40 rescue workers.", ("Beijing", "GPE")),
        ("The UK pledged 500 tents.", ("UK", "GPE")),
        ("At least 60 Sudanese refugees crossed into Chad.", ("Sudanese", "NORP")),
        ("Some 1,200 South Korean volunteers arrived.", ("South Korean", "NORP")),
        ("About 300 Ukrainians were evacuated.", ("Ukrainians", "NORP")),
        ("Using non-Russian fighters spares Moscow 5,000 men.", ("non-Russian", "NORP")),
        ("Health Minister Amara Okafor said 14 clinics closed.", ("Amara Okafor", "PERSON")),
        ("Gen. Tomas Varga said 300 troops left.", ("Tomas Varga", "PERSON")),
        ("Police chief Park Ji-hoon counted 80 arrests.", ("Park Ji-hoon", "PERSON")),
    ],
)
def test_places_peoples_and_persons_are_named(text: str, expected: tuple[str, str]) -> None:
    assert expected in ents(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Defence Ministry said 45 soldiers died.",
        "Human Rights Watch counted 200 arrests.",
        "The University of Essex hosted 90 students.",
    ],
)
def test_organisations_are_not_persons(text: str) -> None:
    assert not [name for name, label in ents(text) if label == "PERSON"]


def test_a_lowercase_word_is_no_country_code() -> None:
    # "in", "it" and "no" are ISO codes too; only the codes news text uses are kept.
    assert ents("It rained in 12 towns, no one was hurt.") == []


@pytest.mark.parametrize(("demonym", "plural"), [("Russian", "Russians"), ("Chinese", None), ("Dutch", None)])
def test_demonyms_take_a_plural_only_when_english_does(demonym: str, plural: str | None) -> None:
    assert _plural(demonym) == plural


def test_the_gazetteer_holds_countries_capitals_and_demonyms() -> None:
    places, peoples = gazetteer()["GPE"], gazetteer()["NORP"]
    assert {"North Korea", "Pyongyang", "Britain", "United States"} <= set(places)
    assert {"North Korean", "North Koreans", "British"} <= set(peoples)
    assert not set(places) & set(peoples)
