"""The JSON API's response shapes (they make the OpenAPI description)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from tally.types import Article


class QuantityRow(BaseModel):
    """A tracked quantity in one line: its current low/best/high and what stands behind it."""

    quantity: str
    label: str
    unit: str | None
    low: float | None
    best: float | None
    high: float | None
    period: str | None
    sources: int
    last_update: str | None
    conflicts: int
    open_conflicts: int


class ClaimRef(BaseModel):
    """Where a figure was said: the claim and its sentence."""

    id: int | None
    doc: str | None
    article_id: str | None
    sentence: str
    mention: str
    as_of: str | None
    part: str


class ReportOut(BaseModel):
    """One independent source's figure, with the claims that repeat it."""

    source: str
    source_kind: str
    weight: float
    value: str
    low: float | None
    high: float | None
    approx: str
    period: str | None
    outlets: list[str]
    # How the articles spelt the source, when it differs from the canonical name above.
    spellings: list[str] = []
    claims: list[ClaimRef]
    claims_total: int = 0  # all its claims, of which ``claims`` are the first (every one: 0)


class ConflictSide(BaseModel):
    """One side of a conflict."""

    source: str
    value: str
    period: str | None


class ConflictOut(BaseModel):
    """Two figures that do not agree, and why."""

    reason: str
    reason_label: str
    explanation: str
    a: ConflictSide
    b: ConflictSide


class EstimateOut(BaseModel):
    """A quantity's estimate with every report and conflict behind it."""

    quantity: str
    label: str
    unit: str | None
    cumulative: bool
    low: float | None
    best: float | None
    high: float | None
    period: str | None
    summary: str
    sources: list[str]
    reasons: list[str]
    reports: list[ReportOut]
    conflicts: list[ConflictOut]
    reports_total: int = 0  # all the reports, of which ``reports`` is a page
    conflicts_total: int = 0


class ClaimOut(BaseModel):
    """A stored claim with all its fields."""

    id: int | None
    article_id: str | None
    doc: str | None
    sentence: str
    mention: str
    start: int
    end: int
    sentence_start: int
    low: float | None
    high: float | None
    approx: str
    unit: str | None
    actor: str | None
    outcome: str | None
    source: str | None
    source_chain: list[str]
    as_of: str | None
    as_of_basis: str | None = None
    rules: dict[str, str] = {}
    modality: str
    trend: str | None
    part: str
    quantity: str | None
    confidence: float


class ArticleOut(BaseModel):
    """A stored article's metadata."""

    id: str
    name: str
    origin: str
    outlet: str | None
    title: str | None
    author: str | None
    url: str | None
    published: str | None
    published_origin: str | None
    language: str
    duplicate_of: str | None

    @classmethod
    def of(cls, article: Article) -> ArticleOut:
        """The metadata of an article."""
        return cls(name=article.name, **_article_fields(article))


class SegmentOut(BaseModel):
    """A run of an article's text that belongs to one part."""

    part: str
    start: int
    end: int


class ArticleDetail(ArticleOut):
    """An article with its text (untrusted: escape it before showing it as HTML)."""

    text: str
    segments: list[SegmentOut]

    @classmethod
    def of(cls, article: Article) -> ArticleDetail:
        """The whole article."""
        return cls(
            name=article.name,
            text=article.text,
            segments=[SegmentOut(part=s.part, start=s.start, end=s.end) for s in article.segments],
            **_article_fields(article),
        )


class SearchOut(BaseModel):
    """Articles and claims whose text holds the searched words."""

    articles: list[ArticleOut]
    claims: list[ClaimOut]


class JobOut(BaseModel):
    """An ingest job and how far it got."""

    id: str
    state: Literal["queued", "running", "done", "failed"]
    total: int
    done: int
    added: int
    skipped: int
    duplicates: int
    claims: int
    errors: list[str]
    article_ids: list[str]


class ErrorOut(BaseModel):
    """A refused request: the error code (T501 for uploads) and its one-line message."""

    code: str | None = None
    detail: str


def _article_fields(article: Article) -> dict[str, Any]:
    keys = ("id", "origin", "outlet", "title", "author", "url", "published")
    fields: dict[str, Any] = {k: getattr(article, k) for k in keys}
    fields |= {
        "published_origin": article.published_origin,
        "language": article.language,
        "duplicate_of": article.duplicate_of,
    }
    return fields
