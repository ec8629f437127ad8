"""What a figure counts: its own word or noun, its phrase, its subject, a list's label, or
the figure before it when the two are linked ("96,000 homes, compared with 64,000")."""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py

from spacy.tokens import Span, Token

from tally import lexicon
from tally.extract import attribution, meaning
from tally.extract.mentions import Mention
from tally.types import Claim

# Between two figures of one count: the second, with no noun of its own, counts the same.
_LINKED = re.compile(
    r"^[^;:.!?]{0,60}?(?:,|\band|\bor|compared (?:with|to)(?:[^,;]{0,40}\bof)?|up from|down from|from|to"
    r"|including|of which|of whom|against|versus|than|while|but|\s[–—-]|:)\s*$",
    re.IGNORECASE,
)
_FRONTED_PARTITIVE = re.compile(r"^\W*(?:of|among)\s+(?:the|these|those|its|their)\s", re.IGNORECASE)
_TOTAL_OF_BEFORE = re.compile(
    rf"\bthe {lexicon.alternation('numbers.totals')}\s+(?:to|at|of|is|was|stands at|rose to)\s*$", re.IGNORECASE
)


def counted_unit(
    sentence: str,
    m: Mention,
    span: Span,
    noun: Token | None,
    left: str,
    before: tuple[str, Claim] | None,
) -> tuple[str | None, str]:
    """What a figure counts, and the rule that says so: its own word or noun, its phrase, its
    subject, its list label, or the figure before it when linked to it; ``before`` is the text
    since that figure, and its claim."""
    unit, rule = m.unit_hint, "unit-word"
    if unit is None and noun is not None:
        unit, rule = meaning.unit_text(noun, span.end), "counted-noun"
    if unit is None:
        for rule, find in (("partitive-or-predicate", meaning.predicate_unit), ("level-subject", meaning.counted_subject)):
            if (unit := find(span)) is not None:
                break
        else:
            unit, rule = meaning.crowd_unit(span, left, sentence[m.end :]), "crowd"
    if unit is None and before is not None and _TOTAL_OF_BEFORE.search(left):
        unit, rule = before[1].unit, "total-of-previous"  # "29 bodies were pulled out, bringing the total to 507"
    label = attribution.LABEL_LINE.match(sentence) if before is None and m.unit_hint is None else None
    if label:
        unit, rule = (label.group("label") or label.group("short")).strip().lower(), "list-label"  # "Tanks in storage: 4,000 (estimate)"
    if before is not None:
        # "96,000 homes, compared with 64,000", "96 drones, including 18", "23 people and 140 others",
        # "12,700 workers – 5,800 at one plant"; an outcome standing in for a unit ("300 killed")
        # is not shared.
        between, previous = before
        vague_noun = unit is not None and unit.lower() in ("others", "more")
        linked = vague_noun or (unit is None and _LINKED.match(between) is not None)
        shared = previous.unit is not None and previous.unit != "percent" and previous.rules.get("unit") != "outcome-word"
        if linked and shared:
            unit, rule = previous.unit, "linked-to-previous-figure"
        elif unit is None and shared and _FRONTED_PARTITIVE.match(sentence) and re.search(r",\s*$", sentence[: m.start]):
            # "Of the 127 passengers who were on board, 119 are safe": the part counts the whole's noun.
            unit, rule = previous.unit, "part-of-fronted-whole"
    rest = sentence[noun.idx - span.doc[0].idx + len(noun.text) :] if noun is not None and m.unit_hint is None else sentence[m.end :]
    unit = meaning.per_unit(unit, rest)
    if unit is not None and not any(ch.isalpha() for ch in unit):
        return None, "no-unit"  # a table's "|" or a stray symbol is no unit
    return unit, rule if unit is not None else "no-unit"
