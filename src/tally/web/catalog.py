"""What the pages and the API show, read from the store: estimates, their rows, filtered views.

Estimates are recomputed from the stored claims (classified with the topic, if any, as
``tally report`` does) and cached until the store changes.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tally.reconcile import SourceTable, reconcile
from tally.store import Store
from tally.types import PARTS, Article, Claim, Estimate, Topic

OPEN_REASONS = frozenset({"disagreement", "suspected_error"})  # the others explain themselves


@dataclass(frozen=True)
class Filters:
    """What a quantity page narrows to: parts of articles, one source, a date range."""

    parts: tuple[str, ...] = ("body",)
    source: str | None = None
    since: str | None = None
    until: str | None = None


@dataclass
class _Snapshot:
    key: tuple[int, int]
    claims: list[Claim]
    articles: dict[str, Article]  # metadata only: no text
    added: dict[str, str]  # when each article was stored, by id
    estimates: dict[tuple[str, ...], list[Estimate]] = field(default_factory=dict)
    stats: dict[str, Any] | None = None


class Catalog:
    """The store seen through reconcile; safe to share between request threads.

    Args:
        db: The database file (created when missing) or a postgresql:// URL.
        topic: The topic to classify claims with; without one, claims keep the quantity they
            were stored with or are grouped automatically.
        sources: A user's source table (canonical names, kinds, weights), as ``--sources``.
    """

    def __init__(self, db: str | Path, topic: Topic | None = None, sources: SourceTable | None = None) -> None:
        self.store = Store(db)
        self.topic = topic
        self.sources = sources
        self._lock = threading.Lock()
        self._snapshot: _Snapshot | None = None

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def invalidate(self) -> None:
        """Forget cached estimates (called after an ingest)."""
        with self._lock:
            self._snapshot = None

    def estimates(self, parts: Collection[str] = ("body",)) -> list[Estimate]:
        """Every quantity's estimate over the claims from ``parts``."""
        snap = self._current()
        key = tuple(sorted(parts))
        with self._lock:
            if key not in snap.estimates:
                snap.estimates[key] = reconcile(
                    snap.claims, topic=self.topic, articles=snap.articles, parts=key,
                    sources=self.sources,
                )
            return snap.estimates[key]

    def estimate(self, quantity: str, filters: Filters = Filters()) -> Estimate | None:
        """One quantity's estimate, narrowed to a source and a date range when asked."""
        base = next((e for e in self.estimates(filters.parts) if e.quantity == quantity), None)
        if base is None or (filters.source is None and not (filters.since or filters.until)):
            return base
        snap = self._current()
        keep: set[int | None] = set()
        for report in base.reports:
            if filters.source is None or filters.source in (report.source, *report.spellings):
                keep |= {c.id for c in report.claims if self._in_range(c, filters, snap)}
        claims = [c for c in snap.claims if c.id in keep]
        narrowed = reconcile(claims, topic=self.topic, articles=snap.articles, parts=filters.parts,
                             sources=self.sources)  # fmt: skip
        empty = Estimate(
            quantity=base.quantity, label=base.label, unit=base.unit, cumulative=base.cumulative,
            low=None, best=None, high=None, period=None,
        )  # fmt: skip
        return next((e for e in narrowed if e.quantity == quantity), empty)

    def articles(self) -> dict[str, Article]:
        """Every stored article's metadata by id (``text`` left empty: ask the store)."""
        return self._current().articles

    def claims(self) -> list[Claim]:
        """Every stored claim (all parts), classified as the estimates see them."""
        return self._current().claims

    def last_update(self, estimate: Estimate) -> str | None:
        """The latest publication date among the articles behind an estimate."""
        arts = self._current().articles
        dates = [
            arts[c.article_id].published
            for r in estimate.reports
            for c in r.claims
            if c.article_id in arts and arts[c.article_id].published
        ]
        return max((d for d in dates if d), default=None)

    def new_figures(self, estimate: Estimate, since: datetime) -> int:
        """How many of the figures behind an estimate come from articles stored since then."""
        from tally.report.changes import stored_since

        fresh = stored_since(self._current().added, since)
        return sum(c.article_id in fresh for r in estimate.reports for c in r.claims)

    def overview_row(self, estimate: Estimate) -> dict[str, Any]:
        """One row of the overview table."""
        return {
            "quantity": estimate.quantity,
            "label": estimate.label,
            "unit": estimate.unit,
            "low": estimate.low,
            "best": estimate.best,
            "high": estimate.high,
            "period": estimate.period,
            "sources": len(estimate.sources),
            "last_update": self.last_update(estimate),
            "conflicts": len(estimate.conflicts),
            "open_conflicts": sum(c.reason in OPEN_REASONS for c in estimate.conflicts),
        }

    def stats(self) -> dict[str, Any]:
        """The store's counts (see Store.stats), counted once per change of the store."""
        snap = self._current()
        with self._lock:
            if snap.stats is None:
                snap.stats = self.store.stats()
            return snap.stats

    def _current(self) -> _Snapshot:
        # Two index lookups per request, instead of counting the tables.
        key = self.store.change_key()
        with self._lock:
            if self._snapshot is None or self._snapshot.key != key:
                with self.store.snapshot():
                    claims = self.store.claims()
                    arts = {a.id: a for a in self.store.articles(with_text=False)}
                if self.topic is not None:
                    self._classify(claims, self.topic)
                self._snapshot = _Snapshot(
                    key=key, claims=claims, articles=arts, added=self.store.added_times()
                )
            return self._snapshot

    def _classify(self, claims: list[Claim], topic: Topic) -> None:
        """Classify with the topic and keep the result in the store, so that the pages and
        the API filter by quantity in SQL as the estimates see it."""
        from tally.classify import classify

        before = {c.id: c.quantity for c in claims}
        classify(claims, topic)
        changed = {c.id: c.quantity for c in claims if c.id is not None and before[c.id] != c.quantity}
        self.store.set_quantities(changed)

    @staticmethod
    def _in_range(claim: Claim, filters: Filters, snap: _Snapshot) -> bool:
        article = snap.articles.get(claim.article_id or "")
        when = claim.as_of or (article.published if article else None)
        span, since, until = period(when), period(filters.since), period(filters.until)
        if span is None:
            return not (since or until)  # an undated figure cannot be placed in a range
        return (since is None or span[1] >= since[0]) and (until is None or span[0] <= until[1])


def period(iso: str | None) -> tuple[date, date] | None:
    """The first and last day of an ISO date of any precision ("2025", "2025-01", "2025-01-15").

    Returns:
        None for a missing or unreadable date.
    """
    if not iso:
        return None
    bits = iso[:10].split("-")
    try:
        nums = [int(b) for b in bits]
        if len(nums) == 1:
            return date(nums[0], 1, 1), date(nums[0], 12, 31)
        if len(nums) == 2:
            first = date(nums[0], nums[1], 1)
            nxt = date(nums[0] + nums[1] // 12, nums[1] % 12 + 1, 1)
            return first, date.fromordinal(nxt.toordinal() - 1)
        day = date(nums[0], nums[1], nums[2])
        return day, day
    except (ValueError, OverflowError):  # "9999999999" overflows date() rather than failing
        return None


def parse_parts(values: Iterable[str] | None) -> tuple[str, ...]:
    """The known parts among ``values``, in canonical order; body alone when none are known."""
    wanted = set(values or ())
    return tuple(p for p in PARTS if p in wanted) or ("body",)
