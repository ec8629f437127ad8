"""Estimates kept in the store, one quantity at a time, for the pages and the API (part of
the Store).

A *scope* names what the estimates were computed with (the topic, the source table, the parts
counted); each scope keeps, per quantity, one row of figures and counts, its reports (each
with its claims) and its conflicts, as rows that a page reads a slice of with SQL. The scope's
``state`` is the store's change key when they were computed: while it matches, nothing is
recomputed, whatever the number of claims.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, func, or_, select, text, update

from tally.store.base import StoreBase
from tally.store.schema import ESTIMATE_FIELDS, SOURCE_FIELDS, articles, claims, estimate_scopes, estimates
from tally.store.schema import quantity_conflicts, quantity_estimates, quantity_reports, sources
from tally.types import Claim, Conflict, Estimate, SourceReport

CLAIMS_KEPT = 5  # claims kept whole per stored report (the rest by id): one wire figure may
# be repeated by thousands of articles, and a page shows a few sentences of each report


@dataclass
class StoredReport(SourceReport):
    """A report read back from the store: ``claims`` holds its first claims, ``claim_ids``
    every one's id, ``claims_total`` how many there are."""

    claim_ids: list[int | None] = field(default_factory=list)
    claims_total: int = 0


@dataclass
class StoredEstimate:
    """One quantity's stored estimate: its figures and counts, without its reports."""

    estimate: Estimate  # reports, conflicts, latest and floors left empty
    sources: int
    reports: int
    conflicts: int
    open_conflicts: int
    last_update: str | None


def usable_claims(parts: Iterable[str]) -> list[Any]:
    """The SQL conditions for a claim reconcile may use: from these parts, with a figure, not
    vague, in a current article (its accepts() decides the rest)."""
    return [
        claims.c.part.in_(list(parts)),
        or_(claims.c.low.is_not(None), claims.c.high.is_not(None)),
        claims.c.approx != "vague",
        articles.c.superseded_by.is_(None),
    ]


def group_of(grouped: bool) -> Any:
    """The SQL expression of the key a claim is reconciled under: its quantity, or without a
    topic (``grouped``) its automatic group when it has no quantity."""
    if not grouped:
        return claims.c.quantity
    return func.coalesce(claims.c.quantity, func.nullif(claims.c.auto_group, ""))


class EstimateTables(StoreBase):
    """Methods of :class:`tally.store.Store` over the stored estimates (see module docstring)."""

    def save_estimates(self, found: Sequence[Estimate], topic: str | None = None) -> None:
        """Replace the stored estimates and sources with these (the latest report's).

        Args:
            found: What reconcile returned.
            topic: The topic's name, if the report had one.
        """
        now = datetime.now(UTC).isoformat(timespec="seconds")
        by_source: dict[str, dict[str, Any]] = {}
        for est in found:
            for r in est.reports:
                row = by_source.setdefault(r.source, {"source": r.source, "kind": r.source_kind,
                                                      "weight": r.weight, "spellings": set(),
                                                      "quantities": set(), "reports": 0,
                                                      "outlets": set()})  # fmt: skip
                row["spellings"].update(r.spellings)
                row["quantities"].add(est.quantity)
                row["outlets"].update(r.outlets)
                row["reports"] += 1
        estimate_rows = [
            dict(zip(ESTIMATE_FIELDS, (e.quantity, e.label, e.unit, int(e.cumulative), e.low, e.best,
                                       e.high, e.period, len(e.sources), len(e.open_conflicts),
                                       json.dumps(e.reasons), topic, now)), position=i)
            for i, e in enumerate(found)
        ]  # fmt: skip
        source_rows = [
            {**r, "spellings": json.dumps(sorted(r["spellings"])), "quantities": json.dumps(sorted(r["quantities"])),
             "outlets": json.dumps(sorted(r["outlets"])), "computed_at": now, "position": i}
            for i, r in enumerate(by_source.values())
        ]  # fmt: skip

        def work(conn: Connection) -> None:
            conn.execute(estimates.delete())
            conn.execute(sources.delete())
            if estimate_rows:
                conn.execute(estimates.insert(), estimate_rows)
            if source_rows:
                conn.execute(sources.insert(), source_rows)

        self._transact(work)

    def table_rows(self, table: str) -> list[dict[str, Any]]:
        """The rows of the ``estimates`` or ``sources`` table, as dicts (lists decoded)."""
        fields = {"estimates": ESTIMATE_FIELDS, "sources": SOURCE_FIELDS}[table]
        t = {"estimates": estimates, "sources": sources}[table]
        rows = self._rows(select(*(t.c[f] for f in fields)).order_by(t.c.position))
        lists = {"reasons", "spellings", "quantities", "outlets"}
        return [{f: json.loads(r._mapping[f]) if f in lists else r._mapping[f] for f in fields} for r in rows]


    # -- what the estimates are computed from ------------------------------------------------

    def ungrouped_claims(self, batch: int = 5000) -> list[Claim]:
        """Up to ``batch`` claims whose automatic group is not computed yet (see set_groups)."""
        query = (
            select(claims, articles.c.origin).join(articles, articles.c.id == claims.c.article_id)
            .where(claims.c.auto_group.is_(None)).order_by(claims.c.id).limit(batch)
        )
        return [self._claim(r) for r in self._rows(query)]

    def set_groups(self, mapping: dict[int, str | None]) -> None:
        """Store each claim's automatic group (``tally.classify.group_key``; None: none)."""

        if not mapping:
            return
        stmt = update(claims).where(claims.c.id == bindparam("claim_id")).values(auto_group=bindparam("group"))
        rows = [{"claim_id": i, "group": g or ""} for i, g in mapping.items()]
        self._transact(lambda conn: conn.execute(stmt, rows))

    def quantities(self, parts: Iterable[str], grouped: bool) -> list[str]:
        """The keys that usable claims from ``parts`` are reconciled under (see group_of)."""
        key = group_of(grouped)
        query = (
            select(key).select_from(claims.join(articles))
            .where(*usable_claims(parts), key.is_not(None)).distinct()
        )
        return sorted(str(r[0]) for r in self._rows(query))

    def group_claims(self, group: str, parts: Iterable[str], grouped: bool) -> list[Claim]:
        """The usable claims from ``parts`` reconciled under ``group``, in insertion order."""
        query = (
            select(claims, articles.c.origin).join(articles, articles.c.id == claims.c.article_id)
            .where(*usable_claims(parts), group_of(grouped) == group).order_by(claims.c.id)
        )
        return [self._claim(r) for r in self._rows(query)]

    def source_names(self) -> set[str]:
        """Every source named by a current claim (reconcile learns acronyms from them)."""
        query = (
            select(claims.c.source).select_from(claims.join(articles))
            .where(claims.c.source.is_not(None), articles.c.superseded_by.is_(None)).distinct()
        )
        return {str(r[0]) for r in self._rows(query)}

    def new_claims_since(self, group: str, parts: Iterable[str], grouped: bool, since: str) -> int:
        """How many usable claims under ``group`` come from articles stored since ``since``."""
        query = (
            select(func.count()).select_from(claims.join(articles))
            .where(*usable_claims(parts), group_of(grouped) == group, articles.c.added_at >= since)
        )
        return int(self._rows(query)[0][0])

    # -- the stored estimates -----------------------------------------------------------------

    def estimates_state(self, scope: str) -> str | None:
        """The change key the scope's estimates were computed at (None: never)."""
        rows = self._rows(select(estimate_scopes.c.state).where(estimate_scopes.c.scope == scope))
        return str(rows[0][0]) if rows else None

    def save_quantity_estimate(
        self, scope: str, position: int, est: Estimate, last_update: str | None
    ) -> None:
        """Replace one quantity's stored estimate in a scope (its figures, reports, conflicts)."""
        index = {id(r): i for i, r in enumerate(est.reports)}
        row = {
            "scope": scope, "quantity": est.quantity, "position": position, "label": est.label,
            "unit": est.unit, "cumulative": int(est.cumulative), "low": est.low, "best": est.best,
            "high": est.high, "period": est.period, "sources": len(est.sources),
            "reports": len(est.reports), "conflicts": len(est.conflicts),
            "open_conflicts": len(est.open_conflicts), "last_update": last_update,
            "detail": json.dumps({"reasons": est.reasons, "sources": est.sources}),
            "marks": json.dumps({
                "latest": [index[id(r)] for r in est.latest if id(r) in index],
                "floors": [index[id(r)] for r in est.floors if id(r) in index],
            }),
        }  # fmt: skip
        reports = [
            {"scope": scope, "quantity": est.quantity, "position": i, "source": r.source,
             "data": json.dumps(_report_data(r))}
            for i, r in enumerate(est.reports)
        ]  # fmt: skip
        conflicts = [
            {"scope": scope, "quantity": est.quantity, "position": i, "data": json.dumps({
                "reason": c.reason, "explanation": c.explanation, "rule": c.rule,
                "a": index.get(id(c.a)), "b": index.get(id(c.b)),
            })}
            for i, c in enumerate(est.conflicts)
        ]  # fmt: skip

        def work(conn: Connection) -> None:
            _lock(conn, scope)
            for table in (quantity_estimates, quantity_reports, quantity_conflicts):
                c = table.c
                conn.execute(table.delete().where(c.scope == scope, c.quantity == est.quantity))
            conn.execute(quantity_estimates.insert(), [row])
            if reports:
                conn.execute(quantity_reports.insert(), reports)
            if conflicts:
                conn.execute(quantity_conflicts.insert(), conflicts)

        self._transact(work)

    def finish_estimates(
        self, scope: str, state: str, notes: dict[str, list[str]]
    ) -> None:
        """Mark a scope computed at ``state``: add each quantity's closing reasons (reconcile's
        notes) and drop the quantities that no longer have claims."""

        def work(conn: Connection) -> None:
            _lock(conn, scope)
            e = quantity_estimates.c
            for quantity, detail in conn.execute(
                select(e.quantity, e.detail).where(e.scope == scope)
            ).all():
                if quantity not in notes:
                    for table in (quantity_estimates, quantity_reports, quantity_conflicts):
                        conn.execute(table.delete().where(table.c.scope == scope, table.c.quantity == quantity))
                    continue
                data = json.loads(detail)
                data["reasons"] += notes[quantity]
                conn.execute(
                    quantity_estimates.update().where(e.scope == scope, e.quantity == quantity)
                    .values(detail=json.dumps(data))
                )
            conn.execute(estimate_scopes.delete().where(estimate_scopes.c.scope == scope))
            now = datetime.now(UTC).isoformat(timespec="seconds")
            conn.execute(estimate_scopes.insert().values(scope=scope, state=state, computed_at=now))

        self._transact(work)

    def stored_estimates(self, scope: str, quantity: str | None = None) -> list[StoredEstimate]:
        """A scope's stored estimates in the report's order (or the one of ``quantity``)."""
        e = quantity_estimates.c
        columns = [c for c in quantity_estimates.c if c.name != "marks"]
        query = select(*columns).where(e.scope == scope).order_by(e.position)
        if quantity is not None:
            query = query.where(e.quantity == quantity)
        out = []
        for row in self._rows(query):
            m = row._mapping
            est = Estimate(
                quantity=m["quantity"], label=m["label"], unit=m["unit"],
                cumulative=bool(m["cumulative"]), low=m["low"], best=m["best"], high=m["high"],
                period=m["period"], reasons=json.loads(m["detail"])["reasons"],
            )  # fmt: skip
            out.append(StoredEstimate(est, m["sources"], m["reports"], m["conflicts"],
                                      m["open_conflicts"], m["last_update"]))  # fmt: skip
        return out

    def stored_reports(
        self, scope: str, quantity: str, offset: int = 0, limit: int | None = None,
        positions: Sequence[int] | None = None,
    ) -> list[StoredReport]:
        """A slice of a stored estimate's reports (or those at ``positions``), in order."""
        r = quantity_reports.c
        query = select(r.data).where(r.scope == scope, r.quantity == quantity).order_by(r.position)
        if positions is not None:
            query = query.where(r.position.in_(list(positions)))
        return [_report(json.loads(row[0])) for row in self._rows(query.offset(offset).limit(limit))]

    def stored_report_sources(self, scope: str, quantity: str) -> list[str]:
        """The sources of a stored estimate's reports, each once, sorted."""
        e = quantity_estimates.c
        rows = self._rows(select(e.detail).where(e.scope == scope, e.quantity == quantity))
        return list(json.loads(rows[0][0])["sources"]) if rows else []

    def stored_conflicts(
        self, scope: str, quantity: str, offset: int = 0, limit: int | None = None
    ) -> list[Conflict]:
        """A slice of a stored estimate's conflicts, each with its two reports."""
        c = quantity_conflicts.c
        query = select(c.data).where(c.scope == scope, c.quantity == quantity).order_by(c.position)
        found = [json.loads(row[0]) for row in self._rows(query.offset(offset).limit(limit))]
        wanted = sorted({p for d in found for p in (d["a"], d["b"]) if p is not None})
        rows = self._rows(
            select(quantity_reports.c.position, quantity_reports.c.data)
            .where(quantity_reports.c.scope == scope, quantity_reports.c.quantity == quantity,
                   quantity_reports.c.position.in_(wanted))
        )  # fmt: skip
        by_position = {int(p): _report(json.loads(data)) for p, data in rows}
        return [
            Conflict(quantity=quantity, a=by_position[d["a"]], b=by_position[d["b"]],
                     reason=d["reason"], explanation=d["explanation"], rule=d["rule"])
            for d in found if d["a"] in by_position and d["b"] in by_position
        ]  # fmt: skip

    def stored_marks(self, scope: str, quantity: str) -> tuple[list[int], list[int]]:
        """The positions of a stored estimate's latest reports and of its floors."""
        e = quantity_estimates.c
        rows = self._rows(select(e.marks).where(e.scope == scope, e.quantity == quantity))
        if not rows:
            return [], []
        marks = json.loads(rows[0][0])
        return list(marks["latest"]), list(marks["floors"])


def _report_data(report: SourceReport) -> dict[str, Any]:
    data = asdict(report)
    data["claims"] = data["claims"][:CLAIMS_KEPT]
    data["claim_ids"] = [c.id for c in report.claims]
    data["claims_total"] = len(report.claims)
    return data


def _report(data: dict[str, Any]) -> StoredReport:
    data["claims"] = [Claim(**c) for c in data["claims"]]
    return StoredReport(**data)


def _lock(conn: Connection, scope: str) -> None:
    """On PostgreSQL, one writer of a scope at a time (two servers refreshing alike)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:s))"), {"s": "tally-estimates:" + scope})


__all__ = ["CLAIMS_KEPT", "EstimateTables", "StoredEstimate", "StoredReport", "group_of", "usable_claims"]
