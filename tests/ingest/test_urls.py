"""``ingest_paths`` with URLs: stored once, refreshed conditionally, a changed page kept as a
new version, and every failing case one line naming its URL with nothing stored lost."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tally.app import Printed, ingest_paths
from tally.store import Store
from tally.options import FetchOptions, IngestOptions, IngestResult

from .site import NO_LENGTH, Site, article_html, serve

pytestmark = pytest.mark.model

FAST = FetchOptions(allow_private=True, timeout=0.5, max_bytes=30_000, max_redirects=3, retries=1, backoff=0.05,
                    host_interval=0.0)  # fmt: skip
STORY = article_html("Dam inspection ordered after the Tarn flood", [
    "Engineers will inspect the Pareloup dam after 14 people were killed downstream, the "
    "prefecture said on Wednesday.",
], published="2025-09-03T10:00:00+00:00")  # fmt: skip
REVISED = article_html("Dam inspection ordered after the Tarn flood", [
    "Engineers will inspect the Pareloup dam after 19 people were killed downstream, the "
    "prefecture said on Thursday.",
], published="2025-09-03T10:00:00+00:00")  # fmt: skip


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        running.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        running.page("/dam", STORY)
        yield running


def _ingest(db: Path, urls: list[str], refresh: bool = False) -> tuple[IngestResult, str]:
    err = io.StringIO()
    options = IngestOptions(db=db, fetch=FAST, refresh=refresh, progress=False)
    result = ingest_paths(urls, options, Printed(err=err))
    return result, err.getvalue()


def test_a_url_is_stored_with_where_and_when_it_was_fetched(site: Site, tmp_path: Path) -> None:
    site.redirect("/d", "/dam", 301)
    result, _ = _ingest(tmp_path / "t.db", [site.url("/d")])
    assert result.added == 1 and result.claims >= 1
    with Store(tmp_path / "t.db") as store:
        (article,) = store.articles()
    assert article.url == site.url("/d") and article.final_url == site.url("/dam")
    assert article.fetched_at and article.published == "2025-09-03"
    assert article.outlet == "Valley Courier"


def test_a_stored_url_is_not_fetched_again_unless_refreshed(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    _ingest(db, [site.url("/dam")])
    again, _ = _ingest(db, [site.url("/dam")])
    assert again.skipped == 1 and len(site.hits("/dam")) == 1
    refreshed, _ = _ingest(db, [site.url("/dam")], refresh=True)
    assert refreshed.skipped == 1 and refreshed.added == 0
    last = site.hits("/dam")[-1]
    assert last.headers.get("if-none-match")  # asked conditionally; the site said 304


def test_a_changed_page_is_a_new_version_beside_the_old(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    _ingest(db, [site.url("/dam")])
    site.page("/dam", REVISED)
    result, err = _ingest(db, [site.url("/dam")], refresh=True)
    assert result.added == 1 and result.versions == 1
    assert "1 new version(s) of changed pages" in err
    with Store(db) as store:
        old, new = store.articles()
        assert old.superseded_by == new.id and new.superseded_by is None
        assert "14 people" in old.text and "19 people" in new.text
        assert {c.low for c in store.claims()} >= {19} and 14 not in {c.low for c in store.claims()}
        assert store.current_version(site.url("/dam")).id == new.id  # type: ignore[union-attr]


def test_a_page_that_goes_back_to_an_earlier_text_makes_that_version_current(
    site: Site, tmp_path: Path
) -> None:
    db = tmp_path / "t.db"
    _ingest(db, [site.url("/dam")])
    site.page("/dam", REVISED)
    _ingest(db, [site.url("/dam")], refresh=True)
    site.page("/dam", STORY)
    result, _ = _ingest(db, [site.url("/dam")], refresh=True)
    assert result.versions == 1 and result.added == 0
    with Store(db) as store:
        first, second = store.articles()
        assert first.superseded_by is None and second.superseded_by == first.id
        lows = {c.low for c in store.claims()}
    assert 14 in lows and 19 not in lows


def test_every_failing_url_is_one_line_naming_it_and_nothing_stored_is_lost(
    site: Site, tmp_path: Path
) -> None:
    db = tmp_path / "t.db"
    _ingest(db, [site.url("/dam")])

    site.redirect("/loop/a", "/loop/b")
    site.redirect("/loop/b", "/loop/a")
    site.status("/gone", 404)
    site.status("/down", 500)
    site.page("/huge", "<p>" + "water " * 10_000 + "</p>")
    site.routes["/endless"] = lambda _: (200, {NO_LENGTH: "1"}, b"<p>" + b"mud " * 20_000)
    site.page("/private/memo", STORY)

    def slow(_: object) -> tuple[int, dict[str, str], bytes]:
        time.sleep(FAST.timeout * 3)
        return 200, {"Content-Type": "text/html"}, STORY.encode()

    site.routes["/slow"] = slow
    site.page("/image", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "image/png")
    bad = ["/loop/a", "/gone", "/down", "/slow", "/huge", "/endless", "/private/memo", "/image"]
    result, err = _ingest(db, [site.url(p) for p in bad])
    lines = err.strip().splitlines()
    for path in bad:
        (line,) = [ln for ln in lines if ln.startswith(f"T104 {site.url(path)}: ")]
    assert len(result.errors) == len(bad) and result.added == 0
    assert lines[-1].startswith("0 article(s) added")
    with Store(db) as store:
        assert len(store.articles()) == 1 and store.claims()


def test_a_server_error_then_success_stores_the_page(site: Site, tmp_path: Path) -> None:
    answers = iter([(500, {}, b"busy"), (200, {"Content-Type": "text/html"}, STORY.encode())])
    site.routes["/flaky"] = lambda _: next(answers)
    result, _ = _ingest(tmp_path / "t.db", [site.url("/flaky")])
    assert result.added == 1 and not result.errors


def test_files_and_urls_are_ingested_together(site: Site, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("About 60 volunteers cleared the riverbank on Sunday, the council said.\n",
                    encoding="utf-8")  # fmt: skip
    err = io.StringIO()
    result = ingest_paths([str(note), site.url("/dam")], IngestOptions(db=tmp_path / "t.db",
                          fetch=FAST), Printed(err=err))  # fmt: skip
    assert result.added == 2
