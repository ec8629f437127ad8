"""The CLI's rough edges, each against a real database: flags, odd paths, languages, bad values."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tally.cli import app
from tally.store import Store
from tally.web.server import create_app
from tests.web.conftest import loopback_client

pytestmark = pytest.mark.model

GOOD = (
    "Harbour strike enters second week\n\n"
    "About 2,500 dock workers stayed away from the harbour on Friday, the union said.\n"
)
RUSSIAN = (
    "Забастовка в порту продолжается\n\n"
    "Около 11 000 портовых рабочих не вышли на работу в пятницу, сообщил профсоюз. "
    "По словам администрации порта, у причалов ожидают разгрузки более 40 судов, "
    "а убытки составляют до 3 миллионов евро в день.\n"
)
TALLY = Path(sys.executable).parent / "tally"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version_prints_the_installed_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("tally ") and out.split()[1][0].isdigit()


def test_db_pointing_at_a_directory_is_one_t_code_line(tmp_path: Path) -> None:
    code, out, err = run("report", "--db", str(tmp_path))
    assert code == 2 and err.startswith("T301 ") and err.count("\n") == 1 and "directory" in err


def test_report_html_to_an_unwritable_path_fails_before_printing(tmp_path: Path) -> None:
    (tmp_path / "strike.txt").write_text(GOOD, encoding="utf-8")
    db = str(tmp_path / "t.db")
    assert run("ingest", str(tmp_path / "strike.txt"), "--db", db)[0] == 0
    for target in (tmp_path / "no-such-dir" / "r.html", tmp_path):
        code, out, err = run("report", "--db", db, "--html", str(target))
        assert code == 2 and out == "" and err.startswith("T601 ")


def test_an_address_tally_cannot_fetch_says_it_is_not_a_file(tmp_path: Path) -> None:
    (tmp_path / "strike.txt").write_text(GOOD, encoding="utf-8")
    url = "ftp://news.example/strike"
    code, _, err = run("ingest", url, str(tmp_path / "strike.txt"), "--db", str(tmp_path / "t.db"))
    assert code == 1
    assert f"T101 {url}: a URL, not a file" in err and "ftp:/news" not in err
    assert "1 article(s) added" in err


def test_an_empty_directory_says_nothing_was_found(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run("ingest", str(tmp_path / "empty"), "--db", str(tmp_path / "t.db"))
    assert code == 1 and "no article files found" in err and str(tmp_path / "empty") in err


def test_serve_refuses_a_missing_database_unless_create(tmp_path: Path) -> None:
    db = tmp_path / "typo.db"
    code, _, err = run("serve", "--db", str(db))
    assert code == 2 and err.startswith("T301 ") and "--create" in err and not db.exists()


def test_published_must_be_an_iso_date(tmp_path: Path) -> None:
    (tmp_path / "strike.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "t.db"
    code, _, err = run("ingest", str(tmp_path / "strike.txt"), "--db", str(db), "--published", "yesterday")
    assert code == 2 and err.startswith("T701 ") and "yesterday" in err and err.count("\n") == 1
    code, _, _ = run("ingest", str(tmp_path / "strike.txt"), "--db", str(db), "--published", "2025-03-14")
    with Store(db) as store:
        assert [a.published for a in store.articles()] == ["2025-03-14"]


def test_an_unreadable_header_date_is_a_warning_and_the_article_is_stored(tmp_path: Path) -> None:
    path = tmp_path / "strike.txt"
    path.write_text("outlet: Port News\npublished: unknown\n---\n" + GOOD, encoding="utf-8")
    db = tmp_path / "t.db"
    code, _, err = run("ingest", str(path), "--db", str(db))
    assert code == 0
    assert f"T106 {path}:2: 'published' is not a date" in err
    assert "1 without a publication date" in err and "1 warning(s)" in err
    with Store(db) as store:
        [article] = store.articles()
        assert article.outlet == "Port News" and article.published is None


def test_a_russian_article_is_stored_with_its_language_and_no_english_figures(tmp_path: Path) -> None:
    (tmp_path / "port-ru.txt").write_text(RUSSIAN, encoding="utf-8")
    (tmp_path / "strike.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "t.db"
    code, _, err = run("ingest", str(tmp_path), "--db", str(db))
    assert code == 0 and "1 not in English (stored without figures)" in err
    with Store(db) as store:
        by_name = {a.name: a for a in store.articles()}
        assert by_name["port-ru.txt"].language == "ru" and by_name["strike.txt"].language == "en"
        assert store.claims(article_id=by_name["port-ru.txt"].id) == []
        assert store.claims(article_id=by_name["strike.txt"].id) != []


# Made up for this test: a short Chinese port report (the identifier's confidence on it is ~0.7).
CHINESE = "港口消息\n\n据港务局称，周一有12艘货船在港外等候，另有3艘被迫返航。工人说罢工将持续到周末。\n"


def test_a_chinese_article_is_stored_without_figures(tmp_path: Path) -> None:
    (tmp_path / "port-zh.txt").write_text(CHINESE, encoding="utf-8")
    db = tmp_path / "t.db"
    code, _, err = run("ingest", str(tmp_path / "port-zh.txt"), "--db", str(db))
    assert code == 0 and "1 not in English (stored without figures)" in err
    with Store(db) as store:
        [article] = store.articles()
        assert article.language == "zh" and store.claims(article_id=article.id) == []


def test_a_lone_surrogate_in_jsonl_does_not_stop_the_batch(tmp_path: Path) -> None:
    lines = ['{"text": "About 40 ships waited, the port said.\\ud800", "title": "Ships"}',
             json.dumps({"text": GOOD})]  # fmt: skip
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    db = tmp_path / "t.db"
    code, _, err = run("ingest", str(tmp_path / "feed.jsonl"), "--db", str(db))
    assert code == 0 and "lone surrogate" in err and "2 article(s) added" in err


def test_309_digits_leave_report_and_the_api_working(tmp_path: Path) -> None:
    text = f"Officials said {'9' * 309} troops and 40 tanks were sent, and between 5 and {'9' * 320} died.\n"
    (tmp_path / "big.txt").write_text(GOOD + text, encoding="utf-8")
    db = tmp_path / "t.db"
    assert run("ingest", str(tmp_path / "big.txt"), "--db", str(db))[0] == 0
    with Store(db) as store:
        values = [v for c in store.claims() for v in (c.low, c.high) if v is not None]
        assert values and all(math.isfinite(v) for v in values)
    for fmt in ("table", "json", "md"):
        assert run("report", "--db", str(db), "--format", fmt)[0] == 0
    with loopback_client(create_app(db, token="t" * 32)) as client:
        assert client.get("/api/quantities").status_code == 200
        assert client.get("/").status_code == 200


def test_demo_uses_its_own_database(tmp_path: Path) -> None:
    done = subprocess.run([str(TALLY), "demo"], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "tally-demo.db").exists() and not (tmp_path / "tally.db").exists()


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder another user can write to (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="tally-perm-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def as_other_user(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run tally as an unprivileged user when we are root (root reads every file)."""
    if os.geteuid() != 0:
        return subprocess.run([str(TALLY), *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("needs setpriv to drop root")
    drop = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    return subprocess.run([*drop, str(TALLY), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "HOME": str(cwd)})  # fmt: skip


def test_unreadable_files_and_folders_are_errors_naming_them(shared_tmp: Path) -> None:
    (shared_tmp / "strike.txt").write_text(GOOD, encoding="utf-8")
    (shared_tmp / "strike.txt").chmod(0o644)
    locked = shared_tmp / "locked.txt"
    locked.write_text("About 12 boats sank, the coast guard said.\n", encoding="utf-8")
    locked.chmod(0o000)
    folder = shared_tmp / "in"
    (folder / "private").mkdir(parents=True)
    (folder / "private" / "a.txt").write_text("About 30 boats sank.\n", encoding="utf-8")
    (folder / "open.txt").write_text("Officials said 44 boats were towed away.\n", encoding="utf-8")
    (folder / "open.txt").chmod(0o644)
    folder.chmod(0o755)
    (folder / "private").chmod(0o000)
    done = as_other_user(["ingest", str(locked), str(shared_tmp / "strike.txt"), str(folder),
                          "--db", str(shared_tmp / "t.db")], shared_tmp)  # fmt: skip
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert any(line.startswith(f"T101 {locked}: cannot read") for line in lines)
    assert any(line.startswith(f"T101 {folder / 'private'}: cannot read this folder") for line in lines)
    assert "2 article(s) added" in lines[-1] and "2 input(s) failed" in lines[-1]
