"""The HTML page and its charts, without a browser: self-contained, escaped, one chart each."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from report_corpus import HOSTILE

from tally.report.charts import report_anchor, timeline_figure
from tally.report.html import render_html, write_html
from tally.types import Article, Estimate


class _Resources(HTMLParser):
    """Collects what the page would fetch: script src, link href, img src, iframe src."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"script": "src", "link": "href", "img": "src", "iframe": "src"}.get(tag)
        self.fetched += [v or "" for k, v in attrs if k == wanted]


def test_page_is_self_contained(estimates: list[Estimate], tmp_path: Path) -> None:
    page = write_html(estimates, tmp_path / "r.html").read_text(encoding="utf-8")
    parser = _Resources()
    parser.feed(page)
    assert parser.fetched == []
    assert "Plotly.newPlot" in page and "window.Plotly" in page  # the library is inlined
    assert page.count('class="chart"') == len(estimates)


def test_untrusted_text_never_reaches_the_page_as_markup(
    estimates: list[Estimate], articles: dict[str, Article]
) -> None:
    page = render_html(estimates, articles)
    assert HOSTILE not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page


def test_only_web_addresses_become_links(
    estimates: list[Estimate], articles: dict[str, Article]
) -> None:
    articles["a2"].url = "javascript:alert(1)"
    page = render_html(estimates, articles)
    assert 'href="https://example.org/a1"' in page
    assert "javascript:alert" not in page


def test_claims_table_quotes_each_sentence_with_the_mention_marked(
    estimates: list[Estimate],
) -> None:
    page = render_html(estimates)
    assert f'id="{report_anchor(0, 0)}"' in page
    assert "<mark>11,000 troops</mark>" in page


def test_timeline_uses_triangles_for_hedges_and_links_points(estimates: list[Estimate]) -> None:
    fig = timeline_figure(estimates[1], 1)
    shapes = {row[3]: symbol for t in fig.data for row, symbol in zip(t.customdata, t.marker.symbol, strict=True)}
    assert shapes == {"at least (a floor)": "triangle-up", "up to (a ceiling)": "triangle-down"}
    anchors = {row[-1] for t in fig.data for row in t.customdata}
    assert anchors == {report_anchor(1, i) for i in range(len(estimates[1].reports))}


def test_timeline_colours_points_by_source_with_a_legend(estimates: list[Estimate]) -> None:
    fig = timeline_figure(estimates[0])
    names = [t.name for t in fig.data]
    assert len(names) == len(set(names)) == len({r.source for r in estimates[0].reports})
    assert fig.layout.showlegend and fig.layout.legend.title.text == "source"


def test_timeline_draws_a_range_as_a_bar(estimates: list[Estimate]) -> None:
    (trace,) = [t for t in timeline_figure(estimates[0]).data if "range" in {r[3] for r in t.customdata}]
    assert trace.y == (14500,)
    assert (trace.error_y.arrayminus, trace.error_y.array) == ((500,), (500,))
    assert trace.error_y.visible


def test_value_axis_is_fitted_to_the_figures(estimates: list[Estimate]) -> None:
    lo, hi = timeline_figure(estimates[0]).layout.yaxis.range
    values = [v for r in estimates[0].reports for v in (r.low, r.high) if v is not None]
    assert 0 < lo < min(values) and max(values) < hi < max(values) * 1.5


def test_plotly_is_inlined_once_and_matches_the_python_packages_version(
    estimates: list[Estimate],
) -> None:
    from plotly.offline import get_plotlyjs_version

    from tally.report.html import PLOTLY_JS

    page = render_html(estimates + estimates)
    head = PLOTLY_JS.read_text(encoding="utf-8")[:200]
    assert f"v{get_plotlyjs_version()}" in head
    assert page.count("plotly.js (basic - minified)") == 1
    assert len(page.encode()) < 1.5e6


def test_page_is_titled_by_the_topic_and_opens_with_the_summary(
    estimates: list[Estimate], articles: dict[str, Article]
) -> None:
    from tally.types import ReportContext

    page = render_html(estimates, ReportContext(title="Floods in the Tarn valley", articles=articles))
    assert "<title>Floods in the Tarn valley — Tally</title>" in page
    assert page.index('class="summary"') < page.index('class="chart"')


def test_reports_of_one_day_get_a_readable_time_axis(estimates: list[Estimate]) -> None:
    one_day = estimates[0]
    for report in one_day.reports:
        report.period = "2025-01-15"
    start, end = timeline_figure(one_day).layout.xaxis.range
    assert (start, end) == ("2024-12-26", "2025-02-04")
