"""The database schema: the columns Tally stores and the migration steps that create them.

Each step runs once, in order, in its own transaction; the database's ``user_version`` counts
the steps applied and its ``application_id`` marks it as Tally's.
"""

from __future__ import annotations

import sqlite3

from tally.errors import StoreError

APPLICATION_ID = 0x54414C59  # "TALY": tells a Tally database from any other SQLite file

ARTICLE_FIELDS = (
    "id", "origin", "text", "outlet", "title", "author", "url",
    "published", "published_origin", "language", "duplicate_of",
    "final_url", "fetched_at", "etag", "last_modified", "superseded_by",
)  # fmt: skip
CLAIM_FIELDS = (
    "sentence", "mention", "start", "end", "low", "high", "approx", "unit", "actor", "outcome",
    "source", "as_of", "modality", "trend", "part", "quantity", "confidence", "sentence_start", "as_of_basis",
)  # fmt: skip

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
    # Why each field of a claim is what it is (issue 10): the as_of's basis, the named rules.
    """
    ALTER TABLE claims ADD COLUMN as_of_basis TEXT;
    ALTER TABLE claims ADD COLUMN rules TEXT NOT NULL DEFAULT '{}';
    """,
    # Fetched pages and their versions; the feeds a database follows and the items seen.
    """
    ALTER TABLE articles ADD COLUMN final_url TEXT;
    ALTER TABLE articles ADD COLUMN fetched_at TEXT;
    ALTER TABLE articles ADD COLUMN etag TEXT;
    ALTER TABLE articles ADD COLUMN last_modified TEXT;
    ALTER TABLE articles ADD COLUMN superseded_by TEXT;
    CREATE INDEX articles_url ON articles(url);
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY, topic TEXT, added_at TEXT NOT NULL, checked_at TEXT,
        etag TEXT, last_modified TEXT
    );
    CREATE TABLE feed_items (
        feed_url TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
        item_url TEXT NOT NULL, updated TEXT, seen_at TEXT NOT NULL, article_id TEXT,
        PRIMARY KEY (feed_url, item_url)
    );
    """,
    # Other outlets that ran a stored text (a wire story under two mastheads), and the latest
    # report's estimates and sources, as tables a Datasette user can browse.
    """
    CREATE TABLE article_outlets (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        outlet TEXT NOT NULL, origin TEXT NOT NULL, added_at TEXT NOT NULL,
        PRIMARY KEY (article_id, outlet)
    );
    CREATE TABLE estimates (
        quantity TEXT PRIMARY KEY, label TEXT NOT NULL, unit TEXT, cumulative INTEGER NOT NULL,
        low REAL, best REAL, high REAL, as_of TEXT, sources INTEGER NOT NULL,
        open_conflicts INTEGER NOT NULL, reasons TEXT NOT NULL, topic TEXT,
        computed_at TEXT NOT NULL
    );
    CREATE TABLE sources (
        source TEXT PRIMARY KEY, kind TEXT NOT NULL, weight REAL NOT NULL,
        spellings TEXT NOT NULL, quantities TEXT NOT NULL, reports INTEGER NOT NULL,
        outlets TEXT NOT NULL, computed_at TEXT NOT NULL
    );
    """,
    # Versions of files too: an edited file re-ingested from the same origin supersedes the
    # article stored from there before; found by origin.
    """
    CREATE INDEX articles_origin ON articles(origin);
    """,
]
ESTIMATE_FIELDS = (
    "quantity", "label", "unit", "cumulative", "low", "best", "high", "as_of", "sources",
    "open_conflicts", "reasons", "topic", "computed_at",
)  # fmt: skip
SOURCE_FIELDS = (
    "source", "kind", "weight", "spellings", "quantities", "reports", "outlets", "computed_at",
)  # fmt: skip


def migrate(conn: sqlite3.Connection, path: str) -> None:
    """Bring a database (new, or made by an older Tally) to the current schema.

    Safe when several processes open a new database at once: each step reads the version
    inside its write transaction, so a step another process has just applied is not run
    again ("table articles already exists").

    Args:
        conn: An autocommit connection (``isolation_level=None``).
        path: The database file, for messages.

    Raises:
        StoreError: Another program's SQLite file, or a schema newer than this Tally.
    """
    if _pending(conn, path) == 0:
        return  # up to date: no write transaction, so a read-only file opens too
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            step = len(MIGRATIONS) - _pending(conn, path)
            if step == len(MIGRATIONS):
                conn.execute("ROLLBACK")
                return
            for statement in MIGRATIONS[step].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version={step + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def _pending(conn: sqlite3.Connection, path: str) -> int:
    """How many migration steps the database lacks; raises StoreError for a foreign file."""
    # One statement, so one read: read apart, another process's first step could commit
    # between them and show its tables without its application_id.
    version, app_id, tables = conn.execute(
        "SELECT (SELECT user_version FROM pragma_user_version),"
        " (SELECT application_id FROM pragma_application_id),"
        " (SELECT count(*) FROM sqlite_master)"
    ).fetchone()
    if (version or tables) and app_id != APPLICATION_ID:
        raise StoreError("not a Tally database (another program's SQLite file)", path=path)
    if version > len(MIGRATIONS):
        raise StoreError(
            f"database schema {version} is newer than this Tally ({len(MIGRATIONS)})", path=path
        )
    return len(MIGRATIONS) - int(version)
