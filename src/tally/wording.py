"""How figures, periods and reports read in sentences: "at least 6,000", "14,000–15,000".

It sits below the domain types (``SourceReport.value_text`` reads through it), so it names
the report it words by what it reads of it (:class:`Worded`), not by its type.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from tally import lexicon


class _Dated(Protocol):
    @property
    def as_of(self) -> str | None: ...


class Worded(Protocol):
    """What wording reads of a report (a :class:`tally.types.SourceReport`)."""

    @property
    def period(self) -> str | None: ...

    @property
    def source(self) -> str: ...

    @property
    def value_text(self) -> str: ...

    @property
    def claims(self) -> Sequence[_Dated]: ...

_SCALES = ((1e9, "billion"), (1e6, "million"))


def format_number(value: float) -> str:
    """A number as a reader writes it: 1000 -> "1,000", 9e6 -> "9 million", 33.33 -> "33.33"."""
    for scale, word in _SCALES:
        if abs(value) >= scale and (value / scale) * 100 == round(value / scale * 100):
            scaled = value / scale
            text = f"{scaled:,.2f}".rstrip("0").rstrip(".")
            return f"{text} {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _pair(low: float, high: float) -> str:
    # "8–9 million" reads better than "8 million–9 million" when both share the scale word.
    a, b = format_number(low), format_number(high)
    a_num, _, a_word = a.partition(" ")
    b_num, _, b_word = b.partition(" ")
    if a_word and a_word == b_word:
        return f"{a_num}–{b_num} {b_word}"
    return f"{a}–{b}"


def describe_value(low: float | None, high: float | None, approx: str) -> str:
    """The figure as a reader would say it.

    Args:
        low: The lower bound or single value.
        high: The upper bound ("up to N" fills only this).
        approx: One of exact, about, at_least, at_most, range, vague.

    Returns:
        "at least 6,000", "up to 9 million", "about 1,000", "14,000–15,000", "an unstated number".
    """
    if low is not None and high is not None and low != high:
        return _pair(low, high)
    value = low if low is not None else high
    if value is None:
        return "an unstated number"
    text = format_number(value)
    if approx == "at_least":
        return f"at least {text}"
    if approx == "at_most":
        return f"up to {text}"
    if approx == "about":
        return f"about {text}"
    if approx == "vague":
        return f"some {text}"
    return text


def describe_period(report: Worded) -> str:
    """When a report's figure holds: "as of 2025-01", or "reported 2025-03" when undated."""
    if report.period is None:
        return "undated"
    if any(c.as_of == report.period for c in report.claims):
        return f"as of {report.period}"
    return f"reported {report.period}"


_OUTCOME_ORDER = tuple(lexicon.entry("outcomes.harm"))


def describe_outcome(definition: frozenset[str] | set[str]) -> str:
    """What a figure counts, in reading order: {"missing", "wounded"} -> "wounded or missing"."""
    words = sorted(definition, key=lambda w: (_OUTCOME_ORDER + (w,)).index(w))
    return " or ".join(words)


def describe_report(report: Worded, definition: frozenset[str] = frozenset()) -> str:
    """A report as a clause: "about 1,000 killed (Western officials, as of 2025-01)"."""
    outcome = describe_outcome(definition)
    figure = report.value_text + (f" {outcome}" if outcome else "")
    return f"{figure} ({report.source}, {describe_period(report)})"
