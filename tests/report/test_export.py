"""Claims exported as JSON Lines and CSV: every field, one row per claim, safe cells."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import fields

import pytest

from tally.report.export import ARTICLE_COLUMNS, FIELDS, write_claims
from tally.types import Claim


def sample_claims() -> list[Claim]:
    return [
        Claim(
            sentence='Officials said "between 14,000 and 15,000" troops, à la carte.',
            mention="between 14,000 and 15,000 troops",
            start=3,
            end=35,
            low=14000,
            high=15000,
            approx="range",
            unit="troops",
            source="Officials",
            source_chain=["Officials", "Wire"],
            as_of="2025-01",
            quantity="troops_deployed",
            doc="a.txt",
            article_id="abc",
            id=1,
        ),
        Claim(
            sentence='=HYPERLINK("http://x") up to 9 million, a reader says',
            mention="up to 9 million",
            start=0,
            end=15,
            high=9_000_000,
            approx="at_most",
            part="comment",
            doc="b.txt",
        ),
    ]


def test_fields_cover_every_claim_field_once() -> None:
    assert sorted(FIELDS) == sorted(f.name for f in fields(Claim))
    assert FIELDS[0] == "doc"


def test_jsonl_rows_carry_every_field_and_round_trip() -> None:
    out = io.StringIO()
    claims = sample_claims()
    assert write_claims(claims, "jsonl", out) == 2
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == 2
    for row, claim in zip(rows, claims, strict=True):
        assert list(row) == list(FIELDS + ARTICLE_COLUMNS)
        assert Claim(**{k: row[k] for k in FIELDS}) == claim


def test_csv_has_a_header_and_one_row_per_claim() -> None:
    out = io.StringIO()
    write_claims(sample_claims(), "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 2
    first, second = rows
    assert first["doc"] == "a.txt" and float(first["low"]) == 14000.0
    assert first["source_chain"] == "Officials > Wire"
    assert second["low"] == "" and second["part"] == "comment"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_cells_cannot_start_a_spreadsheet_formula(start: str) -> None:
    claim = Claim(sentence=start + "SUM(A1)", mention=start + "1", start=0, end=2, low=1)
    out = io.StringIO()
    write_claims([claim], "csv", out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["sentence"] == "'" + start + "SUM(A1)"
    assert row["mention"] == "'" + start + "1"


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_no_claims_write_nothing_but_a_header(fmt: str) -> None:
    out = io.StringIO()
    assert write_claims([], fmt, out) == 0  # type: ignore[arg-type]
    assert out.getvalue().count("\n") == (1 if fmt == "csv" else 0)


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="xml"):
        write_claims(sample_claims(), "xml", io.StringIO())  # type: ignore[arg-type]
