"""``reconcile``: claims in, one :class:`~tally.types.Estimate` per quantity out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

from tally import lexicon
from tally.reconcile.conflicts import MAX_PAIRED_SOURCES, find_conflicts
from tally.reconcile.estimate import estimate_figures
from tally.reconcile.reports import Collapsed, collapse
from tally.reconcile.sources import SourceTable, load_sources
from tally.types import Article, Claim, Estimate, Topic

_MEANS = {word: tuple(outcomes) for word, outcomes in lexicon.mapping("outcomes.means").items()}

_DEFAULT_TABLE: SourceTable | None = None


def _default_table() -> SourceTable:
    global _DEFAULT_TABLE
    if _DEFAULT_TABLE is None:
        _DEFAULT_TABLE = load_sources()
    return _DEFAULT_TABLE


def _group(claims: Sequence[Claim], topic: Topic | None) -> dict[str, list[Claim]]:
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        key = claim.quantity
        if key is None and topic is None:
            key = _group_key(claim)
        if key:
            groups[key].append(claim)
    return groups


def _group_key(claim: Claim) -> str | None:
    from tally.classify import group_key  # only needed without a topic

    return group_key(claim)


def _group_label(key: str) -> str:
    from tally.classify import group_label

    return group_label(key)


def _accepts(claim: Claim, modalities: Mapping[str, list[str]], parts: Collection[str]) -> bool:
    if claim.part not in parts or (claim.low is None and claim.high is None):
        return False
    if claim.approx == "vague":
        return False
    allowed = modalities.get(claim.quantity or "") or ["reported"]
    return claim.modality in allowed


def reconcile(
    claims: Sequence[Claim],
    topic: Topic | None = None,
    articles: Mapping[str, Article] | Iterable[Article] | None = None,
    *,
    sources: SourceTable | None = None,
    parts: Collection[str] = ("body",),
) -> list[Estimate]:
    """Turn claims into estimates: independent reports, low/best/high and explained conflicts.

    Pure and deterministic: the same claims give the same estimates in the same order.

    Args:
        claims: Classified claims (``Claim.quantity`` set); without a topic, unclassified
            claims are grouped by ``tally.classify.group_key``.
        topic: Gives each quantity its label, whether it is a growing total, its modalities
            and the order of the output.
        articles: Articles by id (or a plain list of them), for publication dates, outlets
            and near-duplicates.
        sources: A user's source table (kinds, weights, aliases), consulted before the
            packaged one; the topic's ``[sources]`` come first of all.
        parts: Which parts of articles count; reader comments and furniture do not by default.

    Returns:
        One estimate per quantity that has at least one usable claim, in topic order (then
        by quantity id).
    """
    arts: Mapping[str, Article] = (
        articles if isinstance(articles, Mapping) else {a.id: a for a in articles or ()}
    )
    one = Reconciler(topic, {c.source for c in claims if c.source}, sources=sources, parts=parts)
    groups = _group([c for c in claims if one.accepts(c)], topic)
    estimates = [one.estimate(q, groups[q], arts) for q in sorted(groups, key=one.order)]
    for est in estimates:
        est.reasons.extend(one.notes(est.quantity))
    return estimates


class Reconciler:
    """Reconcile one quantity at a time, so that a store of millions of claims needs only one
    quantity's claims in memory: :func:`reconcile` is this, over every group of its claims.

    Give each quantity's claims to :meth:`estimate` (in :meth:`order`), then add
    :meth:`notes` to each estimate's reasons: the notes compare quantities with each other
    (one counting what another includes), so they are known once every quantity is done.

    Args:
        topic: As for :func:`reconcile`.
        names: Every source name among the claims (all quantities'), to learn acronyms from.
        sources: A user's source table.
        parts: Which parts of articles count.
    """

    def __init__(
        self,
        topic: Topic | None,
        names: Iterable[str],
        *,
        sources: SourceTable | None = None,
        parts: Collection[str] = ("body",),
    ) -> None:
        self.topic = topic
        self.parts = parts
        self.table = _default_table().extended(topic, names, user=sources)
        self._modalities = {q.id: q.modalities for q in topic.quantities} if topic else {}
        self._order = {q.id: i for i, q in enumerate(topic.quantities)} if topic else {}
        # Per quantity done: what it counts (outcomes, actors), its label and source count.
        self._done: dict[str, tuple[frozenset[str], frozenset[str], str, int]] = {}

    def accepts(self, claim: Claim) -> bool:
        """Whether a claim counts at all (its part, a figure, not vague, an allowed modality)."""
        return _accepts(claim, self._modalities, self.parts)

    def order(self, quantity: str) -> tuple[int, str]:
        """The sort key of a quantity in the output: topic order, then id."""
        return self._order.get(quantity, len(self._order)), quantity

    def estimate(self, quantity: str, claims: Sequence[Claim], articles: Mapping[str, Article]) -> Estimate:
        """The estimate of one quantity from its claims (those :meth:`accepts` are used).

        Args:
            quantity: The quantity's id (or automatic group key).
            claims: Its claims; others are not looked at.
            articles: The claims' articles (and those they are near-copies of), by id.
        """
        topic = self.topic
        claims = [c for c in claims if self.accepts(c)]
        qdef = topic.get(quantity) if topic else None
        label = qdef.label if qdef and qdef.label else (_group_label(quantity) if topic is None else quantity)
        cumulative = qdef.cumulative if qdef else True
        reports = collapse(quantity, claims, self.table, articles)
        # One stated outcome is a definition; a list ("wounded", "missing") only admits claims.
        one = qdef is not None and len(qdef.outcomes) == 1
        preferred = _expand(frozenset(qdef.outcomes)) if qdef and one else frozenset()
        figures = estimate_figures(reports, cumulative, label, preferred)
        est = Estimate(
            quantity=quantity,
            label=label,
            unit=_unit(claims),
            cumulative=cumulative,
            low=figures.low,
            best=figures.best,
            high=figures.high,
            period=figures.period,
            reports=[r.report for r in reports],
            conflicts=find_conflicts(reports, cumulative, label),
            reasons=_grouped(claims, label) * (topic is None) + figures.reasons,
            latest=[r.report for r in figures.latest],
            floors=[r.report for r in figures.floors],
        )
        outcomes, actors = _counts(est, reports, topic)
        self._done[quantity] = (outcomes, actors, label, len(est.sources))
        return est

    def notes(self, quantity: str) -> list[str]:
        """The reasons to add to a quantity's estimate once every quantity is estimated: the
        quantities counting what it counts (never compared), how conflicts were paired."""
        mine, my_actors, _, count = self._done[quantity]
        out = []
        for other, (theirs, their_actors, their_label, _) in self._done.items():
            if other == quantity or not mine or not theirs or mine == theirs:
                continue
            if my_actors and their_actors and not my_actors & their_actors:
                continue
            if mine < theirs:
                out.append(
                    f"{their_label} ({', '.join(sorted(theirs))}) includes what "
                    f"{self._done[quantity][2]} counts ({', '.join(sorted(mine))}); their figures "
                    "are not compared."
                )
        if count > MAX_PAIRED_SOURCES:
            out.append(
                f"Conflicts are listed among the {MAX_PAIRED_SOURCES} weightiest of "
                f"{count} sources, and within each source."
            )
        return out


def _grouped(claims: list[Claim], label: str) -> list[str]:
    n = len(claims)
    return [f"Grouped without a topic by what the claims count: {n} claim{'s' * (n != 1)} of {label.lower()}."]


def _unit(claims: list[Claim]) -> str | None:
    units = sorted({c.unit for c in claims if c.unit})
    return max(units, key=lambda u: sum(c.unit == u for c in claims)) if units else None


def _counts(
    est: Estimate, collapsed: list[Collapsed], topic: Topic | None
) -> tuple[frozenset[str], frozenset[str]]:
    """What a quantity counts, for telling overlapping quantities (killed within casualties)."""
    qdef = topic.get(est.quantity) if topic else None
    outcomes = frozenset(qdef.outcomes) if qdef and qdef.outcomes else frozenset()
    if not outcomes and topic is None:
        outcomes = frozenset().union(*(r.definition for r in collapsed))
    actors = (
        frozenset(qdef.actors)
        if qdef and qdef.actors
        else frozenset(c.actor for r in est.reports for c in r.claims if c.actor)
    )
    return _expand(outcomes), actors


def _expand(outcomes: frozenset[str]) -> frozenset[str]:
    """The outcomes a topic's words stand for ("casualties": killed and wounded), by the lexicon."""
    return frozenset(o for word in outcomes for o in _MEANS.get(word, (word,)))
