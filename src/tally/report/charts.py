"""Timeline charts (Plotly): one per quantity, each report a point, ranges as bars.

Hedges keep their meaning on the chart: "at least N" is an upward triangle, "up to N" a
downward one, a range a vertical bar, "about N" a diamond. The estimate's low–high is a band
and its best a dashed line. Each point carries its source, figure and the id of the claims-table
row (``anchor``) that quotes its sentence, so a page can link points to sentences.
"""

from __future__ import annotations

import html
from datetime import date

import plotly.graph_objects as go

from tally.reconcile.periods import parse_iso
from tally.types import Estimate, SourceReport

# (trace name, marker symbol) per shape of figure.
SHAPES: dict[str, tuple[str, str]] = {
    "exact": ("stated figure", "circle"),
    "about": ("about", "diamond"),
    "range": ("range", "line-ew"),
    "at_least": ("at least (a floor)", "triangle-up"),
    "at_most": ("up to (a ceiling)", "triangle-down"),
}


def report_anchor(quantity_index: int, report_index: int) -> str:
    """The HTML id of a report's first claim row in the page's claims table."""
    return f"claim-{quantity_index}-{report_index}"


def report_date(report: SourceReport) -> str | None:
    """Where a report sits on the time axis: the middle of its period, as an ISO day."""
    days = parse_iso(report.period)
    if days is None:
        return None
    return date.fromordinal((days[0] + days[1]) // 2).isoformat()


def _shape(report: SourceReport) -> str:
    if report.low is not None and report.high is not None and report.low != report.high:
        return "range"
    return report.approx if report.approx in SHAPES else "exact"


def timeline_figure(estimate: Estimate, quantity_index: int = 0) -> go.Figure:
    """A timeline of an estimate's reports.

    Args:
        estimate: One quantity's estimate.
        quantity_index: The quantity's position in the page, for the anchors in customdata.

    Returns:
        A Plotly figure; undated reports are left off (the tables list them).
    """
    fig = go.Figure()
    for shape, (name, symbol) in SHAPES.items():
        xs, ys, lows, highs, custom = [], [], [], [], []
        for i, report in enumerate(estimate.reports):
            when = report_date(report)
            if when is None or _shape(report) != shape:
                continue
            lo = report.low if report.low is not None else report.high
            hi = report.high if report.high is not None else report.low
            y = (lo + hi) / 2 if shape == "range" and lo is not None and hi is not None else lo
            xs.append(when)
            ys.append(y)
            lows.append((y or 0) - (lo or 0))
            highs.append((hi or 0) - (y or 0))
            # Plotly draws some tags in hover text; the text is untrusted, so escape it.
            custom.append(
                [
                    html.escape(report.source),
                    html.escape(report.value_text),
                    html.escape(report.period or ""),
                    report_anchor(quantity_index, i),
                ]
            )
        if not xs:
            continue
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="markers",
                name=name,
                marker={
                    "symbol": symbol,
                    "size": 18 if shape == "range" else 13,
                    "line": {"width": 3 if shape == "range" else 1},
                },
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": highs,
                    "arrayminus": lows,
                    "visible": shape == "range",
                    "thickness": 4,
                },
                customdata=custom,
                hovertemplate="%{customdata[0]}<br>%{customdata[1]} (%{customdata[2]})"
                "<br>click: the sentence<extra></extra>",
            )
        )
    _estimate_band(fig, estimate)
    fig.update_xaxes(range=_date_range(estimate))
    fig.update_layout(
        title={"text": html.escape(estimate.label)},
        template="plotly_white",
        height=360,
        margin={"l": 60, "r": 20, "t": 50, "b": 40},
        xaxis={"title": "period (as of, else published)", "type": "date"},
        yaxis={"title": html.escape(estimate.unit or "figure"), "rangemode": "tozero"},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig


def _date_range(estimate: Estimate) -> list[str] | None:
    """The time axis with a margin, so reports on one day don't zoom it to milliseconds."""
    days = [parse_iso(report_date(r)) for r in estimate.reports]
    ordinals = [d[0] for d in days if d is not None]
    if not ordinals:
        return None
    pad = max(20, (max(ordinals) - min(ordinals)) // 20)
    first, last = date.fromordinal(min(ordinals) - pad), date.fromordinal(max(ordinals) + pad)
    return [first.isoformat(), last.isoformat()]


def _estimate_band(fig: go.Figure, estimate: Estimate) -> None:
    if estimate.low is not None and estimate.high is not None:
        fig.add_hrect(
            y0=estimate.low,
            y1=estimate.high,
            fillcolor="LightSkyBlue",
            opacity=0.2,
            line_width=0,
            annotation_text="low–high",
            annotation_position="top left",
        )
    if estimate.best is not None:
        fig.add_hline(
            y=estimate.best,
            line_dash="dash",
            annotation_text="best",
            annotation_position="bottom right",
        )
