"""The terminal report: per quantity, the estimate, its sources, its conflicts and reasons."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tally.report.data import REASON_LABELS, estimate_text
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
        for column in ("Source", "Kind", "Figure", "Period", "Outlets", "Claims"):
            sources.add_column(column, overflow="fold")
        for r in est.reports:
            sources.add_row(
                Text(r.source),
                Text(r.source_kind.replace("_", " ")),
                Text(r.value_text),
                Text(r.period or "—"),
                Text(", ".join(r.outlets)),
                Text(str(len(r.claims))),
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
