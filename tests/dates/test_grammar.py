"""Date expressions resolved against an anchor, on sentences written for these tests."""

from datetime import date

import pytest

from tally.dates import Anchor, find_dates, latest_date, nearest_date


def resolve(sentence: str, anchor: Anchor) -> list[str]:
    return [d.value for d in find_dates(sentence, anchor)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("As of mid-January, the count stood at 900.", "2025-01"),
        ("By mid-March 2025 more units will arrive.", "2025-03"),
        ("Since fall 2024 the flow has not stopped.", "2024-09"),
        ("In November, the first group arrived.", "2024-11"),
        ("On 7 February, the minister spoke.", "2025-02-07"),
        ("He agreed in March of this year.", "2025-03"),
        ("The toll rose on Friday.", "2025-02-14"),
        ("Last week, officials said so.", "2025-02"),
        ("Cases stood at 1,204 as of Sunday.", "2025-02-16"),
        ("Officials said Tuesday that the count rose.", "2025-02-18"),
        ("The count was 980 two weeks ago.", "2025-02-06"),
        ("Three days ago the bridge fell.", "2025-02-17"),
        ("The count peaked in the last week of January.", "2025-01"),
        ("The count stood at 44,950 by Feb. 15.", "2025-02-15"),
    ],
)
def test_dates_resolve_against_a_known_publication_date(sentence: str, expected: str) -> None:
    anchor = Anchor(date(2025, 2, 20), known=True)
    assert resolve(sentence, anchor) == [expected]


def test_month_without_year_goes_to_the_past_of_a_known_date() -> None:
    assert resolve("In December, the ship docked.", Anchor(date(2025, 2, 1), True)) == ["2024-12"]


def test_month_without_year_goes_to_the_nearest_occurrence_of_an_inferred_date() -> None:
    # An inferred anchor is a lower bound: a text written after October 2024 talking of
    # "mid-January" means the January that follows.
    assert resolve("By mid-January, a third had left.", Anchor(date(2024, 10, 1), False)) == ["2025-01"]


def test_that_same_year_refers_to_the_last_year_mentioned() -> None:
    anchor = Anchor(date(2025, 7, 1), True)
    resolve("In 2023 the plant opened.", anchor)
    assert resolve("That same year, it shipped 500 units.", anchor) == ["2023"]


def test_relative_days_need_a_known_date() -> None:
    assert resolve("The toll rose on Friday.", Anchor(date(2025, 2, 20), False)) == []


def test_nearest_date_prefers_the_closest_expression() -> None:
    s = "In June the mayor spoke; the 400 homes were lost in November."
    dates = find_dates(s, Anchor(date(2025, 12, 1), True))
    start = s.index("400")
    assert nearest_date(dates, start, start + 3) == "2025-11"


def test_latest_date_is_the_latest_explicit_date_in_the_text() -> None:
    text = "The war began in February 2022. Talks in June 2024 failed. By mid-March 2025 it went on."
    assert latest_date(text) == date(2025, 3, 1)


def test_may_as_a_verb_is_not_a_date() -> None:
    assert resolve("The figures may rise.", Anchor(date(2025, 2, 20), True)) == []


def test_a_weekday_in_a_paper_of_that_weekday_is_the_same_day() -> None:
    anchor = Anchor(date(2025, 3, 5), known=True)  # a Wednesday
    assert resolve("The ministry said on Wednesday.", anchor) == ["2025-03-05"]
    assert resolve("It began last Wednesday.", anchor) == ["2025-02-26"]


def test_early_year_followed_by_a_comma_is_a_year() -> None:
    assert resolve("Troops left in early 2025, officials said.", Anchor(None, False)) == ["2025"]


def test_a_lowercase_weekday_without_a_preposition_is_no_date() -> None:
    assert resolve("The sunday market drew crowds.", Anchor(date(2025, 2, 20), known=True)) == []


@pytest.mark.parametrize(
    ("sentence", "figure", "expected"),
    [
        ("Floods hit 96,000 homes, compared with 64,000 in 2023.", "96,000", None),
        ("Floods hit 96,000 homes, compared with 64,000 in 2023.", "64,000", "2023"),
        ("Cases rose to 240, up from 185 last week.", "240", None),
        ("Cases rose to 240, up from 185 last week.", "185", "2025-02"),
        ("It has 15,312 cases since the outbreak was declared on 28 October.", "15,312", None),
        ("More than 150 aftershocks were felt since Monday.", "150", None),
        ("The toll hit 900 on Monday, up from 700.", "900", "2025-02-17"),
        ("The toll hit 900 on Monday, up from 700.", "700", None),
        ("Aid will fall to 0.3% by 2027, down from 0.5%.", "0.5%", None),
        ("At least 12,605 were killed since Russia's full-scale invasion in February 2022.", "12,605", None),
        ("Rivers stay high until at least early March, putting 14 states at risk.", "14", None),
    ],
)
def test_a_date_past_a_comparison_or_after_since_is_not_the_figures(sentence: str, figure: str, expected: str | None) -> None:
    dates = find_dates(sentence, Anchor(date(2025, 2, 20), True))
    start = sentence.index(figure)
    assert nearest_date(dates, start, start + len(figure), sentence) == expected


def test_latest_date_takes_no_year_alone() -> None:
    assert latest_date("The dam was first described in 1958 and rebuilt in 2019.") is None


def test_latest_date_falls_back_to_a_planned_date() -> None:
    text = "As of mid-January, 400 had left. More are expected to arrive by mid-March 2025."
    assert latest_date(text) == date(2025, 3, 1)
    assert latest_date("Crews left in May 2024. More are expected to arrive by March 2025.") == date(2024, 5, 1)


@pytest.mark.parametrize(
    "sentence",
    [
        "date 2025-02-20 Officials said on Monday that 900 had left.",
        "Updated: Feb. 20, 2025 Officials said on Monday that 900 had left.",
    ],
)
def test_a_page_stamp_in_a_sentence_is_not_its_date(sentence: str) -> None:
    assert resolve(sentence, Anchor(date(2025, 2, 20), True)) == ["2025-02-17"]


def test_an_iso_date_in_a_sentence_is_a_date() -> None:
    assert resolve("On 2025-02-03, 500 troops left.", Anchor(date(2025, 2, 20), True)) == ["2025-02-03"]
