"""Timeline charts (Plotly): one per quantity, each report a point, ranges as bars.

Each source has its colour and legend entry; hedges keep their meaning in the marker: "at
least N" is an upward triangle, "up to N" a downward one, a range a point with a vertical bar,
"about N" a diamond. The value axis is fitted to the figures. The estimate's low–high is a band
and its best a dashed line. Each point carries its source, figure and the id of the claims-table
row (``anchor``) that quotes its sentence, so a page can link points to sentences.
"""

from __future__ import annotations

import html
from datetime import date

import plotly.graph_objects as go

from tally.dates.periods import iso_span
from tally.types import Estimate, SourceReport

# (trace name, marker symbol) per shape of figure.
SHAPES: dict[str, tuple[str, str]] = {
    "exact": ("stated figure", "circle"),
    "about": ("about", "diamond"),
    "range": ("range", "square"),
    "at_least": ("at least (a floor)", "triangle-up"),
    "at_most": ("up to (a ceiling)", "triangle-down"),
}


def report_anchor(quantity_index: int, report_index: int) -> str:
    """The HTML id of a report's first claim row in the page's claims table."""
    return f"claim-{quantity_index}-{report_index}"


def report_date(report: SourceReport) -> str | None:
    """Where a report sits on the time axis: the middle of its period, as an ISO day."""
    days = iso_span(report.period)
    if days is None:
        return None
    return date.fromordinal((days[0] + days[1]) // 2).isoformat()


def _shape(report: SourceReport) -> str:
    if report.low is not None and report.high is not None and report.low != report.high:
        return "range"
    return report.approx if report.approx in SHAPES else "exact"


def timeline_figure(estimate: Estimate, quantity_index: int = 0) -> go.Figure:
    """A timeline of an estimate's reports, one colour (and legend entry) per source.

    Args:
        estimate: One quantity's estimate.
        quantity_index: The quantity's position in the page, for the anchors in customdata.

    Returns:
        A Plotly figure; undated reports are left off (the tables list them).
    """
    fig = go.Figure()
    by_source: dict[str, list[tuple[int, SourceReport]]] = {}
    for i, report in enumerate(estimate.reports):
        if report_date(report) is not None:
            by_source.setdefault(report.source, []).append((i, report))
    for source, items in by_source.items():
        xs, ys, lows, highs, symbols, custom = [], [], [], [], [], []
        for i, report in items:
            shape = _shape(report)
            lo = report.low if report.low is not None else report.high
            hi = report.high if report.high is not None else report.low
            y = (lo + hi) / 2 if shape == "range" and lo is not None and hi is not None else lo
            xs.append(report_date(report))
            ys.append(y)
            lows.append((y or 0) - (lo or 0))
            highs.append((hi or 0) - (y or 0))
            symbols.append(SHAPES[shape][1])
            # Plotly draws some tags in hover text; the text is untrusted, so escape it.
            custom.append(
                [
                    html.escape(report.source),
                    html.escape(report.value_text),
                    html.escape(report.period or ""),
                    SHAPES[shape][0],
                    report_anchor(quantity_index, i),  # last: the page's scripts look for it there
                ]
            )
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="markers",
                name=html.escape(source),
                marker={"symbol": symbols, "size": 13, "line": {"width": 1}},
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": highs,
                    "arrayminus": lows,
                    "visible": any(highs) or any(lows),
                    "thickness": 3,
                },
                customdata=custom,
                hovertemplate="%{customdata[0]}<br>%{customdata[1]} (%{customdata[2]}, "
                "%{customdata[3]})<br>click: the sentence<extra></extra>",
            )
        )
    _estimate_band(fig, estimate)
    fig.update_xaxes(range=_date_range(estimate))
    fig.update_layout(
        title={"text": html.escape(estimate.label)},
        template="plotly_white",
        height=380,
        margin={"l": 70, "r": 20, "t": 50, "b": 40},
        xaxis={"title": {"text": "period (as of, else published)"}, "type": "date"},
        yaxis={"title": {"text": html.escape(estimate.unit or "figure")},
               "range": _value_range(estimate)},  # fmt: skip
        legend={"orientation": "h", "y": -0.25, "title": {"text": "source"}},
        showlegend=True,
    )
    return fig


def _value_range(estimate: Estimate) -> list[float] | None:
    """The value axis fitted to the figures and the low–high band, with a margin, so figures
    close together (1.3 and 1.47 million) are not squeezed against a zero far below."""
    values = [v for r in estimate.reports if report_date(r) is not None for v in (r.low, r.high) if v is not None]
    values += [v for v in (estimate.low, estimate.best, estimate.high) if v is not None]
    if not values:
        return None
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.15 or abs(hi) * 0.1 or 1.0
    return [max(lo - pad, 0.0) if lo >= 0 else lo - pad, hi + pad]


def _date_range(estimate: Estimate) -> list[str] | None:
    """The time axis with a margin, so reports on one day don't zoom it to milliseconds."""
    days = [iso_span(report_date(r)) for r in estimate.reports]
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
