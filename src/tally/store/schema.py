"""The database schema, defined once as SQLAlchemy tables, and the steps that bring a database
(SQLite or PostgreSQL) to it.

``METADATA`` is the current schema. ``MIGRATIONS`` is an append-only list of steps; a database
records how many it has applied (SQLite: ``PRAGMA user_version``, with ``application_id``
marking the file as Tally's; PostgreSQL: the ``tally_schema`` table). Opening a store applies
the missing steps in order, each in its own transaction; a new database runs them all.

A step names what it adds, and the definitions come from ``METADATA``: each table, column and
index is created only when missing, so a new database (whose tables step 1 already creates
with every current column) and an old one (which gets the columns added) end the same.

How to add a table or column (one step per change, appended at the end, never edited after):

1. Define it in ``METADATA`` below (a ``Table(...)``, or a ``Column(...)`` in an existing
   table; a new column of an existing table must be nullable or have a ``server_default``).
2. Append ``Step(tables=("name",))``, ``Step(columns=("table.column",))`` or
   ``Step(indexes=("index_name",))`` to ``MIGRATIONS``; ``backfill`` may fill the new parts
   from what is stored, through the step's connection.

A plain SQL string is accepted as a step too (run statement by statement, split on ';'),
which is how an older branch's steps port unchanged, but it must be SQL that both SQLite and
PostgreSQL take, and its tables then live outside ``METADATA``: prefer a ``Step``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Sequence,
    SmallInteger,
    Table,
    Text,
    bindparam,
    inspect,
    select,
    text,
)
from sqlalchemy.schema import CreateColumn

from tally.errors import StoreError

APPLICATION_ID = 0x54414C59  # "TALY": tells a Tally database from any other SQLite file

ARTICLE_FIELDS = (
    "id", "origin", "text", "outlet", "title", "author", "url",
    "published", "published_origin", "language", "duplicate_of",
    "final_url", "fetched_at", "etag", "last_modified", "superseded_by",
)  # fmt: skip
CLAIM_FIELDS = (
    "sentence", "mention", "start", "end", "low", "high", "approx", "unit", "actor", "outcome",
    "source", "as_of", "modality", "trend", "part", "quantity", "confidence", "sentence_start",
    "as_of_basis", "clause_start", "clause_end", "prior_value",
)  # fmt: skip

METADATA = MetaData()

articles = Table(
    "articles",
    METADATA,
    Column("id", Text, primary_key=True),  # the content hash
    Column("origin", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("segments", Text, nullable=False, server_default="[]"),
    Column("outlet", Text),
    Column("title", Text),
    Column("author", Text),
    Column("url", Text),
    Column("published", Text),
    Column("published_origin", Text),
    Column("language", Text, nullable=False, server_default="en"),
    Column("duplicate_of", Text),
    Column("signature", LargeBinary),
    Column("added_at", Text, nullable=False),
    # Fetched pages and their versions (issue 13).
    Column("final_url", Text),
    Column("fetched_at", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("superseded_by", Text),
    # The order articles were added in (SQLite's rowid is no PostgreSQL column).
    Column("seq", BigInteger, Sequence("articles_seq_counter")),
    Index("articles_url", "url"),
    # Versions of files too: an edited file re-ingested from the same origin supersedes the
    # article stored from there before; found by origin (issue 14).
    Index("articles_origin", "origin"),
    Index("articles_seq", "seq"),
)

claims = Table(
    "claims",
    METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    ),
    Column("sentence", Text, nullable=False),
    Column("mention", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("low", Float),
    Column("high", Float),
    Column("approx", Text, nullable=False),
    Column("unit", Text),
    Column("actor", Text),
    Column("outcome", Text),
    Column("source", Text),
    Column("source_chain", Text, nullable=False, server_default="[]"),
    Column("as_of", Text),
    Column("modality", Text, nullable=False),
    Column("trend", Text),
    Column("part", Text, nullable=False),
    Column("quantity", Text),
    Column("confidence", Float, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    # Why each field of a claim is what it is (issue 10): the as_of's basis, the named rules.
    Column("as_of_basis", Text),
    Column("rules", Text, nullable=False, server_default="{}"),
    # The automatic group a claim falls in without a topic (tally.classify.group_key), kept so
    # that one group's claims are read with SQL: NULL until computed, '' for none.
    Column("auto_group", Text),
    # What later stages read of the sentence, decided once by extract (issue 18): the figure's
    # clause (offsets in the sentence), whether it is the earlier value its sentence gives
    # beside a new one ("up from 27"), and what it counts (a JSON list of outcomes).
    Column("clause_start", Integer),
    Column("clause_end", Integer),
    Column("prior_value", Integer, nullable=False, server_default="0"),
    Column("definition", Text, nullable=False, server_default="[]"),
    Index("claims_quantity", "quantity"),
    Index("claims_auto_group", "auto_group"),
    Index("claims_article", "article_id"),
    Index("claims_part_quantity", "part", "quantity"),
    sqlite_autoincrement=True,  # ids never reused, as the first schema had it
)

# The feeds a database follows and the items of each already seen (issue 13).
feeds = Table(
    "feeds",
    METADATA,
    Column("url", Text, primary_key=True),
    Column("topic", Text),
    Column("added_at", Text, nullable=False),
    Column("checked_at", Text),
    Column("etag", Text),
    Column("last_modified", Text),
)

feed_items = Table(
    "feed_items",
    METADATA,
    Column("feed_url", Text, ForeignKey("feeds.url", ondelete="CASCADE"), primary_key=True),
    Column("item_url", Text, primary_key=True),
    Column("updated", Text),
    Column("seen_at", Text, nullable=False),
    Column("article_id", Text),
)

# The near-duplicate index in the store: an article's MinHash cut into LSH bands, each band
# hashed to one key. Candidates share a (band, key); no process rebuilds an index in memory.
article_bands = Table(
    "article_bands",
    METADATA,
    Column("band", SmallInteger, nullable=False),
    Column("key", BigInteger, nullable=False),
    Column(
        "article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    ),
    Index("article_bands_key", "band", "key"),
    Index("article_bands_article", "article_id"),
)

# Other outlets that ran a stored text (a wire story under two mastheads), and the latest
# report's estimates and sources, as tables a Datasette user can browse (issue 11).
article_outlets = Table(
    "article_outlets",
    METADATA,
    Column(
        "article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("outlet", Text, primary_key=True),
    Column("origin", Text, nullable=False),
    Column("added_at", Text, nullable=False),
    # The order rows were added in (SQLite's rowid is no PostgreSQL column).
    Column("seq", BigInteger, Sequence("article_outlets_seq_counter")),
)

estimates = Table(
    "estimates",
    METADATA,
    Column("quantity", Text, primary_key=True),
    Column("label", Text, nullable=False),
    Column("unit", Text),
    Column("cumulative", Integer, nullable=False),
    Column("low", Float),
    Column("best", Float),
    Column("high", Float),
    Column("as_of", Text),
    Column("sources", Integer, nullable=False),
    Column("open_conflicts", Integer, nullable=False),
    Column("reasons", Text, nullable=False),
    Column("topic", Text),
    Column("computed_at", Text, nullable=False),
    Column("position", Integer),  # the report's order
)

sources = Table(
    "sources",
    METADATA,
    Column("source", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("weight", Float, nullable=False),
    Column("spellings", Text, nullable=False),
    Column("quantities", Text, nullable=False),
    Column("reports", Integer, nullable=False),
    Column("outlets", Text, nullable=False),
    Column("computed_at", Text, nullable=False),
    Column("position", Integer),  # the report's order
)

# Estimates kept for the pages, one quantity at a time (store/estimates.py): per scope (the
# topic, source table and parts they were computed with) the change key they are current at,
# and per quantity its figures and counts, its reports and its conflicts, read a page at a time.
estimate_scopes = Table(
    "estimate_scopes",
    METADATA,
    Column("scope", Text, primary_key=True),
    Column("state", Text, nullable=False),
    Column("computed_at", Text, nullable=False),
)

quantity_estimates = Table(
    "quantity_estimates",
    METADATA,
    Column("scope", Text, primary_key=True),
    Column("quantity", Text, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("label", Text, nullable=False),
    Column("unit", Text),
    Column("cumulative", Integer, nullable=False),
    Column("low", Float),
    Column("best", Float),
    Column("high", Float),
    Column("period", Text),
    Column("sources", Integer, nullable=False),
    Column("reports", Integer, nullable=False),
    Column("conflicts", Integer, nullable=False),
    Column("open_conflicts", Integer, nullable=False),
    Column("last_update", Text),
    Column("detail", Text, nullable=False),  # JSON: its reasons and every source's name
    Column("marks", Text, nullable=False),  # JSON: the positions of its latest and floor reports
)

quantity_reports = Table(
    "quantity_reports",
    METADATA,
    Column("scope", Text, primary_key=True),
    Column("quantity", Text, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("source", Text, nullable=False),
    Column("data", Text, nullable=False),  # JSON: the report with its claims
)

quantity_conflicts = Table(
    "quantity_conflicts",
    METADATA,
    Column("scope", Text, primary_key=True),
    Column("quantity", Text, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("data", Text, nullable=False),  # JSON: reason, explanation, rule, both reports' positions
)

# Input files already ingested, by the hash of their bytes: a re-ingest skips an unchanged
# file before parsing it.
inputs = Table(
    "inputs",
    METADATA,
    Column("hash", Text, primary_key=True),
    Column("origin", Text, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("added_at", Text, nullable=False),
)


@dataclass(frozen=True)
class Step:
    """One migration step: what it adds (by name, defined in METADATA), then a backfill."""

    tables: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()  # "table.column"
    indexes: tuple[str, ...] = ()
    backfill: Callable[[Connection], None] | None = None


def _backfill_seq_and_bands(conn: Connection) -> None:
    from tally.store.dedup import band_keys, load_signature

    if conn.dialect.name == "sqlite":
        conn.execute(text("UPDATE articles SET seq = rowid WHERE seq IS NULL"))
        conn.execute(text("UPDATE article_outlets SET seq = rowid WHERE seq IS NULL"))
        conn.execute(text("UPDATE estimates SET position = rowid WHERE position IS NULL"))
        conn.execute(text("UPDATE sources SET position = rowid WHERE position IS NULL"))
    banded = select(article_bands.c.article_id)
    rows = conn.execute(select(articles.c.id, articles.c.signature).where(
        articles.c.signature.is_not(None), articles.c.id.not_in(banded)
    )).all()
    for article_id, blob in rows:
        keys = band_keys(load_signature(blob))
        conn.execute(
            article_bands.insert(),
            [{"band": b, "key": k, "article_id": article_id} for b, k in keys],
        )


def sentence_fields_row(row: Any) -> dict[str, Any]:
    """The fields extract decides from a claim's sentence (see :mod:`tally.extract.fields`),
    as column values, for a claim row stored or dumped before they existed."""
    from tally.extract.fields import sentence_fields  # loads the extractor: only to migrate

    m = row if isinstance(row, dict) else row._mapping
    if not isinstance(m.get("sentence"), str) or not isinstance(m.get("mention"), str):
        return {}  # a malformed row: inserting it reports that
    if not isinstance(m.get("start"), int) or not isinstance(m.get("sentence_start") or 0, int):
        return {}
    at = m["start"] - (m.get("sentence_start") or 0)
    clause_start, clause_end, prior, definition = sentence_fields(m["sentence"], m["mention"], at, m.get("outcome"))
    return {"clause_start": clause_start, "clause_end": clause_end, "prior_value": int(prior),
            "definition": json.dumps(definition)}  # fmt: skip


def _backfill_sentence_fields(conn: Connection) -> None:
    c = claims.c
    rows = conn.execute(select(c.id, c.sentence, c.mention, c.start, c.sentence_start, c.outcome)).all()
    found = ((r.id, sentence_fields_row(r)) for r in rows)
    updates = [{"claim_id": i, **{f"new_{k}": v for k, v in f.items()}} for i, f in found if f]
    if updates:
        stmt = claims.update().where(c.id == bindparam("claim_id"))
        values: dict[str, Any] = {k: bindparam(f"new_{k}") for k in ("clause_start", "clause_end", "prior_value", "definition")}
        conn.execute(stmt.values(values), updates)


MIGRATIONS: list[Step | str] = [
    Step(tables=("articles", "claims")),
    Step(columns=("claims.as_of_basis", "claims.rules")),  # issue 10
    Step(  # issue 13: fetched pages and their versions; the feeds followed and items seen
        columns=tuple(
            f"articles.{c}"
            for c in ("final_url", "fetched_at", "etag", "last_modified", "superseded_by")
        ),
        indexes=("articles_url",),
        tables=("feeds", "feed_items"),
    ),
    Step(tables=("article_outlets", "estimates", "sources")),  # issue 11
    Step(indexes=("articles_origin",)),  # issue 14
    Step(  # issue 12: the near-duplicate index and ingested inputs in the store, a portable order
        tables=("article_bands", "inputs"),
        columns=("articles.seq", "article_outlets.seq", "estimates.position", "sources.position"),
        indexes=("articles_seq", "claims_part_quantity"),
        backfill=_backfill_seq_and_bands,
    ),
    Step(  # issue 12: estimates kept per quantity for the web app, claims' automatic groups
        tables=("estimate_scopes", "quantity_estimates", "quantity_reports", "quantity_conflicts"),
        columns=("claims.auto_group",),
        indexes=("claims_auto_group",),
    ),
    Step(  # issue 18: what later stages read of a claim's sentence, decided by extract
        columns=("claims.clause_start", "claims.clause_end", "claims.prior_value", "claims.definition"),
        backfill=_backfill_sentence_fields,
    ),
]
ESTIMATE_FIELDS = (
    "quantity", "label", "unit", "cumulative", "low", "best", "high", "as_of", "sources",
    "open_conflicts", "reasons", "topic", "computed_at",
)  # fmt: skip
SOURCE_FIELDS = (
    "source", "kind", "weight", "spellings", "quantities", "reports", "outlets", "computed_at",
)  # fmt: skip

_VERSION = MetaData()
tally_schema = Table(  # PostgreSQL's record of the steps applied (SQLite uses its pragmas)
    "tally_schema", _VERSION, Column("version", Integer, nullable=False)
)
_PG_LOCK = APPLICATION_ID  # advisory lock: concurrent first opens migrate one at a time


def migrate(conn: Connection, where: str) -> None:
    """Bring a database (new, or made by an older Tally) to the current schema.

    Args:
        conn: A connection not in a transaction, whose transactions take the write lock
            (see :mod:`tally.store.engine`); each step commits on its own.
        where: The database's file or URL (without password), for messages.

    Raises:
        StoreError: Another program's SQLite file, or a schema newer than this Tally.
    """
    sqlite = conn.dialect.name == "sqlite"
    version = _sqlite_version(conn, where) if sqlite else _pg_version(conn)
    if version > len(MIGRATIONS):
        raise StoreError(
            f"database schema {version} is newer than this Tally ({len(MIGRATIONS)})", path=where
        )
    for step in range(version, len(MIGRATIONS)):
        with conn.begin():
            # Another process may have migrated while this one waited for the write lock.
            if sqlite:
                if int(conn.exec_driver_sql("PRAGMA user_version").scalar_one()) > step:
                    continue
            else:
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
                if _pg_version(conn) > step:
                    continue
            _apply(conn, MIGRATIONS[step])
            if sqlite:
                conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
                conn.exec_driver_sql(f"PRAGMA user_version={step + 1}")
            else:
                conn.execute(tally_schema.delete())
                conn.execute(tally_schema.insert().values(version=step + 1))


def _apply(conn: Connection, step: Step | str) -> None:
    if isinstance(step, str):
        for statement in step.split(";"):
            if statement.strip():
                conn.exec_driver_sql(statement)
        return
    for name in step.tables:
        METADATA.tables[name].create(conn, checkfirst=True)
    for dotted in step.columns:
        table_name, column_name = dotted.split(".")
        present = {c["name"] for c in inspect(conn).get_columns(table_name)}
        if column_name not in present:
            column = METADATA.tables[table_name].c[column_name]
            spec = CreateColumn(column).compile(dialect=conn.dialect)
            conn.exec_driver_sql(f"ALTER TABLE {table_name} ADD COLUMN {spec}")
    for index_name in step.indexes:
        index = next(i for t in METADATA.tables.values() for i in t.indexes if i.name == index_name)
        index.create(conn, checkfirst=True)
    if step.backfill is not None:
        step.backfill(conn)


def _sqlite_version(conn: Connection, where: str) -> int:
    # One statement, so one read: read apart, another process's first step could commit
    # between them and show its tables without its application_id.
    version, app_id, tables = conn.exec_driver_sql(
        "SELECT (SELECT user_version FROM pragma_user_version),"
        " (SELECT application_id FROM pragma_application_id),"
        " (SELECT count(*) FROM sqlite_master)"
    ).one()
    version = int(version)
    conn.rollback()  # end the implicit read so each step can begin its own write
    if (version or tables) and app_id != APPLICATION_ID:
        raise StoreError("not a Tally database (another program's SQLite file)", path=where)
    return version


def _pg_version(conn: Connection) -> int:
    if conn.in_transaction():  # inside a step, which holds the lock
        return int(conn.execute(select(tally_schema.c.version)).scalar() or 0)
    with conn.begin():
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
        _VERSION.create_all(conn)
        return int(conn.execute(select(tally_schema.c.version)).scalar() or 0)
