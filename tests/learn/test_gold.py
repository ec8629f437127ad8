"""Gold rows, and how claims and candidates meet them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tally.errors import FormatError
from tally.learn.gold import align, read_gold, same_date, source_grade
from tally.types import Claim


def test_a_bad_gold_line_is_named_with_its_file_and_line(tmp_path: Path) -> None:
    gold = tmp_path / "mine.gold.jsonl"
    gold.write_text('{"doc": "a.txt", "sentence": "s", "low": 1, "high": null}\n{oops\n', encoding="utf-8")
    with pytest.raises(FormatError) as err:
        read_gold([gold])
    assert f"{gold}:2:" in str(err.value) and str(err.value).startswith("T102")


def test_a_row_without_its_figure_is_refused(tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text('{"doc": "a.txt", "sentence": "s"}\n', encoding="utf-8")
    with pytest.raises(FormatError, match="low, high"):
        read_gold([gold])


def test_the_body_end_note_is_no_row(tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text('{"body_end": {"a.txt": "the end."}}\n{"doc": "a.txt", "sentence": "s", "low": 3, "high": null}\n')
    assert [r["low"] for r in read_gold([gold])] == [3]


def _claim(sentence: str, low: float, part: str = "body") -> Claim:
    return Claim(sentence=sentence, mention=str(low), start=0, end=1, low=low, part=part)  # type: ignore[arg-type]


def test_claims_meet_the_row_of_their_figure_and_sentence() -> None:
    gold = [
        {"doc": "a", "sentence": "The council said 40 homes burned on Tuesday.", "low": 40, "high": None},
        {"doc": "a", "sentence": "Another 40 were damaged, the council added.", "low": 40, "high": None},
    ]
    claims = [_claim("Another 40 were damaged, the council added.", 40.0),
              _claim("The council said 40 homes burned on Tuesday.", 40.2),
              _claim("A reader wrote that 40 burned.", 40.0, part="comment")]  # fmt: skip
    met = align(claims, gold)
    assert met == {0: gold[1], 1: gold[0]}


@pytest.mark.parametrize(
    ("gold", "found", "grade"),
    [
        ("World Health Organization (WHO)", "WHO", 2),
        ("Interior ministry", "Moroccan Ministry of the Interior", 2),
        ("Health Minister Ana Ribeiro", "Ana Ribeiro", 2),
        ("South Korea's intelligence agency", "South Korea's defence ministry", 1),
        ("the regional prefecture", "coast guard", 0),
        (None, None, 2),
        (None, "police", 0),
        ("police", None, 0),
    ],
)
def test_a_candidate_source_is_graded_against_the_gold(gold: str | None, found: str | None, grade: int) -> None:
    assert source_grade(gold, found) == grade


@pytest.mark.parametrize(
    ("gold", "found", "same"),
    [("2025-03", "2025-03-14", True), ("2025-03-14", "2025-03-14", True), ("2025-03-14", "2025-03", False),
     ("2025-04", "2025", False), (None, None, True), ("2025-04", None, False)],
)  # fmt: skip
def test_a_date_must_be_at_least_as_precise_as_the_gold(gold: str | None, found: str | None, same: bool) -> None:
    assert same_date(gold, found) is same
