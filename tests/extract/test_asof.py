"""As of when: each figure's date, its basis and the rule that chose it, on sentences of ours."""

from __future__ import annotations

import pytest

from tally import extract_claims

pytestmark = pytest.mark.model


def dated(text: str, mention: str, published: str | None = "2024-03-08") -> tuple:
    found = [c for c in extract_claims(text, published=published) if mention in c.mention]
    assert found, [c.mention for c in extract_claims(text, published=published)]
    c = found[0]
    return c.as_of, c.as_of_basis, c.rules.get("as_of")


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        # The figure's own date.
        ("The toll rose to 412 on March 5.", "412", ("2024-03-05", "text", "date-near-figure")),
        ("As of Wednesday, 37 people were still missing.", "37", ("2024-03-06", "text", "as-of-phrase")),
        # The day the source spoke.
        ("The ministry said on Tuesday that 90 people had died.", "90", ("2024-03-05", "statement", "statement-date")),
        ("On March 4, the governor said 1,200 homes were damaged.", "1,200", ("2024-03-04", "statement", "statement-date")),
        ("In a letter to staff on Monday, the chief executive said 3,000 jobs would go.", "3,000",
         ("2024-03-04", "statement", "statement-date")),
        # No date of its own: the publication date.
        ("Rescuers have pulled 58 survivors from the mud.", "58", ("2024-03-08", "published", "publication-date")),
        # A start is not a date.
        ("Cases have climbed to 900 since the outbreak began in January.", "900",
         ("2024-03-08", "published", "since-is-a-start")),
        # A date inside a clause about something else does not date the figure.
        ("A leak that engineers found on March 1 may have spilled 6,000 barrels.", "6,000",
         ("2024-03-08", "published", "date-of-another-clause")),
        # A participle on the counted noun says when the counted came to be.
        ("The 800 volunteers sent in February are still there.", "800", ("2024-02", "text", "date-near-figure")),
    ],
)
def test_figure_dates_by_shape(text: str, mention: str, expected: tuple) -> None:
    assert dated(text, mention) == expected


def test_the_event_date_is_not_the_count_date() -> None:
    text = "A total of 61 people were killed in the landslide on Feb. 26."
    assert dated(text, "61") == ("2024-03-08", "published", "event-date-not-count-date")


def test_two_figures_with_two_dates_keep_their_own() -> None:
    text = "Three patients died on Feb. 5 and two more died on March 2."
    assert dated(text, "Three")[0] == "2024-02-05"
    assert dated(text, "two")[0] == "2024-03-02"


def test_no_publication_date_leaves_no_date() -> None:
    assert dated("Rescuers have pulled 58 survivors from the mud.", "58", None) == (None, None, "no-date")


def test_a_season_naming_a_kind_of_thing_is_no_date() -> None:
    text = "Rescuers said 12 children from a summer camp were still missing."
    assert dated(text, "12")[:2] == ("2024-03-08", "published")


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        # A date after its verb stays in that verb's clause.
        ("Arrivals climbed to 5,100 on March 2, while 640 people remain in shelters.", "640",
         ("2024-03-08", "published", "date-of-another-clause")),
        ("Arrivals climbed to 5,100 on March 2, while 640 people remain in shelters.", "5,100",
         ("2024-03-02", "text", "date-near-figure")),
        # A date before its verb covers the clause hung on it.
        ("On March 2, 5,100 people arrived while 640 were turned back.", "640", ("2024-03-02", "text", "date-near-figure")),
    ],
)
def test_a_date_after_its_verb_does_not_date_a_clause_hung_after_it(text: str, mention: str, expected: tuple) -> None:
    assert dated(text, mention) == expected


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        # A period's end dates a figure counted over it, not its start.
        ("Floods displaced 9,400 people between Monday and Wednesday.", "9,400", ("2024-03-06", "text", "date-near-figure")),
        ("The clinic treated 310 patients from January to February.", "310", ("2024-02", "text", "date-near-figure")),
        # A date closing two joined verbs covers both.
        ("The fever killed 75 and sickened 2,300 between May and June last year.", "75", ("2023-06", "text", "date-near-figure")),
        # A participle dates its own noun, not a figure the parser hangs beneath it.
        ("Cases grew from 410 reported in January to 990 across nine districts.", "990",
         ("2024-03-08", "published", "date-of-another-clause")),
    ],
)
def test_periods_joined_verbs_and_participles_date_the_right_figure(text: str, mention: str, expected: tuple) -> None:
    assert dated(text, mention) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("The Women’s March drew 5,000 people.", "2024-03-08"), ("Some 800 joined the Peace March on Sunday.", "2024-03-03")],
)
def test_a_march_that_is_an_event_is_no_month(text: str, expected: str) -> None:
    assert dated(text, "00")[0] == expected
