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
from tally import rx as re  # linear-time matching: see tally/rx.py
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

from sqlalchemy import Connection, ColumnElement, Select, and_, bindparam, exc, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from tally.errors import StoreError
from tally.store.dedup import DUPLICATE_JACCARD, band_keys, body_text, load_signature, signature
from tally.store.dedup import signature_bytes
from tally.store.engine import is_url, label, make_engine
from tally.store.estimates import EstimateTables
from tally.store.feeds import FeedTables
from tally.store.schema import ARTICLE_FIELDS, CLAIM_FIELDS, ESTIMATE_FIELDS, SOURCE_FIELDS
from tally.store.schema import article_bands, article_outlets, articles, claims, estimates
from tally.store.schema import estimate_scopes, inputs, migrate, sources
from tally.types import Article, Claim, Estimate, Segment

if TYPE_CHECKING:
    from datasketch import MinHash

T = TypeVar("T")
WRITE_RETRIES = 5  # PostgreSQL may abort one of two crossing writers (deadlock, serialization)
_META_COLUMNS = [articles.c[f] for f in ARTICLE_FIELDS if f != "text"]
_CLAIM_ROW = select(claims, articles.c.origin).join(articles, articles.c.id == claims.c.article_id)


class Store(FeedTables, EstimateTables):
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

    # -- lifecycle -------------------------------------------------------------------------

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

    # -- writing ---------------------------------------------------------------------------

    def add_article(
        self, article: Article, claims: Sequence[Claim], supersedes: str | None = None
    ) -> bool:
        """Store an article and its claims in one transaction.

        Sets ``article.duplicate_of`` when its body is a near-copy of a stored article, and
        ``article_id`` and ``id`` on each claim.

        Args:
            article: The article.
            claims: Its claims.
            supersedes: The id of an older version of the same page, which is kept and marked
                ``superseded_by`` this one in the same transaction.

        Returns:
            True if the article was added; False if an article with its id was already stored.
        """
        # Without ``supersedes``, an edited file re-ingested from the same origin is found by
        # the store: the new text is the current version, the old one stays, marked.
        older = {article.id: supersedes} if supersedes is not None else None
        return self.add_articles([(article, claims)], older)[0]

    def add_articles(
        self,
        batch: Sequence[tuple[Article, Sequence[Claim]]],
        supersedes: Mapping[str, str] | None = None,
    ) -> list[bool]:
        """Store several articles with their claims in one transaction (see add_article).

        Args:
            batch: Articles with their claims.
            supersedes: For new versions of a page: new article id -> the older version's id.
                An article not named here supersedes the current article stored from the
                same origin, if any (an edited file re-ingested).

        Returns:
            For each article in order, whether it was added; ``replaced`` counts those added
            as new versions.
        """
        known = self._known_ids([a.id for a, _ in batch])
        todo = [(i, a, c) for i, (a, c) in enumerate(batch) if a.id not in known]
        # In the order given, so the first of two near-copies stays the original. Two writers
        # inserting overlapping batches in crossing orders may deadlock on PostgreSQL: it
        # aborts one, which _transact runs again.
        added = [False] * len(batch)
        sigs = {a.id: signature(body_text(a)) for _, a, _ in todo}
        older_of = supersedes or {}

        def work(conn: Connection) -> dict[int, tuple[str | None, list[int], bool]]:
            done: dict[int, tuple[str | None, list[int], bool]] = {}
            for index, article, found in todo:
                sig = sigs[article.id]
                duplicate_of = article.duplicate_of
                if duplicate_of is None and sig is not None:
                    duplicate_of = self._near_duplicate(conn, sig)
                older = older_of.get(article.id) or self._current_at(conn, article)
                if older is not None and duplicate_of == older:
                    # A new version reads much like the old one: it is that page, not an echo.
                    duplicate_of = conn.execute(
                        select(articles.c.duplicate_of).where(articles.c.id == older)
                    ).scalar()
                # False: the same text twice in the batch, or another writer stored it first.
                if self._insert_article(conn, article, sig, duplicate_of):
                    if older is not None:
                        conn.execute(
                            articles.update().where(articles.c.id == older)
                            .values(superseded_by=article.id)
                        )
                    ids = self._insert_claims(conn, article.id, found)
                    done[index] = (duplicate_of, ids, older is not None)
            return done

        self.replaced = 0
        for index, (duplicate_of, claim_ids, replaced) in self._transact(work).items():
            article, found = batch[index]
            self.replaced += replaced
            article.duplicate_of = duplicate_of
            added[index] = True
            for claim, claim_id in zip(found, claim_ids, strict=True):
                claim.id, claim.article_id = claim_id, article.id
        return added

    def update_metadata(self, article_id: str, values: Mapping[str, str | None]) -> None:
        """Record changed metadata (a file whose header changed, not its text) on an article."""

        def work(conn: Connection) -> None:
            conn.execute(articles.update().where(articles.c.id == article_id).values(**values))
            conn.execute(estimate_scopes.delete())  # outlets and dates weigh in estimates

        self._transact(work)

    def reinstate(self, article_id: str, over: str) -> None:
        """Make a stored older version current again (a page that went back to an earlier
        text), superseding the version that was current."""

        def work(conn: Connection) -> None:
            a = articles.c
            conn.execute(articles.update().where(a.id == article_id).values(superseded_by=None))
            conn.execute(articles.update().where(a.id == over).values(superseded_by=article_id))
            conn.execute(estimate_scopes.delete())  # the change key does not see this either

        self._transact(work)

    def remove(self, ref: str) -> Article:
        """Delete one article and its claims; the version it superseded becomes current again.

        Args:
            ref: The article's id, a unique prefix of it (at least 6 characters), or its origin.

        Returns:
            The article removed.

        Raises:
            StoreError: No article, or more than one, matches ``ref``.
        """
        found = self.find(ref)

        def work(conn: Connection) -> None:
            a = articles.c
            conn.execute(articles.update().where(a.superseded_by == found.id).values(superseded_by=None))
            conn.execute(articles.update().where(a.duplicate_of == found.id).values(duplicate_of=None))
            # Explicitly, not by ON DELETE CASCADE alone: a SQLite file may be opened with
            # foreign keys off by another program.
            for table in (claims, article_bands, article_outlets):
                conn.execute(table.delete().where(table.c.article_id == found.id))
            conn.execute(articles.delete().where(a.id == found.id))
            conn.execute(estimate_scopes.delete())  # the change key does not see a removal

        self._transact(work)
        return found

    def find(self, ref: str) -> Article:
        """The one article whose id, id prefix (6+ characters) or origin is ``ref``.

        Raises:
            StoreError: No article, or more than one, matches.
        """
        a = articles.c
        like = re.sub(r"([\\%_])", r"\\\1", ref) + "%"
        by_id = a.id == ref
        if len(ref) >= 6:
            by_id = or_(by_id, a.id.ilike(like, escape="\\"))  # as SQLite's LIKE, on both
        rows = self._rows(select(articles).where(by_id).order_by(a.seq, a.id)) or self._rows(
            select(articles).where(a.origin == ref, a.superseded_by.is_(None)).order_by(a.seq, a.id)
        )
        if len(rows) != 1:
            what = "no article" if not rows else f"{len(rows)} articles"
            raise StoreError(f"{what} with this id or origin: {ref[:80]!r}", path=self.where)
        found = self._article(rows[0])
        self._fill_outlets([found])
        return found

    @staticmethod
    def _current_at(conn: Connection, article: Article) -> str | None:
        a = articles.c
        query = (
            select(a.id).where(a.origin == article.origin, a.id != article.id, a.superseded_by.is_(None))
            .order_by(a.seq.desc()).limit(1)
        )
        found = conn.execute(query).scalar()
        return None if found is None else str(found)

    def _insert_article(
        self, conn: Connection, article: Article, sig: MinHash | None, duplicate_of: str | None
    ) -> bool:
        row: dict[str, Any] = {f: getattr(article, f) for f in ARTICLE_FIELDS}
        row |= {
            "duplicate_of": duplicate_of,
            "segments": json.dumps([[s.part, s.start, s.end] for s in article.segments]),
            "signature": None if sig is None else signature_bytes(sig),
            # Microseconds: `tally changes --since` tells apart two rounds a second apart.
            "added_at": datetime.now(UTC).isoformat(timespec="microseconds"),
        }
        if self._dialect == "sqlite":  # PostgreSQL takes seq from its sequence
            row["seq"] = select(func.coalesce(func.max(articles.c.seq), 0) + 1).scalar_subquery()
        stmt = self._upsert(articles).values(row).on_conflict_do_nothing(index_elements=["id"])
        # RETURNING, not rowcount: psycopg reports -1 rows for a skipped upsert.
        if conn.execute(stmt.returning(articles.c.id)).first() is None:
            return False  # another writer stored the same text since the check
        if sig is not None:
            conn.execute(
                article_bands.insert(),
                [{"band": b, "key": k, "article_id": article.id} for b, k in band_keys(sig)],
            )
        return True

    def _insert_claims(self, conn: Connection, article_id: str, found: Sequence[Claim]) -> list[int]:
        if not found:
            return []
        rows = [
            {
                "article_id": article_id,
                "source_chain": json.dumps(c.source_chain),
                "rules": json.dumps(c.rules, sort_keys=True),
                **{f: getattr(c, f) for f in CLAIM_FIELDS},
            }
            for c in found
        ]
        stmt = claims.insert().returning(claims.c.id, sort_by_parameter_order=True)
        return [int(r[0]) for r in conn.execute(stmt, rows)]

    def add_outlet(self, article_id: str, outlet: str, origin: str) -> bool:
        """Record that a stored text also ran under another outlet (a wire story reprinted).

        Returns:
            True if the outlet is new for this article; False if it is its own or known.
        """
        stored = self.article(article_id)
        if stored is None or not outlet or outlet == stored.outlet:
            return False
        row: dict[str, Any] = {"article_id": article_id, "outlet": outlet, "origin": origin}
        row["added_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        if self._dialect == "sqlite":  # PostgreSQL takes seq from its sequence
            row["seq"] = select(func.coalesce(func.max(article_outlets.c.seq), 0) + 1).scalar_subquery()
        stmt = self._upsert(article_outlets).values(row).on_conflict_do_nothing()
        added = self._transact(lambda conn: conn.execute(stmt.returning(article_outlets.c.outlet)).first())
        return added is not None

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

    def set_quantities(self, mapping: dict[int, str | None]) -> None:
        """Set (or clear, with None) the quantity of claims by claim id, in one transaction."""
        if not mapping:
            return
        update = claims.update().where(claims.c.id == bindparam("claim_id"))
        rows = [{"claim_id": i, "new_quantity": q} for i, q in mapping.items()]
        self._transact(lambda conn: conn.execute(update.values(quantity=bindparam("new_quantity")), rows))

    def add_input(self, digest: str, origin: str, count: int) -> None:
        """Record an input file (by the hash of its bytes) as ingested, with its article count."""
        row = {"hash": digest, "origin": origin, "articles": count}
        row["added_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        stmt = self._upsert(inputs).values(row).on_conflict_do_nothing()
        # Only a file's latest bytes count as known: the same file back at an earlier text is
        # read again, so that its earlier version becomes current.
        older = inputs.delete().where(inputs.c.origin == origin, inputs.c.hash != digest)
        self._transact(lambda conn: (conn.execute(older), conn.execute(stmt)))

    def known_inputs(self, digests: Iterable[str]) -> dict[str, int]:
        """The article counts of those of these input files already ingested, by digest."""
        wanted = list(digests)
        out: dict[str, int] = {}
        for start in range(0, len(wanted), 500):  # bound the parameters of one statement
            query = select(inputs.c.hash, inputs.c.articles).where(inputs.c.hash.in_(wanted[start : start + 500]))
            out |= {str(r[0]): int(r[1]) for r in self._rows(query)}
        return out

    def known_input(self, digest: str) -> int | None:
        """The article count of an input file already ingested with these bytes, if any."""
        rows = self._rows(select(inputs.c.articles).where(inputs.c.hash == digest))
        return int(rows[0][0]) if rows else None

    # -- reading ---------------------------------------------------------------------------

    def articles(
        self, limit: int | None = None, offset: int = 0, with_text: bool = True
    ) -> list[Article]:
        """Stored articles in the order they were added.

        Args:
            limit: At most this many (all by default), after skipping ``offset``.
            offset: Skip this many first.
            with_text: False leaves ``text`` empty and ``segments`` out (metadata only: what
                reconcile and the lists need, a small part of the memory).
        """
        columns = list(articles.c) if with_text else _META_COLUMNS
        query = select(*columns).order_by(articles.c.seq, articles.c.id).offset(offset)
        out = [self._article(r) for r in self._rows(query.limit(limit))]
        self._fill_outlets(out)
        return out

    def articles_by_id(self, ids: Iterable[str]) -> list[Article]:
        """The stored articles with these ids, metadata only (``text`` empty), in no order."""
        wanted = list(ids)
        out: list[Article] = []
        for start in range(0, len(wanted), 500):  # bound the parameters of one statement
            query = select(*_META_COLUMNS).where(articles.c.id.in_(wanted[start : start + 500]))
            out += [self._article(r) for r in self._rows(query)]
        self._fill_outlets(out)
        return out

    def count_articles(self) -> int:
        """How many articles are stored."""
        return int(self._rows(select(func.count()).select_from(articles))[0][0])

    def claim_counts(self, article_ids: Iterable[str]) -> dict[str, int]:
        """How many claims each of these articles has (articles without any are left out)."""
        wanted = list(article_ids)
        if not wanted:
            return {}
        query = select(claims.c.article_id, func.count()).where(claims.c.article_id.in_(wanted))
        return {r[0]: int(r[1]) for r in self._rows(query.group_by(claims.c.article_id))}

    def article(self, article_id: str) -> Article | None:
        """The article with this id, if stored."""
        rows = self._rows(select(articles).where(articles.c.id == article_id))
        if not rows:
            return None
        found = self._article(rows[0])
        self._fill_outlets([found])
        return found

    def _fill_outlets(self, found: list[Article]) -> None:
        """Set each article's ``also_outlets``: the other outlets it ran in, in the order seen."""
        if not found:
            return
        o = article_outlets.c
        ids = [a.id for a in found]
        also: dict[str, list[str]] = {}
        for start in range(0, len(ids), 500):  # bound the parameters of one statement
            query = select(o.article_id, o.outlet).where(o.article_id.in_(ids[start : start + 500]))
            for article_id, outlet in self._rows(query.order_by(o.seq, o.outlet)):
                also.setdefault(article_id, []).append(outlet)
        for article in found:
            article.also_outlets = also.get(article.id, [])

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

    def current_version(self, url: str) -> Article | None:
        """The newest stored version of the page at ``url`` (asked for, or reached by redirect)."""
        a = articles.c
        query = (
            select(articles).where(or_(a.url == url, a.final_url == url), a.superseded_by.is_(None))
            .order_by(a.seq.desc()).limit(1)
        )
        rows = self._rows(query)
        return self._article(rows[0]) if rows else None

    def added_times(self) -> dict[str, str]:
        """When each article was stored (UTC, ISO), by id."""
        return {r[0]: r[1] for r in self._rows(select(articles.c.id, articles.c.added_at))}

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

    def near_duplicate(self, sig: MinHash) -> str | None:
        """The id of a stored article whose body is a near-copy (Jaccard >= 0.8), if any.

        When that article is itself a duplicate, the id of the article it copies is returned.
        """
        with self._engine.connect() as conn:
            return self._near_duplicate(conn, sig)

    def _near_duplicate(self, conn: Connection, sig: MinHash) -> str | None:
        bands = article_bands.c
        # ORed pairs, not a row-value IN: SQLite scans the whole table for that one.
        candidates = select(bands.article_id).where(
            or_(*(and_(bands.band == band, bands.key == key) for band, key in band_keys(sig)))
        )
        rows = conn.execute(
            select(articles.c.id, articles.c.duplicate_of, articles.c.signature)
            .where(articles.c.id.in_(candidates))
        ).all()
        best: tuple[float, str] | None = None
        for article_id, duplicate_of, blob in rows:
            score = float(sig.jaccard(load_signature(blob)))
            if score >= DUPLICATE_JACCARD and (best is None or (score, article_id) > best):
                best = (score, duplicate_of or article_id)
        return None if best is None else best[1]

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

    # -- helpers ---------------------------------------------------------------------------

    def _upsert(self, table: Any) -> Any:
        dialect = postgresql if self._dialect == "postgresql" else sqlite
        return dialect.insert(table)

    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored (one query)."""
        return self._known_ids(list(ids))

    def _known_ids(self, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        return {r[0] for r in self._rows(select(articles.c.id).where(articles.c.id.in_(ids)))}

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
            **{f: m[f] for f in CLAIM_FIELDS},
            source_chain=json.loads(m["source_chain"]),
            rules=json.loads(m["rules"]),
            article_id=m["article_id"],
            doc=Path(m["origin"]).name or m["origin"],
            id=m["id"],
        )


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


def _retryable(error: exc.OperationalError) -> bool:
    # psycopg's DeadlockDetected (40P01) and SerializationFailure (40001).
    return getattr(error.orig, "sqlstate", None) in ("40P01", "40001")


def _reason(error: exc.SQLAlchemyError) -> str:
    orig = getattr(error, "orig", None)
    return " ".join(str(orig or error).split())
