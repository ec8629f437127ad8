"""What later stages read from a claim's sentence, decided once, here, and stored on the claim.

Classify and reconcile read these fields and never the sentence again:

- ``clause_start``/``clause_end``: the figure's own clause, offsets in the sentence, from the
  previous figure or clause break to the next one ("1,000 killed, with another 3,000 wounded");
- ``prior_value``: the figure is the earlier value its sentence gives beside a new one ("41
  killed, up from 27 a day earlier"): the same source's figure of before, not a rival;
- ``definition``: what the figure counts, as outcomes ("killed"; "wounded", "missing"), read
  from its outcome, its mention and the few words after it; a word that stands for several
  outcomes ("casualties": the killed and the wounded) is read through the lexicon.

:func:`fill` sets them on the claims the extractor builds; :func:`sentence_fields` computes
them for one mention (a store made before they existed is filled in through it).
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
from functools import lru_cache

from tally import lexicon
from tally.extract.mentions import find_mentions
from tally.types import Claim

_CLAUSE_BREAK = re.compile(r"[;:()]|\s[-–—]\s|,\s(?:and|but|while|with|whereas)\b|\band\s+for\b")
# Words that say what a figure counts, by outcome ("160 deaths", "2,000 injured").
_OUTCOME_WORDS: dict[str, frozenset[str]] = {
    name: lexicon.words(f"outcomes.written.{name}") for name in lexicon.mapping("outcomes.written")
}
_MEANS = {word: tuple(outcomes) for word, outcomes in lexicon.mapping("outcomes.means").items()}
_WORD = re.compile(r"[a-z]+")
_CLAUSE_END = re.compile(r"[,;:.()\u2013\u2014]")
_CONTEXT_WORDS = 8
_NEXT_FIGURE = re.compile(r"\s\d")
_DIGIT = re.compile(r"\d")
# "41 killed, up from 27 a day earlier": the figure after "from" is the source's earlier one.
_PRIOR_BEFORE = re.compile(
    r"(?:\bfrom|\bcompared (?:with|to)|\bagainst|\bprevious(?:ly)?|\bearlier)\s+"
    rf"(?:(?:{lexicon.alternation('hedges.about', 'hedges.at_least', 'hedges.at_most')}|just|only|the|a|an)\s+)*$",
    re.IGNORECASE,
)
_PRIOR_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:(?:a|one|two|three|the)\s+(?:day|week|month|year)s?\s+(?:earlier|before|ago)"
    r"|(?:the )?(?:day|week|night) before|(?:earlier|previously|yesterday|last (?:week|month)))",
    re.IGNORECASE,
)


def fill(claims: list[Claim], known: dict[str, list[tuple[int, int]]] | None = None) -> list[Claim]:
    """Set on each claim what later stages read of its sentence (see the module docstring).

    Args:
        claims: The claims, changed in place.
        known: Each sentence's figures as (start, end), where the extractor found them already.
    """
    figures = dict(known or {})  # each sentence's figures, found once
    for claim in claims:
        at = claim.start - claim.sentence_start
        if claim.sentence not in figures:
            figures[claim.sentence] = [(m.start, m.end) for m in find_mentions(claim.sentence)]
        found = sentence_fields(claim.sentence, claim.mention, at, claim.outcome, figures[claim.sentence])
        claim.clause_start, claim.clause_end, claim.prior_value, claim.definition = found
    return claims


def sentence_fields(
    sentence: str, mention: str, at: int, outcome: str | None, figures: list[tuple[int, int]] | None = None
) -> tuple[int | None, int | None, bool, list[str]]:
    """The clause bounds, whether the figure is a prior value, and its definition.

    Args:
        sentence: The claim's sentence.
        mention: The figure as written.
        at: Where the mention starts in the sentence.
        outcome: The outcome extract gave the claim.
        figures: The sentence's figures as (start, end), when already found.

    Returns:
        (clause start, clause end, prior value, definition); without the mention at ``at``
        (offsets that do not hold), no clause, no prior value, and the definition read from
        the outcome and the mention alone.
    """
    if not mention or at < 0 or sentence[at : at + len(mention)] != mention:
        return None, None, False, _definition(f"{outcome or ''} {mention}")
    end = at + len(mention)
    if figures is None:
        figures = [(m.start, m.end) for m in find_mentions(sentence)]
    others = [(a, b) for a, b in figures if b <= at or a >= end]
    clause_start, clause_end = clause_bounds(sentence, at, end, others)
    before, after = sentence[:at], sentence[end:]
    # With no other figure in the sentence there is nothing it is earlier than.
    prior = bool(_DIGIT.search(before + after)) and bool(_PRIOR_BEFORE.search(before) or _PRIOR_AFTER.match(after))
    tail = _CLAUSE_END.split(after, maxsplit=1)[0]
    tail = _NEXT_FIGURE.split(tail, maxsplit=1)[0]  # "4,590 cases and 73 deaths": stop at 73
    words_after = " ".join(tail.split()[:_CONTEXT_WORDS])
    return clause_start, clause_end, prior, _definition(f"{outcome or ''} {mention} {words_after}")


@lru_cache(maxsize=65536)
def _definition_set(text: str) -> frozenset[str]:
    words = set(_WORD.findall(text.lower()))
    found = {name for name, forms in _OUTCOME_WORDS.items() if words.intersection(forms)}
    return frozenset(o for name in found for o in _MEANS.get(name, (name,)))


def _definition(text: str) -> list[str]:
    return sorted(_definition_set(text))


def clause_bounds(sentence: str, start: int, end: int, others: list[tuple[int, int]]) -> tuple[int, int]:
    """The figure's own clause: from the previous figure or clause break to the next one."""
    left_edge = max([e for s, e in others if e <= start], default=0)
    right_edge = min([s for s, e in others if s >= end], default=len(sentence))
    breaks = list(_CLAUSE_BREAK.finditer(sentence, left_edge, start))
    if breaks:
        left_edge = breaks[-1].end()
    cut = _CLAUSE_BREAK.search(sentence, end, right_edge)
    if cut:
        right_edge = cut.start()
    return left_edge, right_edge
