"""Fixtures: the small corpus of report_corpus.py, reconciled into estimates."""

from __future__ import annotations

import pytest
from report_corpus import corpus

from tally.reconcile import reconcile
from tally.types import Article, Estimate


@pytest.fixture
def estimates() -> list[Estimate]:
    claims, topic, arts = corpus()
    return reconcile(claims, topic, arts)


@pytest.fixture
def articles() -> dict[str, Article]:
    return corpus()[2]
