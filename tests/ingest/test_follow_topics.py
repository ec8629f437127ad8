"""`tally follow` judges each feed item by its title and summary with the classifier reports use
(outcome words, counted nouns, the topic's quantities), logs each skip with its reason, and
looks at the skipped items again when the topic file changes (though the feed answers 304)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from tally.app import Printed
from tally.app.live import follow
from tally.classify import load_topic
from tally.app.feed_items import skip_reason
from tally.options import FetchOptions, FollowOptions, IngestOptions, IngestResult
from tally.store import Store
from tally.types import FeedItem

from .site import Site, article_html, rss, serve

pytestmark = pytest.mark.model

# The feed is served on 127.0.0.1: an intranet address, allowed here on purpose.
FAST = FetchOptions(allow_private=True, timeout=2.0, max_bytes=200_000, retries=1, backoff=0.05, host_interval=0.0)
DEATHS = """
name = "Ice storm deaths"

[[quantity]]
id = "storm_deaths"
label = "People who died in the storm"
units = ["deaths", "people", "fatalities"]
keywords = ["died", "deaths", "fatalities"]
"""
OUTAGES = """
name = "Ice storm outages"

[[quantity]]
id = "homes_dark"
label = "Homes without power"
units = ["homes", "customers"]
keywords = ["outage", "outages", "without power"]
"""

# Headlines in the two shapes a deaths topic's words alone missed, and one off the topic.
ITEMS = {
    "/news/toll": ("At Least 111 Killed as Ice Storm Cripples the Power Grid", [
        "At least 111 people were killed during the week of freezing weather, the state health "
        "department said on Monday.",
    ]),
    "/news/total": ("State Raises Storm Toll Again, Bringing the Total to 246", [
        "The health department said 35 more people died of the cold, bringing the number of "
        "storm deaths to 246.",
    ]),
    "/news/budget": ("City Council Approves Its Budget for the Year", [
        "The council approved the budget by seven votes to two after a long debate.",
    ]),
}  # fmt: skip


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        for path, (headline, paragraphs) in ITEMS.items():
            running.page(path, article_html(headline, paragraphs, published="2021-02-22T08:00:00+00:00"))
        items = [{"title": headline, "link": path} for path, (headline, _) in ITEMS.items()]
        running.page("/feed.xml", rss("Plains Courier", items), "application/rss+xml")
        yield running


def _follow(db: Path, feeds: list[str], topic: Path | None = None) -> tuple[str, IngestResult]:
    err = io.StringIO()
    options = FollowOptions(feeds=feeds, ingest=IngestOptions(db=db, topic=topic, fetch=FAST))
    result = follow(options, Printed(out=io.StringIO(), err=err))
    return err.getvalue(), result


def test_headlines_that_count_deaths_are_kept_under_a_deaths_topic(site: Site, tmp_path: Path) -> None:
    topic = tmp_path / "deaths.toml"
    topic.write_text(DEATHS, encoding="utf-8")
    err, result = _follow(tmp_path / "t.db", [site.url("/feed.xml")], topic)
    assert result.added == 2 and result.filtered == 1 and not result.errors
    assert site.hits("/news/budget") == []
    skipped = [line for line in err.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 1 and site.url("/news/budget") in skipped[0]
    assert "no topic word" in skipped[0]


def test_a_changed_topic_file_re_examines_the_items_it_skipped(site: Site, tmp_path: Path) -> None:
    topic, db = tmp_path / "storm.toml", tmp_path / "t.db"
    topic.write_text(OUTAGES, encoding="utf-8")
    err, first = _follow(db, [site.url("/feed.xml")], topic)
    assert first.added == 0 and first.filtered == 3
    assert sum(line.startswith("skipped") for line in err.splitlines()) == 3

    # The same topic again: the feed answers 304 and nothing is looked at again.
    err, same = _follow(db, [])
    assert same.added == same.filtered == 0 and "skipped" not in err
    assert site.hits("/feed.xml")[-1].headers.get("if-none-match")

    topic.write_text(DEATHS, encoding="utf-8")
    err, changed = _follow(db, [])
    assert changed.added == 2 and changed.filtered == 1
    assert len(site.hits("/feed.xml")) == 3  # the listing itself was not needed again
    assert [len(site.hits(p)) for p in ITEMS] == [1, 1, 0]
    with Store(db) as store:
        assert {a.url for a in store.articles()} == {site.url("/news/toll"), site.url("/news/total")}


@pytest.mark.parametrize(
    ("title", "kept"),
    [
        ("At Least 111 Killed as Ice Storm Cripples the Power Grid", True),
        ("Medical Examiners Confirm 35 More Victims, Bringing the Total to 246", True),
        ("Power Restored to 2 Million Homes After the Storm", False),
        ("City Council Approves Its Budget for the Year", False),
    ],
)
def test_an_item_is_judged_by_the_figures_its_title_counts(tmp_path: Path, title: str, kept: bool) -> None:
    path = tmp_path / "deaths.toml"
    path.write_text(DEATHS, encoding="utf-8")
    reason = skip_reason(FeedItem(url="http://127.0.0.1/x", title=title), load_topic(path))
    assert (reason is None) == kept
