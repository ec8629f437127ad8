"""`tally explain`: any stored claim with its sentence and the rule behind each field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tally.cli import app
from tally.report.explain import RULES, describe_rule, explain
from tally.types import Claim

TEXT = (
    "Flood waters forced about 3,100 people from their homes, the county emergency office "
    "said on Monday.\nAmong them, 40 were taken to hospital.\n"
)


def test_each_field_names_its_rule_in_words() -> None:
    claim = Claim(sentence="About 90 boats sank.", mention="About 90", start=0, end=8, low=90,
                  approx="about", unit="boats", as_of="2025-01-02", as_of_basis="published",
                  rules={"approx": "hedge-phrase", "unit": "counted-noun",
                         "source": "outlet-itself", "as_of": "publication-date"}, id=7)  # fmt: skip
    lines = explain(claim)
    assert lines[0] == "claim 7: 'About 90' = 90"
    assert lines[1] == "sentence: About 90 boats sank."
    assert f"approx: about  [hedge-phrase: {RULES['hedge-phrase']}]" in lines
    assert f"as_of: 2025-01-02 (published)  [publication-date: {RULES['publication-date']}]" in lines


def test_a_chain_of_rules_reads_left_to_right() -> None:
    assert describe_rule("previous-sentence(said-subject+pronoun-last-body)") == "; then ".join(
        RULES[r] for r in ("previous-sentence", "said-subject", "pronoun-last-body")
    )


def test_every_rule_the_extractor_can_record_is_described() -> None:
    import re

    src = Path(__file__).resolve().parents[2] / "src" / "tally" / "extract"
    named = set()
    for path in src.glob("*.py"):
        named |= set(re.findall(r'"([a-z]+(?:-[a-z]+)+)"', path.read_text(encoding="utf-8")))
    recorded = {n for n in named if n in RULES or n.endswith(("-date", "-subject", "-phrase"))}
    assert recorded - set(RULES) == set()


@pytest.mark.model
def test_explain_prints_any_stored_claim_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    (tmp_path / "flood.txt").write_text("published: 2025-02-12\n---\n" + TEXT, encoding="utf-8")
    db = str(tmp_path / "t.db")
    assert CliRunner().invoke(app, ["ingest", str(tmp_path / "flood.txt"), "--db", db]).exit_code == 0
    rows = [json.loads(r) for r in CliRunner().invoke(app, ["export", "--format", "jsonl", "--db", db]).stdout.splitlines()]
    assert rows
    for row in rows:
        shown = CliRunner().invoke(app, ["explain", str(row["id"]), "--db", db])
        assert shown.exit_code == 0, shown.output
        assert f"sentence: {' '.join(row['sentence'].split())}" in shown.stdout
        for field in ("approx", "unit", "source", "as_of"):
            assert f"[{row['rules'][field]}:" in shown.stdout
    hospital = next(r for r in rows if r["low"] == 40)
    assert hospital["rules"]["source"] == "continues-report(said-subject)"
    missing = CliRunner().invoke(app, ["explain", "999", "--db", db])
    assert missing.exit_code == 2 and missing.output.startswith("T302 ")
