"""Estimates kept per quantity (store/estimates.py) on SQLite and PostgreSQL: one group's
claims read with SQL, the figures, a page of reports and the conflicts read back as stored."""

from __future__ import annotations

from pathlib import Path

from tally.store import Store
from tally.types import Conflict, Estimate, SourceReport

from .samples import BODY, make_article, make_claims


def _report(source: str, low: float, claims: list) -> SourceReport:  # type: ignore[type-arg]
    return SourceReport(quantity="displaced", source=source, source_kind="official", weight=1.0,
                        low=low, high=None, approx="about", period="2025-03", claims=claims,
                        outlets=["River Times"], spellings=[source])  # fmt: skip


def test_an_estimate_is_read_back_as_stored_a_slice_at_a_time(db: str | Path) -> None:
    with Store(db) as store:
        article = make_article()
        store.add_article(article, make_claims(article))
        claim = store.claims()[0]
        reports = [_report(f"Agency {n}", 4000 + n, [claim]) for n in range(5)]
        est = Estimate(
            quantity="displaced", label="Displaced", unit="residents", cumulative=True, low=4000,
            best=4002, high=4004, period="2025-03", reports=reports, reasons=["E2 latest"],
            conflicts=[Conflict("displaced", reports[0], reports[3], "disagreement", "They differ.", "C9")],
            latest=[reports[4]],
        )  # fmt: skip
        store.save_quantity_estimate("s1", 0, est, "2025-03-04")
        store.finish_estimates("s1", "1:2", {"displaced": ["A closing note."]})
        assert store.estimates_state("s1") == "1:2" and store.estimates_state("s2") is None
        (stored,) = store.stored_estimates("s1")
        assert (stored.reports, stored.conflicts, stored.open_conflicts, stored.sources) == (5, 1, 1, 5)
        assert stored.estimate.reasons == ["E2 latest", "A closing note."]
        assert stored.last_update == "2025-03-04"
        page = store.stored_reports("s1", "displaced", offset=1, limit=2)
        assert [(r.source, r.low, r.claims, r.claim_ids, r.claims_total) for r in page] == [
            (r.source, r.low, [claim], [claim.id], 1) for r in reports[1:3]
        ]
        (conflict,) = store.stored_conflicts("s1", "displaced")
        assert (conflict.a.source, conflict.b.source, conflict.rule) == ("Agency 0", "Agency 3", "C9")
        assert store.stored_marks("s1", "displaced") == ([4], [])
        assert store.stored_report_sources("s1", "displaced") == [f"Agency {n}" for n in range(5)]
        store.finish_estimates("s1", "1:3", {})  # the quantity has no claims any more
        assert store.stored_estimates("s1") == [] and store.stored_reports("s1", "displaced") == []


def test_a_group_of_claims_is_read_by_quantity_or_automatic_group(db: str | Path) -> None:
    with Store(db) as store:
        first = make_article()
        second = make_article(BODY + " Later.", origin="later.txt")
        store.add_article(first, make_claims(first))
        unclassified = make_claims(second)
        unclassified[0].quantity = None
        store.add_article(second, unclassified)
        assert {c.id for c in store.ungrouped_claims()} == {c.id for c in store.claims(parts=None)}
        store.set_groups({c.id: ("residents_displaced" if c.part == "body" else None)  # type: ignore[misc]
                          for c in store.ungrouped_claims()})  # fmt: skip
        assert store.ungrouped_claims() == []
        assert store.quantities(["body"], grouped=False) == ["displaced"]
        assert store.quantities(["body"], grouped=True) == ["displaced", "residents_displaced"]
        (grouped,) = store.group_claims("residents_displaced", ["body"], grouped=True)
        assert grouped.article_id == second.id
        assert [c.article_id for c in store.group_claims("displaced", ["body"], False)] == [first.id]
        assert store.source_names() == {"Officials"}
        assert store.new_claims_since("displaced", ["body"], False, "2000-01-01") == 1
        assert store.new_claims_since("displaced", ["body"], False, "2999-01-01") == 0
        assert {a.id for a in store.articles_by_id([first.id, second.id, "nope"])} == {first.id, second.id}
