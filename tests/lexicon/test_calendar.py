"""The calendar words: one table of each, read by the one date grammar."""

from __future__ import annotations

import re
from pathlib import Path

from tally import lexicon

SRC = Path(__file__).resolve().parents[2] / "src" / "tally"


def test_every_month_has_a_name_and_its_abbreviations_agree() -> None:
    months = lexicon.mapping("calendar.months")
    assert sorted(months.values()) == list(range(1, 13))
    for short, number in lexicon.mapping("calendar.month_abbreviations").items():
        assert months[next(name for name in months if name.startswith(short[:3]))] == number, short


def test_weekdays_count_from_monday_as_python_does() -> None:
    days = lexicon.mapping("calendar.weekdays")
    assert days["monday"] == 0 and days["sunday"] == 6 and len(set(days.values())) == 7
    for short, number in lexicon.mapping("calendar.weekday_abbreviations").items():
        assert days[next(d for d in days if d.startswith(short))] == number, short


def test_winter_has_one_meaning_the_month_it_starts_in() -> None:
    assert lexicon.mapping("calendar.seasons")["winter"] == 12


def test_no_calendar_word_is_in_two_name_classes() -> None:
    classes = ["calendar.months", "calendar.month_abbreviations", "calendar.seasons", "calendar.weekdays"]
    for i, a in enumerate(classes):
        for b in classes[i + 1 :]:
            assert not lexicon.words(a) & lexicon.words(b), (a, b)


def test_no_source_file_spells_a_list_of_calendar_names() -> None:
    names = lexicon.words(
        "calendar.months", "calendar.month_abbreviations", "calendar.seasons", "calendar.weekdays"
    ) - {"may", "fall"}  # also everyday words, which lists of other things may hold
    word = "|".join(sorted(names, key=len, reverse=True))
    # Two names side by side in a regex alternation or a Python list: a list of its own.
    listed = re.compile(rf"\b(?:{word})\b(?:\||['\"],\s*['\"])(?:{word})\b", re.IGNORECASE)
    files = sorted(SRC.rglob("*.py"))
    offenders = [str(p.relative_to(SRC)) for p in files if listed.search(p.read_text("utf-8"))]
    assert offenders == []
