"""Classifying claims to a topic's quantities, on texts written for these tests."""

from pathlib import Path

import pytest

from tally.classify import classify, group_key, group_label, load_topic
from tally.extract import extract_claims

from .test_topic import GOOD

pytestmark = pytest.mark.model


def test_claims_go_to_the_first_quantity_that_fits(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text(GOOD, encoding="utf-8")
    topic = load_topic(path)
    claims = extract_claims("The flood killed 14 people and damaged 300 homes in the valley.")
    classify(claims, topic)
    assert [c.quantity for c in claims] == ["flood_dead", "homes_flooded"]


def test_flagship_topic_separates_deployed_additional_and_capacity() -> None:
    topic = load_topic(Path(__file__).resolve().parents[2] / "examples" / "dprk-russia.toml")
    text = (
        "Pyongyang has sent about 11,000 soldiers to Russia, officials in Seoul said. "
        "It plans to send another 5,000 troops in spring. "
        "North Korea has the capacity to send up to 100,000 troops."
    )
    claims = extract_claims(text)
    classify(claims, topic)
    assert [c.quantity for c in claims] == [
        "dprk_troops_deployed", "dprk_troops_additional", "dprk_troops_capacity"]


def test_group_key_without_a_topic_joins_counted_noun_and_outcome() -> None:
    claims = extract_claims("About 40 Russian soldiers were killed.")
    assert group_key(claims[0]) == "soldier_killed"
    assert group_label("soldier_killed") == "Soldiers killed"


@pytest.mark.parametrize(
    "text",
    ["The death toll rose to 288.", "Officials said 160 people died.", "160 deaths were recorded.",
     "At least 12 were killed."],
)  # fmt: skip
def test_deaths_killed_died_dead_and_toll_are_one_group(text: str) -> None:
    (claim,) = extract_claims(text, published="2025-01-01")
    assert group_key(claim) == "people_killed"
    assert group_label("people_killed") == "People killed"


def test_people_in_shelters_and_missing_people_are_two_groups() -> None:
    shelters, missing = extract_claims("9,000 people were in shelters and 40 people are missing.")
    assert (group_key(shelters), group_key(missing)) == ("people_sheltered", "people_missing")


def test_a_share_never_fits_a_counted_quantity() -> None:
    topic = load_topic(Path(__file__).resolve().parents[2] / "examples" / "dprk-russia.toml")
    claims = extract_claims("Nearly half of North Korea's troops were sent to the front.")
    classify(claims, topic)
    assert claims[0].unit == "percent" and claims[0].quantity is None
