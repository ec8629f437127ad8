"""Is it a claim at all: what a model needs to know of a figure the rules kept.

The rules already drop dates, ages, calibres and model names they recognise
(``tally.extract.nonclaims``); what they keep is a claim unless a trained forest, reading
the figure's shape, its words and what the rules made of it, says it is not (a phone number,
an article number, a duration, a count in a page's furniture, ...).
"""

from __future__ import annotations

import math
from tally import rx as re  # linear-time matching: see tally/rx.py

from tally.extract.choose.context import ArticleView

_WORD = re.compile(r"[A-Za-z]+")
_DIGITS = re.compile(r"\d")


def features(view: ArticleView, k: int) -> dict[str, float]:
    """The features of the view's k-th claim."""
    claim = view.claims[k]
    here = view.sentence_of(claim)
    sentence = view.sentences[here].text
    at = claim.start - claim.sentence_start
    before = sentence[max(0, at - 12) : at]
    after = sentence[at + len(claim.mention) : at + len(claim.mention) + 12]
    value = claim.low if claim.low is not None else claim.high
    f: dict[str, float] = {
        f"approx:{claim.approx}": 1.0,
        f"unit_rule:{claim.rules.get('unit', '')}": 1.0,
        f"modality:{claim.modality}": 1.0,
        "has_unit": float(claim.unit is not None),
        "percent": float(claim.unit == "percent"),
        "has_outcome": float(claim.outcome is not None),
        "has_source": float(claim.source is not None),
        "has_trend": float(claim.trend is not None),
        "has_actor": float(claim.actor is not None),
        "mention_chars": float(min(len(claim.mention), 80)),
        "mention_words": float(len(claim.mention.split())),
        "mention_digits": float(len(_DIGITS.findall(claim.mention))),
        "mention_has_digit": float(bool(_DIGITS.search(claim.mention))),
        "mention_comma": float("," in claim.mention),
        "value_log": math.log10(abs(value) + 1) if value is not None else -1.0,
        "value_integer": float(value is not None and float(value).is_integer()),
        "value_year_like": float(value is not None and 1900 <= value <= 2100 and float(value).is_integer()),
        "range": float(claim.low is not None and claim.high is not None),
        "sentence_chars": float(min(len(sentence), 600)) / 10.0,
        "sentence_figures": float(len(view.claims_in(here))),
        "position": at / max(1, len(sentence)),
        "sentence_index": float(min(here, 40)),
        "short_line": float(len(sentence) < 60),
        "no_verb_line": float(not re.search(r"\b(?:is|are|was|were|has|have|had|said|\w+ed)\b", sentence)),
        "before_capital": float(bool(re.search(r"[A-Z][a-z]*\s*$", before))),
        "before_symbol": float(bool(re.search(r"[#№/:(-]\s*$", before))),
        "after_symbol": float(bool(re.match(r"\s*[/:)-]", after))),
        "after_capital": float(bool(re.match(r"\s*[A-Z]", after))),
        "after_digit": float(bool(re.match(r"\s*\d", after))),
        "in_parentheses": float(before.rstrip().endswith("(") and after.lstrip().startswith(")")),
        "quoted": float(any(q in sentence for q in ('"', "“"))),
    }
    return f
