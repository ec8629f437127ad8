"""A full dump of the store as JSON Lines, and loading one back: every column of every
article and claim, so that dump -> load -> dump gives the same lines.

Each line is ``{"article": {...}}`` or ``{"claim": {...}}``; an article's claims follow it.
The MinHash signature is written as hex.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TextIO

from sqlalchemy import Connection, exc, func, select, text, tuple_

from tally.errors import FormatError
from tally.store.core import Store
from tally.store.dedup import band_keys, load_signature
from tally.store.schema import article_bands, articles, claims, sentence_fields_row

FORMAT = "tally-dump"  # the first line: {"format": "tally-dump", "version": 1}
VERSION = 1
PAGE = 1000  # articles read at a time while dumping
_LOCAL = {"seq"}  # columns that belong to one database, not to the content


@dataclass
class LoadResult:
    """What a load stored: articles added, articles already there, claims added."""

    added: int = 0
    skipped: int = 0
    claims: int = 0


def dump(store: Store, out: TextIO) -> int:
    """Write every article and claim of the store, in the order they were added.

    Args:
        store: The store to dump.
        out: A text stream.

    Returns:
        The number of lines written after the format line.
    """
    out.write(json.dumps({"format": FORMAT, "version": VERSION}) + "\n")
    written = 0
    # The columns of the articles table as dumped: all but the store's own order (``seq``),
    # which a load gives anew after what the target already holds.
    fields = [c for c in articles.c if c.name not in _LOCAL]
    last: tuple[int, str] | None = None
    while True:  # a page of articles at a time: a dump of millions never sits in memory
        query = select(articles.c.seq, *fields).order_by(articles.c.seq, articles.c.id)
        if last is not None:
            query = query.where(tuple_(articles.c.seq, articles.c.id) > tuple_(*last))
        page = store._rows(query.limit(PAGE))
        for article in page:
            row = {c.name: article._mapping[c.name] for c in fields}
            if row.get("signature") is not None:
                row["signature"] = bytes(row["signature"]).hex()
            out.write(json.dumps({"article": row}, ensure_ascii=False) + "\n")
            written += 1
            rows = store._rows(select(claims).where(claims.c.article_id == row["id"]).order_by(claims.c.id))
            for claim in rows:
                out.write(json.dumps({"claim": dict(claim._mapping)}, ensure_ascii=False) + "\n")
                written += 1
        if len(page) < PAGE:
            return written
        last = (int(page[-1]._mapping["seq"]), str(page[-1]._mapping["id"]))


def load(store: Store, lines: Iterable[str], where: str) -> LoadResult:
    """Add the articles and claims of a dump; articles already stored are left as they are.

    Claims keep their ids when the store had none of them yet (a restore into a new
    database), so that a reloaded dump dumps the same.

    Args:
        store: The store to load into.
        lines: The dump's lines.
        where: The dump's name, for messages.

    Raises:
        FormatError: The text is not a Tally dump, or a line is malformed (naming the line).
    """
    result = LoadResult()
    known = {"articles": {c.name for c in articles.c} - _LOCAL, "claims": {c.name for c in claims.c}}
    skipping = False
    with store.write() as conn:  # all or nothing: a bad line leaves the store as it was
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            entry = _entry(line, where, number)
            if number == 1:
                if entry.get("format") != FORMAT:
                    raise FormatError("not a Tally dump (no format line)", path=where, line=1)
                continue
            kind, row = next(iter(entry.items()))
            if kind == "article":
                skipping = not _load_article(store, conn, row, known["articles"], where, number)
                result.added += not skipping
                result.skipped += skipping
            elif kind == "claim" and not skipping:
                if "definition" not in row:  # dumped by a Tally that stored no sentence fields
                    row |= sentence_fields_row(row)
                row = {k: v for k, v in row.items() if k in known["claims"]}
                taken = conn.execute(select(claims.c.id).where(claims.c.id == row.get("id"))).first()
                if taken or row.get("id") is None:
                    row.pop("id", None)  # loading into a store that has its own claims
                _run(conn, claims.insert().values(row), where, number)
                result.claims += 1
            elif kind not in ("article", "claim"):
                raise FormatError(f"unknown entry {kind!r}", path=where, line=number)
        if conn.dialect.name == "postgresql":
            # Ids given explicitly do not move the id sequence: move it past them.
            conn.execute(text(
                "SELECT setval(pg_get_serial_sequence('claims', 'id'),"
                " GREATEST((SELECT max(id) FROM claims), 1))"
            ))  # fmt: skip
    return result


def _load_article(
    store: Store, conn: Connection, row: dict[str, Any], known: set[str], where: str, number: int
) -> bool:
    """Insert one dumped article (and its near-duplicate bands); False if already stored."""
    row = {k: v for k, v in row.items() if k in known}  # columns of a newer Tally left out
    if not isinstance(row.get("id"), str) or not row["id"]:
        raise FormatError("an article entry needs its id", path=where, line=number)
    try:
        if row.get("signature") is not None:
            row["signature"] = bytes.fromhex(row["signature"])
    except (TypeError, ValueError):
        raise FormatError("the article's signature is not hex", path=where, line=number) from None
    if conn.dialect.name == "sqlite":  # PostgreSQL takes seq from its sequence
        row["seq"] = select(func.coalesce(func.max(articles.c.seq), 0) + 1).scalar_subquery()
    stmt = store._upsert(articles).values(row).on_conflict_do_nothing(index_elements=["id"])
    if _run(conn, stmt.returning(articles.c.id), where, number).first() is None:
        return False
    if row.get("signature") is not None:
        keys = band_keys(load_signature(row["signature"]))
        conn.execute(article_bands.insert(), [{"band": b, "key": k, "article_id": row["id"]} for b, k in keys])
    return True


def _run(conn: Connection, stmt: Any, where: str, number: int) -> Any:
    """Execute one statement of a load; a row the database refuses is that line's error."""
    try:
        return conn.execute(stmt)
    except (exc.IntegrityError, exc.DataError) as error:  # the whole load is rolled back
        reason = " ".join(str(error.orig or error).split())[:200]
        raise FormatError(f"the database refuses this entry ({reason})", path=where, line=number) from None


def _entry(line: str, where: str, number: int) -> dict[str, Any]:
    try:
        entry = json.loads(line)
    except json.JSONDecodeError as error:
        raise FormatError(f"malformed JSON: {error.msg}", path=where, line=number) from None
    if not isinstance(entry, dict) or len(entry) != (2 if number == 1 else 1):
        raise FormatError("each line must be one {\"article\": ...} or {\"claim\": ...} object",
                          path=where, line=number)  # fmt: skip
    if number > 1 and not isinstance(next(iter(entry.values())), dict):
        raise FormatError("an entry must be an object", path=where, line=number)
    return entry
