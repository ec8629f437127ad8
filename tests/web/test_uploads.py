"""Writing needs the token; uploads are capped in size and type, with T501 messages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tally.web.uploads import MAX_BODY_BYTES, MAX_FILE_BYTES, safe_name
from tests.web.conftest import TOKEN

AUTH = {"authorization": f"Bearer {TOKEN}"}
ARTICLE = b"The agency said 1,200 people were evacuated on Monday.\n"


@pytest.mark.parametrize("path", ["/api/ingest", "/ingest"])
def test_an_upload_without_the_token_is_refused(client: TestClient, path: str) -> None:
    answer = client.post(path, files={"files": ("a.txt", ARTICLE, "text/plain")})
    assert answer.status_code == 401
    assert "token" in answer.text


@pytest.mark.parametrize("path", ["/api/ingest", "/ingest"])
def test_an_upload_with_a_wrong_token_is_forbidden(client: TestClient, path: str) -> None:
    answer = client.post(
        path, files={"files": ("a.txt", ARTICLE, "text/plain")}, data={"token": "wrong"}
    )
    assert answer.status_code == 403


def test_the_browser_form_shows_the_refusal_on_the_ingest_page(client: TestClient) -> None:
    answer = client.post("/ingest", files={"files": ("a.txt", ARTICLE, "text/plain")})
    assert answer.headers["content-type"].startswith("text/html")
    assert 'id="error"' in answer.text and 'name="token"' in answer.text


@pytest.mark.parametrize("name", ["big.txt", "big.html", "big.jsonl"])
def test_a_file_over_the_limit_is_413_with_a_t501_message(client: TestClient, name: str) -> None:
    content = b"x" * (MAX_FILE_BYTES + 1)
    answer = client.post("/api/ingest", headers=AUTH, files={"files": (name, content)})
    assert answer.status_code == 413
    body = answer.json()
    assert body["code"] == "T501"
    assert body["detail"] == f"T501 {name}: file is 2,097,153 bytes; the limit is 2,097,152 bytes (2 MB)"


def test_a_file_at_the_limit_is_taken(client: TestClient) -> None:
    content = (b"About 40 boats waited off the port on Monday, the harbour office said.\n" * 40_000)
    answer = client.post("/api/ingest", headers=AUTH, files={"files": ("big.txt", content[:MAX_FILE_BYTES])})
    assert answer.status_code == 202


def test_a_body_over_the_request_limit_is_refused_before_it_is_read(client: TestClient) -> None:
    content = b"x" * (MAX_BODY_BYTES + 1)
    answer = client.post("/api/ingest", headers=AUTH, files={"files": ("a.txt", content)})
    assert answer.status_code == 413
    assert answer.json()["detail"].startswith("T501 upload: request is")


def test_a_pasted_text_over_the_limit_is_413(client: TestClient) -> None:
    answer = client.post("/api/ingest", headers=AUTH, data={"text": "y" * (MAX_FILE_BYTES + 1)})
    assert answer.status_code == 413 and "T501 pasted text" in answer.json()["detail"]


@pytest.mark.parametrize("name", ["photo.png", "sheet.csv", "run.sh", "noext", "page.html.exe"])
def test_a_file_of_another_type_is_415(client: TestClient, name: str) -> None:
    answer = client.post("/api/ingest", headers=AUTH, files={"files": (name, ARTICLE)})
    assert answer.status_code == 415
    assert answer.json()["detail"].startswith("T501 ") and ".txt" in answer.json()["detail"]


@pytest.mark.parametrize(
    ("data", "files"),
    [({}, None), ({"text": "   \n"}, None), ({}, {"files": ("empty.txt", b"")})],
)
def test_nothing_to_ingest_is_a_400(client: TestClient, data: dict, files: dict | None) -> None:
    answer = client.post("/api/ingest", headers=AUTH, data=data, files=files)
    assert answer.status_code == 400 and answer.json()["code"] == "T501"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\me\\report.html", "report.html"),
        ("notes <b>.md", "notes _b_.md"),
        ("..", "upload.txt"),
        (None, "upload.txt"),
    ],
)
def test_uploaded_names_lose_their_paths(given: str | None, expected: str) -> None:
    assert safe_name(given) == expected


def test_a_chunked_body_is_cut_off_once_it_passes_the_limit(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:  # a generator body has no Content-Length
        for _ in range(MAX_BODY_BYTES // (1 << 20) + 5):
            yield b"x" * (1 << 20)

    boundary = "b0undary"
    answer = client.post(
        "/api/ingest",
        headers={**AUTH, "content-type": f"multipart/form-data; boundary={boundary}"},
        content=chunks(),
    )
    assert answer.status_code == 413
    assert answer.json()["detail"].startswith("T501 upload: request is")
