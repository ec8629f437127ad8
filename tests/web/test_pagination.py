"""Lists answer a page at a time from SQL: a default limit, offset and limit, page links."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tally.store import Store
from tally.web.api import DEFAULT_LIMIT
from tally.web.server import create_app
from tally.web.pages import PAGE
from tests.web.conftest import TOKEN, claim_for, handmade_article, loopback_client


def _many(db: Path, articles: int) -> None:
    with Store(db) as store:
        for n in range(articles):
            text = f"Report {n}: officials said {n + 10} people were evacuated from block {n}."
            article = handmade_article(text, title=f"Report {n}")
            store.add_article(article, [claim_for(text, f"{n + 10} people", text)])


def test_the_claims_list_is_one_page_by_default_and_pages_on(tmp_path: Path) -> None:
    db = tmp_path / "many.db"
    _many(db, DEFAULT_LIMIT + 20)
    client = loopback_client(create_app(db, token=TOKEN))
    first = client.get("/api/claims").json()
    assert len(first) == DEFAULT_LIMIT
    rest = client.get("/api/claims", params={"offset": DEFAULT_LIMIT}).json()
    assert len(rest) == 20 and rest[0]["id"] > first[-1]["id"]
    assert len(client.get("/api/articles").json()) == DEFAULT_LIMIT
    assert client.get("/api/claims", params={"limit": 0}).status_code == 422


def test_the_articles_page_shows_one_page_with_a_link_to_the_next(tmp_path: Path) -> None:
    db = tmp_path / "many.db"
    _many(db, PAGE + 5)
    client: TestClient = loopback_client(create_app(db, token=TOKEN))
    first = client.get("/articles").text
    assert first.count('href="/articles/') == PAGE and 'href="/articles?page=2"' in first
    second = client.get("/articles", params={"page": 2}).text
    assert second.count('href="/articles/') == 5 and "Page 2 of 2" in second


def test_a_quantity_page_shows_a_page_of_sources_and_a_few_sentences_each(tmp_path: Path) -> None:
    from tally.web.pages import CLAIMS_SHOWN, REPORTS_PAGE

    db = tmp_path / "sources.db"
    with Store(db) as store:
        for n in range(REPORTS_PAGE + 3):  # one source each, and one source said it 9 times
            for k in range(9 if n == 0 else 1):
                text = f"Agency {n} said {100 + n} people were evacuated, bulletin {k}."
                claim = claim_for(text, f"{100 + n} people", text, unit="people", low=100 + n,
                                  source=f"Agency {n}", quantity="evacuated")  # fmt: skip
                store.add_article(handmade_article(text, title=f"A{n}-{k}"), [claim])
    client = loopback_client(create_app(db, token=TOKEN))
    page = client.get("/quantities/evacuated").text
    assert page.count('<tr id="') == REPORTS_PAGE and "page=2" in page
    assert f"and {9 - CLAIMS_SHOWN} more" in page
    rest = client.get("/quantities/evacuated", params={"page": 2, "part": "body"}).text
    assert rest.count('<tr id="') == 3 and "part=body&amp;page=1" in rest


def test_search_answers_a_page_of_hits_with_a_link_to_the_next(tmp_path: Path) -> None:
    from tally.web.api import SEARCH_LIMIT
    from tally.web.pages import SEARCH_PAGE

    db = tmp_path / "many.db"
    _many(db, SEARCH_PAGE + 3)
    client = loopback_client(create_app(db, token=TOKEN))
    first = client.get("/search", params={"q": "evacuated"}).text
    assert first.count('href="/articles/') == 2 * SEARCH_PAGE and "page=2" in first
    second = client.get("/search", params={"q": "evacuated", "page": 2}).text
    assert second.count('href="/articles/') == 2 * 3 and "page=3" not in second
    found = client.get("/api/search", params={"q": "evacuated"}).json()
    assert len(found["articles"]) == len(found["claims"]) == SEARCH_LIMIT
    rest = client.get("/api/search", params={"q": "evacuated", "offset": SEARCH_LIMIT}).json()
    assert len(rest["articles"]) == SEARCH_PAGE + 3 - SEARCH_LIMIT
