"""Echo collapse: claims that repeat one figure from one original source become one report.

A report is keyed by (source, figure, definition). The source of an unsourced claim is the
outlet of the original article, so a syndicated copy (``Article.duplicate_of``) or a teaser
repeating the lead adds links to the report, never a second voice.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tally.dates.periods import Period, claim_period, sort_key
from tally.reconcile.sources import Source, SourceTable, claim_source, original_article
from tally.types import Approx, Article, Claim, SourceReport
from tally.wording import describe_report


@dataclass(eq=False)
class Collapsed:
    """A report with what reconciling needs beside it: source, period and definition."""

    report: SourceReport
    source: Source
    period: Period | None
    definition: frozenset[str]
    _text: str | None = field(default=None, repr=False)
    # Every claim is the earlier value its sentence gives ("up from 27 a day earlier").
    prior: bool = False

    @property
    def point(self) -> bool:
        """Whether the figure is a value or range (not a bound that hedges alone give)."""
        return self.report.approx in ("exact", "about", "range")

    def shares_sentence(self, other: Collapsed) -> bool:
        """Whether both reports stand in one sentence ("68 of the 240 seats"): side by side,
        they count different things, so neither revises the other."""
        mine = {(c.article_id, c.sentence_start, c.sentence) for c in self.report.claims if c.article_id}
        return any((c.article_id, c.sentence_start, c.sentence) in mine for c in other.report.claims)

    def describe(self) -> str:
        """The report as a clause: "about 1,000 killed (Western officials, as of 2025-01)"."""
        if self._text is None:
            self._text = describe_report(self.report, self.definition)
        return self._text


def definition_of(claim: Claim) -> frozenset[str]:
    """What a claim counts: {"killed"}, {"wounded", "missing"}, as extract read it from the
    claim's outcome, mention and the words after it (``Claim.definition``)."""
    return frozenset(claim.definition)


def _approx_class(approx: Approx, low: float | None, high: float | None) -> str:
    if approx in ("exact", "about") or (approx == "range" and low == high):
        return "point"
    return approx


def _merged_approx(claims: list[Claim]) -> Approx:
    approxes = {c.approx for c in claims}
    if approxes <= {"exact", "about"}:
        return "exact" if approxes == {"exact"} else "about"
    return claims[0].approx


def _outlets(claim: Claim, articles: Mapping[str, Article]) -> list[str]:
    """The outlets that ran a claim's article: its own, and those a copy of it was seen under."""
    article = articles.get(claim.article_id) if claim.article_id else None
    if article is None:
        return [claim.doc or claim.article_id or "unknown"]
    return [article.outlet or article.name, *article.also_outlets]


def _publication(article: Article | None) -> str | None:
    """The article's publication date as a period may use it. A year that ingest inferred from
    the latest date the text mentions is the year of some background event ("since 1995"),
    not of the article, so it is not used."""
    if article is None or not article.published:
        return None
    if article.published_origin == "inferred" and len(article.published) <= 4:
        return None
    return article.published


def collapse(
    quantity: str,
    claims: Iterable[Claim],
    table: SourceTable,
    articles: Mapping[str, Article],
) -> list[Collapsed]:
    """Group a quantity's claims into independent reports, oldest first."""
    groups: dict[tuple[Any, ...], list[tuple[Claim, Source, Period | None]]] = defaultdict(list)
    for claim in claims:
        source = claim_source(claim, table, articles)
        original = original_article(claim.article_id, articles)
        period = claim_period(claim.as_of, _publication(original))
        key = (
            source.key,
            claim.low,
            claim.high,
            _approx_class(claim.approx, claim.low, claim.high),
            definition_of(claim),
            claim.prior_value,
        )
        groups[key].append((claim, source, period))
    out = [_build(quantity, key[4], members, articles, key[5]) for key, members in groups.items()]
    out.sort(
        # An earlier value given beside a new one ("up from 27") comes before it.
        key=lambda c: (
            sort_key(c.period), not c.prior, c.source.key, c.report.low or 0, c.report.high or 0
        )
    )
    return out


def _build(
    quantity: str,
    definition: frozenset[str],
    members: list[tuple[Claim, Source, Period | None]],
    articles: Mapping[str, Article],
    prior: bool = False,
) -> Collapsed:
    if len(members) > 1:
        members.sort(key=lambda m: (m[0].article_id or "", m[0].start, m[0].sentence))
    claims = [m[0] for m in members]
    source = members[0][1]
    # Unlisted sources are spelt several ways; the most frequent (then first) spelling is shown.
    if any(m[1].label != source.label for m in members):
        labels = Counter(m[1].label for m in members)
        # Ties go to a capitalised spelling: "Police" reads better in a table than "police".
        label = min(labels.items(), key=lambda kv: (-kv[1], not kv[0][:1].isupper(), kv[0]))[0]
        source = Source(source.key, label, source.kind, source.weight)
    # A dated period wins; among dated ones the latest, since a figure repeated later is
    # confirmed as of then ("still 14,000–15,000 in April").
    periods = [m[2] for m in members if m[2] is not None]
    dated = [p for p in periods if p.dated]
    pool = dated or periods
    period = max(pool, key=sort_key) if pool else None
    report = SourceReport(
        quantity=quantity,
        source=source.label,
        source_kind=source.kind,
        weight=source.weight,
        low=claims[0].low,
        high=claims[0].high,
        approx=_merged_approx(claims),
        period=period.label if period else None,
        claims=claims,
        outlets=sorted({o for c in claims for o in _outlets(c, articles)}),
        spellings=sorted({c.source.strip() for c in claims if c.source and c.source.strip()}),
    )
    return Collapsed(report, source, period, definition, prior=prior)
