"""An article's text cut into pieces for the page: its parts, the highlighted sentence, and
each figure as a link to itself.

The pieces are plain strings; the template escapes every one of them, so an article's own
markup is shown as text and never interpreted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from tally.types import Article, Claim, Part, Segment


@dataclass
class Piece:
    """A run of text; ``claim_id`` when it is a figure's mention."""

    text: str
    claim_id: int | None = None


@dataclass
class Run:
    """Consecutive pieces inside (``mark``) or outside the highlighted sentence."""

    mark: bool
    pieces: list[Piece] = field(default_factory=list)


@dataclass
class Block:
    """One segment of the article: body, comments or furniture."""

    part: Part
    runs: list[Run] = field(default_factory=list)


def article_blocks(
    article: Article, claims: list[Claim], highlight: Claim | None = None
) -> list[Block]:
    """Cut an article's text into blocks per part, runs per highlight and pieces per mention.

    Args:
        article: The article.
        claims: Its claims; each mention becomes a piece with the claim's id. Overlapping
            mentions keep the one that starts first (the longer, when they start together).
        highlight: The claim whose sentence is marked.

    Returns:
        Blocks covering the whole text, in order.
    """
    text = article.text
    segments = _covering(article.segments, len(text))
    mentions: list[tuple[int, int, int | None]] = []
    for claim in sorted(claims, key=lambda c: (c.start, -c.end)):
        if 0 <= claim.start < claim.end <= len(text) and (
            not mentions or claim.start >= mentions[-1][1]
        ):
            mentions.append((claim.start, claim.end, claim.id))
    mark = (-1, -1)
    if highlight is not None:
        start = max(0, highlight.sentence_start)
        mark = (start, min(len(text), start + len(highlight.sentence)))
    cuts = {0, len(text), *mark, *(b for s in segments for b in (s.start, s.end))}
    cuts |= {b for m in mentions for b in m[:2]}
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    blocks: list[Block] = []
    for lo, hi in pairwise(bounds):
        part: Part = next((s.part for s in segments if s.start <= lo < s.end), "body")
        inside = mark[0] <= lo < mark[1]
        claim_id = next((m[2] for m in mentions if m[0] <= lo < m[1]), None)
        if not blocks or blocks[-1].part != part:
            blocks.append(Block(part))
        runs = blocks[-1].runs
        if not runs or runs[-1].mark != inside:
            runs.append(Run(inside))
        runs[-1].pieces.append(Piece(text[lo:hi], claim_id))
    return blocks


def _covering(segments: list[Segment], length: int) -> list[Segment]:
    """The segments, with any gap between them filled as body (unsegmented text is body)."""
    out: list[Segment] = []
    pos = 0
    for seg in sorted(segments, key=lambda s: s.start):
        if seg.start > pos:
            out.append(Segment("body", pos, seg.start))
        if seg.end > max(pos, seg.start):
            out.append(Segment(seg.part, max(pos, seg.start), seg.end))
            pos = seg.end
    if pos < length:
        out.append(Segment("body", pos, length))
    return out
