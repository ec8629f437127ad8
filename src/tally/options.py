"""What a user asks of Tally and what a run did: the options of each command, IngestResult.

The domain types (Article, Claim, Estimate, ...) are in :mod:`tally.types`; these are the
settings the application layer (:mod:`tally.app`) and the stages it drives take.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from tally.errors import TallyError


@dataclass(frozen=True)
class FetchOptions:
    """How pages are fetched: limits, patience and politeness.

    Attributes:
        timeout: Seconds to wait for a connection or for the next bytes of an answer.
        max_bytes: The largest page read; a longer one is refused, not cut.
        max_redirects: Redirects followed before giving up.
        retries: Further tries after a transient failure (a timeout, 429, 5xx).
        backoff: Seconds before the first retry; each further one waits twice as long.
        host_interval: The least time between two requests to one host (robots.txt's
            Crawl-delay, when longer, wins).
        user_agent: Names Tally to the sites it reads.
        deadline: Seconds one fetch may take in all (its redirects, retries and a server
            that trickles bytes included).
        allow_private: Fetch internal addresses too (loopback, private, link-local): for an
            intranet; off, such hosts are refused (see tally.ingest.addresses).
    """

    timeout: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 2.0
    host_interval: float = 1.0
    user_agent: str = "Tally/0.1 (news figures reader; +https://pypi.org/project/tally/)"
    deadline: float = 90.0
    allow_private: bool = False


@dataclass
class IngestOptions:
    """How to ingest: where to store, which topic to classify with, what to show."""

    db: str | Path = Path("tally.db")  # a SQLite file or a postgresql:// URL
    topic: Path | None = None
    progress: bool = True
    published: str | None = None
    # Processes that extract: 1 for this one only, 0 for one per CPU core when the batch
    # holds enough text to be worth it (see tally.extract.parallel). With ``ray``, the most
    # extractor actors (0: one per CPU of the cluster).
    processes: int = 1
    ray: bool = False  # extract on a Ray cluster (tally.cluster) instead of this machine
    ray_address: str | None = None  # None: RAY_ADDRESS if set, else a new local cluster
    # URLs: fetched with these limits; one already stored is fetched again (conditionally)
    # only with ``refresh``.
    fetch: FetchOptions = field(default_factory=FetchOptions)
    refresh: bool = False
    model: Path | None = None  # your trained choosers (`tally train`); None: the shipped ones


@dataclass
class FollowOptions:
    """What ``tally follow`` reads and how often: feeds or sitemaps, a topic, a period.

    Attributes:
        feeds: Feed or sitemap URLs; none means every feed the database already follows.
        every: Seconds between rounds; None for a single round.
        ingest: The database, the topic (classifies, and its words filter items) and the
            fetch limits.
        max_items: Items fetched from one feed in one round; the rest wait for the next.
        round_deadline: Seconds one round may take; the items left wait for the next.
    """

    feeds: list[str] = field(default_factory=list)
    every: float | None = None
    ingest: IngestOptions = field(default_factory=IngestOptions)
    max_items: int = 200
    round_deadline: float = 1800.0


@dataclass
class ChangesOptions:
    """What ``tally changes`` compares: the figures stored since a moment against before it."""

    db: str | Path = Path("tally.db")  # a SQLite file or a postgresql:// URL
    since: datetime | None = None  # time-zone aware; None: since the database began
    topic: Path | None = None
    include_comments: bool = False


ReportFormat = Literal["table", "json", "md", "cite", "wikitext", "html"]


@dataclass
class ReportOptions:
    """What a report shows.

    ``sources`` is a user's source table (the format of ``reconcile/sources.toml``);
    ``unclassified`` lists the claims that fit no quantity, not only their count.
    """

    db: str | Path = Path("tally.db")  # a SQLite file or a postgresql:// URL
    topic: Path | None = None
    include_comments: bool = False
    format: ReportFormat = "table"
    output: Path | None = None
    sources: Path | None = None
    unclassified: bool = False


@dataclass
class IngestResult:
    """What an ingest run did: counts, and the inputs that failed (the rest were stored)."""

    added: int = 0
    skipped: int = 0
    duplicates: int = 0
    claims: int = 0
    errors: list[TallyError] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    versions: int = 0  # refetched pages that had changed, stored as new versions
    updated: int = 0  # stored articles whose file changed only its metadata (recorded in place)
    filtered: int = 0  # feed items whose title and summary hold none of the topic's words
    warnings: list[TallyError] = field(default_factory=list)  # inputs kept without a value
    not_english: int = 0  # stored with their language, not run through the English rules
    undated: int = 0  # added without a publication date
    # A line per article added with a guessed date (or none): the date, where from, the words.
    guessed: list[str] = field(default_factory=list)
    # Origins of articles skipped as the text of another stored file (a reprint): their file
    # is not recorded as ingested, so that a re-ingest names that file again.
    echoes: set[str] = field(default_factory=set)
