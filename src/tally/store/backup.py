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

from tally.errors import FormatError
from tally.store.core import Store

FORMAT = "tally-dump"  # the first line: {"format": "tally-dump", "version": 1}
VERSION = 1


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
    articles = store._query("SELECT rowid AS _rowid, * FROM articles ORDER BY rowid")
    for article in articles:
        row = {k: article[k] for k in article.keys() if k != "_rowid"}
        if row.get("signature") is not None:
            row["signature"] = bytes(row["signature"]).hex()
        out.write(json.dumps({"article": row}, ensure_ascii=False) + "\n")
        written += 1
        for claim in store._query("SELECT * FROM claims WHERE article_id=? ORDER BY id", (row["id"],)):
            out.write(json.dumps({"claim": dict(claim)}, ensure_ascii=False) + "\n")
            written += 1
    return written


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
    columns = {
        table: [r[1] for r in store._query(f"PRAGMA table_info({table})")] for table in ("articles", "claims")
    }
    skipping = False
    with store._transaction() as conn:  # all or nothing: a bad line leaves the store as it was
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
                row = dict(row)
                if row.get("signature") is not None:
                    row["signature"] = bytes.fromhex(row["signature"])
                cur = conn.execute(*_insert("articles", row, columns["articles"], "OR IGNORE"))
                skipping = cur.rowcount == 0
                result.added += not skipping
                result.skipped += skipping
            elif kind == "claim" and not skipping:
                row = dict(row)
                taken = conn.execute("SELECT 1 FROM claims WHERE id=?", (row.get("id"),)).fetchone()
                if taken:
                    row.pop("id", None)  # loading into a store that has its own claims
                conn.execute(*_insert("claims", row, columns["claims"], ""))
                result.claims += 1
            elif kind not in ("article", "claim"):
                raise FormatError(f"unknown entry {kind!r}", path=where, line=number)
    store._duplicates = None
    return result


def _entry(line: str, where: str, number: int) -> dict[str, Any]:
    try:
        entry = json.loads(line)
    except json.JSONDecodeError as exc:
        raise FormatError(f"malformed JSON: {exc.msg}", path=where, line=number) from None
    if not isinstance(entry, dict) or len(entry) != (2 if number == 1 else 1):
        raise FormatError("each line must be one {\"article\": ...} or {\"claim\": ...} object",
                          path=where, line=number)  # fmt: skip
    if number > 1 and not isinstance(next(iter(entry.values())), dict):
        raise FormatError("an entry must be an object", path=where, line=number)
    return entry


def _insert(table: str, row: dict[str, Any], known: list[str], mode: str) -> tuple[str, list[Any]]:
    keys = [k for k in row if k in known]  # columns of a newer Tally are left out
    names = ", ".join(f'"{k}"' for k in keys)
    return (
        f"INSERT {mode} INTO {table} ({names}) VALUES ({', '.join('?' * len(keys))})",
        [row[k] for k in keys],
    )
