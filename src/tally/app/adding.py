"""Ingesting: files, directories and globs, URLs, a pasted text, and the demo, into the store.

Each function reads its inputs, leaves out what is stored already, and hands the rest to
:func:`tally.app.storing.store_batch`; with ``IngestOptions.ray`` the files go to a Ray
cluster instead (:mod:`tally.app.ray_backend`). A bad input is reported as one line through
the :class:`~tally.app.events.Events` given and the batch goes on, while a problem that stops
the whole run raises a TallyError.

The text stages are imported where they are used: spaCy, trafilatura and dateparser take
seconds to load, and ``tally --help`` or a plain report need none of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tally.app.common import check_published, examples_dir, file_digest, load_topic_file, summary_lines
from tally.app.events import Events, Printed
from tally.app.storing import BATCH, already_stored, store_batch
from tally.errors import InputError, TallyError
from tally.options import FollowOptions, IngestOptions, IngestResult, ReportOptions
from tally.store import Store
from tally.types import Article

if TYPE_CHECKING:  # httpx loads only when a URL is fetched
    from tally.app.live import StopFlag
    from tally.ingest.fetch import Fetcher


def ingest_paths(
    paths: Sequence[str | Path], options: IngestOptions, events: Events | None = None
) -> IngestResult:
    """Ingest files, directories and globs into the store; bad inputs do not stop the batch.

    Args:
        paths: What to read (see :func:`tally.ingest.iter_articles`); http(s) URLs given
            as strings are fetched (see :func:`tally.app.live.ingest_urls`).
        options: The database, the topic to classify with, whether to report progress.
        events: Where messages and progress go; plain lines on stderr by default.

    Returns:
        Counts of what was added, skipped and marked duplicate, and the errors, one per bad
        file or line (each already reported as one line).

    Raises:
        OptionError: ``options.published`` is not an ISO date.
        TopicError: The topic file cannot be read.
        StoreError: The database cannot be opened.
    """
    from tally.ingest import count_inputs, expand, read_one
    from tally.ingest.fetch import is_url

    events = events or Printed()
    check_published(options.published)
    if options.ray:
        from tally.app.ray_backend import require_ray

        require_ray()  # before the database is created or anything read
    topic = load_topic_file(options.topic)
    result = IngestResult()
    urls = [str(p) for p in paths if isinstance(p, str) and is_url(p)]
    paths = [p for p in paths if not (isinstance(p, str) and is_url(p))]
    with Store(options.db) as store:
        if urls:
            from tally.app.live import ingest_urls as fetch_into

            fetch_into(store, urls, options, topic, result, events)
        if options.ray:
            _ingest_on_ray(paths, options, events, result)
            for line in summary_lines(result, options.db):
                events.message(line)
            return result
        total = count_inputs(paths) if options.progress and paths else 0
        batch: list[Article] = []
        # Files read whole, to record once their articles are stored: digest, path,
        # article count, the articles' origins.
        finished: list[tuple[str, str, int, set[str]]] = []

        def flush() -> None:
            store_batch(store, batch, options, topic, result, events)
            batch.clear()
            for digest, origin, count, origins in finished:
                if not origins & result.echoes:
                    store.add_input(digest, origin, count)
            finished.clear()

        def advance(done: int) -> None:
            if options.progress:
                events.progress(done, max(total, done))

        try:
            for file in expand(paths):
                if isinstance(file, TallyError):
                    result.errors.append(file)
                    events.message(str(file))
                    continue
                digest = file_digest(file)
                known = None if digest is None else store.known_input(digest)
                if known is not None:
                    result.skipped += known  # unchanged since it was ingested: not even parsed
                    events.message(f"skipped {file}: already stored (unchanged since it was ingested)")
                    advance(len(result.errors) + result.skipped + result.added + len(batch))
                    continue
                clean, count = True, 0
                origins: set[str] = set()
                for item in read_one(file):
                    if isinstance(item, TallyError):
                        clean = False
                        result.errors.append(item)
                        events.message(str(item))
                        continue
                    count += 1
                    origins.add(item.origin)
                    for warning in item.warnings:
                        result.warnings.append(warning)
                        events.message(str(warning))
                    if (stored := store.article(item.id)) is not None:
                        # checked first: extraction is the slow part
                        already_stored(store, item, stored, result, events)
                    else:
                        batch.append(item)
                    if len(batch) >= BATCH:
                        flush()
                    # A JSONL file counts as one input but yields many articles.
                    advance(len(result.errors) + result.skipped + result.added + len(batch))
                if clean and digest is not None:
                    finished.append((digest, str(file), count, origins))
            flush()
        finally:
            events.finished()
    for line in summary_lines(result, options.db):
        events.message(line)
    return result


def ingest_urls(
    urls: Sequence[str],
    options: IngestOptions,
    events: Events | None = None,
    fetcher: Fetcher | None = None,
) -> IngestResult:
    """Fetch pages into the store (the web app's URL field); see :func:`tally.app.live.ingest_urls`.

    Args:
        urls: http(s) URLs.
        options: The database, topic, fetch limits and ``refresh``.
        events: Where error lines and the summary go; plain lines on stderr by default.
        fetcher: A fetcher shared across calls, so robots.txt and the pace per host carry
            over from one call to the next.

    Returns:
        What was stored; failures (one line each, already reported) in ``errors``.
    """
    from tally.app.live import ingest_urls as fetch_into

    events = events or Printed()
    topic = load_topic_file(options.topic)
    result = IngestResult()
    with Store(options.db) as store:
        fetch_into(store, urls, options, topic, result, events, fetcher)
    for line in summary_lines(result, options.db):
        events.message(line)
    return result


def _ingest_on_ray(
    paths: Sequence[str | Path], options: IngestOptions, events: Events, result: IngestResult
) -> None:
    from tally.app.ray_backend import ingest_on_ray
    from tally.ingest import expand

    files: list[Path] = []
    for item in expand(paths):
        if isinstance(item, TallyError):
            result.errors.append(item)
            events.message(str(item))
        else:
            files.append(item)
    ingest_on_ray(files, options, events, result)


def ingest_text(
    text: str, metadata: Mapping[str, str | None], options: IngestOptions, events: Events | None = None
) -> IngestResult:
    """Ingest one pasted text (the web app's paste box).

    Args:
        text: The article's text, with or without comments and page furniture.
        metadata: Optional "title", "outlet", "author", "url", "published" (ISO date).
        options: The database and topic.
        events: Where an extraction or storage failure is reported; plain lines by default.

    Returns:
        What was stored; ``article_ids`` holds the new article's id when it was added.

    Raises:
        InputError: The text is empty.
        FormatError: The text starts with a malformed metadata header.
    """
    from tally.ingest import from_text

    topic = load_topic_file(options.topic)
    meta = {k: v for k, v in metadata.items() if v}
    article = from_text(text, "pasted text", meta)
    if not article.text.strip():
        raise InputError("the pasted text is empty", path="pasted text")
    # The id is a content hash, so the name is stable across re-pastes of the same text.
    article.origin = f"pasted-{article.id[:12]}.txt"
    result = IngestResult()
    with Store(options.db) as store:
        if store.article(article.id) is not None:
            result.skipped += 1
        else:
            store_batch(store, [article], options, topic, result, events or Printed())
    return result


def demo(db: str | Path, events: Events | None = None) -> IngestResult:
    """Ingest the bundled example corpus with its topic, then show the report.

    Args:
        db: The database to ingest into.
        events: Where the ingest's messages and the report go; plain lines by default.

    Returns:
        What the ingest did.
    """
    from tally.app.reporting import report

    events = events or Printed()
    examples = examples_dir()
    topic = examples / "dprk-russia.toml"
    result = ingest_paths([examples / "corpus"], IngestOptions(db=db, topic=topic), events)
    report(ReportOptions(db=db, topic=topic), events)
    return result


def follow(options: FollowOptions, events: Events | None = None, stop: StopFlag | None = None) -> IngestResult:
    """Follow feeds and sitemaps: ingest their new items, say what changed, every period.

    See :func:`tally.app.live.follow`; Ctrl-C stops it between articles.

    Args:
        options: The feeds (none: those the database follows), the period, ingest settings.
        events: Where errors and round summaries (messages) and each round's changes
            (output) go; stderr and stdout by default.
        stop: Stops the loop between articles when set; one catching Ctrl-C by default.

    Returns:
        What all the rounds did.
    """
    from tally.app.live import follow as follow_feeds

    return follow_feeds(options, events, stop)
