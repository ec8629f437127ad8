"""The web app's estimates, computed one quantity at a time and kept in the store, are the
estimates reconcile gives over every claim at once; they are recomputed only when the store
changes, and the API's lists of them answer a page at a time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tally.classify import classify, load_topic
from tally.reconcile import reconcile
from tally.report.data import estimate_dict
from tally.store import Store
from tally.store.estimates import CLAIMS_KEPT
from tally.web.api import ESTIMATES_REPORTS
from tally.web.server import create_app
from tally.web.catalog import Catalog, Filters
from tests.web.conftest import TOKEN, TOPIC, claim_for, handmade_article, loopback_client


@pytest.fixture
def corpus_copy(corpus_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "corpus.db"
    shutil.copy(corpus_db, copy)
    return copy


@pytest.mark.parametrize("with_topic", [True, False])
@pytest.mark.parametrize("parts", [("body",), ("body", "comment")])
def test_stored_estimates_are_what_reconcile_gives_over_every_claim(
    corpus_copy: Path, with_topic: bool, parts: tuple[str, ...]
) -> None:
    topic = load_topic(TOPIC) if with_topic else None
    with Store(corpus_copy) as store:
        claims = store.claims()
        articles = {a.id: a for a in store.articles(with_text=False)}
    if topic is not None:
        classify(claims, topic)
    expected = reconcile(claims, topic=topic, articles=articles, parts=parts)
    assert len(expected) >= 2
    catalog = Catalog(corpus_copy, topic)
    try:
        stored = catalog.overview(parts)
        assert [s.estimate.quantity for s in stored] == [e.quantity for e in expected]
        for est in expected:
            view = catalog.view(est.quantity, Filters(parts))
            assert view is not None
            assert estimate_dict(view.estimate) == _kept(estimate_dict(est))
            assert [r.claim_ids for r in view.estimate.reports] == [  # type: ignore[attr-defined]
                [c.id for c in r.claims] for r in est.reports
            ]
            assert view.reports_total == len(est.reports) and view.sources == est.sources
            row = next(catalog.overview_row(s) for s in stored if s.estimate.quantity == est.quantity)
            assert (row["low"], row["best"], row["high"], row["sources"], row["conflicts"]) == (
                est.low, est.best, est.high, len(est.sources), len(est.conflicts)
            )  # fmt: skip
    finally:
        catalog.close()


def _kept(data: dict) -> dict:  # type: ignore[type-arg]
    """An estimate as the store keeps it: each report's first claims whole (the rest by id)."""
    for report in data["reports"]:
        report["claims"] = report["claims"][:CLAIMS_KEPT]
    return data


def _evacuations(store: Store, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        text = f"Agency {n} said {100 + n} people were evacuated, bulletin {n}."
        claim = claim_for(text, f"{100 + n} people", text, unit="people", low=100 + n,
                          source=f"Agency {n}", quantity="evacuated", as_of=f"2025-03-{n % 28 + 1:02d}")  # fmt: skip
        store.add_article(handmade_article(text, title=f"A{n}", published="2025-03-28"), [claim])


def test_estimates_are_kept_until_the_store_changes(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with Store(db) as store:
        _evacuations(store, 3)
    catalog = Catalog(db)
    try:
        scope = catalog.refresh()
        (first,) = catalog.overview()
        assert first.reports == 3
        state = catalog.store.estimates_state(scope)
        assert state is not None
        catalog.invalidate()
        catalog.refresh()
        assert catalog.store.estimates_state(scope) == state  # nothing new: nothing recomputed
        with Store(db) as other:  # another process ingests
            _evacuations(other, 2, start=3)
        (after,) = catalog.overview()
        assert after.reports == 5 and catalog.store.estimates_state(scope) != state
    finally:
        catalog.close()


def test_the_estimates_api_answers_a_page_of_reports_with_the_totals(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with Store(db) as store:
        _evacuations(store, ESTIMATES_REPORTS + 7)
    client = loopback_client(create_app(db, token=TOKEN))
    (est,) = client.get("/api/estimates").json()
    assert len(est["reports"]) == ESTIMATES_REPORTS and est["reports_total"] == ESTIMATES_REPORTS + 7
    assert len(est["sources"]) == ESTIMATES_REPORTS + 7  # every source, not the page's
    whole = client.get("/api/quantities/evacuated").json()
    assert len(whole["reports"]) == ESTIMATES_REPORTS + 7
    rest = client.get("/api/quantities/evacuated", params={"offset": 25, "limit": 5}).json()
    assert [r["source"] for r in rest["reports"]] == [r["source"] for r in whole["reports"][25:30]]
    rows = client.get("/api/quantities/evacuated/sources", params={"limit": 4}).json()
    assert [r["source"] for r in rows] == [r["source"] for r in whole["reports"][:4]]
    narrowed = client.get("/api/quantities/evacuated", params={"source": "Agency 3"}).json()
    assert [r["source"] for r in narrowed["reports"]] == ["Agency 3"] and narrowed["reports_total"] == 1


def test_removing_an_article_recomputes_the_estimates_it_was_behind(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with Store(db) as store:
        _evacuations(store, 3)
    catalog = Catalog(db)
    try:
        (before,) = catalog.overview()
        assert before.reports == 3
        with Store(db) as other:  # `tally rm` in another process
            other.remove(other.articles()[0].id)  # the change key (the latest ids) stays
        (after,) = catalog.overview()
        assert after.reports == 2
    finally:
        catalog.close()
