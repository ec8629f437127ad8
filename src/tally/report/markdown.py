"""The Markdown report, for wikis: a section per quantity with tables of sources and conflicts."""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py

from tally.reconcile.grouping import group_conflicts
from tally.report.data import REASON_LABELS, estimate_text, folded_line, source_rows
from tally.report.summary import SUMMARY_COLUMNS, summary_rows, unclassified_line, unclassified_rows
from tally.types import Estimate, ReportContext

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md_escape(text: str) -> str:
    """Text safe inside Markdown (and table cells): specials escaped, no raw HTML, one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def to_markdown(estimates: list[Estimate], context: ReportContext | None = None) -> str:
    """All estimates as one Markdown document, the summary table first."""
    ctx = context or ReportContext()
    lines = [f"# {md_escape(ctx.title)}", ""]
    if not estimates:
        lines += ["No estimates: no classified claims to reconcile.", ""]
    else:
        lines += ["| " + " | ".join(SUMMARY_COLUMNS) + " |", "|---" * len(SUMMARY_COLUMNS) + "|"]
        for row in summary_rows(estimates):
            cells = (row["label"], row["low"], row["best"], row["high"], row["as_of"],
                     str(row["sources"]), str(row["open_conflicts"]))  # fmt: skip
            lines.append("| " + " | ".join(md_escape(c) for c in cells) + " |")
        lines.append("")
    line = unclassified_line(ctx)
    if line:
        lines += [md_escape(line), ""]
        lines += [f"- {md_escape(r['doc'])}: **{md_escape(r['mention'])}** — {md_escape(r['sentence'])}"
                  for r in unclassified_rows(ctx)]  # fmt: skip
        lines.append("")
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
            groups = group_conflicts(est)
            lines += ["### Conflicts", ""]
            for c in groups.key:
                label = REASON_LABELS.get(c.reason, c.reason)
                lines.append(f"- **{md_escape(label)}**: {md_escape(c.explanation)}")
            if not groups.key:
                lines.append("None between sources for the latest period.")
            for f in groups.folded:  # folded: a reader opens them to check
                lines += ["", f"<details><summary>{md_escape(folded_line(f.reason, f.count))}</summary>", ""]
                lines += [f"- {md_escape(c.explanation)}" for c in f.conflicts]
                lines += ["", "</details>"]
            lines.append("")
        if est.reasons:
            lines += ["### Reasons", ""]
            lines += [f"- {md_escape(reason)}" for reason in est.reasons]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
