"""Reconcile: claims -> estimates (echo collapse, low/best/high, conflicts with reasons).

Public API: :func:`reconcile`, :class:`Reconciler` (one quantity at a time),
:func:`describe_value`, :func:`load_sources`.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from tally.reconcile.reconciler import Reconciler, reconcile
from tally.reconcile.sources import SourceTable, load_sources
from tally.wording import describe_value

__all__ = ["Reconciler", "SourceTable", "describe_value", "load_sources", "reconcile"]


class _CallableModule(types.ModuleType):
    """Lets ``tally.reconcile(claims, topic)`` call the function, as the package is named alike."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return reconcile(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
