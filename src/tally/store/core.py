"""The store: articles and their claims in SQLite or PostgreSQL, one schema for both.

One transaction per batch of articles, so a crash never leaves half an article behind.
Articles are keyed by their content hash and inserted with the database's own upsert
(``INSERT ... ON CONFLICT DO NOTHING``): adding the same article twice, from one process or
several at once, changes nothing. Each article keeps a MinHash signature of its body and its
LSH bands (an indexed table), so near-copies (one wire story on two sites) are found by a
lookup and marked with ``duplicate_of``; their claims are still stored, and reconcile decides
what echoes count for.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import func, select

from tally.store.articles import ArticleTables
from tally.store.base import _CLAIM_ROW
from tally.store.estimates import EstimateTables
from tally.store.followed import FeedTables
from tally.store.schema import CLAIM_FIELDS, articles, claims


class Store(ArticleTables, FeedTables, EstimateTables):
    """Articles and claims in a SQLite file (WAL mode) or a PostgreSQL database.

    Usable as a context manager, and from several threads at once (each call takes a pooled
    connection).

    Args:
        path: A SQLite file (created with the current schema when missing) or a
            ``postgresql://user:password@host:port/dbname`` URL (the database must exist; its
            tables are created or migrated on first use).

    Raises:
        StoreError: The database cannot be opened, is not a SQLite database, is another
            program's database, or was written by a newer Tally.
    """

    def digest(self) -> str:
        """A SHA-256 of what is stored, independent of ids and insertion order: every article
        id with its claims' fields, so two stores holding the same content compare equal."""
        state = hashlib.sha256()
        query = _CLAIM_ROW.order_by(
            claims.c.article_id, claims.c.start, claims.c.end, claims.c.mention, claims.c.id
        )
        for claim in map(self._claim, self._rows(query)):
            row = [claim.article_id, claim.source_chain, claim.rules]
            row += [getattr(claim, f) for f in CLAIM_FIELDS]
            state.update(json.dumps(row).encode())
        ids = self._rows(select(articles.c.id).order_by(articles.c.id))
        state.update(json.dumps([r[0] for r in ids]).encode())
        return state.hexdigest()

    def change_key(self) -> tuple[int, int]:
        """A cheap key that changes whenever an article or claim is added (two index lookups),
        for caches to check instead of recounting."""
        row = self._rows(
            select(
                select(func.coalesce(func.max(articles.c.seq), 0)).scalar_subquery(),
                select(func.coalesce(func.max(claims.c.id), 0)).scalar_subquery(),
            )
        )[0]
        return int(row[0]), int(row[1])

    def stats(self) -> dict[str, Any]:
        """Counts: articles, duplicates, claims by part, classified claims and quantities."""
        row = self._rows(
            select(
                select(func.count()).select_from(articles).scalar_subquery(),
                select(func.count()).where(articles.c.duplicate_of.is_not(None)).scalar_subquery(),
                select(func.count()).where(claims.c.quantity.is_not(None)).scalar_subquery(),
                select(func.count(claims.c.quantity.distinct())).scalar_subquery(),
            )
        )[0]
        by_part = {
            r[0]: int(r[1])
            for r in self._rows(select(claims.c.part, func.count()).group_by(claims.c.part))
        }
        return {
            "articles": int(row[0]),
            "duplicates": int(row[1]),
            "claims": sum(by_part.values()),
            "claims_by_part": by_part,
            "classified": int(row[2]),
            "quantities": int(row[3]),
        }
