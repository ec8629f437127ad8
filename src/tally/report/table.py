"""The terminal report: the summary, then per quantity its sources, conflicts and reasons.

The one renderer that draws with rich (besides the CLI itself): ``tally.cli`` hands it the
terminal; :func:`table_text` draws the same table as plain text.

Laid out for an 80-column terminal: few columns, the kind and outlets under the source's name.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tally.report.data import REASON_LABELS, estimate_text, source_rows
from tally.report.summary import SUMMARY_COLUMNS, summary_rows, unclassified_line, unclassified_rows
from tally.types import Estimate, ReportContext


def _summary(estimates: list[Estimate], console: Console) -> None:
    table = Table(title="Summary", title_justify="left", expand=False)
    for i, column in enumerate(SUMMARY_COLUMNS):
        table.add_column(column, overflow="fold", justify="left" if i == 0 else "right",
                         ratio=3 if i == 0 else None)  # fmt: skip
    for row in summary_rows(estimates):
        table.add_row(Text(row["label"]), row["low"], row["best"], row["high"],
                      Text(row["as_of"]), str(row["sources"]), str(row["open_conflicts"]))  # fmt: skip
    console.print(table)


def _unclassified(context: ReportContext, console: Console) -> None:
    line = unclassified_line(context)
    if line is None:
        return
    console.print(Text(line))
    for row in unclassified_rows(context):
        console.print(Text(f"  {row['doc']}: {row['mention']} — “{row['sentence']}”"))


def print_estimates(estimates: list[Estimate], console: Console, context: ReportContext) -> None:
    """Print the summary and one block per estimate; untrusted text is plain text, never markup."""
    console.print(Text(context.title, style="bold"))
    if not estimates:
        console.print(Text("No estimates: no classified claims to reconcile."))
        _unclassified(context, console)
        return
    _summary(estimates, console)
    _unclassified(context, console)
    for est in estimates:
        console.rule(Text(f"{est.label} ({est.quantity})"))
        console.print(Text(estimate_text(est), style="bold"))
        sources = Table(title="Sources", title_justify="left", expand=False)
        sources.add_column("Source", overflow="fold", ratio=3)
        for column in ("Latest figure", "Period", "Earlier"):
            sources.add_column(column, overflow="fold", ratio=2)
        sources.add_column("Claims", justify="right")
        for row in source_rows(est):
            outlets = ", ".join(row["outlets"])
            sources.add_row(
                Text(f"{row['source']}\n({row['kind_label']}; in {outlets})"),
                Text(row["value"]),
                Text(row["period"] or "—"),
                Text("; ".join(row["earlier"])),
                Text(str(row["claims"])),
            )
        console.print(sources)
        if est.conflicts:
            conflicts = Table(title="Conflicts", title_justify="left", expand=False)
            conflicts.add_column("Reason", overflow="fold", ratio=1)
            conflicts.add_column("Explanation", overflow="fold", ratio=4)
            for c in est.conflicts:
                conflicts.add_row(Text(REASON_LABELS.get(c.reason, c.reason)), Text(c.explanation))
            console.print(conflicts)
        for reason in est.reasons:
            console.print(Text(f"• {reason}"))


def table_text(estimates: list[Estimate], context: ReportContext, width: int = 100) -> str:
    """The terminal report as plain text, ``width`` columns wide, without colours."""
    buffer = io.StringIO()
    print_estimates(estimates, Console(file=buffer, width=width, color_system=None), context)
    return buffer.getvalue().rstrip("\n")
