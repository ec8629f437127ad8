"""The glue a user calls: one public function per command of the CLI and the web app.

Each function runs the stages in order (ingest -> extract -> classify -> store, or store ->
reconcile -> report) and is the only place besides the web app that opens the store.
Messages go to a rich console (stderr unless one is given); a bad input is reported as one
line and the batch goes on, while a problem that stops the whole run raises a TallyError.

The text stages are imported where they are used: spaCy, trafilatura and dateparser take
seconds to load, and ``tally --help``, ``tally export`` or a plain report need none of them.
"""

from __future__ import annotations

import hashlib
import os
from tally import rx as re  # linear-time matching: see tally/rx.py
from collections.abc import Mapping, Sequence
from dataclasses import replace
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from sqlalchemy.exc import SQLAlchemyError

from tally.errors import (
    InputError,
    NotFoundError,
    OptionError,
    OutputError,
    StoreError,
    TallyError,
)
from tally.reconcile import load_sources, reconcile
from tally.report import render
from tally.report.export import ExportFormat
from tally.store import Store
from tally.store.engine import is_url as is_db_url
from tally.store.engine import label
from tally.types import (
    PARTS,
    Article,
    ChangesOptions,
    Claim,
    Estimate,
    FollowOptions,
    IngestOptions,
    IngestResult,
    ReportContext,
    ReportOptions,
    Topic,
)

if TYPE_CHECKING:  # httpx loads only when a URL is fetched
    from tally.ingest.fetch import Fetcher

ExportWhat = Literal["claims", "estimates", "sources"]
PROGRESS_MIN_INPUTS = 5  # below this a bar only flickers
BATCH = 32  # articles extracted together; bounds the memory held before storing
COUNT_EVERY = 100  # off a terminal, a count line every this many articles


def ingest_paths(
    paths: Sequence[str | Path], options: IngestOptions, console: Console | None = None
) -> IngestResult:
    """Ingest files, directories and globs into the store; bad inputs do not stop the batch.

    Args:
        paths: What to read (see :func:`tally.ingest.iter_articles`); http(s) URLs given
            as strings are fetched (see :func:`tally.live.ingest_urls`).
        options: The database, the topic to classify with, whether to show progress.
        console: Where messages and the progress bar go; stderr by default.

    Returns:
        Counts of what was added, skipped and marked duplicate, and the errors, one per bad
        file or line (each already printed as one line).

    Raises:
        TopicError: The topic file cannot be read.
        StoreError: The database cannot be opened.
    """
    from tally.ingest import count_inputs, expand, read_one
    from tally.ingest.fetch import is_url

    console = console or Console(stderr=True)
    check_published(options.published)
    topic = load_topic_file(options.topic)
    result = IngestResult()
    urls = [str(p) for p in paths if isinstance(p, str) and is_url(p)]
    paths = [p for p in paths if not (isinstance(p, str) and is_url(p))]
    with Store(options.db) as store:
        if urls:
            from tally.live import ingest_urls

            ingest_urls(store, urls, options, topic, result, console)
        if options.ray:
            _ingest_on_ray(paths, options, console, result)
            print_line(console, summary(result, options.db))
            return result
        total = count_inputs(paths) if options.progress and paths else 0
        with _progress(console, total) as progress:
            task = progress.add_task("ingesting", total=total)
            counter = _CountLines(console, enabled=options.progress and not console.is_terminal)
            batch: list[Article] = []
            # Files read whole, to record once their articles are stored: digest, path,
            # article count, the articles' origins.
            finished: list[tuple[str, str, int, set[str]]] = []

            def flush() -> None:
                store_batch(store, batch, options, topic, result)
                batch.clear()
                for digest, origin, count, origins in finished:
                    if not origins & result.echoes:
                        store.add_input(digest, origin, count)
                finished.clear()

            for file in expand(paths):
                if isinstance(file, TallyError):
                    result.errors.append(file)
                    print_line(progress.console, str(file))
                    continue
                digest = file_digest(file)
                known = None if digest is None else store.known_input(digest)
                if known is not None:
                    result.skipped += known  # unchanged since it was ingested: not even parsed
                    print_line(progress.console, f"skipped {file}: already stored (unchanged since it was ingested)")
                    progress.update(task, advance=1)
                    continue
                clean, count = True, 0
                origins: set[str] = set()
                for item in read_one(file):
                    if isinstance(item, TallyError):
                        clean = False
                        result.errors.append(item)
                        print_line(progress.console, str(item))
                        continue
                    count += 1
                    origins.add(item.origin)
                    for warning in item.warnings:
                        result.warnings.append(warning)
                        print_line(progress.console, str(warning))
                    if (stored := store.article(item.id)) is not None:
                        # checked first: extraction is the slow part
                        _known(progress.console, store, item, stored, result)
                    else:
                        batch.append(item)
                    if len(batch) >= BATCH:
                        flush()
                    # A JSONL file counts as one input but yields many articles.
                    done = len(result.errors) + result.skipped + result.added + len(batch)
                    progress.update(task, completed=done, total=max(total, done))
                    counter.update(done)
                if clean and digest is not None:
                    finished.append((digest, str(file), count, origins))
            flush()
    print_line(console, summary(result, options.db))
    return result


def check_published(value: str | None) -> None:
    """Refuse a ``--published`` that is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY).

    Raises:
        OptionError: The value is not an ISO date.
    """
    if value is None:
        return
    from tally.reconcile.periods import parse_iso

    if not _ISO_DATE.fullmatch(value) or parse_iso(value) is None:
        raise OptionError(f"--published must be an ISO date such as 2025-03-14, not {value[:40]!r}")


_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


class _CountLines:
    """A plain "N articles read" line every COUNT_EVERY articles, for a log rather than a
    terminal (where the progress bar shows instead)."""

    def __init__(self, console: Console, enabled: bool) -> None:
        self.console, self.enabled, self.shown = console, enabled, 0

    def update(self, done: int) -> None:
        if self.enabled and done >= self.shown + COUNT_EVERY:
            self.shown = done - done % COUNT_EVERY
            print_line(self.console, f"{self.shown} articles read")


def ingest_urls(
    urls: Sequence[str],
    options: IngestOptions,
    console: Console | None = None,
    fetcher: Fetcher | None = None,
) -> IngestResult:
    """Fetch pages into the store (the web app's URL field); see :func:`tally.live.ingest_urls`.

    Args:
        urls: http(s) URLs.
        options: The database, topic, fetch limits and ``refresh``.
        console: Where error lines and the summary go; stderr by default.
        fetcher: A fetcher shared across calls, so robots.txt and the pace per host carry
            over from one call to the next.

    Returns:
        What was stored; failures (one line each, already printed) in ``errors``.
    """
    from tally.live import ingest_urls as fetch_into

    console = console or Console(stderr=True)
    topic = load_topic_file(options.topic)
    result = IngestResult()
    with Store(options.db) as store:
        fetch_into(store, urls, options, topic, result, console, fetcher)
    print_line(console, summary(result, options.db))
    return result


def _ingest_on_ray(
    paths: Sequence[str | Path], options: IngestOptions, console: Console, result: IngestResult
) -> None:
    from tally.cluster import ingest_on_ray
    from tally.ingest import expand

    files: list[Path] = []
    for item in expand(paths):
        if isinstance(item, TallyError):
            result.errors.append(item)
            print_line(console, str(item))
        else:
            files.append(item)
    ingest_on_ray(files, options, console, result)


def file_digest(path: Path) -> str | None:
    """The SHA-256 of a file's bytes (None when it cannot be read; reading reports that).

    Args:
        path: The input file.

    Returns:
        The hex digest, the key of the store's record of ingested inputs.
    """
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


def ingest_text(
    text: str, metadata: Mapping[str, str | None], options: IngestOptions
) -> IngestResult:
    """Ingest one pasted text (the web app's paste box).

    Args:
        text: The article's text, with or without comments and page furniture.
        metadata: Optional "title", "outlet", "author", "url", "published" (ISO date).
        options: The database and topic.

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
            store_batch(store, [article], options, topic, result)
    return result


def export_claims(options: ReportOptions, fmt: ExportFormat, out: TextIO | Path) -> int:
    """Write the stored claims as JSON Lines or CSV (:func:`export` with ``what="claims"``)."""
    return export(options, fmt, out, "claims")


def export(
    options: ReportOptions, fmt: ExportFormat, out: TextIO | Path, what: ExportWhat = "claims"
) -> int:
    """Write the stored claims, or the estimates and sources of a fresh report, as JSONL or CSV.

    Args:
        options: The database, whether comment and furniture claims are included, and for
            estimates and sources the topic and source table to reconcile with.
        fmt: "jsonl" or "csv".
        out: A text stream, or a file to (over)write once the rows are ready.
        what: "claims" (with their article's outlet, title, url and publication date),
            "estimates" or "sources" (also stored in the database's tables of those names).

    Returns:
        The number of rows written.

    Raises:
        StoreError: The database does not exist or cannot be opened.
        TopicError: The topic file or the source table cannot be read.
        OutputError: ``out`` is a file that cannot be written.
    """
    from tally.report.export import write_claims, write_rows
    from tally.store.schema import ESTIMATE_FIELDS, SOURCE_FIELDS

    def write(stream: TextIO) -> int:
        if what == "claims":
            return write_claims(claims, fmt, stream, articles)
        return write_rows(rows, ESTIMATE_FIELDS if what == "estimates" else SOURCE_FIELDS, fmt, stream)

    claims: list[Claim] = []
    articles: dict[str, Article] = {}
    rows: list[dict[str, object]] = []
    if what == "claims":
        with _open_existing(options.db) as store:
            claims = store.claims(parts=_parts(options))
            articles = {a.id: a for a in store.articles()}
    else:
        build_report(options)  # stores the estimates and sources it computes
        with _open_existing(options.db) as store:
            rows = store.table_rows(what)
    if not isinstance(out, Path):
        return write(out)
    try:
        with out.open("w", encoding="utf-8", newline="") as stream:
            return write(stream)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(out)) from exc


def explain(db: str | Path, claim_id: int, console: Console | None = None) -> list[str]:
    """Print one stored claim with its sentence and the rule behind each of its fields.

    Raises:
        StoreError: The database does not exist or cannot be opened.
        NotFoundError: No claim has this id.
    """
    from tally.report.explain import explain as explain_lines

    with _open_existing(db) as store:
        claim = store.claim(claim_id)
        if claim is None:
            raise NotFoundError(f"no claim {claim_id} (claim ids are in `tally export`)", path=label(db))
        article = store.article(claim.article_id) if claim.article_id else None
    lines = explain_lines(claim, article)
    out = console or Console()
    for line in lines:
        print_line(out, line)
    return lines


def report(options: ReportOptions, console: Console | None = None) -> None:
    """Reconcile the stored claims and show the estimates.

    Claims are re-classified when a topic is given, so editing the topic file needs no
    re-ingest. ``format`` "table", "json", "md", "cite" or "wikitext" prints to the console;
    ``output`` (or format "html") writes the HTML page there. Every format says how many
    claims fit no quantity; ``unclassified`` lists them.

    Args:
        options: The database, topic, source table, parts to include, format and HTML path.
        console: Where the report goes; stdout by default.

    Raises:
        StoreError: The database does not exist, cannot be opened or holds no claims.
        TopicError: The topic file or the source table cannot be read.
        OutputError: The HTML page cannot be written (checked before anything is shown).
    """
    console = console or Console()
    if options.output is not None:
        _check_writable(options.output)  # before the report is printed, not after
    estimates, context = build_report(options)
    if options.format == "html" and options.output is None:
        raise ValueError("the html format needs ReportOptions.output")
    if options.format != "html":
        text = render(estimates, options.format, console, context)
        if text is not None:
            console.out(text, highlight=False)
    if options.output is not None:
        from tally.report.html import write_html  # plotly and jinja2 load only for --html

        try:
            write_html(estimates, options.output, context)
        except OSError as exc:
            raise OutputError(
                f"cannot write: {exc.strerror or exc}", path=str(options.output)
            ) from exc
        print_line(Console(stderr=True), f"wrote {options.output}")


def build_report(options: ReportOptions) -> tuple[list[Estimate], ReportContext]:
    """The estimates of the stored claims, and what a report shows beside them.

    Args:
        options: The database, topic, source table and parts to include.

    Returns:
        The estimates, and the report's title, articles and the claims that fit no quantity.

    Raises:
        StoreError: The database does not exist or cannot be opened.
        TopicError: The topic file or the source table cannot be read.
    """
    topic = load_topic_file(options.topic)
    table = load_sources(options.sources) if options.sources else None
    parts = _parts(options)
    with _open_existing(options.db) as store, store.snapshot():
        # One state of the store, whatever writers commit meanwhile; no article text needed.
        claims = store.claims(parts=parts)
        articles = {a.id: a for a in store.articles(with_text=False)}
    if not claims:
        raise StoreError("no claims in this database; run `tally ingest` first", path=label(options.db))
    if topic is not None:
        from tally.classify import classify

        classify(claims, topic)
    estimates = reconcile(claims, topic=topic, articles=articles, sources=table, parts=parts)
    from tally.classify import group_key

    unclassified = [
        c for c in claims
        if (c.low is not None or c.high is not None) and c.approx != "vague"
        and (c.quantity is None if topic is not None else c.quantity is None and group_key(c) is None)
    ]  # fmt: skip
    with Store(options.db) as store:
        store.save_estimates(estimates, topic.name if topic else None)
    context = ReportContext(
        title=topic.name if topic else "Tally report",
        unclassified=unclassified,
        list_unclassified=options.unclassified,
        articles=articles,
    )
    return estimates, context


def remove(db: str | Path, refs: Sequence[str], console: Console | None = None) -> list[Article]:
    """Delete articles and their claims (a superseded version becomes current again).

    Args:
        db: The database.
        refs: Article ids, unique id prefixes (6+ characters) or origins.
        console: Where the line per removed article goes; stderr by default.

    Returns:
        The articles removed.

    Raises:
        StoreError: The database is missing, or a ref matches no article or several (then
            nothing is removed).
    """
    console = console or Console(stderr=True)
    with _open_existing(db) as store:
        found = [store.find(ref) for ref in refs]  # all checked before any is removed
        removed = [store.remove(article.id) for article in {a.id: a for a in found}.values()]
    for article in removed:
        print_line(console, f"removed {article.id} ({article.origin})")
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

    with _open_existing(db) as store:
        if not isinstance(out, Path):
            return write_dump(store, out)
        try:
            with out.open("w", encoding="utf-8") as stream:
                return write_dump(store, stream)
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(out)) from exc


def load(db: str | Path, source: Path, console: Console | None = None) -> int:
    """Load a dump made by :func:`dump` into the store (created when missing).

    Args:
        db: The database.
        source: The dump file.
        console: Where the summary line goes; stderr by default.

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
    print_line(console or Console(stderr=True),
                f"{result.added} article(s) loaded into {label(db)}, {result.claims} claim(s), "
                f"{result.skipped} already stored")  # fmt: skip
    return result.added


def _check_writable(path: Path) -> None:
    """Raise OutputError now if ``path`` cannot be written, so that nothing is shown first."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError("is a directory, not a file", path=str(path))
    if not folder.is_dir():
        raise OutputError("cannot write: no such directory", path=str(path))
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise OutputError("cannot write: permission denied", path=str(path))


def demo(db: str | Path, console: Console | None = None) -> IngestResult:
    """Ingest the bundled example corpus with its topic, then print the report.

    Args:
        db: The database to ingest into.
        console: Where the report goes; stdout by default.

    Returns:
        What the ingest did.
    """
    examples = examples_dir()
    topic = examples / "dprk-russia.toml"
    result = ingest_paths(
        [examples / "corpus"], IngestOptions(db=db, topic=topic), Console(stderr=True)
    )
    report(ReportOptions(db=db, topic=topic), console)
    return result


def serve(
    db: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    topic: Path | None = None,
    sources: Path | None = None,
    create: bool = False,
    allow_private: bool = False,
) -> None:
    """Run the web app over the store until interrupted.

    Args:
        db: The database the app reads and writes.
        host: The interface to listen on; loopback by default.
        port: The TCP port.
        token: The token that adding articles (and reading from another machine) needs;
            a fresh one is made and printed when None.
        topic: The topic that articles added through the app are classified with.
        sources: A user's source table (canonical names, kinds, weights).
        create: Create the database when it is missing (else that is an error).
        allow_private: Let URL ingest fetch internal addresses (an intranet's pages).

    Raises:
        StoreError: The database is missing (and ``create`` is false) or cannot be opened.
    """
    if not create and not is_db_url(db) and not Path(db).exists():
        raise StoreError("no such database; run `tally ingest` first, or give --create",
                         path=str(db))  # fmt: skip
    import uvicorn  # the server and the web app load only for this command

    from tally.web.app import create_app

    app = create_app(db, token=token, topic=topic, sources=sources, allow_private=allow_private)
    # The app makes a fresh token when none is given; the user needs it to add articles.
    shown = "the one given" if token else app.state.token
    print_line(Console(stderr=True), f"Tally on http://{host}:{port}/  write token: {shown}")
    uvicorn.run(app, host=host, port=port)


def follow(options: FollowOptions, console: Console | None = None) -> IngestResult:
    """Follow feeds and sitemaps: ingest their new items, say what changed, every period.

    See :func:`tally.live.follow`; Ctrl-C stops it between articles.

    Args:
        options: The feeds (none: those the database follows), the period, ingest settings.
        console: Where errors and round summaries go; stderr by default.

    Returns:
        What all the rounds did.
    """
    from tally.live import follow as follow_feeds

    return follow_feeds(options, console)


def changes(options: ChangesOptions, out: Console | None = None) -> list[str]:
    """Print one line per quantity with new figures since a moment (see :mod:`tally.live`).

    Args:
        options: The database, the moment, the topic, the parts counted.
        out: Where the lines go; stdout by default.

    Returns:
        The lines (without the "no new figures" line printed when there are none).
    """
    from tally.live import changes as changed

    return changed(options, out)


def examples_dir() -> Path:
    """The bundled examples: ``tally/_examples`` in a wheel, ``examples/`` in a checkout."""
    bundled = Path(str(files("tally") / "_examples"))
    if bundled.is_dir():
        return bundled
    checkout = Path(__file__).resolve().parents[2] / "examples"
    if checkout.is_dir():
        return checkout
    raise InputError("the bundled examples are missing from this installation", path=str(bundled))


def store_batch(
    store: Store,
    articles: list[Article],
    options: IngestOptions,
    topic: Topic | None,
    result: IngestResult,
    supersedes: Mapping[str, str] | None = None,
) -> None:
    """Extract a batch of articles together (spaCy is much faster so), then store them in one
    transaction; the counts go into ``result``.

    Args:
        store: The open store.
        articles: The articles, none of them stored yet.
        options: Processes to extract with, a publication date for undated articles.
        topic: Classifies the claims, when given.
        result: Counts what was stored.
        supersedes: For new versions of a page: new article id -> the older version's id
            (a file re-ingested from the same origin is found by the store itself).

    Articles not in English are stored with their language and no claims: the extraction
    rules are English ones. A fault extracting or storing one article is that article's
    error; the rest of the batch goes in.
    """
    from tally.classify import classify

    if not articles:
        return
    if options.published:
        articles = [_dated(a, options.published) for a in articles]
    english = [a for a in articles if a.language == "en"]
    extracted = dict(zip((id(a) for a in english), _extract(english, options.processes)))
    ready: list[tuple[Article, list[Claim]]] = []
    for article in articles:
        claims = extracted.get(id(article), [])
        if isinstance(claims, TallyError):
            result.errors.append(claims)
            print_line(Console(stderr=True), str(claims))
            continue
        if topic is not None:
            classify(claims, topic)
        ready.append((article, claims))
    try:
        added: list[bool | None] = list(store.add_articles(ready, supersedes))  # one transaction
        result.versions += store.replaced
    except (StoreError, SQLAlchemyError, ValueError, OverflowError):
        # Find the article at fault: each on its own, so that it costs only itself.
        added = [_store_one(store, article, claims, supersedes, result) for article, claims in ready]
    for (article, claims), was_added in zip(ready, added, strict=True):
        if was_added is None:
            continue  # could not be stored: that article's error
        if not was_added:
            stored = store.article(article.id)
            if stored is not None:  # the same text twice in one batch, or another writer's
                _skip(Console(stderr=True), store, article, stored, result)
            continue
        result.added += 1
        result.claims += len(claims)
        result.article_ids.append(article.id)
        result.not_english += article.language != "en"
        result.undated += article.published is None
        if article.duplicate_of:
            result.duplicates += 1


def _store_one(
    store: Store,
    article: Article,
    claims: list[Claim],
    supersedes: Mapping[str, str] | None,
    result: IngestResult,
) -> bool | None:
    """Store one article (see Store.add_article); None, with its error noted, if it cannot be."""
    try:
        added = store.add_article(article, claims, supersedes=(supersedes or {}).get(article.id))
    except (StoreError, SQLAlchemyError, ValueError, OverflowError) as exc:
        error = InputError(f"could not be stored ({type(exc).__name__}: {str(exc)[:200]})",
                           path=article.origin)  # fmt: skip
        result.errors.append(error)
        print_line(Console(stderr=True), str(error))
        return None
    result.versions += store.replaced
    return added


_METADATA = ("url", "title", "author", "outlet", "published", "published_origin")


def _known(console: Console, store: Store, article: Article, stored: Article, result: IngestResult) -> None:
    """An article whose text is stored: current again if the file went back to that text,
    its metadata recorded if only that changed (a new ``url:``), else skipped."""
    if stored.origin == article.origin and stored.superseded_by is not None:
        try:
            current = store.find(article.origin)
        except StoreError:
            current = None
        if current is not None and current.id != stored.id:
            store.reinstate(stored.id, over=current.id)
            result.versions += 1
            print_line(console, f"{article.origin}: back to an earlier text; that version is current again")
            return
    changed = {k: getattr(article, k) for k in _METADATA if getattr(article, k) != getattr(stored, k)}
    if stored.origin == article.origin and stored.superseded_by is None and changed:
        store.update_metadata(stored.id, changed)
        result.updated += 1
        print_line(console, f"{article.origin}: text unchanged; recorded its new {', '.join(sorted(changed))}")
        return
    _skip(console, store, article, stored, result)


def _skip(console: Console, store: Store, article: Article, stored: Article, result: IngestResult) -> None:
    """Count an article already stored, name both files, and keep the outlet it ran under."""
    result.skipped += 1
    added = bool(article.outlet) and store.add_outlet(stored.id, article.outlet or "", article.origin)
    also = f"; also ran in {article.outlet}" if added else ""
    same = "" if article.origin == stored.origin else f" as {stored.origin}"
    if same:
        result.echoes.add(article.origin)
    print_line(console, f"skipped {article.origin}: already stored{same}{also}")


def _extract(articles: list[Article], processes: int) -> list[list[Claim] | TallyError]:
    """Claims for each article, or the error extracting it raised (then found article by
    article, so that one bad article costs only itself)."""
    from tally.extract import extract_many

    if not articles:
        return []
    try:
        return list(extract_many(articles, processes=processes))
    except TallyError:
        raise  # the model is missing: nothing can be extracted
    except Exception:  # noqa: BLE001 - find the article at fault below
        from tally.extract.parallel import shutdown

        shutdown()  # a pool whose worker died is broken; a later batch starts a fresh one
    out: list[list[Claim] | TallyError] = []
    for article in articles:
        try:
            out.append(extract_many([article], processes=1)[0])
        except Exception as exc:  # noqa: BLE001 - this article's error, not the batch's
            out.append(InputError(f"extraction failed ({type(exc).__name__}: {str(exc)[:200]})",
                                  path=article.origin))  # fmt: skip
    return out


def load_topic_file(path: Path | None) -> Topic | None:
    """The topic in this file, or None without one.

    Args:
        path: A topic file (TOML), or None.

    Returns:
        The loaded topic.

    Raises:
        TopicError: The file cannot be read as a topic.
    """
    if path is None:
        return None
    from tally.classify import load_topic

    return load_topic(path)


def _dated(article: Article, published: str) -> Article:
    if article.published_origin not in (None, "inferred"):
        return article
    return replace(article, published=published, published_origin="given")


def _open_existing(db: str | Path) -> Store:
    # Reading commands must not leave an empty database behind a typo'd --db.
    if not is_db_url(db) and not Path(db).exists():
        raise StoreError("no such database; run `tally ingest` first", path=str(db))
    return Store(db)


def _parts(options: ReportOptions) -> tuple[str, ...]:
    return PARTS if options.include_comments else ("body",)


def _progress(console: Console, total: int) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=total <= PROGRESS_MIN_INPUTS or not console.is_terminal,
    )


def print_line(console: Console, message: str) -> None:
    """Print a message as one line, whatever it holds."""
    # No markup, no wrapping, no line breaks: file names and article text may hold "[", long
    # lines and newlines, and each message must stay one line.
    console.print(" ".join(message.split()), markup=False, highlight=False, soft_wrap=True)


def summary(result: IngestResult, db: str | Path) -> str:
    """One line saying what an ingest did."""
    parts = [f"{result.added} article(s) added to {label(db)}", f"{result.claims} claim(s)"]
    if result.duplicates:
        parts.append(f"{result.duplicates} near-duplicate(s)")
    if result.versions:
        parts.append(f"{result.versions} new version(s) of changed pages or files (the old kept, marked)")
    if result.not_english:
        parts.append(f"{result.not_english} not in English (stored without figures)")
    if result.undated:
        parts.append(f"{result.undated} without a publication date")
    if result.warnings:
        parts.append(f"{len(result.warnings)} warning(s)")
    if result.filtered:
        parts.append(f"{result.filtered} feed item(s) off topic")
    if result.updated:
        parts.append(f"{result.updated} with new metadata only (recorded)")
    if result.skipped:
        parts.append(f"{result.skipped} already stored")
    if result.errors:
        parts.append(f"{len(result.errors)} input(s) failed")
    return ", ".join(parts)
