"""Guessed publication dates through the CLI: listed after an ingest with where each came from,
listed again by `tally articles --guessed/--undated`, fixed with `--published`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tally.cli import app
from tally.store import Store

pytestmark = pytest.mark.model

CAPTIONED = (
    "Crews clear ice from a power line on Feb. 16, 2021. (Photo by J. Smith/Getty Images)\n\n"
    "The count of storm deaths rose to 57 on Tuesday, the county examiner said.\n"
)
UNDATED = "Shelters fill\n\nAbout 300 people spent the night in the city's warming centres, officials said.\n"
GIVEN = "published: 2021-02-19\n---\nPipes burst\n\nMore than 1,200 homes reported burst pipes, the utility said.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_ingest_summary_lists_each_guessed_date_with_its_origin_and_words(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", tmp_path / "t.db"
    folder.mkdir()
    (folder / "captioned.txt").write_text(CAPTIONED, encoding="utf-8")
    (folder / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (folder / "given.txt").write_text(GIVEN, encoding="utf-8")
    code, _, err = run("ingest", str(folder), "--db", str(db))
    assert code == 0
    lines = err.splitlines()
    caption = next(ln for ln in lines if "captioned.txt" in ln)
    assert "2021-02-16" in caption and "photo caption" in caption and "Feb. 16, 2021" in caption
    assert any("no publication date for undated.txt" in ln for ln in lines)
    assert not any("given.txt" in ln for ln in lines)
    assert "1 without a publication date, 1 with a guessed publication date" in lines[-1]

    code, out, _ = run("articles", "--guessed", "--db", str(db))
    assert code == 0 and "captioned.txt" in out and "Feb. 16, 2021" in out
    assert "undated.txt" not in out and "given.txt" not in out
    code, out, _ = run("articles", "--undated", "--db", str(db))
    assert code == 0 and out.count("\n") == 1 and "undated.txt" in out

    code, _, err = run("articles", "--published", "2021-03-16", "captioned.txt", "undated.txt", "--db", str(db))
    assert code == 0, err
    with Store(db) as store:
        dated = {a.name: (a.published, a.published_origin) for a in store.articles()}
        as_of = {c.as_of for c in store.claims()}
    assert dated["captioned.txt"] == dated["undated.txt"] == ("2021-03-16", "given")
    assert "2021-03-16" in as_of and "2021-02-16" not in as_of  # "on Tuesday" now reads from March 16
    assert run("articles", "--guessed", "--db", str(db))[1] == ""


def test_articles_published_needs_the_articles_named(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    (tmp_path / "a.txt").write_text(UNDATED, encoding="utf-8")
    assert run("ingest", str(tmp_path / "a.txt"), "--db", str(db))[0] == 0
    code, _, err = run("articles", "--published", "2021-03-16", "--db", str(db))
    assert code == 2 and "name the articles" in err
    code, _, err = run("articles", "--published", "16/03/2021", "a.txt", "--db", str(db))
    assert code == 2 and "ISO date" in err


def test_rm_takes_the_file_name_the_reports_show(tmp_path: Path) -> None:
    folder, db = tmp_path / "corpus", tmp_path / "t.db"
    folder.mkdir()
    (folder / "05-shelters.txt").write_text(UNDATED, encoding="utf-8")
    assert run("ingest", str(folder), "--db", str(db))[0] == 0
    code, _, err = run("rm", "05-shelters.txt", "--db", str(db))
    assert code == 0 and "removed" in err
    with Store(db) as store:
        assert store.articles() == []
