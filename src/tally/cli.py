"""The ``tally`` command: parses arguments and calls one function of :mod:`tally.app`.

The one module that knows typer, rich and the flags: :class:`TerminalEvents` draws what the
application layer reports (messages on stderr, output on stdout, a progress bar on a
terminal, the report table).

Exit codes: 0 when every input was fine; 1 when some inputs failed (the rest were stored);
2 when the command could not run at all (bad arguments, topic file or database).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Literal, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from tally import app as tally_app
from tally import startup
from tally.app.events import Events, one_line
from tally.dates.spans import parse_duration, parse_since
from tally.errors import OptionError, StoreError, TallyError
from tally.options import ChangesOptions, FetchOptions, FollowOptions, IngestOptions, IngestResult, ReportOptions
from tally.types import Estimate, ReportContext

T = TypeVar("T")

EXIT_INPUT_FAILED = 1
EXIT_CANNOT_RUN = 2
PROGRESS_MIN_INPUTS = 5  # below this a bar only flickers
COUNT_EVERY = 100  # off a terminal, a count line every this many articles


PIPED_WIDTH = 200  # a report piped to a file: wide enough that no table cell splits a word


def _stdout() -> Console:
    """Stdout; off a terminal (a pipe, a file) PIPED_WIDTH wide rather than rich's 80
    columns, unless COLUMNS says otherwise."""
    console = Console()
    if console.is_terminal or os.environ.get("COLUMNS"):
        return console
    return Console(width=PIPED_WIDTH)


class TerminalEvents(Events):
    """What the application layer reports, drawn for a terminal with rich.

    Messages go to ``err`` as one line each (no markup: file names and article text may hold
    "["), output to ``out``; progress is a bar on a terminal and, in a log, a plain
    "N articles read" line every COUNT_EVERY articles.

    Args:
        out: Where output and the report table go; stdout by default.
        err: Where messages and the progress bar go; stderr by default.
    """

    def __init__(self, out: Console | None = None, err: Console | None = None) -> None:
        self.out = out or _stdout()
        self.err = err or Console(stderr=True)
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._counted = 0

    def message(self, line: str) -> None:
        """Print the message on ``err`` as one line."""
        self.err.print(one_line(line), markup=False, highlight=False, soft_wrap=True)

    def output(self, text: str) -> None:
        """Write the text to ``out`` as it is."""
        self.out.out(text, highlight=False)

    def table(self, estimates: list[Estimate], context: ReportContext) -> None:
        """Draw the report's tables on ``out``."""
        from tally.report.table import print_estimates

        print_estimates(estimates, self.out, context)

    def progress(self, done: int, total: int) -> None:
        """Move the bar (on a terminal, for more than a few inputs) or print a count line."""
        if not self.err.is_terminal:
            if done >= self._counted + COUNT_EVERY:
                self._counted = done - done % COUNT_EVERY
                self.message(f"{self._counted} articles read")
            return
        if self._bar is None and total > PROGRESS_MIN_INPUTS:
            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 console=self.err, transient=True)  # fmt: skip
            self._task = self._bar.add_task("ingesting", total=total)
            self._bar.start()
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=done, total=total)

    def finished(self) -> None:
        """Take the bar away."""
        if self._bar is not None:
            self._bar.stop()
        self._bar, self._task, self._counted = None, None, 0

app = typer.Typer(
    help="Turn news articles into a sourced, time-aware table of estimates.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

Db = Annotated[
    str,
    typer.Option(
        "--db", envvar="TALLY_DB",
        help="The SQLite database file, or a postgresql://user:password@host/dbname URL.",
    ),
]  # fmt: skip
TopicFile = Annotated[
    Path | None, typer.Option("--topic", help="A topic file (TOML) naming the quantities.")
]
SourcesFile = Annotated[
    Path | None,
    typer.Option("--sources", help="Your source table (TOML, as reconcile/sources.toml)."),
]
DEFAULT_DB = "tally.db"
DEMO_DB = "tally-demo.db"  # the demo's own, so that it never mixes into the user's


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"tally {version('tally')}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Turn news articles into a sourced, time-aware table of estimates."""


@contextmanager
def _fatal_errors() -> Iterator[None]:
    """Turn a TallyError that stops the command into one line on stderr and exit code 2."""
    try:
        yield
    except TallyError as exc:
        TerminalEvents().message(str(exc))  # one line, whatever the message holds
        raise typer.Exit(EXIT_CANNOT_RUN) from exc


AllowPrivate = Annotated[
    bool,
    typer.Option("--allow-private", help="Fetch internal addresses too (loopback, private, link-local): an intranet."),
]


def _exit_for(result: IngestResult) -> None:
    if result.errors:
        raise typer.Exit(EXIT_INPUT_FAILED)


@app.command()
def ingest(
    # Strings, not Paths: typer would refuse an unreadable file for the whole batch.
    paths: Annotated[
        list[str], typer.Argument(help="Files, directories, globs or http(s) URLs to read.")
    ],
    db: Db = DEFAULT_DB,
    topic: TopicFile = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (ISO) for articles that do not give one."),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=0,
            help="Processes to extract with; 0 = one per CPU core when the input is large enough.",
        ),
    ] = 0,
    ray: Annotated[
        bool,
        typer.Option(
            "--ray",
            help="Extract on a Ray cluster: RAY_ADDRESS or --ray-address, else a local one.",
        ),
    ] = False,
    ray_address: Annotated[
        str | None,
        typer.Option(help="The Ray cluster to use with --ray (e.g. auto, ray://head:10001)."),
    ] = None,
    refresh: Annotated[
        bool,
        typer.Option(help="Fetch stored URLs again (conditionally); a changed page is a new version."),
    ] = False,
    model: Annotated[
        Path | None, typer.Option("--model", help="Your trained choosers (a file `tally train` wrote).")
    ] = None,
    allow_private: AllowPrivate = False,
) -> None:
    """Read articles (files or URLs), extract their figures and store them."""
    options = IngestOptions(
        db=db, topic=topic, published=published, processes=jobs, refresh=refresh,
        ray=ray or ray_address is not None, ray_address=ray_address, model=model,
        fetch=FetchOptions(allow_private=allow_private),
    )  # fmt: skip
    with _fatal_errors():
        if model is not None:
            from tally.extract.choose import load_models

            load_models(model)  # a bad file stops the command before anything is read
        if published is not None and not tally_app.is_iso_date(published):
            raise OptionError(f"--published must be an ISO date such as 2025-03-14, not {published[:40]!r}")
        result = tally_app.ingest_paths(list(paths), options, TerminalEvents())
    _exit_for(result)


@app.command()
def report(
    db: Db = DEFAULT_DB,
    topic: TopicFile = None,
    include_comments: Annotated[
        bool, typer.Option(help="Count figures from reader comments and page furniture.")
    ] = False,
    fmt: Annotated[
        Literal["table", "json", "md", "cite", "wikitext"],
        typer.Option(
            "--format",
            help="Output format; cite: an editor's sentence per quantity with numbered "
            "references (Markdown), wikitext: the same with <ref> citations.",
        ),
    ] = "table",
    html: Annotated[
        Path | None, typer.Option(help="Also write the report as an HTML page here.")
    ] = None,
    sources: SourcesFile = None,
    unclassified: Annotated[
        bool, typer.Option("--unclassified", help="List the claims that fit no quantity.")
    ] = False,
) -> None:
    """Reconcile the stored figures and show an estimate per quantity."""
    options = ReportOptions(
        db=db, topic=topic, include_comments=include_comments, format=fmt, output=html,
        sources=sources, unclassified=unclassified,
    )  # fmt: skip
    with _fatal_errors():
        tally_app.report(options, TerminalEvents())


@app.command()
def export(
    fmt: Annotated[Literal["jsonl", "csv"], typer.Option("--format", help="Output format.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    db: Db = DEFAULT_DB,
    include_comments: Annotated[
        bool | None,
        typer.Option(help="Include figures from reader comments and page furniture "
                     "(default: yes for claims, no for estimates and sources)."),
    ] = None,
    what: Annotated[
        Literal["claims", "estimates", "sources"],
        typer.Option("--what", help="What to write: every claim, or each quantity's estimate, "
                     "or each source (reconciled with --topic and --sources)."),
    ] = "claims",
    topic: TopicFile = None,
    sources: SourcesFile = None,
) -> None:
    """Write every stored claim (or the estimates, or the sources), one row each, as JSONL or CSV."""
    comments = (what == "claims") if include_comments is None else include_comments
    options = ReportOptions(db=db, include_comments=comments, topic=topic, sources=sources)
    with _fatal_errors():
        tally_app.export(options, fmt, sys.stdout if output is None else output, what)


@app.command()
def rm(
    articles: Annotated[list[str], typer.Argument(help="Article ids (or 6+ character prefixes) or origins.")],
    db: Db = DEFAULT_DB,
) -> None:
    """Delete articles and their claims."""
    with _fatal_errors():
        tally_app.remove(db, articles, TerminalEvents())


@app.command()
def articles(
    refs: Annotated[list[str] | None, typer.Argument(help="With --published: the articles to date (ids, origins or file names).")] = None,
    undated: Annotated[bool, typer.Option("--undated", help="Only the articles without a publication date.")] = False,
    guessed: Annotated[bool, typer.Option("--guessed", help="Only those whose date was read from their own text.")] = False,
    published: Annotated[str | None, typer.Option(help="Give the named articles this publication date (ISO) and extract them again.")] = None,
    db: Db = DEFAULT_DB,
) -> None:
    """List the stored articles with their publication dates, or fix a date."""
    with _fatal_errors():
        if published is not None or refs:
            if published is None or not refs:
                raise OptionError("name the articles and give --published YYYY-MM-DD to date them")
            tally_app.set_published(db, refs, published, TerminalEvents())
            return
        tally_app.list_articles(db, "undated" if undated else "guessed" if guessed else "all", TerminalEvents())


@app.command()
def dump(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    db: Db = DEFAULT_DB,
) -> None:
    """Write every article and claim as JSON Lines, to load back with `tally load`."""
    with _fatal_errors():
        tally_app.dump(db, sys.stdout if output is None else output)


@app.command()
def load(
    source: Annotated[Path, typer.Argument(help="A dump written by `tally dump`.")],
    db: Db = DEFAULT_DB,
) -> None:
    """Load a dump into the database (articles already stored are kept as they are)."""
    with _fatal_errors():
        tally_app.load(db, source, TerminalEvents())


@app.command()
def explain(
    claim_id: Annotated[int, typer.Argument(help="The claim's id (the `id` column of `tally export`).")],
    db: Db = DEFAULT_DB,
) -> None:
    """Show one claim with its sentence and the rule that decided each of its fields."""
    with _fatal_errors():
        tally_app.explain(db, claim_id, TerminalEvents())


@app.command()
def follow(
    feeds: Annotated[
        list[str] | None,
        typer.Argument(help="RSS/Atom feeds or sitemaps; none: those this database follows."),
    ] = None,
    db: Db = DEFAULT_DB,
    topic: TopicFile = None,
    every: Annotated[
        str | None,
        typer.Option(help="Read the feeds again after this long (30s, 15m, 1h) until Ctrl-C."),
    ] = None,
    allow_private: AllowPrivate = False,
    max_items: Annotated[
        int, typer.Option(min=1, help="Items fetched from one feed per round; the rest wait for the next.")
    ] = 200,
) -> None:
    """Ingest the new items of feeds and sitemaps and say what changed, once or every period."""
    period = _parsed(parse_duration, every, "--every") if every is not None else None
    fetch = FetchOptions(allow_private=allow_private)
    options = FollowOptions(
        feeds=list(feeds or []), every=period, ingest=IngestOptions(db=db, topic=topic, fetch=fetch),
        max_items=max_items,
    )
    with _fatal_errors():
        result = tally_app.follow(options, TerminalEvents())
    _exit_for(result)


@app.command()
def changes(
    since: Annotated[
        str, typer.Option(help="A date or date-time (UTC unless given), or a span back: 24h, 7d.")
    ],
    db: Db = DEFAULT_DB,
    topic: TopicFile = None,
    include_comments: Annotated[
        bool, typer.Option(help="Count figures from reader comments and page furniture.")
    ] = False,
) -> None:
    """Say what is new per quantity among the figures stored since a moment."""
    moment = _parsed(parse_since, since, "--since")
    options = ChangesOptions(db=db, since=moment, topic=topic, include_comments=include_comments)
    with _fatal_errors():
        tally_app.changes(options, TerminalEvents())


def _parsed(parse: Callable[[str], T], value: str, option: str) -> T:
    try:
        return parse(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


@app.command()
def train(
    output: Annotated[Path, typer.Option("--output", "-o", help="The model file to write (JSON).")],
    gold: Annotated[list[Path] | None, typer.Option("--gold", help="Your own gold file (LABELLING.md's format); repeatable.")] = None,
    corpus: Annotated[list[Path] | None, typer.Option("--corpus", help="The folder of the articles each --gold labels, in order.")] = None,
    shared: Annotated[Path | None, typer.Option("--shared", help="The shared labelled data (default ../shared beside the checkout).")] = None,
    no_shared: Annotated[bool, typer.Option("--no-shared", help="Train on your own gold files only.")] = False,
) -> None:
    """Train the source and as-of choosers from labelled articles and write the model file."""
    from tally.learn import TrainRequest, train as run_train

    own = list(zip(gold or [], corpus or []))
    with _fatal_errors():
        if len(gold or []) != len(corpus or []):
            raise OptionError("give one --corpus folder for each --gold file")
        base = None if no_shared else (shared or Path.cwd().parent / "shared")
        if base is not None and not (base / "eval").is_dir():
            raise OptionError(f"no shared labelled data at {base} (give --shared DIR or --no-shared)")
        if base is None and not own:
            raise OptionError("nothing to train on: give --gold FILE --corpus DIR, or drop --no-shared")
        err = Console(stderr=True)
        models = run_train(TrainRequest(output, base, own), progress=lambda line: err.print(line))
    counts = ", ".join(f"{k}: {v['figures']} figures" for k, v in models.trained_on.get("examples", {}).items())
    typer.echo(f"wrote {output} ({counts})")


@app.command()
def demo(db: Db = DEMO_DB) -> None:
    """Ingest the bundled example articles and print their report."""
    with _fatal_errors():
        result = tally_app.demo(db, TerminalEvents())
    _exit_for(result)


@app.command()
def serve(
    db: Db = DEFAULT_DB,
    topic: TopicFile = None,
    sources: SourcesFile = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(envvar="TALLY_TOKEN", help="Token needed to add articles (and to read from another machine); one is made if omitted."),
    ] = None,
    create: Annotated[
        bool, typer.Option(help="Create the database when it does not exist yet.")
    ] = False,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Let URL ingest fetch internal addresses (an intranet).")
    ] = False,
) -> None:
    """Run the web app over the database."""
    with _fatal_errors():
        if not create and not tally_app.database_exists(db):
            raise StoreError("no such database; run `tally ingest` first, or give --create", path=db)
        from tally.web.server import create_app  # FastAPI loads only for this command

        make_app = functools.partial(create_app, allow_private=allow_private)
        tally_app.serve(db, host=host, port=port, token=token, topic=topic, sources=sources,
                        create=create, events=TerminalEvents(), make_app=make_app)  # fmt: skip


def main() -> None:
    """Entry point of the ``tally`` script."""
    startup.enable()
    app()
