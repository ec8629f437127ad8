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
