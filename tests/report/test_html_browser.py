"""The HTML report in a real headless browser (Debian's chromium): the charts draw."""

from __future__ import annotations

from pathlib import Path

import pytest
from pngcheck import distinct_colours

from tally.report.html import write_html
from tally.types import Article, Estimate

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "report.png"

pytestmark = pytest.mark.browser


@pytest.fixture
def page(tmp_path: Path, estimates: list[Estimate], articles: dict[str, Article], chromium):  # type: ignore[no-untyped-def]
    report = write_html(estimates, tmp_path / "report.html", articles)
    # Offline on purpose: the page must need nothing from the network.
    context = chromium.new_context(viewport={"width": 1200, "height": 900}, offline=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    page.goto(report.as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    yield page
    assert errors == [], errors  # no script error, and no injected alert() ran
    context.close()


def test_every_quantity_gets_a_chart_with_one_point_per_dated_report(
    page,
    estimates: list[Estimate],  # type: ignore[no-untyped-def]
) -> None:
    for qi, est in enumerate(estimates):
        points = page.locator(f"#chart-{qi} .scatterlayer .point").count()
        assert points == sum(1 for r in est.reports if r.period), est.quantity


def test_hedges_are_drawn_as_triangles_coloured_by_source(page) -> None:  # type: ignore[no-untyped-def]
    legend = page.locator("#chart-1 .legendtext").all_text_contents()
    assert "Seoul's spy agency" in legend and "Evening Star" in legend  # one entry per source
    symbols = page.evaluate(
        "() => document.getElementById('chart-1').data.flatMap((t) => t.marker.symbol)"
    )
    assert set(symbols) == {"triangle-up", "triangle-down"}
    colours = page.evaluate(
        "() => document.getElementById('chart-1')._fullData.map((t) => t.marker.color)"
    )
    assert len(set(colours)) == len(colours) == len(legend)


def test_clicking_a_point_scrolls_to_its_sentence(page) -> None:  # type: ignore[no-untyped-def]
    point = page.locator("#chart-0 .scatterlayer .point").first
    box = point.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("tr.target", timeout=5_000)
    target = page.locator("tr.target")
    assert target.get_attribute("id", timeout=1_000).startswith("claim-0-")
    assert "“" in target.inner_text()


def test_screenshot_shows_the_charts_drawn(page) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=False)
    chart = page.locator("#chart-0").screenshot()
    # A blank or failed chart is one or two colours; axes, markers, band and text are many.
    assert distinct_colours(chart) > 20
    assert SCREENSHOT.stat().st_size > 10_000
