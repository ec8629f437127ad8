"""The HTML report of the seeds and examples, through the real pipeline, drawn in chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from pngcheck import distinct_colours

from tally.app import Recorder, ingest_paths, report
from tally.options import IngestOptions, ReportOptions

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "report-seeds.png"

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow]


def test_seeds_report_is_small_titled_by_topic_and_draws(
    tmp_path: Path, seeds_dir: Path, examples_dir: Path, chromium  # type: ignore[no-untyped-def]
) -> None:
    db, topic, page_path = tmp_path / "t.db", examples_dir / "dprk-russia.toml", tmp_path / "r.html"
    quiet = Recorder()
    ingest_paths([seeds_dir, examples_dir / "corpus"], IngestOptions(db=db, topic=topic, progress=False), quiet)
    report(ReportOptions(db=db, topic=topic, format="html", output=page_path), quiet)
    assert page_path.stat().st_size < 1.5e6  # plotly's basic bundle, inlined once
    text = page_path.read_text(encoding="utf-8")
    assert "<title>North Korea&#39;s support to Russia&#39;s war against Ukraine — Tally</title>" in text
    context = chromium.new_context(viewport={"width": 1200, "height": 900}, offline=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(page_path.as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    charts = page.locator(".js-plotly-plot").count()
    assert charts == text.count('class="chart"') and charts >= 5
    page.locator("#chart-0").scroll_into_view_if_needed()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=False)
    assert distinct_colours(page.locator(".js-plotly-plot").first.screenshot()) > 20
    assert errors == [], errors
    context.close()
