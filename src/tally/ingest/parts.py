"""Split a page's text into body, reader comments and furniture, by general rules.

News pages saved as text carry more than the article: navigation and breadcrumbs on top,
photo credits and counters inside, and after the article's end either reader comments or a
block of links and teasers. The article ends at a closing credit ("This article is
republished from ...", "Read the original article.") after which come comments, or at a
link block ("Read also:", "You may also like", "Link to main version") after which comes
furniture. Lines after the end that repeat a body sentence are teasers (furniture).
"""

from __future__ import annotations

import re

from tally.types import Part, Segment

_COMMENTS_HEADER = re.compile(r"^\s*(?:\d+\s+)?(?:comments?|reader comments|discussion|responses?)\s*:?\s*(?:\(\d+\))?\s*$", re.I)
# After a closing credit, what follows is reader comments.
_CREDIT_END = re.compile(
    r"(?:read the original article\.?\s*$|this article (?:is|was) (?:republished|originally published)"
    r"|^originally published (?:at|in|by)\b)",
    re.I,
)
# A link or share block: it and what follows are furniture.
_LINK_BLOCK = re.compile(
    r"^\s*(?:read also|read more|see also|related(?: articles| stories| posts)?|you may also like"
    r"|more from|more on this|leave a (?:comment|reply)|editors['’]? picks|latest (?:posts|news)"
    r"|link to (?:the )?main version|share (?:this|on)|follow us|subscribe|sign up for"
    r"|most (?:read|popular)|recommended|trending|tags?)\s*:?\s*$",
    re.I,
)
_FURNITURE_LINE = [
    re.compile(r"^\s*(?:photo|image|picture|credit|снимка|фото|source)\s*:", re.I),
    re.compile(r"(?:via (?:AP|AFP|Reuters|Getty Images)|/\s*(?:AP|AFP|Reuters|EPA)|Getty Images)\s*$"),
    re.compile(r"^\s*home\s+[A-Z&\s]{3,}", re.I),  # breadcrumb: "Home SECURITY & DEFENCE ..."
    re.compile(r"^\s*by\s+[\w .'-]{2,60}$", re.I),  # byline without a sentence
    re.compile(r"^\s*(?:advertisement|sponsored|cookie|©|copyright|all rights reserved)", re.I),
    re.compile(r"^\s*\w{3}\.? \d{1,2}, \d{4}(?:\s+\d{1,2}:\d{2})?(?:\s+\d+)*\s*$"),  # date + counters
    re.compile(r"^\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}(?:\s+\d{1,2}:\d{2})?(?:\s+\d+)*\s*$"),
    re.compile(r"^[\d\s:.,/|•-]+$"),  # counters, times
]


def _words(line: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", line.lower()))


def _is_furniture(line: str) -> bool:
    return any(p.search(line) for p in _FURNITURE_LINE)


def _repeats(line: str, body_sentences: list[set[str]]) -> bool:
    words = _words(line)
    if len(words) < 4:
        return False
    return any(len(words & s) / len(words) >= 0.8 for s in body_sentences if s)


def split_parts(text: str) -> list[Segment]:
    """Segments covering the whole text, in order, each marked body, comment or furniture."""
    lines = text.split("\n")
    labels: list[Part] = ["body"] * len(lines)
    mode: Part = "body"
    body_sentences: list[set[str]] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            labels[i] = mode if mode != "body" else "body"
            continue
        if _COMMENTS_HEADER.match(stripped):
            mode = "comment"
            labels[i] = "furniture"
            continue
        if mode == "body" and _LINK_BLOCK.match(stripped):
            mode = "furniture"
            labels[i] = "furniture"
            continue
        if mode == "body":
            if _is_furniture(stripped):
                labels[i] = "furniture"
                continue
            labels[i] = "body"
            body_sentences.extend(_words(s) for s in re.split(r"(?<=[.!?])\s+", stripped))
            if _CREDIT_END.search(stripped):
                mode = "comment"
            continue
        if _is_furniture(stripped) or _LINK_BLOCK.match(stripped) or _repeats(stripped, body_sentences):
            labels[i] = "furniture"
        elif mode == "furniture":
            labels[i] = "furniture"  # teasers, taglines and links until a comments header
        else:
            labels[i] = "comment"
    return _segments(lines, labels)


def _segments(lines: list[str], labels: list[Part]) -> list[Segment]:
    segments: list[Segment] = []
    offset = 0
    for line, label in zip(lines, labels):
        end = offset + len(line) + 1
        if segments and segments[-1].part == label:
            segments[-1] = Segment(label, segments[-1].start, end)
        else:
            segments.append(Segment(label, offset, end))
        offset = end
    if segments:
        last = segments[-1]
        segments[-1] = Segment(last.part, last.start, min(last.end, len("\n".join(lines))))
    return segments
