"""Reports: estimates as a terminal table, JSON, Markdown or one self-contained HTML page.

Public API: :func:`render`; :func:`tally.report.html.write_html`;
:func:`tally.report.charts.timeline_figure`.
"""

from __future__ import annotations

import json

from rich.console import Console

from tally.report.data import estimate_dict
from tally.report.markdown import to_markdown
from tally.report.table import print_estimates
from tally.types import Estimate

FORMATS = ("table", "json", "md")


def render(estimates: list[Estimate], fmt: str, console: Console | None = None) -> str | None:
    """Show estimates in a format.

    Args:
        estimates: What :func:`tally.reconcile.reconcile` returned.
        fmt: "table" prints rich tables to ``console``; "json" and "md" return text.
        console: Where "table" prints (stdout by default); inject one to capture it.

    Returns:
        The JSON or Markdown text; None for "table", which prints instead.

    Raises:
        ValueError: An unknown format (the CLI only offers the known ones).
    """
    if fmt == "table":
        print_estimates(estimates, console or Console())
        return None
    if fmt == "json":
        return json.dumps([estimate_dict(e) for e in estimates], indent=2, ensure_ascii=False)
    if fmt == "md":
        return to_markdown(estimates)
    raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")
