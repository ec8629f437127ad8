"""A page's own date line, in the shapes sites print it, becomes the publication date."""

import pytest

from tally.ingest.readers import from_text


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Published October 31, 2024", "2024-10-31"),
        ("Updated: 3 May 2025 14:02 BST", "2025-05-03"),
        ("Jul 8, 2025 13:11 598", "2025-07-08"),
        ("Posted on 2025-02-11", "2025-02-11"),
        ("Tue 15 Oct 2024 07.12 BST", "2024-10-15"),
        ("Updated 6:42 PM CDT, April 13, 2025", "2025-04-13"),
        ("15.11.2025, 14:05", "2025-11-15"),
        ("11/15/2025", "2025-11-15"),
        ("Published Friday, 7 March 2025", "2025-03-07"),
    ],
)
def test_a_date_line_in_the_page_furniture_is_the_publication_date(
    line: str, published: str
) -> None:
    text = f"River rises in the north\nBy Staff Reporter\n{line}\n\nThe river rose by two metres, officials said.\n"
    article = from_text(text, "page.txt")
    assert (article.published, article.published_origin) == (published, "page")


def test_a_wire_dateline_makes_the_inferred_date_a_day() -> None:
    text = "KYIV, March 3 (Reuters) - Strikes have hit the grid since February 2025, officials said.\n"
    article = from_text(text, "wire.txt")
    assert (article.published, article.published_origin) == ("2025-03-03", "inferred")


def test_a_wire_dateline_alone_gives_no_year() -> None:
    assert from_text("KYIV, March 3 (Reuters) - Officials said 40 drones flew.\n", "wire.txt").published is None


@pytest.mark.parametrize(
    "opening",
    [
        "LIMA, 4 May 2024 – Rains have closed the coast road, officials said.",
        "LIMA, May 4, 2024 (AFP) - Rains have closed the coast road, officials said.",
        "Lima, Peru, Saturday, May 4, 2024 — Rains have closed the coast road, officials said.",
    ],
)
def test_a_dateline_with_its_year_is_the_pages_own_date(opening: str) -> None:
    text = f"{opening}\nThe road had been shut once before, in March 2019.\n"
    article = from_text(text, "dateline.txt")
    assert (article.published, article.published_origin) == ("2024-05-04", "dateline")
    assert article.published_phrase and "May" in article.published_phrase


def test_a_captions_full_day_bounds_an_undated_page_and_says_so() -> None:
    text = (
        "Volunteers stack sandbags by the river on Tuesday, March 11, 2025. (Photo by A. Writer/Getty Images)\n\n"
        "RIVERTON: The river rose by two metres on Tuesday, officials said, the worst since 2009.\n"
    )
    article = from_text(text, "caption.txt")
    assert (article.published, article.published_origin) == ("2025-03-11", "caption")
    assert article.published_phrase and article.published_phrase.startswith("Volunteers stack sandbags")


def test_a_caption_older_than_a_date_in_the_body_is_an_old_photo() -> None:
    text = (
        "The bridge when it opened on June 3, 2019. Image credit: City archive\n\n"
        "By 4 July 2024, 9,000 cars a day were using the bridge, the council said.\n"
    )
    article = from_text(text, "caption.txt")
    assert (article.published, article.published_origin) == ("2024-07-04", "inferred")


@pytest.mark.parametrize(
    "body",
    [
        "The bridge, first built in 1958, carried 4,000 cars a day until it shut in 2021.\n",
        "It is the worst flood since 1995, when two rivers burst their banks, officials said.\n",
    ],
)
def test_a_year_alone_never_dates_a_page(body: str) -> None:
    article = from_text(f"Flood closes bridge\n\n{body}", "undated.txt")
    assert (article.published, article.published_origin) == (None, None)


def test_a_place_and_date_deep_in_the_story_is_no_dateline() -> None:
    filler = "Crews worked through the night to clear the road, the council said. " * 30
    text = f"Road reopens\n\n{filler}\nParis, 4 May 2024 – the first such closure, a report said.\n"
    article = from_text(text, "deep.txt")
    assert (article.published, article.published_origin) == ("2024-05-04", "inferred")
