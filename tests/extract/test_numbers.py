import pytest

from tally.extract.numbers import parse_fraction, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("25,000", 25000),
        ("1.28 million", 1_280_000),
        ("nine million", 9_000_000),
        ("eleven-thousand", 11_000),
        ("fifty", 50),
        ("twenty-five", 25),
        ("a hundred", 100),
        ("two hundred and fifty thousand", 250_000),
        ("3bn", 3e9),
    ],
)
def test_parse_number_reads_digits_words_and_scales(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["troops", "many", "1.2.3"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "percent"),
    [("half", 50), ("a third", 33.33), ("two-thirds", 66.67), ("a quarter", 25)],
)
def test_parse_fraction_gives_percent(text: str, percent: float) -> None:
    assert parse_fraction(text) == pytest.approx(percent, abs=0.01)


@pytest.mark.parametrize(("text", "value"), [("a dozen", 12), ("two dozen", 24), ("half a dozen", 6)])
def test_dozens_count_twelve(text: str, value: float) -> None:
    assert parse_number(text) == value
