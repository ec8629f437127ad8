"""Safe by default: escaped article text, the CSP, reading open only on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tally.web.security import CSP, new_token
from tests.web.conftest import TOKEN, XSS_IMG, XSS_SCRIPT, remote_client

PAGES = ["/", "/articles", "/ingest", "/search?q=shelters", "/quantities/evacuated", "/login"]


def _xss_article(client: TestClient) -> dict[str, str]:
    return next(a for a in client.get("/api/articles").json() if "<script>" in (a["title"] or ""))


@pytest.mark.parametrize("path", [*PAGES, "/api/quantities", "/openapi.json", "/static/app.js"])
def test_every_answer_carries_the_csp_without_inline_scripts(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert csp == CSP
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", PAGES)
def test_pages_hold_no_inline_script(client: TestClient, path: str) -> None:
    html = client.get(path).text
    for tag in html.split("<script")[1:]:
        head = tag.split(">", 1)[0]
        assert "src=" in head or 'type="application/json"' in head, head


def test_article_markup_is_escaped_in_the_article_page(client: TestClient) -> None:
    article = _xss_article(client)
    claim = client.get("/api/claims", params={"article_id": article["id"]}).json()[0]
    html = client.get(f"/articles/{article['id']}", params={"claim": claim["id"]}).text
    assert XSS_SCRIPT not in html and "<img" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "onerror=&#34;window.__pwned=1&#34;" in html or "onerror=&quot;" in html


@pytest.mark.parametrize(
    "path", ["/", "/articles", "/search?q=shelters", "/quantities/shelters_open"]
)
def test_markup_in_titles_sources_and_outlets_is_escaped(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert XSS_SCRIPT not in html and XSS_IMG not in html and "<i>Service</i>" not in html


def test_the_api_returns_article_text_verbatim_as_json(client: TestClient) -> None:
    article = _xss_article(client)
    detail = client.get(f"/api/articles/{article['id']}")
    assert detail.headers["content-type"].startswith("application/json")
    assert XSS_SCRIPT in detail.json()["text"]


def test_another_machine_cannot_read_without_the_token(hand_app: FastAPI) -> None:
    with remote_client(hand_app) as remote:
        assert remote.get("/api/quantities").status_code == 401
        page = remote.get("/", headers={"accept": "text/html"}, follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/login"
        ok = remote.get("/api/quantities", headers={"authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200


def test_login_keeps_the_token_in_a_cookie_for_reading(hand_app: FastAPI) -> None:
    with remote_client(hand_app) as remote:
        assert remote.post("/login", data={"token": "nope"}).status_code == 403
        answer = remote.post("/login", data={"token": TOKEN}, follow_redirects=False)
        assert answer.status_code == 303
        assert "httponly" in answer.headers["set-cookie"].lower()
        assert remote.get("/api/quantities").status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example"])
def test_a_loopback_request_naming_another_host_is_not_local(hand_app: FastAPI, host: str) -> None:
    # A page that rebinds its own name to 127.0.0.1 reaches the server with its name as Host.
    client = TestClient(hand_app, base_url=f"http://{host}", client=("127.0.0.1", 50000))
    assert client.get("/api/quantities").status_code == 401


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "localhost"])
def test_loopback_names_read_freely(hand_app: FastAPI, host: str) -> None:
    client = TestClient(hand_app, base_url=f"http://{host}", client=("127.0.0.1", 50000))
    assert client.get("/api/quantities").status_code == 200


def test_new_tokens_are_long_and_different() -> None:
    tokens = {new_token() for _ in range(20)}
    assert len(tokens) == 20 and all(len(t) >= 40 for t in tokens)


def test_an_app_built_without_a_token_makes_one_for_its_caller(handmade_db: Path) -> None:
    from tally.web.server import create_app

    app = create_app(handmade_db)
    assert len(app.state.token) >= 40


@pytest.mark.parametrize(
    ("address", "host", "status"),
    [
        ("127.0.0.2", "127.0.0.1:8000", 200),
        ("::1", "[::1]:8000", 200),
        ("10.0.0.5", "127.0.0.1:8000", 401),  # a loopback Host header alone is not enough
        ("testclient", "127.0.0.1:8000", 401),
    ],
)
def test_only_loopback_addresses_read_without_the_token(
    hand_app: FastAPI, address: str, host: str, status: int
) -> None:
    client = TestClient(hand_app, base_url=f"http://{host}", client=(address, 50000))
    assert client.get("/api/quantities").status_code == status
