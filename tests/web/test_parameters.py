"""Every date parameter is checked: a bad one is a 4xx answer, never a server error."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

BAD_DATES = ["9999999999", "2025-13-01", "2025-02-30", "soon", "-1", "2025-1-1", "0"]
PATHS = [
    "/api/quantities/evacuated",
    "/api/quantities/evacuated/sources",
    "/api/quantities/evacuated/conflicts",
    "/quantities/evacuated",
]


@pytest.mark.parametrize("value", BAD_DATES)
@pytest.mark.parametrize("name", ["since", "until"])
@pytest.mark.parametrize("path", PATHS)
def test_an_unreadable_date_parameter_is_refused_with_422(
    client: TestClient, path: str, name: str, value: str
) -> None:
    answer = client.get(path, params={name: value})
    assert answer.status_code == 422, answer.text
    assert name in answer.text


@pytest.mark.parametrize("value", ["2025", "2025-03", "2025-03-14"])
def test_an_iso_date_of_any_precision_is_taken(client: TestClient, value: str) -> None:
    assert client.get("/api/quantities/evacuated", params={"since": value}).status_code == 200
