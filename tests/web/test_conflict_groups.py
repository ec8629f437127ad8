"""Conflicts grouped for reading: the few real disagreements between sources for the latest
period first (five at most), the rest folded by reason with counts, in every report format and
in the web app."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tally.reconcile import reconcile
from tally.reconcile.grouping import KEY_SHOWN, group_conflicts
from tally.report import render
from tally.report.html import write_html
from tally.store import Store
from tally.types import Estimate, QuantityDef, ReportContext, Topic
from tally.web.server import create_app

from .conftest import TOKEN, claim_for, handmade_article, loopback_client

# Eight agencies give eight different death counts for 9 March (28 disagreements for the latest
# period); a week before, two of them gave smaller counts (earlier figures of a growing total).
LATEST = [310, 325, 340, 355, 370, 385, 400, 415]
AGENCIES = [f"Agency {chr(65 + i)}" for i in range(len(LATEST))]


@pytest.fixture
def conflicted_db(tmp_path: Path) -> Path:
    db = tmp_path / "conflicts.db"
    with Store(db) as store:
        for agency, count, day in [*zip(AGENCIES, LATEST, ["2025-03-09"] * 8), (AGENCIES[0], 120, "2025-03-02"),
                                   (AGENCIES[1], 150, "2025-03-02")]:  # fmt: skip
            text = f"{agency} said {count} people had died in the floods."
            article = handmade_article(text, outlet=f"{agency} wire", published=day, published_origin="given")
            claim = claim_for(text, str(count), text, low=count, unit="people", outcome="killed",
                              source=agency, as_of=day, quantity="deaths")  # fmt: skip
            store.add_article(article, [claim])
    return db


def _estimate(db: Path) -> Estimate:
    with Store(db) as store:
        claims, articles = store.claims(), {a.id: a for a in store.articles()}
    (est,) = reconcile(claims, Topic("floods", [QuantityDef("deaths", "People killed")]), articles)
    return est


def test_the_disagreements_for_the_latest_period_come_first_and_the_rest_fold(conflicted_db: Path) -> None:
    est = _estimate(conflicted_db)
    groups = group_conflicts(est)
    assert len(groups.key) == KEY_SHOWN == 5
    assert all(c.reason == "disagreement" and c.a.source != c.b.source for c in groups.key)
    assert all("2025-03-09" in (c.a.period, c.b.period) for c in groups.key)
    folded = {f.reason: f.count for f in groups.folded}
    assert folded["disagreement"] == 28 - 5
    assert folded["growing_total"] >= 2
    assert groups.total == len(est.conflicts)
    assert est.conflicts[:5] == groups.key  # stored so: the web app reads the first ones


def test_every_report_format_shows_at_most_five_unfolded(conflicted_db: Path, tmp_path: Path) -> None:
    est = _estimate(conflicted_db)
    data = json.loads(render([est], "json") or "")["estimates"][0]["conflict_groups"]
    assert len(data["shown"]) == 5 and {f["reason"]: f["count"] for f in data["folded"]}["disagreement"] == 23

    md = render([est], "md") or ""
    section = md.split("### Conflicts")[1].split("<details>")[0]
    assert section.count("\n- **disagreement between sources**") == 5
    assert "<details><summary>23 × disagreement between sources</summary>" in md

    from tally.report.table import table_text

    table = table_text([est], ReportContext(title="floods"), width=160)
    assert len(re.findall(r"^│ disagreement", table, re.MULTILINE)) == 5
    assert "23 × disagreement between sources" in table

    page = tmp_path / "report.html"
    write_html([est], page, ReportContext(title="floods"))
    html = page.read_text(encoding="utf-8")
    shown = html.split("<h3>Conflicts</h3>")[1].split("<details")[0]
    assert shown.count("<li>") == 5
    assert "<summary>23 × disagreement between sources</summary>" in html


def test_the_web_app_shows_five_and_folds_the_rest(conflicted_db: Path) -> None:
    with loopback_client(create_app(conflicted_db, token=TOKEN)) as client:
        page = client.get("/quantities/deaths").text
    table = page.split('id="conflicts"')[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + 5  # the header row and five conflicts
    assert re.search(r"<summary>23 × disagreement between sources</summary>", page)
    assert re.search(r"<summary>\d+ × later figure for a growing total</summary>", page)
