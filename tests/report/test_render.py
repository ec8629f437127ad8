"""render(): the terminal table, JSON and Markdown show estimate, sources and conflicts."""

from __future__ import annotations

import io
import json
import re

import pytest
from report_corpus import HOSTILE
from rich.console import Console

from tally.report import render
from tally.types import Estimate


def _table(estimates: list[Estimate]) -> str:
    console = Console(file=io.StringIO(), width=120, color_system=None)
    assert render(estimates, "table", console) is None
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(out, str)
    return out


def test_table_shows_estimate_each_source_once_and_conflict_reasons(
    estimates: list[Estimate],
) -> None:
    full = _table(estimates)
    out = full.split("Shells supplied (shells_supplied)")[0]
    assert "Troops sent (troops_sent)" in out
    assert "low 12,000 · best 14,500 · high 15,000" in out
    for source in ("Jane Analyst", "Western officials", "US officials", "Weekly Courier"):
        assert len(re.findall(rf"^│ {source} ", out, re.MULTILINE)) == 1, source
    assert "later figure for a growing total" in out
    assert "disagreement between sources" in full


def test_table_prints_untrusted_text_literally(estimates: list[Estimate]) -> None:
    # rich markup in a source name must not be interpreted: the brackets survive.
    estimates[1].reports[0].source = "[bold red]Agency[/]"
    assert "[bold red]Agency[/]" in _table(estimates)


def test_table_says_so_when_there_is_nothing() -> None:
    assert "No estimates" in _table([])


def test_json_round_trips_with_reports_claims_and_conflicts(estimates: list[Estimate]) -> None:
    text = render(estimates, "json")
    assert text is not None
    data = json.loads(text)
    assert [q["quantity"] for q in data] == ["troops_sent", "shells_supplied"]
    shells = data[1]
    assert (shells["low"], shells["best"], shells["high"]) == (12e6, None, None)
    assert {c["reason"] for c in shells["conflicts"]} == {"growing_total", "disagreement"}
    values = {r["value"] for r in shells["reports"]}
    assert values == {"at least 8 million", "up to 9 million", "at least 12 million"}
    assert all(r["claims"][0]["sentence"] for r in shells["reports"])


def test_markdown_has_a_section_and_table_per_quantity(estimates: list[Estimate]) -> None:
    text = render(estimates, "md")
    assert text is not None
    assert "## Troops sent (`troops_sent`)" in text
    assert "| Jane Analyst | analyst | 11,000 | 2024-11 |  | Morning Herald | 1 |" in text
    assert "- **later figure for a growing total**:" in text


def test_markdown_escapes_html_in_untrusted_text(estimates: list[Estimate]) -> None:
    text = render(estimates, "md")
    assert text is not None
    assert HOSTILE not in text
    assert "\\<script\\>" in text


def test_unknown_format_is_refused(estimates: list[Estimate]) -> None:
    with pytest.raises(ValueError, match="unknown report format 'xml'"):
        render(estimates, "xml")


def test_a_source_with_two_figures_is_one_row_with_its_earlier_figure(
    estimates: list[Estimate],
) -> None:
    troops = estimates[0]
    troops.reports[0].source = "US officials"  # now US officials said 11,000, then 14,000-15,000
    text = render([troops], "md")
    assert text is not None
    rows = [line for line in text.splitlines() if line.startswith("| US officials")]
    assert rows == [
        (
            "| US officials | anonymous officials | 14,000–15,000 | 2025-04-02 | 11,000 (2024-11) "
            "| Morning Herald, Weekly Courier | 2 |"
        )
    ]
    data = json.loads(render([troops], "json") or "")
    assert [r["source"] for r in data[0]["by_source"]].count("US officials") == 1
