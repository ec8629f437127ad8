"""What the pages and the API show, read from the store: estimates, their rows, filtered views.

Estimates are computed one quantity at a time (``tally.reconcile.Reconciler``: the claims of
one quantity in memory, never all of them, classified with the topic, if any, as ``tally
report`` does) and kept in the store (``tally.store.estimates``) with the change key they were
computed at. A request checks that key (two index lookups) and reads the figures, a page of
reports and the first conflicts with SQL; only when the store has changed are they computed
again, so the pages cost the same on a hundred articles as on a million.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tally.reconcile import Reconciler, SourceTable, reconcile
from tally.store import Store
from tally.store.estimates import StoredEstimate
from tally.types import PARTS, Article, Claim, Estimate, SourceReport, Topic

OPEN_REASONS = frozenset({"disagreement", "suspected_error"})  # the others explain themselves
CLASSIFY_BATCH = 5000  # claims classified (or grouped) at a time


@dataclass(frozen=True)
class Filters:
    """What a quantity page narrows to: parts of articles, one source, a date range."""

    parts: tuple[str, ...] = ("body",)
    source: str | None = None
    since: str | None = None
    until: str | None = None

    @property
    def narrowed(self) -> bool:
        """Whether a source or a date range is asked for (computed, not read from the store)."""
        return self.source is not None or bool(self.since or self.until)


@dataclass
class View:
    """A slice of one quantity's estimate: its figures, a page of reports, the first conflicts."""

    estimate: Estimate  # reports and conflicts hold only the slice
    row: dict[str, Any]  # the overview row (counts over everything)
    reports_total: int
    conflicts_total: int
    sources: list[str] = field(default_factory=list)  # every source behind it, sorted


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
        self._fresh: dict[str, str] = {}  # scope -> the change key it was last checked at
        self._classified = 0  # the last claim id classified with the topic
        self._stats: tuple[str, dict[str, Any]] | None = None
        self._fingerprint = _fingerprint(topic, sources)

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def invalidate(self) -> None:
        """Check the stored estimates again on the next request (called after an ingest)."""
        with self._lock:
            self._fresh.clear()

    # -- keeping the stored estimates current ---------------------------------------------

    def refresh(self, parts: Collection[str] = ("body",)) -> str:
        """Bring the stored estimates over ``parts`` up to date with the store; their scope.

        The claims are classified (with the topic) or grouped (without) first, in batches of
        new claims; then, if the store changed since the scope was computed, each quantity is
        reconciled from its own claims and stored, and the notes comparing quantities added.
        """
        key = _state(self.store.change_key())
        parts = tuple(p for p in PARTS if p in set(parts)) or ("body",)
        scope = f"{self._fingerprint}:{','.join(parts)}"
        with self._lock:
            # The stored state too (one lookup): `tally rm` elsewhere drops it, and the key
            # only counts what was added.
            if self._fresh.get(scope) == key and self.store.estimates_state(scope) == key:
                return scope
            self._classify_new()
            if self.store.estimates_state(scope) != key:
                self._compute(scope, parts, key)
            self._fresh[scope] = key
            return scope

    def _classify_new(self) -> None:
        from tally.classify import classify, group_key

        if self.topic is None:
            while batch := self.store.ungrouped_claims(CLASSIFY_BATCH):
                self.store.set_groups({c.id: group_key(c) for c in batch if c.id is not None})
            return
        # Classified once per claim with this topic (a new server classifies all of them once).
        while True:
            batch = self.store.claims(after=self._classified, limit=CLASSIFY_BATCH, superseded=True)
            if not batch:
                return
            before = {c.id: c.quantity for c in batch}
            classify(batch, self.topic)
            self.store.set_quantities(
                {c.id: c.quantity for c in batch if c.id is not None and before[c.id] != c.quantity}
            )
            self._classified = max(c.id or 0 for c in batch)

    def _compute(self, scope: str, parts: tuple[str, ...], key: str) -> None:
        grouped = self.topic is None
        one = Reconciler(self.topic, self.store.source_names(), sources=self.sources, parts=parts)
        done: list[str] = []
        for quantity in sorted(self.store.quantities(parts, grouped), key=one.order):
            claims = [c for c in self.store.group_claims(quantity, parts, grouped) if one.accepts(c)]
            if not claims:
                continue
            arts = self._articles_of(claims)
            est = one.estimate(quantity, claims, arts)
            dates = [arts[c.article_id].published for c in claims if c.article_id in arts]
            last = max((d for d in dates if d), default=None)
            self.store.save_quantity_estimate(scope, len(done), est, last)
            done.append(quantity)
        self.store.finish_estimates(scope, key, {q: one.notes(q) for q in done})

    def _articles_of(self, claims: Iterable[Claim]) -> dict[str, Article]:
        """The claims' articles and those they are near-copies of (metadata only)."""
        found: dict[str, Article] = {}
        wanted = {c.article_id for c in claims if c.article_id}
        while wanted:
            for article in self.store.articles_by_id(wanted):
                found[article.id] = article
            wanted = {a.duplicate_of for a in found.values() if a.duplicate_of} - set(found)
        return found

    # -- reading ----------------------------------------------------------------------------

    def overview(self, parts: Collection[str] = ("body",)) -> list[StoredEstimate]:
        """Every quantity's stored estimate over the claims from ``parts``, in report order."""
        return self.store.stored_estimates(self.refresh(parts))

    def view(
        self, quantity: str, filters: Filters = Filters(), offset: int = 0, limit: int | None = None,
        conflicts: int | None = None, conflicts_offset: int = 0,
    ) -> View | None:
        """A slice of one quantity's estimate: ``limit`` reports from ``offset`` and
        ``conflicts`` conflicts from ``conflicts_offset`` (None: all), narrowed to a source and
        dates when asked."""
        scope = self.refresh(filters.parts)
        found = self.store.stored_estimates(scope, quantity)
        if not found:
            return None
        stored = found[0]
        if filters.narrowed:
            est = self.full_estimate(quantity, filters)
            if est is None:
                return None
            everything = self.store.stored_report_sources(scope, quantity)
            row = self._row(est, len(est.sources), len(est.conflicts),
                            sum(c.reason in OPEN_REASONS for c in est.conflicts), stored.last_update)  # fmt: skip
            total, count = len(est.reports), len(est.conflicts)
            est.reports = est.reports[offset : None if limit is None else offset + limit]
            end = None if conflicts is None else conflicts_offset + conflicts
            est.conflicts = est.conflicts[conflicts_offset:end]
            return View(est, row, total, count, everything)
        est = stored.estimate
        reports: list[SourceReport] = list(self.store.stored_reports(scope, quantity, offset, limit))
        est.reports = reports
        est.conflicts = self.store.stored_conflicts(scope, quantity, conflicts_offset, conflicts)
        return View(est, self.overview_row(stored), stored.reports, stored.conflicts,
                    self.store.stored_report_sources(scope, quantity))  # fmt: skip

    def full_estimate(self, quantity: str, filters: Filters = Filters()) -> Estimate | None:
        """One quantity's whole estimate, reconciled from its claims (narrowed when asked)."""
        grouped = self.topic is None
        self.refresh(filters.parts)
        one = Reconciler(self.topic, self.store.source_names(), sources=self.sources, parts=filters.parts)
        claims = [c for c in self.store.group_claims(quantity, filters.parts, grouped) if one.accepts(c)]
        if not claims:
            return None
        arts = self._articles_of(claims)
        base = one.estimate(quantity, claims, arts)
        if not filters.narrowed:
            return base
        keep: set[int | None] = set()
        for report in base.reports:
            if filters.source is None or filters.source in (report.source, *report.spellings):
                keep |= {c.id for c in report.claims if _in_range(c, filters, arts)}
        narrowed = reconcile([c for c in claims if c.id in keep], topic=self.topic, articles=arts,
                             parts=filters.parts, sources=self.sources)  # fmt: skip
        empty = Estimate(
            quantity=base.quantity, label=base.label, unit=base.unit, cumulative=base.cumulative,
            low=None, best=None, high=None, period=None,
        )  # fmt: skip
        return next((e for e in narrowed if e.quantity == quantity), empty)

    def new_figures(self, stored: StoredEstimate, since: datetime, parts: Collection[str] = ("body",)) -> int:
        """How many of the figures behind an estimate come from articles stored since then."""
        stamp = since.astimezone(UTC).isoformat(timespec="microseconds")
        return self.store.new_claims_since(stored.estimate.quantity, parse_parts(parts),
                                           self.topic is None, stamp)  # fmt: skip

    def overview_row(self, stored: StoredEstimate) -> dict[str, Any]:
        """One row of the overview table."""
        return self._row(stored.estimate, stored.sources, stored.conflicts, stored.open_conflicts,
                         stored.last_update)  # fmt: skip

    @staticmethod
    def _row(est: Estimate, sources: int, conflicts: int, open_conflicts: int, last: str | None) -> dict[str, Any]:
        return {
            "quantity": est.quantity, "label": est.label, "unit": est.unit, "low": est.low,
            "best": est.best, "high": est.high, "period": est.period, "sources": sources,
            "last_update": last, "conflicts": conflicts, "open_conflicts": open_conflicts,
        }  # fmt: skip

    def classified(self) -> None:
        """Bring the store's classification up to date with the topic (for claim lists)."""
        with self._lock:
            self._classify_new()

    def stats(self) -> dict[str, Any]:
        """The store's counts (see Store.stats), counted once per change of the store."""
        key = _state(self.store.change_key())
        with self._lock:
            if self._stats is None or self._stats[0] != key:
                self._stats = (key, self.store.stats())
            return self._stats[1]


def _state(key: tuple[int, int]) -> str:
    return f"{key[0]}:{key[1]}"


def _fingerprint(topic: Topic | None, sources: SourceTable | None) -> str:
    """A short name for what estimates depend on besides the claims: this Tally (whose rules
    may have changed), the topic, the source table."""
    from importlib.metadata import version

    described = json.dumps(
        [version("tally"), asdict(topic) if topic else None, repr(sources) if sources else None],
        sort_keys=True, default=str,
    )  # fmt: skip
    return hashlib.sha256(described.encode()).hexdigest()[:16]


def _in_range(claim: Claim, filters: Filters, articles: dict[str, Article]) -> bool:
    article = articles.get(claim.article_id or "")
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
