"""The app in a real headless Chromium (Debian's), driven by Playwright: from the overview to
a figure's sentence, ingest with and without the token, untrusted markup shown as text.

Each page's screenshot goes to docs/screenshots/ so the pages can be seen without running them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.web.conftest import ROOT, TOKEN, XSS_IMG, XSS_SCRIPT, LiveServer

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.model]

SHOTS = ROOT / "docs" / "screenshots"
# Written for this test: a later figure for a quantity of the example topic.
UPLOAD = (
    "title: Kim's contingent keeps growing\n"
    "outlet: Test Courier\n"
    "published: 2025-06-20\n"
    "---\n"
    "Western officials said on Thursday that about 18,000 North Korean troops were now "
    "deployed in Russia, up from earlier counts.\n"
)


@dataclass
class Tab:
    """A browser page and what went wrong in it (console errors, uncaught exceptions)."""

    page: playwright_api.Page
    errors: list[str] = field(default_factory=list)

    def script_errors(self) -> list[str]:
        """Errors other than Plotly's optional map stylesheet, which the CSP keeps out."""
        return [e for e in self.errors if "style-src" not in e]


@pytest.fixture(scope="session")
def browser(chromium: playwright_api.Browser) -> playwright_api.Browser:
    return chromium


@pytest.fixture
def tab(browser: playwright_api.Browser) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    tab = Tab(page)
    page.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: tab.errors.append(f"uncaught: {e}"))
    yield tab
    context.close()


def shot(tab: Tab, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(SHOTS / name), full_page=True)


def test_a_figure_leads_from_the_overview_to_its_highlighted_sentence(
    live_server: LiveServer, tab: Tab
) -> None:
    page = tab.page
    page.goto(live_server.url + "/")
    expect(page.locator("#quantities tbody tr")).not_to_have_count(0)
    shot(tab, "overview.png")

    page.get_by_role("link", name="North Korean troops sent to Russia").click()
    expect(page.locator("#chart[data-ready]")).to_be_attached(timeout=15_000)
    expect(page.locator("#chart .scatterlayer .point").first).to_be_visible()
    shot(tab, "quantity.png")

    figure = page.locator("#sources a.figure").last
    mention = figure.inner_text().strip("“”")
    figure.click()
    mark = page.locator("mark#hl")
    expect(mark).to_be_visible()
    expect(mark).to_contain_text(mention)
    expect(mark.locator("a.fig.chosen")).to_have_text(mention)
    expect(mark).to_be_in_viewport()
    expect(page.locator("dl.meta")).to_contain_text("Harbour Post")
    shot(tab, "article.png")
    assert tab.script_errors() == []


def test_clicking_a_point_on_the_timeline_opens_its_sentence(
    live_server: LiveServer, tab: Tab
) -> None:
    page = tab.page
    page.goto(live_server.url + "/quantities/dprk_troops_deployed")
    expect(page.locator("#chart[data-ready]")).to_be_attached(timeout=15_000)
    box = page.locator("#chart .scatterlayer .point").first.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.wait_for_url("**/articles/**")
    expect(page.locator("mark#hl")).to_be_visible()


def test_the_highlighted_sentence_is_scrolled_into_view(live_server: LiveServer, tab: Tab) -> None:
    page = tab.page
    page.set_viewport_size({"width": 900, "height": 420})
    claims = httpx.get(live_server.url + "/api/claims", params={"part": "comment"}).json()
    last = max(claims, key=lambda c: c["start"])  # a reader comment, low on its page
    page.goto(f"{live_server.url}/articles/{last['article_id']}?claim={last['id']}")
    mark = page.locator("mark#hl")
    expect(mark).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 0
    expect(mark.locator("xpath=ancestor::section[1]")).to_have_attribute("data-part", "comment")
    shot(tab, "article-comments.png")


def test_article_markup_is_shown_as_text_and_never_runs(live_server: LiveServer, tab: Tab) -> None:
    page = tab.page
    articles = httpx.get(live_server.url + "/api/articles").json()
    xss = next(a for a in articles if a["name"] == "xss-floods.txt")
    claims = httpx.get(live_server.url + "/api/claims", params={"article_id": xss["id"]}).json()
    page.goto(f"{live_server.url}/articles/{xss['id']}?claim={claims[-1]['id']}")
    text = page.locator("#article-text")
    expect(text).to_contain_text(XSS_SCRIPT)
    expect(text).to_contain_text(XSS_IMG)
    expect(page.locator("h1")).to_have_text("Flood relief <b>update</b>")
    assert page.locator("#article-text img, #article-text script, h1 b").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.goto(f"{live_server.url}/search?q=shelters")
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_an_upload_with_the_token_adds_its_figures(
    empty_server: LiveServer, tab: Tab, tmp_path: Path
) -> None:
    page = tab.page
    upload = tmp_path / "contingent.txt"
    upload.write_text(UPLOAD, encoding="utf-8")
    page.goto(empty_server.url + "/ingest")
    page.fill("input[name=token]", TOKEN)
    page.set_input_files("input[name=files]", str(upload))
    shot(tab, "ingest.png")
    page.click("button[type=submit]")
    expect(page.locator("#job-state")).to_have_text("done", timeout=60_000)
    expect(page.locator("#job-summary")).to_contain_text("1 article(s) added")
    shot(tab, "job.png")

    page.locator("#job-articles a").first.click()
    expect(page.locator("h1")).to_have_text("Kim's contingent keeps growing")
    expect(page.locator("#claims")).to_contain_text("about 18,000")

    page.goto(empty_server.url + "/")
    row = page.locator("#quantities tr", has_text="North Korean troops sent to Russia")
    expect(row).to_contain_text("18,000")
    assert tab.script_errors() == []


def test_an_upload_without_the_token_is_refused(empty_server: LiveServer, tab: Tab) -> None:
    page = tab.page
    page.goto(empty_server.url + "/ingest")
    # The field is required in the form; remove that to see what the server says.
    page.eval_on_selector("input[name=token]", "el => el.removeAttribute('required')")
    page.fill("textarea[name=text]", UPLOAD)
    with page.expect_response(
        lambda r: r.url.endswith("/ingest") and r.request.method == "POST"
    ) as answer:
        page.click("button[type=submit]")
    assert answer.value.status == 401
    expect(page.locator("#error")).to_contain_text("write token is required")
    assert httpx.get(empty_server.url + "/api/articles").json() == []
