"""Looking after a store: removing articles, listing and dating them, dumping and loading it,
saying what changed.

:func:`changes` (and each round of ``tally follow``) words what is new per quantity among
the figures stored since a moment (:mod:`tally.report.changes` words it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from tally.app.common import check_published, load_topic_file, open_existing
from tally.app.events import Events, Printed, one_line
from tally.errors import InputError, OutputError, TallyError
from tally.options import ChangesOptions
from tally.report.dated import Which, article_line, is_guessed, wanted
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


def list_articles(db: str | Path, which: Which = "all", events: Events | None = None) -> list[Article]:
    """Output one line per stored article (current versions): its date, where that came from.

    Args:
        db: The database.
        which: "all", "undated" (no publication date) or "guessed" (a date read from the
            article's own text: a dateline, a caption, the latest date mentioned).
        events: Where the lines go (as output); stdout by default.

    Returns:
        The articles listed.

    Raises:
        StoreError: The database does not exist or cannot be opened.
    """
    from tally.ingest.article import published_in

    events = events or Printed()
    with open_existing(db) as store:
        stored = [a for a in store.articles() if a.superseded_by is None]
    listed = []
    for article in stored:
        if is_guessed(article):  # the words it was read from are not stored: read them again
            value, how, phrase = published_in(article.text, article.segments, article.url)
            same = (value, how) == (article.published, article.published_origin)
            article.published_phrase = phrase if same else None
        if wanted(article, which):
            listed.append(article)
            events.output(one_line(article_line(article)))
    return listed


def set_published(db: str | Path, refs: Sequence[str], published: str, events: Events | None = None) -> list[Article]:
    """Give stored articles a publication date and extract their figures again against it.

    Args:
        db: The database.
        refs: Article ids, unique id prefixes, origins or file names (as the reports show).
        published: The date, ISO ("2021-03-16", "2021-03" or "2021").
        events: Where the line per article goes; stderr by default.

    Returns:
        The articles as stored now.

    Raises:
        OptionError: ``published`` is not an ISO date.
        StoreError: The database is missing, or a ref matches no article or several (then
            nothing is changed).
    """
    from tally.app.storing import extract_batch

    check_published(published)
    events = events or Printed()
    with open_existing(db) as store:
        found = {a.id: a for a in (store.find(ref) for ref in refs)}  # all checked first
        dated = [replace(a, published=published, published_origin="given", published_phrase=None)
                 for a in found.values()]  # fmt: skip
        ready = []
        for article, got in zip(dated, extract_batch(dated, 1), strict=True):
            if isinstance(got, TallyError):
                raise got
            ready.append((article, got))
        for article, _ in ready:
            store.remove(article.id)
        store.add_articles(ready)
    for article, got in ready:
        events.message(f"dated {article.name} {published}: {len(got)} claim(s) extracted again")
    return dated


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
