"""Opening a database: a SQLite file or a PostgreSQL URL, as one SQLAlchemy engine.

SQLite runs in WAL mode with foreign keys on; its writes take the write lock when they begin
(``BEGIN IMMEDIATE``) so that two writers wait for each other instead of failing half-way.
PostgreSQL runs through psycopg 3 at READ COMMITTED, where ``INSERT ... ON CONFLICT`` waits for
a concurrent insert of the same key and then does nothing.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

POSTGRES_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
ENV_VAR = "TALLY_DB"  # the database when no --db is given
DEFAULT_DB = "tally.db"
BUSY_TIMEOUT_MS = 60_000  # a SQLite writer waits this long for another one
WAL_TRIES = 200  # times 50 ms: how long a first open waits for others to finish theirs


def is_url(db: str | Path) -> bool:
    """Whether ``db`` names a PostgreSQL database rather than a SQLite file."""
    return str(db).startswith(POSTGRES_SCHEMES)


def default_db() -> str:
    """The database to use when none is given: ``$TALLY_DB``, else ``tally.db`` here."""
    return os.environ.get(ENV_VAR) or DEFAULT_DB


def url_of(db: str | Path) -> URL:
    """The SQLAlchemy URL of a SQLite path or PostgreSQL URL (psycopg 3 as the driver)."""
    if is_url(db):
        url = make_url(str(db))
        return url.set(drivername="postgresql+psycopg")
    return URL.create("sqlite+pysqlite", database=str(db))


def label(db: str | Path) -> str:
    """The database as shown in messages: the path, or the URL without its password."""
    if is_url(db):
        return url_of(db).render_as_string(hide_password=True)
    return str(db)


def make_engine(db: str | Path) -> Engine:
    """A pooled engine for the database, set up as the module docstring says."""
    url = url_of(db)
    if url.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, pool_size=4, max_overflow=4)
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
    )
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # pysqlite's own transaction handling would BEGIN late and deferred: we emit BEGIN.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    _wal_mode(cursor)  # kept by the file; cheap to repeat
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _wal_mode(cursor: Any) -> None:
    """Switch the database to WAL mode, waiting while other connections first open it.

    The switch takes no notice of the busy timeout: while another process is switching or
    creating the tables it fails at once with "database is locked", so it is retried.
    """
    for _ in range(WAL_TRIES - 1):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(0.05)
    cursor.execute("PRAGMA journal_mode=WAL")


def _sqlite_begin(conn: Any) -> None:
    write = conn.get_execution_options().get("tally_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
