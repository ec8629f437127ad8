"""Tally: a sourced, time-aware table of the figures in news articles.

The library does the work; ``tally.cli`` is a thin layer on top. Public API::

    from tally import extract_claims, reconcile, Store, load_topic
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tally.options import IngestOptions, ReportOptions
from tally.types import Article, Claim, Conflict, Estimate, QuantityDef, SourceReport, Topic

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Claim",
    "Conflict",
    "Estimate",
    "IngestOptions",
    "QuantityDef",
    "ReportOptions",
    "SourceReport",
    "Topic",
    "extract_claims",
    "reconcile",
    "load_topic",
    "Store",
]

if TYPE_CHECKING:
    from tally.classify import load_topic
    from tally.extract import extract_claims
    from tally.reconcile import reconcile
    from tally.store import Store


def __getattr__(name: str) -> Any:
    # Lazy: importing tally must not load spaCy until extraction is asked for.
    if name == "extract_claims":
        from tally.extract import extract_claims

        return extract_claims
    if name == "reconcile":
        from tally.reconcile import reconcile

        return reconcile
    if name == "load_topic":
        from tally.classify import load_topic

        return load_topic
    if name == "Store":
        from tally.store import Store

        return Store
    raise AttributeError(name)
