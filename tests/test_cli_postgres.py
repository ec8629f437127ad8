"""The commands on a PostgreSQL URL, unchanged: demo (ingest + report), report, export, the
web app, and TALLY_DB naming the database when --db is not given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tally.cli import app
from tally.store import Store
from tally.web.server import create_app

pytestmark = [pytest.mark.model, pytest.mark.postgres]


def test_demo_report_export_and_the_web_app_work_on_a_postgres_url(
    postgres_url: str, tmp_path: Path
) -> None:
    runner = CliRunner()
    demo = runner.invoke(app, ["demo", "--db", postgres_url])
    assert demo.exit_code == 0, demo.output
    with Store(postgres_url) as store:
        stats = store.stats()
    assert stats["articles"] > 5 and stats["classified"] > 0
    report = runner.invoke(app, ["report", "--format", "json"], env={"TALLY_DB": postgres_url})
    assert report.exit_code == 0, report.output
    assert json.loads(report.stdout)  # the estimates of the stored quantities
    out = tmp_path / "claims.jsonl"
    export = runner.invoke(app, ["export", "--format", "jsonl", "-o", str(out), "--db", postgres_url])
    assert export.exit_code == 0 and len(out.read_text().splitlines()) == stats["claims"]
    client = TestClient(create_app(postgres_url, token="t"), base_url="http://127.0.0.1:8000",
                        client=("127.0.0.1", 50123))  # fmt: skip
    quantities = client.get("/api/quantities").json()
    assert quantities and client.get(f"/quantities/{quantities[0]['quantity']}").status_code == 200
    assert client.get("/").status_code == 200


def test_a_report_on_an_unreachable_postgres_is_one_line_and_exit_2() -> None:
    result = CliRunner().invoke(app, ["report", "--db", "postgresql://nobody:pw@127.0.0.1:1/x"])
    assert result.exit_code == 2
    assert result.output.startswith("T301 postgresql+psycopg://nobody:***@127.0.0.1:1/x: ")
    assert len(result.output.strip().splitlines()) == 1 and "pw@" not in result.output
