"""split_parts: body, reader comments and furniture, on page shapes written for these tests."""

from __future__ import annotations

import itertools

import pytest

from tally.ingest.parts import split_parts
from tally.types import PARTS, Part, Segment

LEAD = "Flood waters reached the old town on Tuesday, and about 400 homes were evacuated, the mayor said."
MIDDLE = "Rescue teams from three nearby districts worked through the night to move residents to schools."
CLOSE = "The river is expected to fall slowly over the weekend, according to the regional weather office."


def part_of(text: str, segments: list[Segment], line: str) -> Part:
    """The part of the (first) line that equals ``line``; every character of it must agree."""
    start = text.index(line)
    parts = {
        s.part for s in segments for i in range(start, start + len(line)) if s.start <= i < s.end
    }
    assert len(parts) == 1, f"line {line!r} is split across parts {parts}"
    return parts.pop()


def lines_of(text: str, segments: list[Segment], part: Part) -> list[str]:
    """The non-blank lines wholly inside segments of one part."""
    out = [text[s.start : s.end] for s in segments if s.part == part]
    return [ln.strip() for chunk in out for ln in chunk.split("\n") if ln.strip()]


# Each shape: the page's text, and the lines expected in each part (lines not listed are body).
SHAPES: dict[str, tuple[str, dict[str, Part]]] = {
    "closing credit then comments": (
        (
            f"{LEAD}\n{MIDDLE}\n{CLOSE}\n"
            "This article was originally published by Valley Courier. Read the original article.\n"
            "Terrible news, stay safe everyone.\n"
            "My cousin says it was more like 600 homes.\n"
        ),
        {
            "This article was originally published by Valley Courier. Read the original article.": "body",
            "Terrible news, stay safe everyone.": "comment",
            "My cousin says it was more like 600 homes.": "comment",
        },
    ),
    "republished credit then comments": (
        (
            f"{LEAD}\n{MIDDLE}\n{CLOSE}\n"
            "This article is republished from Valley Courier under a free licence.\n"
            "Why did nobody build the wall higher?\n"
        ),
        {
            "This article is republished from Valley Courier under a free licence.": "body",
            "Why did nobody build the wall higher?": "comment",
        },
    ),
    "read also block then teasers": (
        f"{LEAD}\n{MIDDLE}\n{CLOSE}\n\nRead also:\n\nBridge closed after storm damage\n\nNew mayor sworn in\n",
        {
            "Read also:": "furniture",
            "Bridge closed after storm damage": "furniture",
            "New mayor sworn in": "furniture",
        },
    ),
    "you may also like block then teasers": (
        f"{LEAD}\n{MIDDLE}\n{CLOSE}\nYou may also like\nTen ways to protect a cellar from water\nLeave a Comment\n",
        {
            "You may also like": "furniture",
            "Ten ways to protect a cellar from water": "furniture",
            "Leave a Comment": "furniture",
        },
    ),
    "teaser repeating the lead after the end": (
        f"{LEAD}\n{MIDDLE}\n{CLOSE}\nLink to main version\nOld town evacuated as the river rises\n{LEAD}\n",
        {
            "Link to main version": "furniture",
            "Old town evacuated as the river rises": "furniture",
        },
    ),
    "breadcrumb line at the top": (
        f"Home REGIONS & WEATHER Old town evacuated as the river rises\n\n{LEAD}\n{MIDDLE}\n{CLOSE}\n",
        {"Home REGIONS & WEATHER Old town evacuated as the river rises": "furniture"},
    ),
    "photo credit line inside the body": (
        f"{LEAD}\nPhoto: Ana Lindqvist / Valley Courier\n{MIDDLE}\n{CLOSE}\n",
        {"Photo: Ana Lindqvist / Valley Courier": "furniture"},
    ),
    "agency credit at the end of a caption": (
        f"{LEAD}\nResidents carry belongings through a flooded street via AP\n{MIDDLE}\n",
        {"Residents carry belongings through a flooded street via AP": "furniture"},
    ),
    "date and counter line": (
        f"Old town evacuated as the river rises\nMar 4, 2025 10:42 1204\n{LEAD}\n{MIDDLE}\n",
        {"Mar 4, 2025 10:42 1204": "furniture"},
    ),
    "numeric date and counter line": (
        f"{LEAD}\n04.03.2025 10:42 87\n{MIDDLE}\n",
        {"04.03.2025 10:42 87": "furniture"},
    ),
    "comments header with a count": (
        f"{LEAD}\n{MIDDLE}\n{CLOSE}\n12 comments\nThe dam report warned about this years ago.\nThoughts with the families.\n",
        {
            "12 comments": "furniture",
            "The dam report warned about this years ago.": "comment",
            "Thoughts with the families.": "comment",
        },
    ),
    "byline line": (
        f"by Ana Lindqvist\n{LEAD}\n{MIDDLE}\n",
        {"by Ana Lindqvist": "furniture"},
    ),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_each_line_gets_the_part_of_its_shape(shape: str) -> None:
    text, expected = SHAPES[shape]
    segments = split_parts(text)
    for line, part in expected.items():
        assert part_of(text, segments, line) == part, line
    for line in (LEAD, MIDDLE, CLOSE):
        if line in text:
            assert part_of(text, segments, line) == "body", line


# The first line after the article's end, for shapes where the article ends before the text does.
AFTER_END = {
    "closing credit then comments": "Terrible news, stay safe everyone.",
    "republished credit then comments": "Why did nobody build the wall higher?",
    "read also block then teasers": "Read also:",
    "you may also like block then teasers": "You may also like",
    "teaser repeating the lead after the end": "Link to main version",
    "comments header with a count": "12 comments",
}


@pytest.mark.parametrize("shape", AFTER_END)
def test_the_body_stops_where_the_article_ends(shape: str) -> None:
    text, _ = SHAPES[shape]
    segments = split_parts(text)
    last_body = max(s.end for s in segments if s.part == "body")
    end = text.index(AFTER_END[shape])
    assert last_body <= end
    assert text[last_body:end].strip() == "", "the article's last lines should be body"


def test_a_teaser_repeating_the_lead_is_not_read_twice_as_body() -> None:
    text, _ = SHAPES["teaser repeating the lead after the end"]
    segments = split_parts(text)
    second = text.index(LEAD, text.index(LEAD) + 1)
    assert [s.part for s in segments if s.start <= second < s.end] == ["furniture"]


def test_a_comment_repeating_a_body_sentence_is_furniture_not_a_comment() -> None:
    text = f"{LEAD}\n{MIDDLE}\nRead the original article.\nFirst comment here, so sad.\n{LEAD}\n"
    segments = split_parts(text)
    second = text.index(LEAD, 1)
    assert [s.part for s in segments if s.start <= second < s.end] == ["furniture"]
    assert part_of(text, segments, "First comment here, so sad.") == "comment"


@pytest.mark.parametrize(
    "text",
    [
        f"{LEAD}\n{MIDDLE}\n{CLOSE}",
        f"{LEAD}\n\n{MIDDLE}\n\n{CLOSE}\n",
        "A one-line report: the ferry carried 212 passengers, the operator said.",
        f"Officials counted 3 bridges, 14 roads and 2 schools damaged.\n{CLOSE}\n",
    ],
    ids=["lines", "paragraphs", "one line", "figures at line start"],
)
def test_a_plain_article_is_all_body(text: str) -> None:
    assert {s.part for s in split_parts(text)} == {"body"}


@pytest.mark.parametrize(
    "text", [shape[0] for shape in SHAPES.values()] + ["", "\n", "a\n\nb", "x"]
)
def test_segments_cover_the_whole_text_in_order_without_gaps(text: str) -> None:
    segments = split_parts(text)
    if not text:
        assert sum(s.end - s.start for s in segments) == 0
        return
    assert segments[0].start == 0
    assert segments[-1].end == len(text)
    for before, after in itertools.pairwise(segments):
        assert before.end == after.start
        assert before.part != after.part, "neighbouring segments of one part should be merged"
    assert all(s.part in PARTS and s.start < s.end for s in segments)
