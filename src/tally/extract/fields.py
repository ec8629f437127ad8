"""What later stages read from a claim's sentence, decided once, here, and stored on the claim.

Classify and reconcile read these fields and never the sentence again: the figure's own
clause (:func:`clause_bounds`), and the rest that :func:`sentence_fields` fills in.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py

_CLAUSE_BREAK = re.compile(r"[;:()]|\s[-–—]\s|,\s(?:and|but|while|with|whereas)\b|\band\s+for\b")


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
