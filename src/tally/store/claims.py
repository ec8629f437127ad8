"""Claims in the store: written with their article, read back filtered, counted, searched."""

from __future__ import annotations

import json
from tally import rx as re  # linear-time matching: see tally/rx.py
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, ColumnElement, bindparam, func, or_, select

from tally.store.base import _CLAIM_ROW, _META_COLUMNS, StoreBase
from tally.store.schema import CLAIM_FIELDS, articles, claims
from tally.types import Article, Claim


class ClaimTables(StoreBase):
    """Methods of :class:`tally.store.Store` over the ``claims`` table."""

    def _insert_claims(self, conn: Connection, article_id: str, found: Sequence[Claim]) -> list[int]:
        if not found:
            return []
        rows = [
            {
                "article_id": article_id,
                "source_chain": json.dumps(c.source_chain),
                "rules": json.dumps(c.rules, sort_keys=True),
                "definition": json.dumps(c.definition),
                **{f: getattr(c, f) for f in CLAIM_FIELDS},
                "prior_value": int(c.prior_value),
            }
            for c in found
        ]
        stmt = claims.insert().returning(claims.c.id, sort_by_parameter_order=True)
        return [int(r[0]) for r in conn.execute(stmt, rows)]

    def set_quantities(self, mapping: dict[int, str | None]) -> None:
        """Set (or clear, with None) the quantity of claims by claim id, in one transaction."""
        if not mapping:
            return
        update = claims.update().where(claims.c.id == bindparam("claim_id"))
        rows = [{"claim_id": i, "new_quantity": q} for i, q in mapping.items()]
        self._transact(lambda conn: conn.execute(update.values(quantity=bindparam("new_quantity")), rows))

    def claim_counts(self, article_ids: Iterable[str]) -> dict[str, int]:
        """How many claims each of these articles has (articles without any are left out)."""
        wanted = list(article_ids)
        if not wanted:
            return {}
        query = select(claims.c.article_id, func.count()).where(claims.c.article_id.in_(wanted))
        return {r[0]: int(r[1]) for r in self._rows(query.group_by(claims.c.article_id))}

    def claims(
        self,
        parts: Iterable[str] | None = None,
        quantity: str | None = None,
        article_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        superseded: bool = False,
        after: int = 0,
    ) -> list[Claim]:
        """Stored claims in insertion order, filtered by part, quantity and article.

        Args:
            parts: Keep only claims from these parts ("body", "comment", "furniture").
            quantity: Keep only claims classified as this quantity.
            article_id: Keep only this article's claims.
            limit: At most this many (all by default), after skipping ``offset``.
            offset: Skip this many first.
            superseded: Also the claims of older versions of refetched pages (left out by
                default: reports count a page's newest version only).
            after: Only claims with a greater id (to read them all a batch at a time).
        """
        where = _claim_filters(parts, quantity, article_id)
        if after:
            where.append(claims.c.id > after)
        if not superseded and article_id is None:
            where.append(articles.c.superseded_by.is_(None))
        query = _CLAIM_ROW.where(*where)
        query = query.order_by(claims.c.id).offset(offset).limit(limit)
        return [self._claim(r) for r in self._rows(query)]

    def count_claims(
        self,
        parts: Iterable[str] | None = None,
        quantity: str | None = None,
        article_id: str | None = None,
    ) -> int:
        """How many claims :meth:`claims` would return with these filters."""
        where = _claim_filters(parts, quantity, article_id)
        if article_id is None:
            where.append(articles.c.superseded_by.is_(None))
        query = select(func.count()).select_from(claims.join(articles))
        return int(self._rows(query.where(*where))[0][0])

    def iter_claims(self, parts: Iterable[str] | None = None, batch: int = 5000) -> Iterator[Claim]:
        """Every current claim (optionally from ``parts`` only) in insertion order, read in
        batches by id, so that millions never sit in one list."""
        wanted = None if parts is None else list(parts)
        last = 0
        while True:
            where = [claims.c.id > last, articles.c.superseded_by.is_(None)]
            query = _CLAIM_ROW.where(*where, *_claim_filters(wanted, None, None))
            rows = self._rows(query.order_by(claims.c.id).limit(batch))
            for row in rows:
                yield self._claim(row)
            if len(rows) < batch:
                return
            last = int(rows[-1]._mapping["id"])

    def claim(self, claim_id: int) -> Claim | None:
        """The claim with this id, if stored."""
        if not -(2**63) <= claim_id < 2**63:
            return None  # no database integer: no such claim
        rows = self._rows(_CLAIM_ROW.where(claims.c.id == claim_id))
        return self._claim(rows[0]) if rows else None

    def search(
        self, text: str, limit: int | None = None, offset: int = 0
    ) -> tuple[list[Article], list[Claim]]:
        """Articles (metadata only: ``text`` empty) and claims whose text holds ``text``
        (case-insensitive substring).

        Args:
            text: The words to look for, taken literally (``%`` and ``_`` are no wildcards).
            limit: At most this many articles and this many claims (all by default).
            offset: Skip this many first articles and this many first claims.
        """
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", text) + "%"

        def like(*cols: Any) -> ColumnElement[bool]:
            return or_(*(c.ilike(pattern, escape="\\") for c in cols))

        a = articles.c
        arts = self._rows(
            select(*_META_COLUMNS).where(like(a.title, a.text, a.origin, a.outlet))
            .order_by(a.seq, a.id).offset(offset).limit(limit)
        )
        c = claims.c
        found = self._rows(
            _CLAIM_ROW.where(like(c.sentence, c.unit, c.source, c.quantity))
            .order_by(c.id).offset(offset).limit(limit)
        )
        return [self._article(r) for r in arts], [self._claim(r) for r in found]


def _claim_filters(
    parts: Iterable[str] | None, quantity: str | None, article_id: str | None
) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if parts is not None:
        where.append(claims.c.part.in_(list(parts)))
    if quantity is not None:
        where.append(claims.c.quantity == quantity)
    if article_id is not None:
        where.append(claims.c.article_id == article_id)
    return where
