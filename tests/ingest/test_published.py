"""Where a publication date comes from, surest first, and the dates that never make one: a year
alone (in a headline too), a date the text reports as an earlier stage of the story, a photo
caption's day (only a bound, and marked so)."""

from __future__ import annotations

import pytest

from tally.ingest.fetch import Fetched
from tally.ingest.webpage import from_html
from tally.ingest.readers import from_text
from tally.ingest.remote import article_from

from .site import article_html

STORM = [
    "The county's medical examiner raised the cold-weather death count to 57 on Tuesday, "
    "after reviewing cases from the week the power went out across the region.",
    "Officials said more reviews were under way and the count could still rise.",
]


def test_a_date_the_text_reports_as_earlier_dates_nothing() -> None:
    text = (
        "Cold-weather toll revised\n\n"
        "The state now counts 246 deaths from the storm, a figure previously reported as 210 "
        "deaths in July 2021.\nOfficials did not say when the review would end.\n"
    )
    article = from_text(text, "revised.txt")
    assert (article.published, article.published_origin) == (None, None)


def test_a_later_date_still_dates_a_text_that_also_reports_an_earlier_one() -> None:
    text = (
        "Cold-weather toll revised\n\n"
        "The count, initially put at 151 in July 2021, stood at 246 on January 3, 2022, the "
        "health department said.\n"
    )
    article = from_text(text, "revised.txt")
    assert (article.published, article.published_origin, article.published_phrase) == (
        "2022-01-03", "inferred", "January 3, 2022"
    )


def test_a_year_in_a_pages_headline_is_no_date() -> None:
    html = article_html("Winter storm 2021: the count so far", STORM)
    article = from_html(html, "storm.html", {})
    assert (article.published, article.published_origin) == (None, None)


def test_the_pages_metadata_comes_before_anything_its_text_says() -> None:
    html = article_html("Winter storm deaths rise", STORM, published="2021-03-16T08:00:00Z")
    article = from_html(html, "storm.html", {"url": "https://news.example.com/2021/02/20/storm"})
    assert (article.published, article.published_origin) == ("2021-03-16", "page")


def test_the_urls_date_path_dates_a_page_without_metadata() -> None:
    text = (
        "url: https://news.example.com/weather/2021/03/16/storm-count-rises/\n---\n"
        "Storm count rises\n\nThe count rose again on Tuesday, the examiner said.\n"
    )
    article = from_text(text, "storm.txt")
    assert (article.published, article.published_origin, article.published_phrase) == (
        "2021-03-16", "url", "/2021/03/16"
    )


@pytest.mark.parametrize("path", ["2021/storm-count-rises", "2021/03", "2021/03/"])
def test_a_year_or_a_month_alone_in_the_url_is_a_section_not_a_date(path: str) -> None:
    text = f"url: https://news.example.com/{path}\n---\nStorm count rises\n\nIt rose.\n"
    assert from_text(text, "storm.txt").published is None


def test_a_caption_day_is_a_photos_day_a_bound_marked_so() -> None:
    # A March story whose only full date is its photo's, taken a month before.
    text = (
        "Crews clear ice from a power line on Feb. 16, 2021. (Photo by J. Smith/Getty Images)\n\n"
        "The count of storm deaths rose to 57 on Tuesday, the examiner said.\n"
    )
    article = from_text(text, "storm.txt")
    assert (article.published, article.published_origin) == ("2021-02-16", "caption")
    assert "Feb. 16, 2021" in (article.published_phrase or "")


def _page(html: str, url: str) -> Fetched:
    return Fetched(url, url, html.encode(), "text/html; charset=utf-8", "2026-01-01T00:00:00Z")


def test_a_feed_items_date_dates_a_page_that_gives_none() -> None:
    html = article_html(
        "Storm count rises",
        ["Crews cleared ice from a power line on Feb. 16, 2021. (Photo by J. Smith/Getty Images)", *STORM],
    )
    article = article_from(_page(html, "https://news.example.com/storm-count"), "2021-03-16")
    assert (article.published, article.published_origin) == ("2021-03-16", "feed")


def test_the_urls_date_comes_before_the_feeds() -> None:
    html = article_html("Storm count rises", STORM)
    article = article_from(_page(html, "https://news.example.com/2021/03/17/storm-count"), "2021-03-16")
    assert (article.published, article.published_origin) == ("2021-03-17", "url")
