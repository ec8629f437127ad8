"""render(): the terminal table, JSON and Markdown show estimate, sources and conflicts."""

from __future__ import annotations

import io
import json
import re

import pytest
from report_corpus import HOSTILE
from rich.console import Console

from tally.report import render
from tally.report.table import print_estimates
from tally.types import Estimate, ReportContext


def _table(estimates: list[Estimate]) -> str:
    console = Console(file=io.StringIO(), width=120, color_system=None)
    print_estimates(estimates, console, ReportContext())
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(out, str)
    return out


def test_table_shows_estimate_each_source_once_and_conflict_reasons(
    estimates: list[Estimate],
) -> None:
    full = _table(estimates)
    out = full.split("Shells supplied (shells_supplied)")[0]
    assert "Troops sent (troops_sent)" in out
    assert "low 14,000 · best 14,500 · high 15,000" in out
    for source in ("Jane Analyst", "Western officials", "US officials", "Weekly Courier"):
        assert len(re.findall(rf"^│ {source} ", out, re.MULTILINE)) == 1, source
    assert "later figure for a growing total" in out
    assert "[rule C4 growth]" in full


def test_table_prints_untrusted_text_literally(estimates: list[Estimate]) -> None:
    # rich markup in a source name must not be interpreted: the brackets survive.
    estimates[1].reports[0].source = "[bold red]Agency[/]"
    assert "[bold red]Agency[/]" in _table(estimates)


def test_table_says_so_when_there_is_nothing() -> None:
    assert "No estimates" in _table([])


def test_json_round_trips_with_reports_claims_and_conflicts(estimates: list[Estimate]) -> None:
    text = render(estimates, "json")
    assert text is not None
    data = json.loads(text)["estimates"]
    assert [q["quantity"] for q in data] == ["troops_sent", "shells_supplied"]
    shells = data[1]
    assert (shells["low"], shells["best"], shells["high"]) == (12e6, 12e6, 12e6)
    assert {c["reason"] for c in shells["conflicts"]} == {"growing_total"}
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
    data = json.loads(render([troops], "json") or "")["estimates"]
    assert [r["source"] for r in data[0]["by_source"]].count("US officials") == 1


def test_every_format_opens_with_the_summary(estimates: list[Estimate]) -> None:
    table = _table(estimates)
    assert table.index("Summary") < table.index("Troops sent (troops_sent)")
    md = render(estimates, "md") or ""
    assert md.index("| Quantity | Low | Best | High | As of | Sources | Open conflicts |") < md.index("## ")
    assert "| Troops sent | 14,000 | 14,500 | 15,000 | 2025-04-02 | 4 | 0 |" in md
    data = json.loads(render(estimates, "json") or "")
    assert list(data) == ["title", "summary", "unclassified", "estimates"]
    assert data["summary"][0]["open_conflicts"] == 0


def test_the_terminal_table_reads_at_80_columns(estimates: list[Estimate]) -> None:
    console = Console(file=io.StringIO(), width=80, color_system=None)
    print_estimates(estimates, console, ReportContext())
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert max(len(line) for line in out.splitlines()) <= 80
    # headers and figures stay whole words, not folded letter by letter
    for word in ("Quantity", "Best", "Latest figure", "Explanation", "14,000–15,000", "12 million"):
        assert word in out, word


def test_percentages_are_shown_with_a_percent_sign(estimates: list[Estimate]) -> None:
    share = estimates[0]
    share.unit, share.low, share.best, share.high = "percent", 13.0, 13.0, 90.0
    md = render([share], "md") or ""
    assert "| 13% | 13% | 90% |" in md


def test_unclassified_claims_are_counted_and_listed_on_request(estimates: list[Estimate]) -> None:
    from report_corpus import corpus

    from tally.types import ReportContext

    stray = corpus()[0][0]
    ctx = ReportContext(unclassified=[stray])
    assert "1 claim fit no quantity (list them with --unclassified)." in (render(estimates, "md", context=ctx) or "")
    ctx.list_unclassified = True
    md = render(estimates, "md", context=ctx) or ""
    assert "1 claim fit no quantity:" in md and "**11,000 troops**" in md
    assert json.loads(render(estimates, "json", context=ctx) or "")["unclassified"]["count"] == 1
