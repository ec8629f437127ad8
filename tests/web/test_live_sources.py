"""The web app and live sources: the ingest page fetches URLs, the overview marks quantities
with figures stored since a chosen moment."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.ingest.site import article_html, serve
from tests.web.conftest import TOKEN, loopback_client

AUTH = {"authorization": f"Bearer {TOKEN}"}


def _wait(client: TestClient, job_id: str) -> dict:
    for _ in range(600):
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish")


@pytest.mark.model
def test_a_url_given_to_the_ingest_form_is_fetched_and_stored(tmp_path: Path) -> None:
    from tally.web.server import create_app

    page = article_html("Ferry service suspended", [
        "The island ferry was suspended for a third day on Monday, stranding about 900 "
        "passengers, the harbour office said.",
    ], published="2025-02-03T08:00:00+00:00")  # fmt: skip
    app = create_app(tmp_path / "w.db", token=TOKEN, allow_private=True)  # the site is on 127.0.0.1
    with serve() as site, loopback_client(app) as client:
        site.page("/ferry", page)
        answer = client.post("/api/ingest", headers=AUTH,
                             data={"urls": f"{site.url('/ferry')}\n\n{site.url('/gone')}\n"})  # fmt: skip
        assert answer.status_code == 202
        job = _wait(client, answer.json()["id"])
        assert (job["total"], job["done"], job["added"]) == (2, 2, 1), job["errors"]
        assert job["errors"] == [f"T104 {site.url('/gone')}: HTTP 404 Not Found"]
        (article_id,) = job["article_ids"]
        shown = client.get(f"/api/articles/{article_id}").json()
        assert "900" in str(shown)
        assert "Ferry service suspended" in client.get("/articles").text


def test_the_app_refuses_to_fetch_its_own_machine_unless_set_to(tmp_path: Path) -> None:
    from tally.web.server import create_app

    with serve() as site, loopback_client(create_app(tmp_path / "w.db", token=TOKEN)) as client:
        site.page("/ferry", "<html><body><p>About 900 passengers waited.</p></body></html>")
        for url in (site.url("/ferry"), site.url("/ferry").replace("127.0.0.1", "2130706433")):
            answer = client.post("/api/ingest", headers=AUTH, data={"urls": url})
            job = _wait(client, answer.json()["id"])
            assert job["added"] == 0 and len(job["errors"]) == 1
            assert job["errors"][0].startswith(f"T107 {url}: refused: ")
        assert site.log == []


def test_the_ingest_page_offers_a_url_field(client: TestClient) -> None:
    assert re.search(r'<textarea name="urls"', client.get("/ingest").text)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"urls": "file:///etc/passwd"}, "not an http(s) URL"),
        ({"urls": "https://a.example/x", "text": "About 40 people came."}, "one at a time"),
        ({"urls": "\n".join(f"https://a.example/{i}" for i in range(21))}, "at most 20"),
    ],
)
def test_a_bad_url_request_is_refused_with_one_line(
    client: TestClient, data: dict[str, str], message: str
) -> None:
    answer = client.post("/api/ingest", headers=AUTH, data=data)
    assert answer.status_code in (400, 413)
    assert answer.json()["code"] == "T501" and message in answer.json()["detail"]


def test_the_overview_marks_quantities_with_figures_stored_since_a_date(
    client: TestClient,
) -> None:
    everything = client.get("/", params={"since": "2000-01-01"}).text
    assert everything.count('class="badge new"') == 2  # both quantities were stored just now
    assert 'id="since-count">2 quantities with new figures' in everything
    nothing = client.get("/", params={"since": "2999-01-01"}).text
    assert 'class="badge new"' not in nothing
    plain = client.get("/").text
    assert 'class="badge new"' not in plain and 'id="since-form"' in plain


def test_a_since_that_is_no_date_is_said_and_the_overview_still_shows(
    client: TestClient,
) -> None:
    page = client.get("/", params={"since": "<b>soon</b>"})
    assert page.status_code == 200 and 'id="since-error"' in page.text
    assert "<b>soon</b>" not in page.text and 'id="quantities"' in page.text


def test_an_older_version_of_a_page_is_shown_as_replaced(tmp_path: Path) -> None:
    from tally.store import Store
    from tally.types import Article
    from tally.web.server import create_app

    db = tmp_path / "v.db"
    url = "https://courier.example/dam"
    old = Article(id="a" * 16, origin=url, text="About 14 people died.", url=url,
                  title="Dam story", fetched_at="2025-09-03T10:00:00+00:00")  # fmt: skip
    new = Article(id="b" * 16, origin=url, text="About 19 people died.", url=url,
                  title="Dam story", fetched_at="2025-09-04T10:00:00+00:00")  # fmt: skip
    with Store(db) as store:
        store.add_article(old, [])
        store.add_article(new, [], supersedes=old.id)
    with loopback_client(create_app(db, token=TOKEN)) as client:
        listing = client.get("/articles").text
        assert listing.count("older version") == 1
        page = client.get(f"/articles/{old.id}").text
        assert "Replaced by" in page and f"/articles/{new.id}" in page
        assert "Replaced by" not in client.get(f"/articles/{new.id}").text
