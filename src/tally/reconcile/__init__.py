"""Reconcile: claims -> estimates (echo collapse, low/best/high, conflicts with reasons).

Public API: :func:`reconcile`, :func:`describe_value`, :func:`load_sources`.
"""

from __future__ import annotations

from tally.reconcile.core import reconcile
from tally.reconcile.sources import SourceTable, load_sources
from tally.reconcile.text import describe_value

__all__ = ["SourceTable", "describe_value", "load_sources", "reconcile"]
