"""File versions, removal, other outlets, stored estimates and dump/load, on SQLite and
PostgreSQL (the store features of issues 11 and 14)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tally.errors import FormatError, StoreError
from tally.store import Store
from tally.store.backup import dump, load
from tally.types import Estimate, SourceReport

from .samples import BODY, make_article, make_claims


def test_an_edited_file_from_the_same_origin_supersedes_the_old_text(db: str | Path) -> None:
    with Store(db) as store:
        old = make_article(origin="notes/flood.txt")
        store.add_article(old, make_claims(old))
        assert store.replaced == 0
        new = make_article(BODY + " The water fell by noon.", origin="notes/flood.txt")
        assert store.add_article(new, make_claims(new))
        assert store.replaced == 1
        assert store.article(old.id).superseded_by == new.id  # type: ignore[union-attr]
        assert new.duplicate_of is None  # a version of the file, not an echo of it
        other = make_article(BODY + " Elsewhere too.", origin="notes/other.txt")
        store.add_articles([(other, [])])
        assert store.replaced == 0 and store.article(other.id).superseded_by is None  # type: ignore[union-attr]


def test_find_takes_an_id_a_prefix_or_an_origin_and_refuses_ambiguity(db: str | Path) -> None:
    with Store(db) as store:
        first = make_article(origin="a.txt")
        second = make_article("A different story about 30 boats in the harbour.", origin="b.txt")
        store.add_articles([(first, []), (second, [])])
        assert store.find(first.id).id == first.id
        assert store.find(first.id[:8].upper()).id == first.id  # prefixes ignore case, as SQLite's LIKE
        assert store.find("b.txt").id == second.id
        with pytest.raises(StoreError, match="no article"):
            store.find("missing.txt")
        with pytest.raises(StoreError, match="no article"):
            store.find(first.id[:3])  # too short to be a prefix
        with pytest.raises(StoreError, match="no article"):
            store.find("%%%%%%")  # wildcards are taken literally


def test_remove_deletes_claims_and_brings_back_the_version_it_replaced(db: str | Path) -> None:
    with Store(db) as store:
        old = make_article(origin="notes/flood.txt")
        store.add_article(old, make_claims(old))
        new = make_article(BODY + " The water fell by noon.", origin="notes/flood.txt")
        store.add_article(new, make_claims(new))
        assert store.remove("notes/flood.txt").id == new.id  # the current version
        assert store.article(new.id) is None
        assert store.article(old.id).superseded_by is None  # type: ignore[union-attr]
        assert {c.article_id for c in store.claims()} == {old.id}
        copy = make_article(BODY + " Corrected.", origin="copy.txt")
        store.add_article(copy, [])
        assert copy.duplicate_of == old.id  # the bands of the removed article are gone too
        store.remove(old.id)
        assert store.article(copy.id).duplicate_of is None  # type: ignore[union-attr]


def test_another_outlet_is_recorded_once_and_shown_with_the_article(db: str | Path) -> None:
    with Store(db) as store:
        article = make_article()
        store.add_article(article, [])
        assert store.add_outlet(article.id, "Harbour Post", "post/flood.html")
        assert not store.add_outlet(article.id, "Harbour Post", "post/again.html")
        assert not store.add_outlet(article.id, "River Times", "x.html")  # its own outlet
        assert store.add_outlet(article.id, "Coast Daily", "coast/flood.html")
        assert not store.add_outlet("nope", "Coast Daily", "coast/flood.html")
        assert store.article(article.id).also_outlets == ["Harbour Post", "Coast Daily"]  # type: ignore[union-attr]
        assert store.articles()[0].also_outlets == ["Harbour Post", "Coast Daily"]


def _estimate(quantity: str, best: float, source: str) -> Estimate:
    report = SourceReport(
        quantity=quantity, source=source, source_kind="official", weight=1.0, low=best,
        high=best, approx="exact", period="2025-03", outlets=["River Times"],
        spellings=[source.lower()],
    )  # fmt: skip
    return Estimate(
        quantity=quantity, label=quantity.title(), unit="people", cumulative=True,
        low=best, best=best, high=best, period="2025-03", reports=[report],
    )  # fmt: skip


def test_saved_estimates_replace_the_last_ones_and_keep_their_order(db: str | Path) -> None:
    with Store(db) as store:
        store.save_estimates([_estimate("killed", 12, "Police")], topic="Flood")
        store.save_estimates(
            [_estimate("missing", 30, "Red Cross"), _estimate("displaced", 4000, "Police")], "Flood"
        )
        rows = store.table_rows("estimates")
        assert [(r["quantity"], r["best"], r["topic"]) for r in rows] == [
            ("missing", 30, "Flood"), ("displaced", 4000, "Flood"),
        ]  # fmt: skip
        sources = store.table_rows("sources")
        assert [(r["source"], r["quantities"], r["reports"]) for r in sources] == [
            ("Red Cross", ["missing"], 1), ("Police", ["displaced"], 1),
        ]  # fmt: skip


def test_a_dump_loads_into_an_empty_store_and_dumps_the_same(db: str | Path, tmp_path: Path) -> None:
    with Store(db) as store:
        old = make_article(origin="notes/flood.txt")
        store.add_article(old, make_claims(old))
        new = make_article(BODY + " The water fell by noon.", origin="notes/flood.txt")
        store.add_article(new, make_claims(new))
        first = io.StringIO()
        assert dump(store, first) == 6
    with Store(tmp_path / "copy.db") as copy:
        result = load(copy, first.getvalue().splitlines(), "dump.jsonl")
        assert (result.added, result.skipped, result.claims) == (2, 0, 4)
        again = io.StringIO()
        dump(copy, again)
        assert again.getvalue() == first.getvalue()
        assert load(copy, first.getvalue().splitlines(), "dump.jsonl").skipped == 2
        echo = make_article(BODY + " Corrected.", origin="echo.txt")
        copy.add_article(echo, [])
        assert echo.duplicate_of == old.id  # the loaded articles' bands are indexed
        copy.add_article(make_article("Later: 7 boats sank.", origin="z.txt"), make_claims(old))


def test_a_dump_into_a_store_with_claims_of_its_own_gets_new_claim_ids(
    db: str | Path, tmp_path: Path
) -> None:
    with Store(tmp_path / "source.db") as source:
        article = make_article(origin="a.txt")
        source.add_article(article, make_claims(article))
        text = io.StringIO()
        dump(source, text)
    with Store(db) as store:
        other = make_article("Another story: 9 people were hurt.", origin="b.txt")
        store.add_article(other, make_claims(other))
        assert load(store, text.getvalue().splitlines(), "d.jsonl").claims == 2
        ids = [c.id for c in store.claims(parts=None)]
        assert len(ids) == len(set(ids)) == 4
        later = make_article("Later still: 3 boats.", origin="c.txt")
        store.add_article(later, make_claims(later))  # the id sequence moved past loaded ids
        assert len({c.id for c in store.claims(parts=None)}) == 6


def test_a_bad_dump_line_is_named_and_nothing_is_loaded(db: str | Path) -> None:
    with Store(db) as store:
        article = make_article()
        store.add_article(article, make_claims(article))
        text = io.StringIO()
        dump(store, text)
    lines = text.getvalue().splitlines()
    lines[1] = lines[1].replace('"id"', '"idx"', 1)  # an article without its id
    with Store(db) as target:
        target.remove(article.id)
        with pytest.raises(FormatError, match=r"dump\.jsonl:2"):
            load(target, lines, "dump.jsonl")
        assert target.articles() == [] and target.claims(parts=None) == []
