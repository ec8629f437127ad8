"""The terminal report: per quantity, the estimate, its sources, its conflicts and reasons."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tally.report.data import REASON_LABELS, estimate_text, source_rows
from tally.types import Estimate


def print_estimates(estimates: list[Estimate], console: Console) -> None:
    """Print one block per estimate; untrusted text is printed as plain text, never markup."""
    if not estimates:
        console.print(Text("No estimates: no classified claims to reconcile."))
        return
    for est in estimates:
        console.rule(Text(f"{est.label} ({est.quantity})"))
        console.print(Text(estimate_text(est), style="bold"))
        sources = Table(title="Sources", title_justify="left", expand=False)
        for column in ("Source", "Kind", "Latest figure", "Period", "Earlier", "Outlets", "Claims"):
            sources.add_column(column, overflow="fold")
        for row in source_rows(est):
            sources.add_row(
                Text(row["source"]),
                Text(row["kind_label"]),
                Text(row["value"]),
                Text(row["period"] or "—"),
                Text("; ".join(row["earlier"])),
                Text(", ".join(row["outlets"])),
                Text(str(row["claims"])),
            )
        console.print(sources)
        if est.conflicts:
            conflicts = Table(title="Conflicts", title_justify="left", expand=False)
            conflicts.add_column("Reason", no_wrap=True)
            conflicts.add_column("Explanation", overflow="fold")
            for c in est.conflicts:
                conflicts.add_row(Text(REASON_LABELS.get(c.reason, c.reason)), Text(c.explanation))
            console.print(conflicts)
        for reason in est.reasons:
            console.print(Text(f"• {reason}"))
