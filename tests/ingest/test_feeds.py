"""Feeds and sitemaps: what a listing holds, and following one round after round against a
local HTTP server (new items only, items updated in place, topic filters, stopping)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from tally.errors import FeedError
from tally.ingest.feeds import matches, read_listing, topic_words
from tally.app import Printed
from tally.app.live import StopFlag, follow
from tally.store import Store
from tally.options import FetchOptions, FollowOptions, IngestOptions
from tally.types import FeedItem, QuantityDef, Topic

from .site import Site, article_html, rss, serve

FAST = FetchOptions(allow_private=True, timeout=2.0, max_bytes=200_000, retries=1, backoff=0.05, host_interval=0.0)
TOPIC = """
name = "Floods in the Tarn valley"

[[quantity]]
id = "flood_deaths"
label = "People killed by the floods"
outcomes = ["killed"]
keywords = ["flood", "floods", "tarn"]

[[quantity]]
id = "flood_evacuated"
label = "People who left their homes"
near = ["evacuated", "left their homes"]
"""

# Four made-up reports on one flood, each with a figure or two.
STORIES = {
    "/news/1": ("Deadly night as the Tarn bursts its banks", "2025-09-02T07:30:00+00:00", [
        "At least 14 people were killed when the Tarn burst its banks overnight, the regional "
        "fire service said on Tuesday.",
        "About 230 residents were evacuated to the sports hall in Millau, the mayor said.",
    ]),
    "/news/2": ("Roads closed as the Tarn keeps rising", "2025-09-02T16:00:00+00:00", [
        "Police closed eleven roads around the valley on Tuesday afternoon as the river kept "
        "rising.",
    ]),
    "/news/3": ("Tarn flood toll climbs again", "2025-09-04T09:00:00+00:00", [
        "The number of people killed in the Tarn valley floods has risen to 31, the prefect "
        "told reporters on Thursday.",
    ]),
    "/news/4": ("Thousands leave their homes in the Tarn valley", "2025-09-04T12:00:00+00:00", [
        "Some 1,200 residents were evacuated from villages downstream of Millau on Thursday, "
        "the mayor said.",
    ]),
}  # fmt: skip


def page(path: str) -> str:
    headline, published, paragraphs = STORIES[path]
    return article_html(headline, paragraphs, published=published)


def feed_of(paths: list[str]) -> str:
    return rss("Valley Courier", [{"title": STORIES[p][0], "link": p} for p in paths])


# -- what a listing holds ------------------------------------------------------------------


def test_an_rss_feed_lists_its_items_with_absolute_links_and_dates() -> None:
    body = rss("Courier", [
        {"title": "Flood toll rises", "link": "/news/1", "description": "<b>Fourteen</b> dead",
         "date": "Wed, 03 Sep 2025 06:00:00 GMT"},
        {"title": "Roads closed", "link": "https://other.example/2"},
    ]).encode()  # fmt: skip
    items = read_listing(body, "http://courier.example/feed.xml").items
    assert [i.url for i in items] == ["http://courier.example/news/1", "https://other.example/2"]
    assert items[0].title == "Flood toll rises" and items[0].summary == "Fourteen dead"
    assert items[0].published == "2025-09-03" and items[0].updated


def test_an_atom_feed_lists_its_entries() -> None:
    body = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title><id>urn:c</id>
<updated>2025-09-04T10:00:00Z</updated>
<entry><title>Toll climbs to 31</title><id>urn:c:3</id><link href="/news/3"/>
<updated>2025-09-04T10:00:00Z</updated><summary>The prefect spoke.</summary></entry>
</feed>"""
    (item,) = read_listing(body, "http://courier.example/atom").items
    assert item.url == "http://courier.example/news/3" and item.title == "Toll climbs to 31"
    assert item.updated == "2025-09-04T10:00:00Z" and item.published == "2025-09-04"


def test_a_news_sitemap_lists_its_urls_with_titles_and_publication_dates() -> None:
    body = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>http://courier.example/news/3</loc>
    <news:news><news:publication><news:name>Courier</news:name>
      <news:language>en</news:language></news:publication>
      <news:publication_date>2025-09-04T09:00:00+00:00</news:publication_date>
      <news:title>Tarn flood toll climbs to 31</news:title></news:news></url>
  <url><loc>/about</loc><lastmod>2025-01-01</lastmod></url>
</urlset>"""
    news, plain = read_listing(body, "http://courier.example/sitemap.xml").items
    assert news == FeedItem(url="http://courier.example/news/3",
                            title="Tarn flood toll climbs to 31", published="2025-09-04",
                            updated="2025-09-04")  # fmt: skip
    assert plain.url == "http://courier.example/about" and plain.updated == "2025-01-01"


def test_a_sitemap_index_lists_its_sitemaps() -> None:
    body = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>http://courier.example/news-1.xml</loc></sitemap>
  <sitemap><loc>/news-2.xml</loc></sitemap>
</sitemapindex>"""
    listing = read_listing(body, "http://courier.example/index.xml")
    assert listing.items == []
    assert listing.sitemaps == ["http://courier.example/news-1.xml",
                                "http://courier.example/news-2.xml"]  # fmt: skip


def test_a_page_that_is_no_feed_is_a_one_line_feed_error() -> None:
    with pytest.raises(FeedError) as caught:
        read_listing(b"<html><body><p>Hello</p></body></html>", "http://courier.example/")
    assert str(caught.value) == (
        "T105 http://courier.example/: not an RSS or Atom feed, nor a sitemap"
    )


def test_topic_words_filter_items_by_title_or_summary_as_whole_words() -> None:
    topic = Topic(
        name="floods",
        quantities=[QuantityDef(id="d", keywords=["flood"], near=["left their homes"])],
        actors={"Red Cross": ["icrc"]},
    )
    words = topic_words(topic)
    assert set(words) == {"flood", "left their homes", "red cross", "icrc"}
    assert matches(FeedItem(url="u", title="Flood toll rises"), words)
    assert matches(FeedItem(url="u", summary="Families LEFT THEIR HOMES"), words)
    assert not matches(FeedItem(url="u", title="Floodlights at the stadium"), words)
    assert matches(FeedItem(url="u", title="Anything at all"), [])


# -- following against a local server --------------------------------------------------------


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        for path in STORIES:
            running.page(path, page(path))
        yield running


def _follow(db: Path, feeds: list[str], topic: Path | None = None,
            stop: StopFlag | None = None, max_items: int = 200) -> tuple[str, str, object]:  # fmt: skip
    err, out = io.StringIO(), io.StringIO()
    options = FollowOptions(feeds=feeds, ingest=IngestOptions(db=db, topic=topic, fetch=FAST), max_items=max_items)
    result = follow(options, Printed(out=out, err=err), stop)
    return out.getvalue(), err.getvalue(), result


@pytest.mark.model
def test_a_second_round_ingests_only_the_items_the_feed_gained(site: Site, tmp_path: Path) -> None:
    topic = tmp_path / "floods.toml"
    topic.write_text(TOPIC, encoding="utf-8")
    db = tmp_path / "t.db"
    site.page("/feed.xml", feed_of(["/news/1", "/news/2"]), "application/rss+xml")
    out, err, first = _follow(db, [site.url("/feed.xml")], topic)
    assert first.added == 2 and not first.errors
    assert "flood_deaths: new figure at least 14 (Regional fire service" in out

    site.page("/feed.xml", feed_of(["/news/3", "/news/4", "/news/1", "/news/2"]),
              "application/rss+xml")  # fmt: skip
    out, err, second = _follow(db, [], None)  # no URL: the feeds the database follows
    assert second.added == 2 and second.skipped == 0 and not second.errors
    assert [len(site.hits(p)) for p in STORIES] == [1, 1, 1, 1]
    deaths = next(line for line in out.splitlines() if line.startswith("flood_deaths:"))
    assert "new figure 31" in deaths and "up from at least 14" in deaths
    assert "estimate now 31, best 31" in deaths  # the earlier 14 is a floor below the latest
    assert any(line.startswith("flood_evacuated: new figure about 1,200") for line in out.splitlines())
    assert "round at" in err and "2 article(s) added" in err


@pytest.mark.model
def test_a_round_fetches_at_most_max_items_per_feed_and_the_rest_next_round(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    site.page("/feed.xml", feed_of(list(STORIES)), "application/rss+xml")
    _, err, first = _follow(db, [site.url("/feed.xml")], max_items=3)
    assert first.added == 3
    assert f"{site.url('/feed.xml')}: stopped at 3 items; the rest next round" in err
    _, err, second = _follow(db, [], max_items=3)
    assert second.added == len(STORIES) - 3 and "stopped at" not in err
    assert [len(site.hits(p)) for p in STORIES] == [1] * len(STORIES)


@pytest.mark.model
def test_an_item_updated_in_place_is_refetched_and_kept_as_a_new_version(
    site: Site, tmp_path: Path
) -> None:
    db = tmp_path / "t.db"
    items = [{"title": "Toll climbs", "link": "/news/3", "updated": "2025-09-04T09:00:00Z"}]
    site.page("/feed.xml", rss("Courier", items), "application/rss+xml")
    _follow(db, [site.url("/feed.xml")])
    with Store(db) as store:
        (old,) = store.articles()

    # Same URL, same listing: nothing is fetched again.
    _follow(db, [])
    assert len(site.hits("/news/3")) == 1

    revised = article_html("Tarn flood toll climbs to 35", [
        "The number of people killed in the Tarn valley floods has risen to 35, the prefect "
        "told reporters on Friday.",
    ], published="2025-09-05T08:00:00+00:00")  # fmt: skip
    site.page("/news/3", revised)
    items[0]["updated"] = "2025-09-05T08:00:00Z"
    site.page("/feed.xml", rss("Courier", items), "application/rss+xml")
    _, _, result = _follow(db, [])
    assert result.versions == 1 and result.added == 1
    assert site.hits("/news/3")[-1].headers.get("if-none-match") == old.etag
    with Store(db) as store:
        older, newer = store.articles()
        assert older.id == old.id and older.superseded_by == newer.id
        assert newer.url == older.url and "35" in newer.text
        current = {c.low for c in store.claims()}
        assert 35 in current and 31 not in current
        assert 31 in {c.low for c in store.claims(superseded=True)}


@pytest.mark.model
def test_topic_words_keep_off_topic_items_from_being_fetched(site: Site, tmp_path: Path) -> None:
    topic = tmp_path / "floods.toml"
    topic.write_text(TOPIC, encoding="utf-8")
    site.page("/sport", article_html("Local side wins the cup", ["The team won 3-1."]))
    feed = rss("Courier", [{"title": "Local side wins the cup", "link": "/sport"},
                           {"title": STORIES["/news/3"][0], "link": "/news/3"}])  # fmt: skip
    site.page("/feed.xml", feed, "application/rss+xml")
    _, _, result = _follow(tmp_path / "t.db", [site.url("/feed.xml")], topic)
    assert result.added == 1 and result.filtered == 1
    assert site.hits("/sport") == []


@pytest.mark.model
def test_a_news_sitemap_is_followed_like_a_feed(site: Site, tmp_path: Path) -> None:
    urls = "".join(f"<url><loc>{site.url(p)}</loc></url>" for p in ["/news/1", "/news/3"])
    sitemap = ('<?xml version="1.0" encoding="UTF-8"?>'
               f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')  # fmt: skip
    index = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             f"<sitemap><loc>{site.url('/sitemap-news.xml')}</loc></sitemap></sitemapindex>")  # fmt: skip
    site.page("/sitemap-news.xml", sitemap, "application/xml")
    site.page("/sitemap.xml", index, "application/xml")
    _, _, result = _follow(tmp_path / "t.db", [site.url("/sitemap.xml")])
    assert result.added == 2 and not result.errors


@pytest.mark.model
def test_failing_feeds_and_items_are_one_line_each_and_the_rest_goes_on(
    site: Site, tmp_path: Path
) -> None:
    site.page("/feed.xml", rss("Courier", [{"title": "Gone", "link": "/news/gone"}]),
              "application/rss+xml")  # fmt: skip
    site.page("/good.xml", feed_of(["/news/2"]), "application/rss+xml")
    feeds = [site.url("/missing.xml"), site.url("/feed.xml"), site.url("/good.xml")]
    _, err, result = _follow(tmp_path / "t.db", feeds)
    lines = err.strip().splitlines()
    assert f"T104 {site.url('/missing.xml')}: HTTP 404 Not Found" in lines
    assert f"T104 {site.url('/news/gone')}: HTTP 404 Not Found" in lines
    assert result.added == 1 and len(result.errors) == 2
    # A page that is gone for good is not asked for again; a feed that failed is.
    _follow(tmp_path / "t.db", [])
    assert len(site.hits("/news/gone")) == 1 and len(site.hits("/missing.xml")) == 2


@pytest.mark.model
def test_an_item_that_failed_for_now_is_tried_again_though_the_feed_is_unchanged(
    site: Site, tmp_path: Path
) -> None:
    site.status("/news/1", 503)
    site.page("/feed.xml", feed_of(["/news/1"]), "application/rss+xml")
    _, err, first = _follow(tmp_path / "t.db", [site.url("/feed.xml")])
    assert first.added == 0 and "HTTP 503" in err
    site.page("/news/1", page("/news/1"))
    _, _, second = _follow(tmp_path / "t.db", [])
    assert second.added == 1
    # The feed was asked for again in full, not conditionally: a 304 would hide the item.
    assert "if-none-match" not in site.hits("/feed.xml")[-1].headers


@pytest.mark.model
def test_a_stop_request_ends_the_round_between_two_articles(site: Site, tmp_path: Path) -> None:
    stop = StopFlag()
    slow_first = page("/news/1").encode()

    def first(_: object) -> tuple[int, dict[str, str], bytes]:
        stop.set()  # as Ctrl-C would, while this article is being fetched
        return 200, {"Content-Type": "text/html"}, slow_first

    site.routes["/news/1"] = first
    site.page("/feed.xml", feed_of(["/news/1", "/news/2"]), "application/rss+xml")
    _, err, result = _follow(tmp_path / "t.db", [site.url("/feed.xml")], stop=stop)
    assert result.added == 1 and site.hits("/news/2") == []
    assert err.strip().endswith("stopped")
    # The next round picks up where this one stopped.
    _, _, again = _follow(tmp_path / "t.db", [])
    assert again.added == 1 and len(site.hits("/news/1")) == 1


def test_following_nothing_is_a_one_line_error(tmp_path: Path) -> None:
    from tally.errors import InputError

    with pytest.raises(InputError, match="follows no feed yet"):
        _follow(tmp_path / "t.db", [])
