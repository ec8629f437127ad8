"""Looking after a store: removing articles, dumping and loading it, saying what changed.

:func:`changes` (and each round of ``tally follow``) words what is new per quantity among
the figures stored since a moment (:mod:`tally.report.changes` words it).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from tally.app.common import load_topic_file, open_existing
from tally.app.events import Events, Printed, one_line
from tally.errors import InputError, OutputError
from tally.options import ChangesOptions
from tally.store import Store
from tally.store.engine import label
from tally.types import PARTS, Article


def remove(db: str | Path, refs: Sequence[str], events: Events | None = None) -> list[Article]:
    """Delete articles and their claims (a superseded version becomes current again).

    Args:
        db: The database.
        refs: Article ids, unique id prefixes (6+ characters) or origins.
        events: Where the line per removed article goes; stderr by default.

    Returns:
        The articles removed.

    Raises:
        StoreError: The database is missing, or a ref matches no article or several (then
            nothing is removed).
    """
    events = events or Printed()
    with open_existing(db) as store:
        found = [store.find(ref) for ref in refs]  # all checked before any is removed
        removed = [store.remove(article.id) for article in {a.id: a for a in found}.values()]
    for article in removed:
        events.message(f"removed {article.id} ({article.origin})")
    return removed


def dump(db: str | Path, out: TextIO | Path) -> int:
    """Write a full JSON Lines dump of the store (every article and claim, every column).

    Args:
        db: The database.
        out: A text stream, or a file to (over)write.

    Returns:
        The number of article and claim lines written.

    Raises:
        StoreError: The database does not exist or cannot be opened.
        OutputError: ``out`` is a file that cannot be written.
    """
    from tally.store.backup import dump as write_dump

    with open_existing(db) as store:
        if not isinstance(out, Path):
            return write_dump(store, out)
        try:
            with out.open("w", encoding="utf-8") as stream:
                return write_dump(store, stream)
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(out)) from exc


def load(db: str | Path, source: Path, events: Events | None = None) -> int:
    """Load a dump made by :func:`dump` into the store (created when missing).

    Args:
        db: The database.
        source: The dump file.
        events: Where the summary line goes; stderr by default.

    Returns:
        The number of articles added (those already stored are skipped).

    Raises:
        InputError: The dump cannot be read.
        FormatError: It is not a Tally dump, or a line is malformed; nothing is loaded then.
    """
    from tally.store.backup import load as read_dump

    try:
        stream = source.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(source)) from exc
    with stream, Store(db) as store:
        result = read_dump(store, stream, str(source))
    (events or Printed()).message(
        f"{result.added} article(s) loaded into {label(db)}, {result.claims} claim(s), "
        f"{result.skipped} already stored"
    )
    return result.added


def changes(options: ChangesOptions, events: Events | None = None) -> list[str]:
    """Show one line per quantity with figures stored since ``options.since``.

    Args:
        options: The database, the moment, the topic to classify with, the parts counted.
        events: Where the lines go (output); stdout by default.

    Returns:
        The lines shown (without the "no new figures" line shown when there are none).

    Raises:
        StoreError: The database does not exist or cannot be opened.
        TopicError: The topic file cannot be read.
    """
    events = events or Printed()
    with open_existing(options.db) as store:
        lines = changes_lines(store, _since(options), options.topic, options.include_comments)
    for line in lines or [f"no new figures since {_since(options):%Y-%m-%d %H:%M} UTC"]:
        events.output(one_line(line))
    return lines


def _since(options: ChangesOptions) -> datetime:
    return options.since or datetime.min.replace(tzinfo=UTC)


def changes_lines(
    store: Store, since: datetime, topic_file: Path | None, include_comments: bool
) -> list[str]:
    """One line per quantity with figures stored since ``since``, in the topic's words."""
    from tally.report.changes import what_changed

    topic = load_topic_file(topic_file)
    parts = PARTS if include_comments else ("body",)
    claims = store.claims(parts=parts, superseded=True)
    if topic is not None:
        from tally.classify import classify

        classify(claims, topic)
    articles = {a.id: a for a in store.articles()}
    return what_changed(claims, articles, store.added_times(), since, topic, parts)
