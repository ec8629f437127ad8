"""Publication dates: explicit date shapes, metadata values, and inference from the body."""

from __future__ import annotations

from datetime import date

import pytest

from tally.dates.published import infer_published, mentioned_dates, normalise_date, parse_date

TODAY = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("7 February 2025", "2025-02-07"),
        ("7th February, 2025", "2025-02-07"),
        ("February 7, 2025", "2025-02-07"),
        ("Feb. 7, 2025", "2025-02-07"),
        ("Sept 30 2024", "2024-09-30"),
        ("June 2024", "2024-06"),
        ("mid-March 2025", "2025-03"),
        ("late December of 2024", "2024-12"),
        ("fall 2024", "2024-09"),
        ("2025-03-18", "2025-03-18"),
        ("2025-03", "2025-03"),
        ("2025-03-18T09:30:00+00:00", "2025-03-18"),
        ("2025", "2025"),
    ],
)
def test_an_explicit_date_keeps_the_precision_it_is_written_with(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text",
    ["in March of this year", "last week", "7 February", "31 February 2025", "the 1990s", "soon"],
)
def test_a_date_without_a_year_or_an_impossible_one_is_not_a_date(text: str) -> None:
    assert parse_date(text) is None
    assert mentioned_dates(text, TODAY) == []


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("Tuesday, 18 March 2025", "2025-03-18"),
        ("18 March 2025", "2025-03-18"),
        ("2025-03-18 09:30", "2025-03-18"),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_metadata_values_are_read_without_guessing_from_the_clock(
    value: str | None, iso: str | None
) -> None:
    assert normalise_date(value) == iso


@pytest.mark.parametrize(
    ("body", "iso"),
    [
        (
            "The route reopened in June 2024. By 3 March 2025, 40,000 people had used it.",
            "2025-03-03",
        ),
        ("Talks began in 2019 and resumed in May 2023.", "2023-05"),
        ("On Feb. 7, 2025, the count stood at 12.", "2025-02-07"),
        ("The dam was finished in April 2022 and, as in 2023, it held.", "2022-04"),
    ],
    ids=["day beats month", "month beats a later-looking year", "abbrev", "month beats a later year"],
)
def test_the_latest_full_date_in_the_body_is_the_inferred_publication_date(
    body: str, iso: str
) -> None:
    assert infer_published(body, TODAY) == (iso, "inferred")


@pytest.mark.parametrize(
    ("body", "years"),
    [
        ("The war of 1950-53 left the border where it is.", ["1953"]),
        ("Crews were sent in 2023; the last left in 2024.", ["2023", "2024"]),
        ("The mill employed 2000 workers in 2019.", ["2019"]),
        ("The orchid was first described in 1958 by a visiting botanist.", ["1958"]),
    ],
    ids=["year range", "years", "count not year", "historical year"],
)
def test_a_year_alone_is_read_but_makes_no_publication_date(body: str, years: list[str]) -> None:
    assert [d for d, _ in mentioned_dates(body, TODAY)] == years
    assert infer_published(body, TODAY) == (None, None)


def test_relative_dates_say_nothing_without_an_anchor() -> None:
    body = "The ministry said in March of this year that 3,000 more had gone. Last week it agreed."
    assert infer_published(body, TODAY) == (None, None)


def test_a_looking_ahead_date_makes_no_publication_date() -> None:
    body = "Analysts said the next group is expected to arrive by mid-March 2025."
    assert mentioned_dates(body, TODAY) == [("2025-03", True)]
    assert infer_published(body, TODAY) == (None, None)


def test_a_winter_tells_only_its_year() -> None:
    assert mentioned_dates("Supplies ran short in the winter of 2024.", TODAY) == [("2024", False)]


def test_a_past_date_beats_a_looking_ahead_date_of_the_same_year() -> None:
    body = (
        "The first group arrived in October 2024. A second group is expected by April 2025.\n"
        "In January 2025 the agency revised its count."
    )
    assert infer_published(body, TODAY) == ("2025-01", "inferred")


def test_a_date_before_a_future_word_is_not_looking_ahead() -> None:
    body = "In June 2024, the president said the army would send more troops."
    assert infer_published(body, TODAY) == ("2024-06", "inferred")


def test_dates_after_today_are_left_out() -> None:
    body = "The plan was signed on 2 May 2024. The treaty runs until December 2031."
    assert infer_published(body, TODAY) == ("2024-05-02", "inferred")
