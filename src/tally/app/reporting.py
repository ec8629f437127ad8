"""Reporting: the stored claims reconciled into estimates and shown, exported, explained.

:func:`report` shows a report in a format (the terminal table through
:meth:`Events.table`, text formats through :meth:`Events.output`) and writes the HTML page;
:func:`export` writes claims, estimates or sources as JSONL or CSV; :func:`explain` puts the
rules behind one claim in words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, TextIO

from tally.app.common import check_writable, load_topic_file, open_existing, parts_of
from tally.app.events import Events, Printed, one_line
from tally.errors import NotFoundError, OutputError, StoreError
from tally.options import ReportOptions
from tally.reconcile import load_sources, reconcile
from tally.report import render
from tally.report.export import ExportFormat
from tally.store import Store
from tally.store.engine import label
from tally.types import Article, Claim, Estimate, ReportContext

ExportWhat = Literal["claims", "estimates", "sources"]


def report(options: ReportOptions, events: Events | None = None) -> None:
    """Reconcile the stored claims and show the estimates.

    Claims are re-classified when a topic is given, so editing the topic file needs no
    re-ingest. ``format`` "table", "json", "md", "cite" or "wikitext" prints to the console;
    ``output`` (or format "html") writes the HTML page there. Every format says how many
    claims fit no quantity; ``unclassified`` lists them.

    Args:
        options: The database, topic, source table, parts to include, format and HTML path.
        events: Where the report (output, or the table) and the "wrote" line go; plain
            text on stdout by default.

    Raises:
        StoreError: The database does not exist, cannot be opened or holds no claims.
        TopicError: The topic file or the source table cannot be read.
        OutputError: The HTML page cannot be written (checked before anything is shown).
    """
    events = events or Printed()
    if options.output is not None:
        check_writable(options.output)  # before the report is printed, not after
    estimates, context = build_report(options)
    if options.format == "html" and options.output is None:
        raise ValueError("the html format needs ReportOptions.output")
    if options.format != "html":
        if options.format == "table":
            events.table(estimates, context)
        else:
            events.output(render(estimates, options.format, context))
    if options.output is not None:
        from tally.report.html import write_html  # plotly and jinja2 load only for --html

        try:
            write_html(estimates, options.output, context)
        except OSError as exc:
            raise OutputError(
                f"cannot write: {exc.strerror or exc}", path=str(options.output)
            ) from exc
        events.message(f"wrote {options.output}")


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
    parts = parts_of(options)
    with open_existing(options.db) as store, store.snapshot():
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
        with open_existing(options.db) as store:
            claims = store.claims(parts=parts_of(options))
            articles = {a.id: a for a in store.articles()}
    else:
        build_report(options)  # stores the estimates and sources it computes
        with open_existing(options.db) as store:
            rows = store.table_rows(what)
    if not isinstance(out, Path):
        return write(out)
    try:
        with out.open("w", encoding="utf-8", newline="") as stream:
            return write(stream)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(out)) from exc


def explain(db: str | Path, claim_id: int, events: Events | None = None) -> list[str]:
    """Show one stored claim with its sentence and the rule behind each of its fields.

    Raises:
        StoreError: The database does not exist or cannot be opened.
        NotFoundError: No claim has this id.
    """
    from tally.report.explain import explain as explain_lines

    with open_existing(db) as store:
        claim = store.claim(claim_id)
        if claim is None:
            raise NotFoundError(f"no claim {claim_id} (claim ids are in `tally export`)", path=label(db))
        article = store.article(claim.article_id) if claim.article_id else None
    lines = explain_lines(claim, article)
    out = events or Printed()
    for line in lines:
        out.output(one_line(line))
    return lines
