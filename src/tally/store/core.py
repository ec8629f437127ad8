"""The SQLite store: articles and their claims, with a schema the code creates and migrates.

One transaction per article, so a crash never leaves half an article behind. Articles are keyed
by their content hash: adding the same article twice changes nothing. Each article keeps a
MinHash signature of its body so that near-copies (one wire story on two sites) are marked with
``duplicate_of``; their claims are still stored, and reconcile decides what echoes count for.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from tally.errors import StoreError
from tally.store.feeds import FeedTables
from tally.store.dedup import DuplicateIndex, body_text, signature, signature_bytes
from tally.store.schema import ARTICLE_FIELDS, CLAIM_FIELDS, ESTIMATE_FIELDS, SOURCE_FIELDS, migrate
from tally.types import Article, Claim, Estimate, Segment

if TYPE_CHECKING:
    from datasketch import MinHash


WAL_TRIES = 200  # times 50 ms: how long a first open waits for others to finish theirs


def _wal_mode(conn: sqlite3.Connection) -> None:
    """Switch the database to WAL mode, waiting while other connections first open it.

    The switch takes no notice of the busy timeout: while another process is switching or
    creating the tables it fails at once with "database is locked", so it is retried.
    """
    for _ in range(WAL_TRIES - 1):
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.05)
    conn.execute("PRAGMA journal_mode=WAL")


class Store(FeedTables):
    """Articles and claims in one SQLite file (WAL mode); usable as a context manager.

    Args:
        path: The database file; created with the current schema when missing.

    Raises:
        StoreError: The file cannot be opened, is not a SQLite database, is another
            program's database, or was written by a newer Tally.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._lock = threading.RLock()
        self._duplicates: DuplicateIndex | None = None
        self.replaced = 0  # articles the last add_article superseded
        if self.path.is_dir():
            raise StoreError("is a directory, not a database file", path=str(self.path))
        try:
            # Autocommit mode: transactions are explicit (see _transaction).
            self._conn = sqlite3.connect(
                str(self.path), isolation_level=None, check_same_thread=False, timeout=30
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database: {exc}", path=str(self.path)) from exc
        try:
            self._conn.row_factory = sqlite3.Row
            _wal_mode(self._conn)
            migrate(self._conn, str(self.path))
            self._conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            self._conn.close()
            raise StoreError(f"not a Tally database ({exc})", path=str(self.path)) from exc
        except StoreError:
            self._conn.close()
            raise

    # -- lifecycle -------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

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
        with self._lock:
            if self._conn.execute("SELECT 1 FROM articles WHERE id=?", (article.id,)).fetchone():
                return False
            if supersedes is None:
                # An edited file re-ingested from the same origin: the new text is the current
                # version, the old one stays, marked.
                supersedes = self._current_at(article.origin, article.id)
            self.replaced = int(supersedes is not None)
            sig = signature(body_text(article))
            if article.duplicate_of is None and sig is not None:
                article.duplicate_of = self.near_duplicate(sig)
            if supersedes is not None and article.duplicate_of == supersedes:
                # A new version reads much like the old one: it is that page, not an echo of it.
                older = self.article(supersedes)
                article.duplicate_of = older.duplicate_of if older else None
            with self._transaction() as conn:
                if supersedes is not None:
                    conn.execute(
                        "UPDATE articles SET superseded_by=? WHERE id=?", (article.id, supersedes)
                    )
                # OR IGNORE: another connection may have stored the same text since the check.
                cur = conn.execute(
                    f"INSERT OR IGNORE INTO articles ({', '.join(ARTICLE_FIELDS)}, segments,"
                    f" signature, added_at) VALUES ({', '.join('?' * (len(ARTICLE_FIELDS) + 3))})",
                    (
                        *(getattr(article, f) for f in ARTICLE_FIELDS),
                        json.dumps([[s.part, s.start, s.end] for s in article.segments]),
                        None if sig is None else signature_bytes(sig),
                        # Microseconds: `tally changes --since` tells apart two rounds a
                        # second apart.
                        datetime.now(UTC).isoformat(timespec="microseconds"),
                    ),
                )
                if cur.rowcount == 0:
                    return False
                ids = [self._insert_claim(conn, article.id, c) for c in claims]
            for claim, claim_id in zip(claims, ids):
                claim.id, claim.article_id = claim_id, article.id
            return True

    def remove(self, ref: str) -> Article:
        """Delete one article and its claims; the version it superseded becomes current again.

        Args:
            ref: The article's id, a unique prefix of it (at least 6 characters), or its origin.

        Returns:
            The article removed.

        Raises:
            StoreError: No article, or more than one, matches ``ref``.
        """
        with self._lock:
            found = self.find(ref)
            with self._transaction() as conn:
                conn.execute("UPDATE articles SET superseded_by=NULL WHERE superseded_by=?", (found.id,))
                conn.execute("UPDATE articles SET duplicate_of=NULL WHERE duplicate_of=?", (found.id,))
                conn.execute("DELETE FROM claims WHERE article_id=?", (found.id,))
                conn.execute("DELETE FROM articles WHERE id=?", (found.id,))
            self._duplicates = None  # rebuilt without it on the next near-duplicate check
            return found

    def find(self, ref: str) -> Article:
        """The one article whose id, id prefix (6+ characters) or origin is ``ref``.

        Raises:
            StoreError: No article, or more than one, matches.
        """
        like = re.sub(r"([\\%_])", r"\\\1", ref) + "%"
        rows = self._query(
            "SELECT * FROM articles WHERE id=? OR (length(?) >= 6 AND id LIKE ? ESCAPE '\\')"
            " ORDER BY rowid",
            (ref, ref, like),
        ) or self._query(
            "SELECT * FROM articles WHERE origin=? AND superseded_by IS NULL ORDER BY rowid", (ref,)
        )
        if len(rows) != 1:
            what = "no article" if not rows else f"{len(rows)} articles"
            raise StoreError(f"{what} with this id or origin: {ref[:80]!r}", path=str(self.path))
        return self._article(rows[0])

    def _current_at(self, origin: str, other_than: str) -> str | None:
        rows = self._query(
            "SELECT id FROM articles WHERE origin=? AND id<>? AND superseded_by IS NULL"
            " ORDER BY rowid DESC LIMIT 1",
            (origin, other_than),
        )
        return str(rows[0][0]) if rows else None

    def _insert_claim(self, conn: sqlite3.Connection, article_id: str, claim: Claim) -> int:
        columns = ", ".join(f'"{f}"' for f in CLAIM_FIELDS)
        cur = conn.execute(
            f"INSERT INTO claims (article_id, source_chain, rules, {columns})"
            f" VALUES ({', '.join('?' * (len(CLAIM_FIELDS) + 3))})",
            (
                article_id,
                json.dumps(claim.source_chain),
                json.dumps(claim.rules, sort_keys=True),
                *(getattr(claim, f) for f in CLAIM_FIELDS),
            ),
        )
        return int(cur.lastrowid or 0)

    def add_outlet(self, article_id: str, outlet: str, origin: str) -> bool:
        """Record that a stored text also ran under another outlet (a wire story reprinted).

        Returns:
            True if the outlet is new for this article; False if it is its own or known.
        """
        stored = self.article(article_id)
        if stored is None or not outlet or outlet == stored.outlet:
            return False
        with self._transaction() as conn:
            cur = conn.execute(
                "INSERT OR IGNORE INTO article_outlets (article_id, outlet, origin, added_at)"
                " VALUES (?, ?, ?, ?)",
                (article_id, outlet, origin, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            return cur.rowcount > 0

    def save_estimates(self, estimates: Sequence[Estimate], topic: str | None = None) -> None:
        """Replace the stored estimates and sources with these (the latest report's).

        Args:
            estimates: What reconcile returned.
            topic: The topic's name, if the report had one.
        """
        now = datetime.now(UTC).isoformat(timespec="seconds")
        sources: dict[str, dict[str, Any]] = {}
        for est in estimates:
            for r in est.reports:
                row = sources.setdefault(r.source, {"source": r.source, "kind": r.source_kind,
                                                    "weight": r.weight, "spellings": set(),
                                                    "quantities": set(), "reports": 0,
                                                    "outlets": set()})  # fmt: skip
                row["spellings"].update(r.spellings)
                row["quantities"].add(est.quantity)
                row["outlets"].update(r.outlets)
                row["reports"] += 1
        with self._transaction() as conn:
            conn.execute("DELETE FROM estimates")
            conn.execute("DELETE FROM sources")
            conn.executemany(
                f"INSERT INTO estimates ({', '.join(ESTIMATE_FIELDS)})"
                f" VALUES ({', '.join('?' * len(ESTIMATE_FIELDS))})",
                [(e.quantity, e.label, e.unit, int(e.cumulative), e.low, e.best, e.high,
                  e.period, len(e.sources), len(e.open_conflicts), json.dumps(e.reasons),
                  topic, now) for e in estimates],  # fmt: skip
            )
            conn.executemany(
                f"INSERT INTO sources ({', '.join(SOURCE_FIELDS)})"
                f" VALUES ({', '.join('?' * len(SOURCE_FIELDS))})",
                [(r["source"], r["kind"], r["weight"], json.dumps(sorted(r["spellings"])),
                  json.dumps(sorted(r["quantities"])), r["reports"],
                  json.dumps(sorted(r["outlets"])), now) for r in sources.values()],  # fmt: skip
            )

    def table_rows(self, table: str) -> list[dict[str, Any]]:
        """The rows of the ``estimates`` or ``sources`` table, as dicts (lists decoded)."""
        fields = {"estimates": ESTIMATE_FIELDS, "sources": SOURCE_FIELDS}[table]
        rows = self._query(f"SELECT {', '.join(fields)} FROM {table} ORDER BY rowid")
        lists = {"reasons", "spellings", "quantities", "outlets"}
        return [{f: json.loads(r[f]) if f in lists else r[f] for f in fields} for r in rows]

    def set_quantities(self, mapping: dict[int, str | None]) -> None:
        """Set (or clear, with None) the quantity of claims by claim id, in one transaction."""
        with self._transaction() as conn:
            conn.executemany(
                "UPDATE claims SET quantity=? WHERE id=?", [(q, i) for i, q in mapping.items()]
            )

    # -- reading ---------------------------------------------------------------------------

    def articles(self) -> list[Article]:
        """Every stored article, in the order they were added, with the other outlets it ran in."""
        out = [self._article(r) for r in self._query("SELECT * FROM articles ORDER BY rowid")]
        also: dict[str, list[str]] = {}
        for row in self._query("SELECT article_id, outlet FROM article_outlets ORDER BY rowid"):
            also.setdefault(row[0], []).append(row[1])
        for article in out:
            article.also_outlets = also.get(article.id, [])
        return out

    def article(self, article_id: str) -> Article | None:
        """The article with this id, if stored."""
        rows = self._query("SELECT * FROM articles WHERE id=?", (article_id,))
        if not rows:
            return None
        article = self._article(rows[0])
        outlets = self._query("SELECT outlet FROM article_outlets WHERE article_id=? ORDER BY rowid", (article_id,))
        article.also_outlets = [r[0] for r in outlets]
        return article

    def claims(
        self,
        parts: Iterable[str] | None = None,
        quantity: str | None = None,
        article_id: str | None = None,
        superseded: bool = False,
    ) -> list[Claim]:
        """Stored claims in insertion order, filtered by part, quantity and article.

        Args:
            parts: Keep only claims from these parts ("body", "comment", "furniture").
            quantity: Keep only claims classified as this quantity.
            article_id: Keep only this article's claims.
            superseded: Also the claims of older versions of refetched pages (left out by
                default: reports count a page's newest version only).
        """
        where, args = [], []
        if not superseded and article_id is None:
            where.append("a.superseded_by IS NULL")
        if parts is not None:
            wanted = list(parts)
            where.append(f"c.part IN ({', '.join('?' * len(wanted))})")
            args += wanted
        if quantity is not None:
            where.append("c.quantity = ?")
            args.append(quantity)
        if article_id is not None:
            where.append("c.article_id = ?")
            args.append(article_id)
        sql = "SELECT c.*, a.origin FROM claims c JOIN articles a ON a.id = c.article_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [self._claim(r) for r in self._query(sql + " ORDER BY c.id", args)]

    def reinstate(self, article_id: str, over: str) -> None:
        """Make a stored older version current again (a page that went back to an earlier
        text), superseding the version that was current."""
        with self._transaction() as conn:
            conn.execute("UPDATE articles SET superseded_by=NULL WHERE id=?", (article_id,))
            conn.execute("UPDATE articles SET superseded_by=? WHERE id=?", (article_id, over))

    def current_version(self, url: str) -> Article | None:
        """The newest stored version of the page at ``url`` (asked for, or reached by redirect)."""
        rows = self._query(
            "SELECT * FROM articles WHERE (url=? OR final_url=?) AND superseded_by IS NULL"
            " ORDER BY rowid DESC LIMIT 1",
            (url, url),
        )
        return self._article(rows[0]) if rows else None

    def added_times(self) -> dict[str, str]:
        """When each article was stored (UTC, ISO), by id."""
        return {r[0]: r[1] for r in self._query("SELECT id, added_at FROM articles")}

    def claim(self, claim_id: int) -> Claim | None:
        """The claim with this id, if stored."""
        rows = self._query(
            "SELECT c.*, a.origin FROM claims c JOIN articles a ON a.id = c.article_id"
            " WHERE c.id=?",
            (claim_id,),
        )
        return self._claim(rows[0]) if rows else None

    def search(self, text: str) -> tuple[list[Article], list[Claim]]:
        """Articles and claims whose text holds ``text`` (case-insensitive substring)."""
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", text) + "%"
        like = "LIKE ? ESCAPE '\\'"
        arts = self._query(
            f"SELECT * FROM articles WHERE title {like} OR text {like} OR origin {like}"
            f" OR outlet {like} ORDER BY rowid",
            (pattern,) * 4,
        )
        claims = self._query(
            "SELECT c.*, a.origin FROM claims c JOIN articles a ON a.id = c.article_id"
            f" WHERE c.sentence {like} OR c.unit {like} OR c.source {like}"
            f" OR c.quantity {like} ORDER BY c.id",
            (pattern,) * 4,
        )
        return [self._article(r) for r in arts], [self._claim(r) for r in claims]

    def near_duplicate(self, sig: MinHash) -> str | None:
        """The id of a stored article whose body is a near-copy (Jaccard >= 0.8), if any.

        When that article is itself a duplicate, the id of the article it copies is returned.
        """
        with self._lock:
            if self._duplicates is None:
                self._duplicates = DuplicateIndex()
            # Catch up with articles stored since, by this connection or another one.
            rows = self._query(
                "SELECT rowid, id, duplicate_of, signature FROM articles"
                " WHERE rowid > ? AND signature IS NOT NULL ORDER BY rowid",
                (self._duplicates.last_rowid,),
            )
            self._duplicates.add(tuple(r) for r in rows)
            return self._duplicates.find(sig)

    def stats(self) -> dict[str, Any]:
        """Counts: articles, duplicates, claims by part, classified claims and quantities."""
        row = self._query(
            "SELECT (SELECT count(*) FROM articles),"
            " (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL),"
            " (SELECT count(*) FROM claims WHERE quantity IS NOT NULL),"
            " (SELECT count(DISTINCT quantity) FROM claims)"
        )[0]
        by_part = {
            r[0]: r[1] for r in self._query("SELECT part, count(*) FROM claims GROUP BY part")
        }
        return {
            "articles": row[0],
            "duplicates": row[1],
            "claims": sum(by_part.values()),
            "claims_by_part": by_part,
            "classified": row[2],
            "quantities": row[3],
        }

    # -- helpers ---------------------------------------------------------------------------

    def _query(self, sql: str, args: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, tuple(args)).fetchall()

    @staticmethod
    def _article(row: sqlite3.Row) -> Article:
        segments = [Segment(part, start, end) for part, start, end in json.loads(row["segments"])]
        return Article(segments=segments, **{f: row[f] for f in ARTICLE_FIELDS})

    @staticmethod
    def _claim(row: sqlite3.Row) -> Claim:
        return Claim(
            **{f: row[f] for f in CLAIM_FIELDS},
            source_chain=json.loads(row["source_chain"]),
            rules=json.loads(row["rules"]),
            article_id=row["article_id"],
            doc=Path(row["origin"]).name or row["origin"],
            id=row["id"],
        )
