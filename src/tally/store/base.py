"""The store's connection: the engine, one transaction per write (retried when PostgreSQL
aborts one of two crossing writers), reads that see one state, and the rows turned back into
Articles and Claims. The tables' methods (articles.py, claims.py, followed.py, estimates.py)
build on it; :class:`tally.store.Store` joins them.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from sqlalchemy import Connection, Select, exc, select
from sqlalchemy.dialects import postgresql, sqlite

from tally.errors import StoreError
from tally.store.engine import is_url, label, make_engine
from tally.store.schema import ARTICLE_FIELDS, CLAIM_FIELDS, articles, claims, migrate
from tally.types import Article, Claim, Segment

T = TypeVar("T")
WRITE_RETRIES = 5  # PostgreSQL may abort one of two crossing writers (deadlock, serialization)
_META_COLUMNS = [articles.c[f] for f in ARTICLE_FIELDS if f != "text"]
_CLAIM_ROW = select(claims, articles.c.origin).join(articles, articles.c.id == claims.c.article_id)


class StoreBase:
    """The connection half of :class:`tally.store.Store` (see the module docstring)."""

    def __init__(self, path: str | Path):
        self.where = label(path)
        self.path = None if is_url(path) else Path(path)
        self.replaced = 0  # articles the last add_article(s) call stored as new versions
        if self.path is not None and self.path.is_dir():
            raise StoreError("is a directory, not a database file", path=self.where)
        self._engine = make_engine(path)
        self._dialect = self._engine.dialect.name
        self._local = threading.local()
        try:
            with self._engine.connect().execution_options(tally_write=True) as conn:
                migrate(conn, self.where)
        except exc.OperationalError as error:
            self._engine.dispose()
            raise StoreError(f"cannot open database: {_reason(error)}", path=self.where) from error
        except exc.SQLAlchemyError as error:
            self._engine.dispose()
            raise StoreError(f"not a Tally database ({_reason(error)})", path=self.where) from error
        except StoreError:
            self._engine.dispose()
            raise


    def close(self) -> None:
        """Close the database connections."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Make this thread's reads inside the block see one consistent state of the store.

        Writers go on meanwhile; what they commit shows after the block.
        """
        if getattr(self._local, "conn", None) is not None:
            yield  # already inside one
            return
        with self._engine.connect() as conn:
            if self._dialect == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                self._local.conn = conn
                try:
                    yield
                finally:
                    self._local.conn = None

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction for a caller's own statements (a dump being loaded):
        committed when the block ends, rolled back when it raises; not retried."""
        with self._engine.connect().execution_options(tally_write=True) as conn:
            with conn.begin():
                yield conn

    def _transact(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` in one write transaction, again when PostgreSQL aborted it for a
        conflict with another writer (nothing of the aborted try is kept)."""
        for attempt in range(WRITE_RETRIES):
            try:
                with self._engine.connect().execution_options(tally_write=True) as conn:
                    with conn.begin():
                        return work(conn)
            except exc.OperationalError as error:
                if not _retryable(error) or attempt == WRITE_RETRIES - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")


    def _upsert(self, table: Any) -> Any:
        dialect = postgresql if self._dialect == "postgresql" else sqlite
        return dialect.insert(table)

    def _rows(self, query: Select[Any]) -> list[Any]:
        conn: Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            return list(conn.execute(query).all())
        with self._engine.connect() as fresh:
            return list(fresh.execute(query).all())

    @staticmethod
    def _article(row: Any) -> Article:
        m = row._mapping
        if "text" not in m:
            return Article(text="", **{f: m[f] for f in ARTICLE_FIELDS if f != "text"})
        segments = [Segment(part, start, end) for part, start, end in json.loads(m["segments"])]
        return Article(segments=segments, **{f: m[f] for f in ARTICLE_FIELDS})

    @staticmethod
    def _claim(row: Any) -> Claim:
        m = row._mapping
        return Claim(
            **{f: m[f] for f in CLAIM_FIELDS if f != "prior_value"},
            prior_value=bool(m["prior_value"]),
            definition=json.loads(m["definition"]),
            source_chain=json.loads(m["source_chain"]),
            rules=json.loads(m["rules"]),
            article_id=m["article_id"],
            doc=Path(m["origin"]).name or m["origin"],
            id=m["id"],
        )

    def _known_ids(self, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        return {r[0] for r in self._rows(select(articles.c.id).where(articles.c.id.in_(ids)))}


def _retryable(error: exc.OperationalError) -> bool:
    # psycopg's DeadlockDetected (40P01) and SerializationFailure (40001).
    return getattr(error.orig, "sqlstate", None) in ("40P01", "40001")


def _reason(error: exc.SQLAlchemyError) -> str:
    orig = getattr(error, "orig", None)
    return " ".join(str(orig or error).split())
