"""Articles in the store: added in one transaction per batch, as new versions of a page,
removed, found by id, prefix or origin; the outlets a text also ran under; the input files
already ingested.

Articles are keyed by their content hash and inserted with the database's own upsert
(``INSERT ... ON CONFLICT DO NOTHING``): adding the same article twice, from one process or
several at once, changes nothing. Each article keeps a MinHash signature of its body and its
LSH bands (an indexed table), so near-copies (one wire story on two sites) are found by a
lookup and marked with ``duplicate_of``; their claims are still stored, and reconcile decides
what echoes count for.
"""

from __future__ import annotations

import json
from tally import rx as re  # linear-time matching: see tally/rx.py
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, func, or_, select

from tally.errors import StoreError
from tally.store.base import _META_COLUMNS, StoreBase
from tally.store.claims import ClaimTables
from tally.store.dedup import DUPLICATE_JACCARD, band_keys, body_text, load_signature, signature
from tally.store.dedup import signature_bytes
from tally.store.schema import ARTICLE_FIELDS, article_bands, article_outlets, articles, claims
from tally.store.schema import estimate_scopes, inputs
from tally.types import Article, Claim

if TYPE_CHECKING:
    from datasketch import MinHash


class ArticleTables(ClaimTables, StoreBase):
    """Methods of :class:`tally.store.Store` over the articles and their side tables."""

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
        """The one article whose id, id prefix (6+ characters), origin or file name is ``ref``.

        Raises:
            StoreError: No article, or more than one, matches.
        """
        a = articles.c
        like = re.sub(r"([\\%_])", r"\\\1", ref) + "%"
        by_id = a.id == ref
        if len(ref) >= 6:
            by_id = or_(by_id, a.id.ilike(like, escape="\\"))  # as SQLite's LIKE, on both
        current = a.superseded_by.is_(None)
        rows = (
            self._rows(select(articles).where(by_id).order_by(a.seq, a.id))
            or self._rows(select(articles).where(a.origin == ref, current).order_by(a.seq, a.id))
            # The file name the reports show as the doc ("05-storm.txt" for "corpus/05-storm.txt").
            or self._rows(select(articles).where(a.origin.like("%/" + like[:-1], escape="\\"), current)
                          .order_by(a.seq, a.id))  # fmt: skip
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

    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored (one query)."""
        return self._known_ids(list(ids))
