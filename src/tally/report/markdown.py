"""The Markdown report, for wikis: a section per quantity with tables of sources and conflicts."""

from __future__ import annotations

import re

from tally.report.data import REASON_LABELS, estimate_text, source_rows
from tally.types import Estimate

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md_escape(text: str) -> str:
    """Text safe inside Markdown (and table cells): specials escaped, no raw HTML, one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def to_markdown(estimates: list[Estimate]) -> str:
    """All estimates as one Markdown document."""
    lines = ["# Tally report", ""]
    if not estimates:
        lines.append("No estimates: no classified claims to reconcile.")
    for est in estimates:
        lines += [
            f"## {md_escape(est.label)} (`{est.quantity}`)",
            "",
            f"**{estimate_text(est)}**",
            "",
        ]
        lines += [
            "| Source | Kind | Latest figure | Period | Earlier | Outlets | Claims |",
            "|---|---|---|---|---|---|---|",
        ]
        for row in source_rows(est):
            cells = (
                row["source"],
                row["kind_label"],
                row["value"],
                row["period"] or "—",
                "; ".join(row["earlier"]),
                ", ".join(row["outlets"]),
                str(row["claims"]),
            )
            lines.append("| " + " | ".join(md_escape(c) for c in cells) + " |")
        lines.append("")
        if est.conflicts:
            lines += ["### Conflicts", ""]
            for c in est.conflicts:
                label = REASON_LABELS.get(c.reason, c.reason)
                lines.append(f"- **{md_escape(label)}**: {md_escape(c.explanation)}")
            lines.append("")
        if est.reasons:
            lines += ["### Reasons", ""]
            lines += [f"- {md_escape(reason)}" for reason in est.reasons]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
