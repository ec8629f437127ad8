"""Cutting an article for its page: parts, the highlighted sentence, figures as links."""

from __future__ import annotations

import pytest

from tally.types import Article, Claim, Segment
from tally.web.article_view import article_blocks
from tally.web.pages import json_block

TEXT = "Crews moved 4,000 people. Roads closed.\nA reader: I heard 9,000.\nShare this story"


def _claim(mention: str, sentence: str, claim_id: int) -> Claim:
    start = TEXT.index(sentence)
    at = TEXT.index(mention, start)
    return Claim(sentence, mention, at, at + len(mention), sentence_start=start, id=claim_id)


SEGMENTED = [
    Segment("body", 0, TEXT.index("A reader")),
    Segment("comment", TEXT.index("A reader"), TEXT.index("Share")),
    Segment("furniture", TEXT.index("Share"), len(TEXT)),
]
SHAPES = {
    "unsegmented": [],
    "segmented": SEGMENTED,
    "gap before furniture": [SEGMENTED[0], SEGMENTED[2]],
}


def _flatten(blocks) -> str:
    return "".join(p.text for b in blocks for r in b.runs for p in r.pieces)


@pytest.mark.parametrize("segments", SHAPES.values(), ids=SHAPES.keys())
@pytest.mark.parametrize("chosen", [None, 1, 2])
def test_the_pieces_cover_the_text_exactly_once(
    segments: list[Segment], chosen: int | None
) -> None:
    claims = [_claim("4,000", "Crews moved 4,000 people.", 1), _claim("9,000", "I heard 9,000.", 2)]
    article = Article(id="a", origin="a.txt", text=TEXT, segments=segments)
    highlight = next((c for c in claims if c.id == chosen), None)
    assert _flatten(article_blocks(article, claims, highlight)) == TEXT


@pytest.mark.parametrize(
    ("mention", "sentence"),
    [("4,000", "Crews moved 4,000 people."), ("9,000", "I heard 9,000."), ("Crews", "Crews moved")],
)
def test_only_the_chosen_sentence_is_marked(mention: str, sentence: str) -> None:
    claim = _claim(mention, sentence, 5)
    article = Article(id="a", origin="a.txt", text=TEXT, segments=SEGMENTED)
    blocks = article_blocks(article, [claim], claim)
    marked = ["".join(p.text for p in r.pieces) for b in blocks for r in b.runs if r.mark]
    assert marked == [sentence]
    figures = [p for b in blocks for r in b.runs for p in r.pieces if p.claim_id == 5]
    assert [p.text for p in figures] == [mention]


def test_each_block_keeps_its_part() -> None:
    article = Article(id="a", origin="a.txt", text=TEXT, segments=SEGMENTED)
    blocks = article_blocks(article, [])
    assert [b.part for b in blocks] == ["body", "comment", "furniture"]
    assert "".join(p.text for r in blocks[1].runs for p in r.pieces).startswith("A reader")


def test_overlapping_and_out_of_range_mentions_are_left_plain() -> None:
    claims = [
        _claim("4,000 people", "Crews moved 4,000 people.", 1),
        _claim("4,000", "Crews moved 4,000 people.", 2),  # inside the first
        Claim("x", "x", len(TEXT) + 5, len(TEXT) + 6, id=3),
    ]
    article = Article(id="a", origin="a.txt", text=TEXT)
    pieces = [p for b in article_blocks(article, claims) for r in b.runs for p in r.pieces]
    assert [p.text for p in pieces if p.claim_id is not None] == ["4,000 people"]


@pytest.mark.parametrize(
    "payload", ["</script><script>alert(1)</script>", "<!-- x", "a & b", '"quoted" > less <']
)
def test_json_blocks_cannot_end_their_script_element(payload: str) -> None:
    import json

    block = json_block({"label": payload})
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block) == {"label": payload}
