"""Small hand-made corpora: claims and articles written for these tests, not copied text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tally.extract.fields import sentence_fields
from tally.types import Article, Claim


def make_claim(
    mention: str,
    low: float | None,
    high: float | None = None,
    *,
    approx: str = "exact",
    source: str | None = None,
    as_of: str | None = None,
    article: str = "a1",
    quantity: str = "q",
    outcome: str | None = None,
    sentence: str | None = None,
    **extra: Any,
) -> Claim:
    """A claim as the extractor would produce it, with a sentence built around the mention
    and the fields extract reads from the sentence where the mention stands in it."""
    text = sentence or f"Reports said {mention}."
    claim = Claim(
        sentence=text,
        mention=mention,
        start=0,
        end=len(mention),
        low=low,
        high=high,
        approx=approx,  # type: ignore[arg-type]
        source=source,
        as_of=as_of,
        article_id=article,
        doc=f"{article}.txt",
        quantity=quantity,
        outcome=outcome,
        **extra,
    )
    found = sentence_fields(text, mention, text.find(mention), outcome)
    claim.clause_start, claim.clause_end, claim.prior_value, claim.definition = found
    return claim


def make_article(
    ident: str, published: str | None, outlet: str | None = None, duplicate_of: str | None = None
) -> Article:
    """An article with only the metadata reconcile reads."""
    return Article(
        id=ident,
        origin=f"{ident}.txt",
        text="",
        outlet=outlet,
        published=published,
        duplicate_of=duplicate_of,
    )


@pytest.fixture
def claim() -> Callable[..., Claim]:
    return make_claim


@pytest.fixture
def article() -> Callable[..., Article]:
    return make_article
