"""Versions, removal and backups through the CLI, against a real database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tally.cli import app
from tally.store import Store

pytestmark = pytest.mark.model

FIRST = "Flood update\n\nAbout 240 homes were flooded in Tarnbridge on Monday, the council said.\n"
EDITED = "Flood update\n\nAbout 150 homes were flooded in Tarnbridge on Monday, the council said.\n"
OTHER = "Rescue teams\n\nMore than 40 boats were sent to the valley, the fire service said.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def homes(db: Path) -> list[float | None]:
    with Store(db) as store:
        return [c.low for c in store.claims() if c.unit and "home" in c.unit]


def test_an_edited_file_reingested_supersedes_its_old_version(tmp_path: Path) -> None:
    path, db = tmp_path / "flood.txt", tmp_path / "t.db"
    path.write_text(FIRST, encoding="utf-8")
    assert run("ingest", str(path), "--db", str(db))[0] == 0
    path.write_text(EDITED, encoding="utf-8")
    code, _, err = run("ingest", str(path), "--db", str(db))
    assert code == 0 and "1 new version(s)" in err
    assert homes(db) == [150]
    with Store(db) as store:
        old, new = store.articles()
        assert old.superseded_by == new.id and new.superseded_by is None
        assert new.duplicate_of is None  # its own earlier version is no copy
        assert [c.low for c in store.claims(article_id=old.id)] == [240]  # kept
    code, out, _ = run("report", "--db", str(db), "--format", "json")
    assert code == 0 and "240" not in out and "150" in out


def test_rm_removes_an_article_and_brings_back_the_version_it_replaced(tmp_path: Path) -> None:
    path, db = tmp_path / "flood.txt", tmp_path / "t.db"
    path.write_text(FIRST, encoding="utf-8")
    run("ingest", str(path), "--db", str(db))
    path.write_text(EDITED, encoding="utf-8")
    run("ingest", str(path), "--db", str(db))
    with Store(db) as store:
        newest = store.articles()[-1]
    code, _, err = run("rm", newest.id[:8], "--db", str(db))
    assert code == 0 and f"removed {newest.id}" in err
    assert homes(db) == [240]
    code, _, err = run("rm", str(path), "--db", str(db))  # by origin
    assert code == 0 and homes(db) == []
    code, _, err = run("rm", "nosuchid", "--db", str(db))
    assert code == 2 and err.startswith("T301 ") and "no article" in err


def test_dump_and_load_round_trip(tmp_path: Path) -> None:
    for name, text in (("flood.txt", FIRST), ("boats.txt", OTHER)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    db, copy = tmp_path / "t.db", tmp_path / "copy.db"
    run("ingest", str(tmp_path / "flood.txt"), str(tmp_path / "boats.txt"), "--db", str(db))
    (tmp_path / "flood.txt").write_text(EDITED, encoding="utf-8")
    run("ingest", str(tmp_path / "flood.txt"), "--db", str(db))
    dump = tmp_path / "dump.jsonl"
    assert run("dump", "--db", str(db), "-o", str(dump))[0] == 0
    lines = dump.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["format"] == "tally-dump"
    assert sum('"article"' in line[:12] for line in lines) == 3
    code, _, err = run("load", str(dump), "--db", str(copy))
    assert code == 0 and "3 article(s) loaded" in err
    code, again, _ = run("dump", "--db", str(copy))
    assert code == 0 and again.splitlines() == lines
    assert homes(copy) == homes(db) == [150]
    code, _, err = run("load", str(dump), "--db", str(copy))  # twice: nothing new
    assert code == 0 and "0 article(s) loaded" in err and "3 already stored" in err


def test_load_refuses_a_file_that_is_not_a_dump_and_stores_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "About 12 boats."}) + "\n", encoding="utf-8")
    code, _, err = run("load", str(bad), "--db", str(tmp_path / "t.db"))
    assert code == 2 and err.startswith(f"T102 {bad}:1: ")


def test_a_file_back_at_its_earlier_text_makes_that_version_current_again(tmp_path: Path) -> None:
    path, db = tmp_path / "flood.txt", tmp_path / "t.db"
    for text in (FIRST, EDITED):
        path.write_text(text, encoding="utf-8")
        run("ingest", str(path), "--db", str(db))
    path.write_text(FIRST, encoding="utf-8")
    code, _, err = run("ingest", str(path), "--db", str(db))
    assert code == 0 and "back to an earlier text" in err and "already stored" not in err
    assert homes(db) == [240]
    with Store(db) as store:
        first, edited = store.articles()
        assert first.superseded_by is None and edited.superseded_by == first.id
    path.write_text(EDITED, encoding="utf-8")  # and forth again
    run("ingest", str(path), "--db", str(db))
    assert homes(db) == [150]


def test_a_change_of_only_the_url_header_is_recorded(tmp_path: Path) -> None:
    path, db = tmp_path / "flood.txt", tmp_path / "t.db"
    path.write_text("url: https://courier.example/flood\n---\n" + FIRST, encoding="utf-8")
    run("ingest", str(path), "--db", str(db))
    path.write_text("url: https://courier.example/2025/flood-update\n---\n" + FIRST, encoding="utf-8")
    code, _, err = run("ingest", str(path), "--db", str(db))
    assert code == 0 and "recorded its new url" in err and "1 with new metadata only" in err
    with Store(db) as store:
        (article,) = store.articles()
        assert article.url == "https://courier.example/2025/flood-update"
    assert homes(db) == [240]
