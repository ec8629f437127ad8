"""Report and export options end to end: comments in every format, unclassified claims,
a wire story under two outlets, the estimates and sources tables and their exports."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from rich.console import Console

from tally import app as pipeline
from tally.app import Printed, Recorder
from tally.cli import TerminalEvents
from tally.store import Store
from tally.options import IngestOptions, ReportOptions

pytestmark = pytest.mark.model

STORY = (
    "Flood waters reached the old town on Tuesday, and about 400 homes were evacuated, the mayor "
    "said. Rescue teams from three nearby districts worked through the night to move residents "
    "to schools. The river is expected to fall slowly over the weekend, according to the "
    "regional weather office.\n"
)
COMMENTS = "12 comments\nMy cousin says it was more like 600 homes evacuated.\nStay safe all.\n"
TOPIC = 'name = "Old town flood"\n\n[[quantity]]\nid = "homes"\nlabel = "Homes evacuated"\nunits = ["homes"]\n'


def _run(tmp_path: Path, files: dict[str, str]) -> tuple[Path, Path]:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    topic = tmp_path / "topic.toml"
    topic.write_text(TOPIC, encoding="utf-8")
    db = tmp_path / "t.db"
    options = IngestOptions(db=db, topic=topic, progress=False, published="2025-03-04")
    pipeline.ingest_paths([folder], options, Recorder())
    return db, topic


def _report(db: Path, topic: Path, fmt: str, **extra: object) -> str:
    out = io.StringIO()
    options = ReportOptions(db=db, topic=topic, format=fmt, **extra)  # type: ignore[arg-type]
    pipeline.report(options, TerminalEvents(out=Console(file=out, width=100, color_system=None)))
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["table", "json", "md", "cite", "wikitext"])
def test_include_comments_changes_the_estimate_in_every_format(tmp_path: Path, fmt: str) -> None:
    db, topic = _run(tmp_path, {"flood.txt": STORY + COMMENTS})
    plain, with_comments = _report(db, topic, fmt), _report(db, topic, fmt, include_comments=True)
    assert "600" not in plain
    assert "600" in with_comments


def test_claims_that_fit_no_quantity_are_counted_and_listed(tmp_path: Path) -> None:
    db, topic = _run(tmp_path, {"flood.txt": STORY})
    assert "fit no quantity (list them with --unclassified)" in _report(db, topic, "md")
    listed = json.loads(_report(db, topic, "json", unclassified=True))["unclassified"]
    assert listed["count"] == len(listed["claims"]) >= 1
    assert any(c["mention"] == "three" for c in listed["claims"])


def test_a_wire_story_under_two_outlets_keeps_both_and_the_skip_names_the_file(
    tmp_path: Path,
) -> None:
    header = "outlet: {}\n---\n"
    db, topic = _run(tmp_path, {"a-herald.txt": header.format("Herald") + STORY,
                                "b-star.txt": header.format("Star") + STORY})  # fmt: skip
    with Store(db) as store:
        (article,) = store.articles()
    assert [article.outlet, *article.also_outlets] == ["Herald", "Star"]
    data = json.loads(_report(db, topic, "json"))
    (report,) = data["estimates"][0]["reports"]
    assert report["outlets"] == ["Herald", "Star"]
    err = io.StringIO()
    pipeline.ingest_paths([tmp_path / "news" / "b-star.txt"],
                          IngestOptions(db=db, progress=False), Printed(err=err))  # fmt: skip
    assert "skipped" in err.getvalue() and "b-star.txt" in err.getvalue() and "a-herald.txt" in err.getvalue()


def test_estimates_and_sources_are_stored_and_exported(tmp_path: Path) -> None:
    db, topic = _run(tmp_path, {"flood.txt": "outlet: Herald\nurl: https://herald.example/f\n---\n" + STORY})
    out = io.StringIO()
    assert pipeline.export(ReportOptions(db=db, topic=topic), "csv", out, "estimates") == 1
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["quantity"], row["best"], row["sources"]) == ("homes", "400.0", "1")
    out = io.StringIO()
    pipeline.export(ReportOptions(db=db, topic=topic), "jsonl", out, "sources")
    (source,) = [json.loads(line) for line in out.getvalue().splitlines()]
    assert source["source"] == "Mayor" and source["quantities"] == ["homes"]
    conn = sqlite3.connect(db)  # the tables a Datasette user browses
    assert conn.execute("SELECT label, best FROM estimates").fetchall() == [("Homes evacuated", 400.0)]
    out = io.StringIO()
    pipeline.export(ReportOptions(db=db, include_comments=True), "jsonl", out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {(r["doc"], r["outlet"], r["url"]) for r in rows} == {("flood.txt", "Herald", "https://herald.example/f")}
