"""Reports: estimates as a terminal table, JSON, Markdown, citations or one HTML page.

Every format opens with the summary (quantity, low, best, high, as of, sources, open
conflicts) and says how many claims fit no quantity.

Public API: :func:`render`; :func:`tally.report.html.write_html`;
:func:`tally.report.charts.timeline_figure`.
"""

from __future__ import annotations

import json

from tally.report.cite import to_cite_markdown, to_cite_wikitext
from tally.report.data import estimate_dict
from tally.report.markdown import to_markdown
from tally.report.summary import summary_rows, unclassified_line, unclassified_rows
from tally.report.table import table_text
from tally.types import Estimate, ReportContext

FORMATS = ("table", "json", "md", "cite", "wikitext")


def render(
    estimates: list[Estimate],
    fmt: str,
    context: ReportContext | None = None,
) -> str:
    """Show estimates in a format.

    Args:
        estimates: What :func:`tally.reconcile.reconcile` returned.
        fmt: "table" (the terminal table as plain text; a terminal draws it with
            :func:`tally.report.table.print_estimates`), "json", "md", "cite" (Markdown
            sentences with numbered references) or "wikitext".
        context: The title, the claims that fit no quantity, and the articles (for citations).

    Returns:
        The text.

    Raises:
        ValueError: An unknown format (the CLI only offers the known ones).
    """
    ctx = context or ReportContext()
    if fmt == "table":
        return table_text(estimates, ctx)
    if fmt == "json":
        doc = {
            "title": ctx.title,
            "summary": summary_rows(estimates),
            "unclassified": {"count": len(ctx.unclassified), "claims": unclassified_rows(ctx)},
            "estimates": [estimate_dict(e) for e in estimates],
        }
        return json.dumps(doc, indent=2, ensure_ascii=False)
    if fmt == "md":
        return to_markdown(estimates, ctx)
    if fmt == "cite":
        return to_cite_markdown(estimates, ctx)
    if fmt == "wikitext":
        return to_cite_wikitext(estimates, ctx)
    raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "render", "unclassified_line"]
