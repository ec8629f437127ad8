"""The ``tally`` command on real files and a real SQLite file: exit codes, one-line errors."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from tally.classify import load_topic
from tally.cli import app
from tally.store import Store

pytestmark = pytest.mark.model

GOOD = (
    "Harbour strike enters second week\n\n"
    "About 2,500 dock workers stayed away from the harbour on Friday, the union said, and more "
    "than 40 ships were waiting at anchor outside the port. The port authority put the cost of "
    "the strike at up to 3 million euros a day.\n"
)
LINE = (
    "Police said that between 8,000 and 9,000 people marched through the old town on Saturday "
    "in support of the striking dock workers."
)
TALLY = Path(sys.executable).parent / "tally"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def write_inputs(folder: Path) -> dict[str, Path]:
    """A directory holding one good file and one of each kind of bad input."""
    folder.mkdir()
    files = {
        "good": folder / "strike.txt",
        "empty": folder / "empty.txt",
        "binary": folder / "scan.txt",
        "undecodable": folder / "latin.txt",
        "feed": folder / "feed.jsonl",
    }
    files["good"].write_text(GOOD, encoding="utf-8")
    files["empty"].write_text("", encoding="utf-8")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    files["undecodable"].write_bytes(b"Caf\xe9 cr\xe8me \xff\xfe" * 40)
    good_line = json.dumps({"text": LINE, "title": "March", "published": "2025-03-09"})
    files["feed"].write_text(good_line + "\n{not json at all\n", encoding="utf-8")
    return files


def test_ingest_reports_each_bad_input_on_one_line_and_stores_the_rest(tmp_path: Path) -> None:
    files = write_inputs(tmp_path / "in")
    missing = tmp_path / "no-such-file.txt"
    db = tmp_path / "t.db"
    result = CliRunner().invoke(
        app, ["ingest", str(tmp_path / "in"), str(missing), "--db", str(db)]
    )
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    for bad in ("empty", "binary", "undecodable"):
        assert sum(str(files[bad].name) in line for line in lines) == 1, result.stderr
    assert any(f"{files['feed'].name}:2" in line for line in lines), result.stderr
    assert any(missing.name in line for line in lines), result.stderr
    with Store(db) as store:
        names = sorted(a.name for a in store.articles())
        stored = (store.articles(), store.claims())
    assert names == ["feed.jsonl#L1", "strike.txt"]

    again = CliRunner().invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db)])
    assert again.exit_code == 1
    with Store(db) as store:
        assert (store.articles(), store.claims()) == stored


def test_ingest_of_good_inputs_exits_zero(tmp_path: Path) -> None:
    (tmp_path / "strike.txt").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["ingest", str(tmp_path / "strike.txt"), "--db", str(tmp_path / "t.db")]
    )
    assert result.exit_code == 0, result.output
    assert "1 article(s) added" in result.stderr


def test_ingest_with_two_jobs_stores_what_one_job_stores(tmp_path: Path) -> None:
    corpus = str(EXAMPLES / "corpus")
    stored = {}
    for jobs in ("1", "2"):
        db = tmp_path / f"jobs{jobs}.db"
        result = CliRunner().invoke(app, ["ingest", corpus, "--db", str(db), "--jobs", jobs])
        assert result.exit_code == 0, result.output
        with Store(db) as store:
            stored[jobs] = sorted((c.article_id, c.start, c.mention, c.source) for c in store.claims())
    assert stored["1"] and stored["2"] == stored["1"]


def test_report_and_export_read_what_ingest_stored(tmp_path: Path) -> None:
    (tmp_path / "strike.txt").write_text(GOOD, encoding="utf-8")
    db = str(tmp_path / "t.db")
    assert (
        CliRunner().invoke(app, ["ingest", str(tmp_path / "strike.txt"), "--db", db]).exit_code == 0
    )
    report = CliRunner().invoke(app, ["report", "--db", db, "--format", "json"])
    assert report.exit_code == 0, report.output
    assert json.loads(report.stdout)
    out = tmp_path / "claims.csv"
    export = CliRunner().invoke(app, ["export", "--format", "csv", "-o", str(out), "--db", db])
    assert export.exit_code == 0, export.output
    header, *rows = out.read_text(encoding="utf-8").splitlines()
    assert header.startswith("doc,") and rows and all(r.startswith("strike.txt,") for r in rows)


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--format", "xml"],
        ["export"],
        ["ingest"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_two(tmp_path: Path, args: list[str]) -> None:
    assert CliRunner().invoke(app, [*args, "--db", str(tmp_path / "t.db")]).exit_code == 2


@pytest.mark.parametrize(
    "command", [["report"], ["export", "--format", "jsonl"], ["ingest", "x.txt"]]
)
def test_a_file_that_is_not_a_database_is_one_line_and_exit_two(
    tmp_path: Path, command: list[str]
) -> None:
    db = tmp_path / "notes.db"
    db.write_text("shopping list: eggs, milk\n" * 50, encoding="utf-8")
    result = CliRunner().invoke(app, [*command, "--db", str(db)])
    assert result.exit_code == 2
    assert (
        result.stderr.count("\n") == 1 and "T301" in result.stderr and "notes.db" in result.stderr
    )


def test_a_bad_topic_is_one_line_naming_the_file_and_exit_two(tmp_path: Path) -> None:
    (tmp_path / "strike.txt").write_text(GOOD, encoding="utf-8")
    topic = tmp_path / "topic.toml"
    topic.write_text("name = \n", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "ingest",
            str(tmp_path / "strike.txt"),
            "--topic",
            str(topic),
            "--db",
            str(tmp_path / "t.db"),
        ],
    )
    assert result.exit_code == 2
    assert "T201" in result.stderr and "topic.toml" in result.stderr


@pytest.mark.slow
def test_demo_from_the_readme_prints_the_topic_quantities(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(TALLY), "demo", "--db", str(tmp_path / "demo.db")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": str(TALLY.parent), "COLUMNS": "200", "HOME": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    topic = load_topic(EXAMPLES / "dprk-russia.toml")
    named = [q.id for q in topic.quantities if q.id in done.stdout or q.label in done.stdout]
    assert len(named) >= 3, done.stdout


@pytest.mark.slow
def test_serve_answers_http_on_the_given_port(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a free port, chosen by the OS
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [str(TALLY), "serve", "--db", str(tmp_path / "web.db"), "--create", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        status = None
        for _ in range(100):
            if server.poll() is not None:
                pytest.fail(f"tally serve exited {server.returncode}: {server.stderr.read()}")
            try:
                status = httpx.get(f"http://127.0.0.1:{port}/", timeout=1).status_code
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert status is not None and status < 500
    finally:
        server.terminate()
        _, err = server.communicate(timeout=10)
    assert "write token: " in err  # the fresh token the user needs to add articles


def test_export_to_stdout_writes_one_json_object_per_claim(tmp_path: Path) -> None:
    (tmp_path / "strike.txt").write_text(GOOD, encoding="utf-8")
    db = str(tmp_path / "t.db")
    CliRunner().invoke(app, ["ingest", str(tmp_path / "strike.txt"), "--db", db])
    result = CliRunner().invoke(app, ["export", "--format", "jsonl", "--db", db])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    with Store(tmp_path / "t.db") as store:
        assert [r["id"] for r in rows] == [c.id for c in store.claims()]
    assert {r["doc"] for r in rows} == {"strike.txt"}


def test_report_on_an_empty_database_says_so_and_exits_non_zero(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    Store(db).close()
    result = CliRunner().invoke(app, ["report", "--db", str(db)])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("T301 ")
    assert "no claims" in result.stderr and "tally ingest" in result.stderr


@pytest.mark.parametrize("name", ["two\nlines.txt", "[bold]markup[/bold].txt", "x" * 250 + ".txt"])
def test_an_error_stays_one_line_whatever_the_file_name(tmp_path: Path, name: str) -> None:
    result = CliRunner().invoke(
        app, ["ingest", str(tmp_path / name), "--db", str(tmp_path / "t.db")]
    )
    assert result.exit_code == 1
    error, summary = result.stderr.splitlines()
    assert error.startswith("T101 ") and " ".join(name.split()) in error
    assert "input(s) failed" in summary


# -- URLs, feeds and what changed (a local HTTP server on 127.0.0.1) -----------------------

from tests.ingest.site import article_html, rss, serve  # noqa: E402 - the live-source tests' server

HARBOUR = article_html("Dock strike enters its second week", [
    "About 2,500 dock workers stayed away from the harbour on Friday, the union said.",
], published="2025-03-07T09:00:00+00:00")  # fmt: skip
HARBOUR_LATER = article_html("Dock strike enters its second week", [
    "About 3,100 dock workers stayed away from the harbour on Saturday, the union said.",
], published="2025-03-07T09:00:00+00:00")  # fmt: skip
MARCHES = [  # path, headline, text, publication date
    ("/m/1", "Dockers march in the old town", "Police said that 8,000 people marched through "
     "the old town on Saturday in support of the striking dock workers.", "2025-03-08"),
    ("/m/2", "Ferry crossings cancelled", "The ferry company cancelled 40 crossings on Sunday "
     "because of the strike, a spokesman said.", "2025-03-09"),
    ("/m/3", "Second march draws a bigger crowd", "Police said that 12,000 people marched "
     "through the old town on Tuesday in support of the dock workers.", "2025-03-11"),
    ("/m/4", "Cargo piles up at the port", "More than 60 ships were waiting at anchor outside "
     "the port on Tuesday, the harbour master said.", "2025-03-11"),
]  # fmt: skip


def test_ingest_a_url_once_then_refresh_it_into_a_new_version(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    with serve() as site:
        site.page("/strike", HARBOUR)
        first = CliRunner().invoke(app, ["ingest", site.url("/strike"), "--allow-private", "--db", db])
        assert first.exit_code == 0, first.output
        assert "1 article(s) added" in first.stderr
        again = CliRunner().invoke(app, ["ingest", site.url("/strike"), "--allow-private", "--db", db])
        assert "1 already stored" in again.stderr and len(site.hits("/strike")) == 1
        site.page("/strike", HARBOUR_LATER)
        refresh = CliRunner().invoke(app, ["ingest", site.url("/strike"), "--refresh", "--allow-private", "--db", db])
        assert refresh.exit_code == 0 and "1 new version(s)" in refresh.stderr
    export = CliRunner().invoke(app, ["export", "--format", "jsonl", "--db", db])
    lows = {json.loads(line)["low"] for line in export.stdout.splitlines()}
    assert 3100 in lows and 2500 not in lows  # the report counts the newest version only
    with Store(db) as store:
        old, new = store.articles()
    assert old.superseded_by == new.id and old.url == new.url == site.url("/strike")


def test_ingest_of_a_failing_url_is_one_line_naming_it_and_exit_one(tmp_path: Path) -> None:
    with serve() as site:
        site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        urls = [site.url("/gone"), site.url("/private/memo")]
        result = CliRunner().invoke(app, ["ingest", *urls, "--allow-private", "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"T104 {urls[0]}: HTTP 404 Not Found" in lines
    assert any(line.startswith(f"T104 {urls[1]}: robots.txt") for line in lines)


def test_two_rounds_of_follow_ingest_only_the_new_items_and_changes_tells_them(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "t.db")
    with serve() as site:
        for path, title, text, day in MARCHES:
            site.page(path, article_html(title, [text], published=f"{day}T18:00:00+00:00"))
        items = [{"title": title, "link": path} for path, title, _, _ in MARCHES]
        site.page("/feed", rss("Harbour News", items[:2]), "application/rss+xml")
        first = CliRunner().invoke(app, ["follow", site.url("/feed"), "--allow-private", "--db", db])
        assert first.exit_code == 0, first.output
        assert "2 article(s) added" in first.stderr
        between = datetime.now(UTC).isoformat()
        site.page("/feed", rss("Harbour News", items), "application/rss+xml")
        second = CliRunner().invoke(app, ["follow", "--allow-private", "--db", db])
        assert second.exit_code == 0, second.output
        assert "2 article(s) added" in second.stderr
        assert [len(site.hits(p)) for p, _, _, _ in MARCHES] == [1, 1, 1, 1]
    assert "new figure 12,000 (Police" in second.stdout
    changes = CliRunner().invoke(app, ["changes", "--since", between, "--db", db])
    assert changes.exit_code == 0, changes.output
    lines = changes.stdout.splitlines()
    assert any("new figure 12,000 (Police" in line and "up from 8,000" in line for line in lines)
    assert any("more than 60" in line or "at least 60" in line for line in lines)
    assert not any("8,000 (" in line.split("up from")[0] for line in lines)


def test_changes_with_a_date_that_is_no_date_exits_two(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["changes", "--since", "last tuesday", "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 2 and "not a date" in result.output


def test_follow_with_no_feed_given_or_stored_is_one_line_and_exit_two(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["follow", "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "T101" in result.stderr


def test_ctrl_c_stops_follow_every_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with serve() as site:
        path, title, text, _ = MARCHES[0]
        site.page(path, article_html(title, [text]))
        site.page("/feed", rss("Harbour News", [{"title": title, "link": path}]),
                  "application/rss+xml")  # fmt: skip
        proc = subprocess.Popen(
            [str(TALLY), "follow", site.url("/feed"), "--every", "30s", "--allow-private", "--db", str(db)],
            stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert proc.stderr is not None
            first = proc.stderr.readline()  # the round's summary: now it waits for the next
            assert "round at" in first and "1 article(s) added" in first
            proc.send_signal(signal.SIGINT)
            _, rest = proc.communicate(timeout=20)
        finally:
            proc.kill()
    assert proc.returncode == 0, rest
    assert rest.strip() == "stopped"
    with Store(db) as store:
        assert len(store.articles()) == 1
