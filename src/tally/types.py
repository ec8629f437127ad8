"""Tally's domain types: Article, Claim, Topic, Estimate and what a report holds.

Every stage is a plain function over these dataclasses. Offsets are character offsets into
``Article.text``; dates are ISO strings of varying precision ("2025", "2025-01", "2025-01-15").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from tally.errors import TallyError
from tally.wording import describe_value

Part = Literal["body", "comment", "furniture"]
Approx = Literal["exact", "about", "at_least", "at_most", "range", "vague"]
Modality = Literal["reported", "planned", "capacity", "projected", "hypothetical"]
DateOrigin = Literal["given", "page", "inferred"]
# Where a claim's as_of comes from: the figure's own date in the text, the day its source
# spoke, the article's publication date, or a publication date that was itself inferred.
AsOfBasis = Literal["text", "statement", "published", "inferred"]
ConflictReason = Literal[
    "growing_total",
    "different_definition",
    "hedges_compatible",
    "revision",
    "disagreement",
    "suspected_error",
]

PARTS: tuple[Part, ...] = ("body", "comment", "furniture")
APPROX_VALUES: tuple[Approx, ...] = ("exact", "about", "at_least", "at_most", "range", "vague")


@dataclass(frozen=True)
class Segment:
    """A run of an article's text that belongs to one part."""

    part: Part
    start: int
    end: int


@dataclass
class Article:
    """One ingested document.

    Attributes:
        id: Content hash of the text (hex), stable across re-ingests.
        origin: Path or URL the article came from.
        text: The whole text; ``segments`` say which runs are body, comments or furniture.
        published: ISO date of publication, if known.
        published_origin: Whether ``published`` was given (metadata header), read from the
            page (HTML meta, a date line, a dateline or a caption with a full date), or
            inferred from the latest full date the text mentions.
    """

    id: str
    origin: str
    text: str
    segments: list[Segment] = field(default_factory=list)
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    published_origin: DateOrigin | None = None
    language: str = "en"
    duplicate_of: str | None = None
    # A fetched page: the URL after redirects, when it was fetched (UTC, ISO), the validators
    # a conditional refetch sends, and the id of the newer version that replaced this one.
    final_url: str | None = None
    fetched_at: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    superseded_by: str | None = None
    # Other outlets the same text was ingested under (a wire story under two mastheads).
    also_outlets: list[str] = field(default_factory=list)
    # What reading it noticed but got past (a metadata value left out); not stored.
    warnings: list[TallyError] = field(default_factory=list, compare=False, repr=False)

    @property
    def name(self) -> str:
        """The file name (or last URL component) of the origin, used as ``doc`` in exports."""
        return Path(self.origin).name or self.origin

    def part_at(self, offset: int) -> Part:
        """The part that the character at ``offset`` belongs to (body when unsegmented)."""
        for seg in self.segments:
            if seg.start <= offset < seg.end:
                return seg.part
        return "body"


@dataclass
class Claim:
    """One figure stated in one sentence, with what Tally understood of it.

    ``low`` holds a single value; "up to N" fills ``high`` only; ranges fill both. Percentages
    and fractions are in percent. ``trend`` is "up" or "down" when the figure is the amount of a
    rise or fall ("rose by 5%", "fell 300"; the level reached, "rose to 300", has none), "added"
    for an increment on top of a total ("3,000 more troops"). ``start``/``end`` locate the
    mention in the article text (or in the text given to :func:`tally.extract_claims`).
    ``as_of_basis`` says where ``as_of`` came from; ``rules`` names, for each field Tally
    decided (source, as_of, approx, unit), the rule that decided it, so that a reader can check
    it (``tally explain``).
    """

    sentence: str
    mention: str
    start: int
    end: int
    low: float | None = None
    high: float | None = None
    approx: Approx = "exact"
    unit: str | None = None
    actor: str | None = None
    outcome: str | None = None
    source: str | None = None
    source_chain: list[str] = field(default_factory=list)
    as_of: str | None = None
    as_of_basis: AsOfBasis | None = None
    modality: Modality = "reported"
    trend: str | None = None
    part: Part = "body"
    quantity: str | None = None
    confidence: float = 1.0
    sentence_start: int = 0
    article_id: str | None = None
    doc: str | None = None
    rules: dict[str, str] = field(default_factory=dict)
    # What later stages read of the sentence, decided once by extract (tally.extract.fields):
    # the figure's own clause (offsets in ``sentence``), whether it is the earlier value the
    # sentence gives beside a new one ("41 killed, up from 27"), and what it counts as
    # outcomes ("casualties": ["killed", "wounded"]).
    clause_start: int | None = None
    clause_end: int | None = None
    prior_value: bool = False
    definition: list[str] = field(default_factory=list)
    id: int | None = None

    def bounds(self) -> tuple[float | None, float | None]:
        """The numeric (low, high) pair."""
        return self.low, self.high

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with the export field names."""
        return asdict(self)


@dataclass
class QuantityDef:
    """A quantity to track, as a topic file defines it.

    A claim belongs to the quantity when its unit, outcome, actor and modality fit and its
    sentence holds one of the ``keywords`` (all lower-case; empty means no keyword test).
    """

    id: str
    label: str = ""
    units: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    modalities: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    near: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    percent: bool | None = None
    trend: str = "any"
    unknown_actor: bool = False
    cumulative: bool = True


@dataclass
class SourceDef:
    """A source as a topic (or a user) names it: a canonical name, its other spellings, a kind
    and optionally a weight that overrides the kind's."""

    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = "other"
    weight: float | None = None


@dataclass
class Topic:
    """A user's list of quantities to track.

    ``sources`` names the topic's sources (canonical name, aliases, kind, weight);
    ``belligerents`` the countries at war, whose governments' figures about the enemy weigh
    less (None: the source table's list, empty by default).
    """

    name: str
    quantities: list[QuantityDef] = field(default_factory=list)
    actors: dict[str, list[str]] = field(default_factory=dict)
    path: str | None = None
    sources: list[SourceDef] = field(default_factory=list)
    belligerents: list[str] | None = None

    def get(self, quantity_id: str) -> QuantityDef | None:
        """The quantity with this id, if the topic defines it."""
        return next((q for q in self.quantities if q.id == quantity_id), None)


@dataclass
class SourceReport:
    """One independent report: a figure from one original source, with every claim repeating it."""

    quantity: str
    source: str
    source_kind: str
    weight: float
    low: float | None
    high: float | None
    approx: Approx
    period: str | None
    claims: list[Claim] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    # How the articles spelt the source, each once ("Seoul's spy agency", "the NIS").
    spellings: list[str] = field(default_factory=list)

    @property
    def value_text(self) -> str:
        """The figure as a reader would say it ("at least 6,000", "14,000–15,000")."""
        return describe_value(self.low, self.high, self.approx)


@dataclass
class Conflict:
    """Two reports on one quantity whose figures do not agree, and why."""

    quantity: str
    a: SourceReport
    b: SourceReport
    reason: ConflictReason
    explanation: str
    # The rule of docs/ESTIMATES.md that decided the reason ("C4 growth").
    rule: str = ""

    @property
    def open(self) -> bool:
        """Whether nothing in the texts explains the conflict (an editor must look)."""
        return self.reason in ("disagreement", "suspected_error")


@dataclass
class Estimate:
    """What Tally concludes for one quantity (UCDP-style low / best / high)."""

    quantity: str
    label: str
    unit: str | None
    cumulative: bool
    low: float | None
    best: float | None
    high: float | None
    period: str | None
    reports: list[SourceReport] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    # The reports the figures stand on (rule E2), and the earlier ones taken as floors (E3).
    latest: list[SourceReport] = field(default_factory=list)
    floors: list[SourceReport] = field(default_factory=list)

    @property
    def open_conflicts(self) -> list[Conflict]:
        """The conflicts nothing in the texts explains."""
        return [c for c in self.conflicts if c.open]

    @property
    def sources(self) -> list[str]:
        """The independent sources behind the estimate, each once."""
        return sorted({r.source for r in self.reports})


@dataclass
class ReportContext:
    """What a report shows beside the estimates: its title, the claims that fit no quantity
    (and whether to list them), and the articles, for citations."""

    title: str = "Tally report"
    unclassified: list[Claim] = field(default_factory=list)
    list_unclassified: bool = False
    articles: dict[str, Article] = field(default_factory=dict)


@dataclass
class Feed:
    """A feed or sitemap a database follows, with the validators of its last fetch."""

    url: str
    topic: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    checked_at: str | None = None


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed or sitemap: the article's URL and what the listing says of it."""

    url: str
    title: str = ""
    summary: str = ""
    published: str | None = None  # ISO date, when the listing gives one
    updated: str | None = None  # the listing's own stamp of the entry, compared between rounds
