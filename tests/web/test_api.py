"""The JSON API and the pages' tables: quantities, estimates, filters, claims, articles, CSV."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient


def test_quantities_list_each_tracked_quantity_with_its_current_figures(
    client: TestClient,
) -> None:
    rows = {r["quantity"]: r for r in client.get("/api/quantities").json()}
    assert set(rows) == {"evacuated", "shelters_open"}
    evacuated = rows["evacuated"]
    assert evacuated["sources"] == 2  # the reader comment does not count by default
    assert evacuated["last_update"] == "2025-03-05"
    assert evacuated["low"] is not None and evacuated["high"] >= evacuated["low"]


def test_comments_count_only_when_asked(client: TestClient) -> None:
    with_comments = client.get("/api/quantities/evacuated", params={"part": ["body", "comment"]})
    body_only = client.get("/api/quantities/evacuated")
    mentions = lambda est: {c["mention"] for r in est["reports"] for c in r["claims"]}
    assert "9,000" in mentions(with_comments.json())
    assert "9,000" not in mentions(body_only.json())


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"about 4,000", "5,200"}),
        ({"source": "the Red Cross"}, {"5,200"}),
        ({"since": "2025-03-04"}, {"5,200"}),
        ({"until": "2025-03-03"}, {"about 4,000"}),
        ({"since": "2025-03", "until": "2025-03"}, {"about 4,000", "5,200"}),
        ({"since": "2026-01-01"}, set()),
    ],
)
def test_quantity_filters_narrow_the_reports(
    client: TestClient, params: dict[str, str], expected: set[str]
) -> None:
    est = client.get("/api/quantities/evacuated", params=params).json()
    assert {c["mention"] for r in est["reports"] for c in r["claims"]} == expected


def test_a_narrowed_estimate_is_recomputed_from_the_kept_figures(client: TestClient) -> None:
    est = client.get("/api/quantities/evacuated", params={"source": "the Red Cross"}).json()
    assert est["low"] == est["best"] == est["high"] == 5200


@pytest.mark.parametrize(
    "path", ["/api/quantities/nope", "/api/claims/99999", "/api/articles/nope", "/api/jobs/7"]
)
def test_unknown_ids_are_404(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/api/quantities",
        "/api/claims",
        "/api/articles",
        "/api/quantities/evacuated/sources",
        "/api/quantities/evacuated/conflicts",
    ],
)
def test_every_table_downloads_as_csv_with_the_json_rows(client: TestClient, path: str) -> None:
    as_json = client.get(path).json()
    answer = client.get(path, params={"format": "csv", "download": "true"})
    assert answer.headers["content-type"].startswith("text/csv")
    assert answer.headers["content-disposition"].startswith("attachment; filename=")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert len(rows) == len(as_json)
    if rows:
        assert list(rows[0]) == list(as_json[0])


def test_csv_cells_cannot_start_a_spreadsheet_formula(client: TestClient) -> None:
    answer = client.get("/api/claims", params={"format": "csv"})
    for row in csv.DictReader(io.StringIO(answer.text)):
        assert not any(str(v).startswith(("=", "+", "@")) for v in row.values())


def test_claims_filter_by_article_and_part(client: TestClient) -> None:
    everything = client.get("/api/claims").json()
    article_id = everything[0]["article_id"]
    own = client.get("/api/claims", params={"article_id": article_id}).json()
    assert own and all(c["article_id"] == article_id for c in own)
    comments = client.get("/api/claims", params={"part": "comment"}).json()
    assert [c["mention"] for c in comments] == ["9,000"]


def test_a_claim_locates_its_mention_in_its_article(client: TestClient) -> None:
    for claim in client.get("/api/claims").json():
        text = client.get(f"/api/articles/{claim['article_id']}").json()["text"]
        assert text[claim["start"] : claim["end"]] == claim["mention"]
        start = claim["sentence_start"]
        assert text[start : start + len(claim["sentence"])] == claim["sentence"]


@pytest.mark.parametrize(("q", "claims", "articles"), [("red cross", 1, 1), ("zzz", 0, 0)])
def test_search_finds_claims_and_articles(
    client: TestClient, q: str, claims: int, articles: int
) -> None:
    found = client.get("/api/search", params={"q": q}).json()
    assert (len(found["claims"]), len(found["articles"])) == (claims, articles)


def test_the_openapi_description_lists_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in [
        "/api/quantities",
        "/api/estimates",
        "/api/claims",
        "/api/articles",
        "/api/ingest",
    ]:
        assert path in paths
    assert not any(p.startswith("/articles") for p in paths)  # pages stay out of the API


def test_the_overview_shows_a_row_per_quantity(client: TestClient) -> None:
    html = client.get("/").text
    assert html.count('class="quantity"') == 2
    assert 'href="/quantities/evacuated"' in html


def test_the_quantity_page_links_each_figure_to_its_sentence(client: TestClient) -> None:
    est = client.get("/api/quantities/evacuated").json()
    html = client.get("/quantities/evacuated").text
    for report in est["reports"]:
        for claim in report["claims"]:
            assert f"/articles/{claim['article_id']}?claim={claim['id']}#hl" in html
    assert 'type="application/json" id="chart-data"' in html


def test_the_plotly_library_is_served_from_the_installed_package(client: TestClient) -> None:
    answer = client.get("/static/plotly.min.js")
    assert answer.status_code == 200 and b"plotly" in answer.content[:2000].lower()


def test_the_quantity_page_filters_by_source(client: TestClient) -> None:
    red_cross = "International Committee of the Red Cross (ICRC)"  # "the Red Cross", canonical
    html = client.get("/quantities/evacuated", params={"source": red_cross}).text
    table = html.split('id="sources"', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr id=") == 1 and "5,200" in table and "4,000" not in table
    assert f'<option value="{red_cross}" selected>' in html
    assert '<option value="Civil defence agency">' in html  # the other sources stay choosable


@pytest.mark.parametrize(
    ("q", "expected"), [("Red Cross", "5,200"), ("valley", "Valley evacuated")]
)
def test_the_search_page_links_results_to_their_sentences(
    client: TestClient, q: str, expected: str
) -> None:
    html = client.get("/search", params={"q": q}).text
    assert expected in html and "/articles/" in html


@pytest.mark.parametrize(("offset", "limit"), [(0, 1), (1, 2), (2, None), (10, 5)])
def test_claims_page_with_offset_and_limit(
    client: TestClient, offset: int, limit: int | None
) -> None:
    everything = [c["id"] for c in client.get("/api/claims").json()]
    params = {"offset": offset} | ({"limit": limit} if limit else {})
    page = [c["id"] for c in client.get("/api/claims", params=params).json()]
    assert page == everything[offset : None if limit is None else offset + limit]


def test_the_claim_view_shows_why_each_field_is_what_it_is(client) -> None:
    claim = client.get("/api/claims").json()[0]
    assert "rules" in claim and "as_of_basis" in claim
    html = client.get(f"/articles/{claim['article_id']}?claim={claim['id']}").text
    assert 'id="why"' in html
    for field in ("approx", "unit", "source", "as_of"):
        assert f"<td>{field}</td>" in html
