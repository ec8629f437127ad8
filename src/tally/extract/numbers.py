"""Numbers as news text writes them: digits, words, scales and fractions, parsed to floats."""

from __future__ import annotations

import logging
import math
from tally import rx as re  # linear-time matching: see tally/rx.py

from tally import lexicon

UNITS_WORDS: dict[str, float] = lexicon.mapping("numbers.units")
TENS_WORDS: dict[str, float] = lexicon.mapping("numbers.tens")
SCALES: dict[str, float] = {**lexicon.mapping("numbers.scales"), **lexicon.mapping("numbers.short_scales")}
_SHORT = set(lexicon.mapping("numbers.short_scales"))
MULTIPLIERS: dict[str, float] = lexicon.mapping("numbers.multipliers")
FRACTIONS: dict[str, float] = lexicon.mapping("numbers.fractions")
VAGUE_WORDS: dict[str, float] = lexicon.mapping("numbers.vague")

_WORD = "|".join(sorted([*UNITS_WORDS, *TENS_WORDS], key=len, reverse=True))
_SCALE = "|".join(lexicon.mapping("numbers.scales"))
_MULTIPLIER = lexicon.alternation("numbers.multipliers")
# A spelled-out number: "nine", "twenty-five", "eleven-thousand", "two hundred and fifty thousand".
WORD_NUMBER = rf"(?:(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}|{_SCALE})\b)*)"
DIGITS = r"(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|(?<![\w.])\.\d+)"
# Digits with an optional scale word: "1.28 million", "12 mln", "$3bn".
DIGIT_NUMBER = rf"{DIGITS}(?:(?:\s*(?:{_SCALE}|mln|bn|tn)\b)+|(?:m|bn|b|k|mil)\b)?"
NUMBER = (
    # "two dozen" before the bare "two", which would otherwise match first.
    rf"(?:{DIGIT_NUMBER}|\b(?:a|half a|(?:{_WORD}))\s+dozen\b|\b{_MULTIPLIER}\s+(?:{_SCALE})\b|\b{WORD_NUMBER}\b"
    rf"|\ba\s+(?:{_SCALE})\b(?:\s+(?:{_SCALE})\b)?)"
)

_SPLIT = re.compile(r"[\s-]+")
# Digits, then scale words. Each word must be separated from the one before by whitespace
# (or follow the digits directly: "3bn"), so a run of words splits one way only: the old
# ``(?:\s*[a-z]+)*`` split "thousand" 2^7 ways and backtracked for minutes on a word it
# could not match ("mıllıon" with a dotless ı).
_DIGITS_SCALED = re.compile(rf"({DIGITS})((?:\s*[a-z]+)?(?:\s+[a-z]+)*)")
# The largest figure kept: far beyond any count or sum in the news (world GDP is ~1e14 USD),
# and small enough that sums and ranges of figures stay finite. A figure beyond it (309
# digits parse as inf) is refused, and the refusal logged with its reason.
MAX_FIGURE = 1e15
log = logging.getLogger("tally.extract")


def parse_number(text: str) -> float | None:
    """Parse one number as written in news text.

    Args:
        text: "25,000", "1.28 million", "nine million", "eleven-thousand", "a hundred".

    Returns:
        The value, or None when the text is not a number.
    """
    t = text.strip().lower().replace("\u2009", "").replace("\xa0", " ")
    m = _DIGITS_SCALED.fullmatch(t)
    if m:
        value = float(m.group(1).replace(",", ""))
        for scale in m.group(2).split():
            if scale not in SCALES:
                return None
            value *= SCALES[scale]
        return bounded(value, text)
    words = _parse_words(t)
    return None if words is None else bounded(words, text)


def bounded(value: float, text: str) -> float | None:
    """The value when it is finite and at most :data:`MAX_FIGURE` in size, else None (logged).

    Args:
        value: A parsed figure.
        text: The text it was parsed from, for the log.

    Returns:
        The value, or None for a figure refused as beyond any sane count.
    """
    if math.isfinite(value) and abs(value) <= MAX_FIGURE:
        return value
    log.info("figure refused: %r is beyond %g", text[:40], MAX_FIGURE)
    return None


def _parse_words(t: str) -> float | None:
    for words, factor in MULTIPLIERS.items():
        if t.startswith(words + " ") and t[len(words) :].strip() in SCALES:
            return factor * SCALES[t[len(words) :].strip()]  # "half a million", "a couple of hundred"
    if t.endswith("dozen"):
        head = t[: -len("dozen")].strip()
        count = 0.5 if head == "half a" else 1.0 if head == "a" else _parse_words(head)
        return None if count is None else count * 12
    total, current, seen = 0.0, 0.0, False
    for word in _SPLIT.split(t):
        if word in ("and", ""):
            continue
        if word == "a":
            current = max(current, 1.0)
            continue
        if word in UNITS_WORDS:
            current += UNITS_WORDS[word]
        elif word in TENS_WORDS:
            current += TENS_WORDS[word]
        elif word in SCALES and word not in _SHORT:
            scale = SCALES[word]
            current = max(current, 1.0) * scale
            if scale >= 1e3:
                total, current = total + current, 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_fraction(text: str) -> float | None:
    """Parse "half", "a third", "two-thirds", "three quarters" to percent."""
    words = [w for w in _SPLIT.split(text.strip().lower()) if w not in ("a", "an", "one")]
    if not words:
        return None
    if len(words) == 1:
        return FRACTIONS.get(words[0])
    count = UNITS_WORDS.get(words[0])
    share = FRACTIONS.get(words[-1])
    if count is None or share is None or len(words) != 2:
        return None
    return count * share
