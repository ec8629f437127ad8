"""The smaller things a new user hit: --ray without Ray, export --topic for claims, cite's titles
and wording, the table piped to a file, a sign of life while a command loads."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tally.cli import app
from tally.reconcile import reconcile
from tally.report import render
from tally.store import Store
from tally.types import Article, Claim, QuantityDef, ReportContext, Topic

TALLY = Path(sys.executable).parent / "tally"
STRIKE = "Harbour strike\n\nAbout 2,500 dock workers stayed away from the harbour on Friday, the union said.\n"
STRIKE_TOPIC = '''
name = "Harbour strike"

[[quantity]]
id = "strikers"
label = "Dock workers on strike"
units = ["workers"]
'''


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ray_without_ray_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError
    (tmp_path / "a.txt").write_text(STRIKE, encoding="utf-8")
    db = tmp_path / "t.db"
    code, _, err = run("ingest", str(tmp_path / "a.txt"), "--ray", "--db", str(db))
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("T701") and "pip install 'tally[cluster]'" in err
    assert not db.exists()


@pytest.mark.model
def test_export_classifies_claims_with_the_topic_given(tmp_path: Path) -> None:
    (tmp_path / "strike.txt").write_text(STRIKE, encoding="utf-8")
    topic, db = tmp_path / "strike.toml", tmp_path / "t.db"
    topic.write_text(STRIKE_TOPIC, encoding="utf-8")
    assert run("ingest", str(tmp_path / "strike.txt"), "--db", str(db))[0] == 0
    _, plain, _ = run("export", "--format", "jsonl", "--db", str(db))
    _, classified, _ = run("export", "--format", "jsonl", "--topic", str(topic), "--db", str(db))
    assert {json.loads(line)["quantity"] for line in plain.splitlines()} == {None}
    assert "strikers" in {json.loads(line)["quantity"] for line in classified.splitlines()}


def _estimates(articles: list[Article], figures: list[tuple[str, float]]) -> tuple[list, ReportContext]:
    claims = []
    for article, (source, low) in zip(articles, figures, strict=True):
        sentence = f"{source} said at least {low:,.0f} people had died."
        article.text = sentence
        claims.append(Claim(sentence=sentence, mention=f"at least {low:,.0f}", start=len(source) + 6,
                            end=len(source) + 6 + len(f"at least {low:,.0f}"), low=low, approx="at_least",
                            unit="people", outcome="killed", source=source, as_of="2021-02-20",
                            quantity="deaths", article_id=article.id))  # fmt: skip
    by_id = {a.id: a for a in articles}
    ests = reconcile(claims, Topic("storm", [QuantityDef("deaths", "People killed")]), by_id)
    return ests, ReportContext(title="storm", articles=by_id)


def test_cite_titles_an_untitled_article_by_its_address_and_never_says_at_at_least() -> None:
    articles = [
        Article(id="a1", origin="corpus/05-nydailynews-210.txt", text="", outlet="New York Daily News",
                url="https://www.nydailynews.com/news/storm-toll-rises", published="2021-02-20"),
        Article(id="a2", origin="corpus/06-untitled.txt", text="", published="2021-02-20"),
    ]  # fmt: skip
    ests, context = _estimates(articles, [("State health officials", 111), ("County examiners", 100)])
    text = render(ests, "cite", context=context) or ""
    assert "at at least" not in text
    assert "gave at least 100" in text
    assert "05-nydailynews-210.txt" not in text
    assert "New York Daily News, “https://www.nydailynews.com/news/storm-toll-rises”" in text
    assert "“untitled”" in text
    wiki = render(ests, "wikitext", context=context) or ""
    assert "at at least" not in wiki and "title=untitled" in wiki


def test_the_table_piped_to_a_file_splits_no_word(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)  # at 80 columns the label is cut in pieces
    db = tmp_path / "t.db"
    label = "Excess-mortality deaths attributed to the storm by the state's health department"
    with Store(db) as store:
        sentence = "The health department attributed 246 excess-mortality deaths to the storm."
        article = Article(id="b1", origin="b1.txt", text=sentence, published="2021-03-26", published_origin="given")
        store.add_article(article, [Claim(sentence=sentence, mention="246", start=34, end=37, low=246,
                                          unit="excess-mortality deaths", outcome="killed",
                                          source="health department", quantity="excess")])  # fmt: skip
    topic = tmp_path / "t.toml"
    topic.write_text(f'name = "Storm"\n\n[[quantity]]\nid = "excess"\nlabel = "{label}"\nunits = ["deaths"]\n',
                     encoding="utf-8")  # fmt: skip
    code, out, _ = run("report", "--topic", str(topic), "--db", str(db))
    assert code == 0
    assert any(label in line for line in out.splitlines())
    assert all("excess-mortality" in line for line in out.splitlines() if "excess-mo" in line)


def _on_a_terminal(args: list[str], timeout: float = 120.0) -> bytes:
    """What the command writes to a pseudo-terminal as its stdout and stderr."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([str(TALLY), *args], stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    out = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.5)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: the command ended
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(leader)
        proc.wait(timeout=30)
    return out


def test_a_command_shows_a_sign_of_life_on_a_terminal_while_it_loads(tmp_path: Path) -> None:
    out = _on_a_terminal(["report", "--db", str(tmp_path / "none.db")])
    assert b"tally: loading Tally" in out
    shown = out.index(b"tally: loading Tally")
    assert out.index(b"\r\x1b[K", shown) < out.index(b"T301")  # erased before the command speaks


def test_off_a_terminal_there_is_no_loading_line(tmp_path: Path) -> None:
    done = subprocess.run([str(TALLY), "report", "--db", str(tmp_path / "none.db")],
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 2 and "loading" not in done.stderr and done.stderr.startswith("T301")
