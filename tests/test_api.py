"""The top-level Python API promised by the issues: tally.extract_claims and tally.reconcile."""

import pytest

import tally
from tally.errors import InputError
from tally.ingest import iter_articles

pytestmark = pytest.mark.model


def test_tally_reconcile_is_callable_as_a_function() -> None:
    claims = tally.extract_claims("Officials said about 300 homes were flooded on 3 May.", published="2025-05-10")
    estimates = tally.reconcile(claims, None)
    assert len(estimates) == 1 and estimates[0].best == 300


def test_a_path_too_long_for_the_file_system_is_a_one_line_error() -> None:
    errors = [e for e in iter_articles(["x" * 5000 + ".txt"]) if isinstance(e, InputError)]
    assert len(errors) == 1 and "\n" not in str(errors[0])
