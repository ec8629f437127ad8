"""The old home of the calendar words, kept for its importers; the words live in the lexicon
(``calendar.toml``) and the date grammar in :mod:`tally.dates`."""

from __future__ import annotations

from tally.dates import WIRE_AGENCIES

__all__ = ["WIRE_AGENCIES"]
