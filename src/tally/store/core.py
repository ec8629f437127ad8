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
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import numpy as np

from tally.errors import StoreError
from tally.types import Article, Claim, Segment

if TYPE_CHECKING:  # datasketch pulls in scipy (about a second); only writes need it
    from datasketch import MinHash, MinHashLSH

APPLICATION_ID = 0x54414C59  # "TALY": tells a Tally database from any other SQLite file
NUM_PERM = 64
SCHEME = "affine32"  # pinned: signatures written by one datasketch scheme must be read by it
DUPLICATE_JACCARD = 0.8
SHINGLE = 5

ARTICLE_FIELDS = (
    "id", "origin", "text", "outlet", "title", "author", "url",
    "published", "published_origin", "language", "duplicate_of",
)  # fmt: skip
CLAIM_FIELDS = (
    "sentence", "mention", "start", "end", "low", "high", "approx", "unit", "actor", "outcome",
    "source", "as_of", "modality", "trend", "part", "quantity", "confidence", "sentence_start",
)  # fmt: skip

# Each step runs once, in order; the database's user_version counts the steps applied.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY, origin TEXT NOT NULL, text TEXT NOT NULL,
        segments TEXT NOT NULL DEFAULT '[]', outlet TEXT, title TEXT, author TEXT, url TEXT,
        published TEXT, published_origin TEXT, language TEXT NOT NULL DEFAULT 'en',
        duplicate_of TEXT, signature BLOB, added_at TEXT NOT NULL
    );
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence TEXT NOT NULL, mention TEXT NOT NULL, "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL, low REAL, high REAL, approx TEXT NOT NULL, unit TEXT,
        actor TEXT, outcome TEXT, source TEXT, source_chain TEXT NOT NULL DEFAULT '[]',
        as_of TEXT, modality TEXT NOT NULL, trend TEXT, part TEXT NOT NULL, quantity TEXT,
        confidence REAL NOT NULL, sentence_start INTEGER NOT NULL
    );
    CREATE INDEX claims_quantity ON claims(quantity);
    CREATE INDEX claims_article ON claims(article_id);
    """,
]


def body_text(article: Article) -> str:
    """The article's body: the text of its body segments, or all of it when unsegmented."""
    if not article.segments:
        return article.text
    return "\n".join(article.text[s.start : s.end] for s in article.segments if s.part == "body")


def signature(text: str) -> MinHash | None:
    """A MinHash of the word 5-shingles of ``text``; None when it holds no words."""
    words = re.findall(r"\w+", text.lower())
    if not words:
        return None
    from datasketch import MinHash

    n = min(SHINGLE, len(words))
    mh = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    mh.update_batch([" ".join(words[i : i + n]).encode() for i in range(len(words) - n + 1)])
    return mh


def _load_signature(blob: bytes) -> MinHash:
    from datasketch import MinHash

    values = np.frombuffer(blob, dtype=np.uint32)
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashvalues=values)


class Store:
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
        self._lsh: MinHashLSH | None = None
        self._sigs: dict[str, MinHash] = {}
        self._roots: dict[str, str] = {}
        self._indexed = 0  # rowid of the last article in the index
        try:
            # Autocommit mode: transactions are explicit (see _transaction).
            self._conn = sqlite3.connect(
                str(self.path), isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database: {exc}", path=str(self.path)) from exc
        try:
            self._conn.row_factory = sqlite3.Row
            self._migrate()
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            self._conn.close()
            raise StoreError(f"not a Tally database ({exc})", path=str(self.path)) from exc
        except StoreError:
            self._conn.close()
            raise

    # -- lifecycle -------------------------------------------------------------------------

    def _migrate(self) -> None:
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = self._conn.execute("PRAGMA application_id").fetchone()[0]
        tables = self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if (version or tables) and app_id != APPLICATION_ID:
            raise StoreError(
                "not a Tally database (another program's SQLite file)", path=str(self.path)
            )
        if version > len(MIGRATIONS):
            raise StoreError(
                f"database schema {version} is newer than this Tally ({len(MIGRATIONS)})",
                path=str(self.path),
            )
        for step in range(version, len(MIGRATIONS)):
            with self._transaction():
                for statement in MIGRATIONS[step].split(";"):
                    if statement.strip():
                        self._conn.execute(statement)
                self._conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                self._conn.execute(f"PRAGMA user_version={step + 1}")

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

    def add_article(self, article: Article, claims: Sequence[Claim]) -> bool:
        """Store an article and its claims in one transaction.

        Sets ``article.duplicate_of`` when its body is a near-copy of a stored article, and
        ``article_id`` and ``id`` on each claim.

        Returns:
            True if the article was added; False if an article with its id was already stored.
        """
        with self._lock:
            if self._conn.execute("SELECT 1 FROM articles WHERE id=?", (article.id,)).fetchone():
                return False
            sig = signature(body_text(article))
            if article.duplicate_of is None and sig is not None:
                article.duplicate_of = self.near_duplicate(sig)
            with self._transaction() as conn:
                # OR IGNORE: another connection may have stored the same text since the check.
                cur = conn.execute(
                    f"INSERT OR IGNORE INTO articles ({', '.join(ARTICLE_FIELDS)}, segments,"
                    f" signature, added_at) VALUES ({', '.join('?' * (len(ARTICLE_FIELDS) + 3))})",
                    (
                        *(getattr(article, f) for f in ARTICLE_FIELDS),
                        json.dumps([[s.part, s.start, s.end] for s in article.segments]),
                        None if sig is None else sig.hashvalues.astype(np.uint32).tobytes(),
                        datetime.now(UTC).isoformat(timespec="seconds"),
                    ),
                )
                if cur.rowcount == 0:
                    return False
                ids = [self._insert_claim(conn, article.id, c) for c in claims]
            for claim, claim_id in zip(claims, ids):
                claim.id, claim.article_id = claim_id, article.id
            return True

    def _insert_claim(self, conn: sqlite3.Connection, article_id: str, claim: Claim) -> int:
        columns = ", ".join(f'"{f}"' for f in CLAIM_FIELDS)
        cur = conn.execute(
            f"INSERT INTO claims (article_id, source_chain, {columns})"
            f" VALUES ({', '.join('?' * (len(CLAIM_FIELDS) + 2))})",
            (
                article_id,
                json.dumps(claim.source_chain),
                *(getattr(claim, f) for f in CLAIM_FIELDS),
            ),
        )
        return int(cur.lastrowid or 0)

    def set_quantities(self, mapping: dict[int, str | None]) -> None:
        """Set (or clear, with None) the quantity of claims by claim id, in one transaction."""
        with self._transaction() as conn:
            conn.executemany(
                "UPDATE claims SET quantity=? WHERE id=?", [(q, i) for i, q in mapping.items()]
            )

    # -- reading ---------------------------------------------------------------------------

    def articles(self) -> list[Article]:
        """Every stored article, in the order they were added."""
        return [self._article(r) for r in self._query("SELECT * FROM articles ORDER BY rowid")]

    def article(self, article_id: str) -> Article | None:
        """The article with this id, if stored."""
        rows = self._query("SELECT * FROM articles WHERE id=?", (article_id,))
        return self._article(rows[0]) if rows else None

    def claims(
        self,
        parts: Iterable[str] | None = None,
        quantity: str | None = None,
        article_id: str | None = None,
    ) -> list[Claim]:
        """Stored claims in insertion order, filtered by part, quantity and article.

        Args:
            parts: Keep only claims from these parts ("body", "comment", "furniture").
            quantity: Keep only claims classified as this quantity.
            article_id: Keep only this article's claims.
        """
        where, args = [], []
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
            lsh = self._refresh_index()
            best: tuple[float, str] | None = None
            for key in lsh.query(sig):
                score = sig.jaccard(self._sigs[key])
                if score >= DUPLICATE_JACCARD and (best is None or score > best[0]):
                    best = (score, key)
            return None if best is None else self._roots[best[1]]

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

    def _refresh_index(self) -> MinHashLSH:
        """The LSH index over stored signatures, brought up to date with articles added since
        (by this connection or another one)."""
        if self._lsh is None:
            from datasketch import MinHashLSH

            # Many short bands favour recall; every candidate is checked against the threshold.
            self._lsh = MinHashLSH(threshold=DUPLICATE_JACCARD, num_perm=NUM_PERM, params=(16, 4))
        rows = self._query(
            "SELECT rowid, id, duplicate_of, signature FROM articles"
            " WHERE rowid > ? AND signature IS NOT NULL ORDER BY rowid",
            (self._indexed,),
        )
        for row in rows:
            sig = _load_signature(row["signature"])
            self._lsh.insert(row["id"], sig)
            self._sigs[row["id"]] = sig
            self._roots[row["id"]] = row["duplicate_of"] or row["id"]
            self._indexed = row["rowid"]
        return self._lsh

    @staticmethod
    def _article(row: sqlite3.Row) -> Article:
        segments = [Segment(part, start, end) for part, start, end in json.loads(row["segments"])]
        return Article(segments=segments, **{f: row[f] for f in ARTICLE_FIELDS})

    @staticmethod
    def _claim(row: sqlite3.Row) -> Claim:
        return Claim(
            **{f: row[f] for f in CLAIM_FIELDS},
            source_chain=json.loads(row["source_chain"]),
            article_id=row["article_id"],
            doc=Path(row["origin"]).name or row["origin"],
            id=row["id"],
        )
