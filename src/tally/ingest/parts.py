"""Split a page's text into body, reader comments and furniture, by general rules.

News pages saved as text carry more than the article: navigation and breadcrumbs on top,
bylines, photo credits, share buttons and counters inside, and after the article's end either
reader comments or a block of links and teasers. Where the article ends:

- at a closing credit ("This article is republished from ...", "Read the original article.")
  or an author's bio line; what follows is reader comments unless it is furniture;
- at a comments header ("12 comments", "Leave a Reply"); what follows is comments;
- at a link block ("You may also like", "Link to main version", "Latest Posts"); what follows
  is furniture. A "Read also:" block may sit inside an article, so a long prose paragraph
  after it takes the body up again.

After the end, a line that repeats a body sentence is a teaser (furniture), as is the title
line just before such a repeat. Headlines and subheadings inside the article stay body.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py

from tally.ingest import chrome
from tally.types import Part, Segment

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")
_TOP_ZONE = 15  # lines: navigation only sits above the first paragraph
_PARAGRAPH_WORDS = 12  # a body line this long means the article has begun


def split_parts(text: str, *, after_end: bool = False) -> list[Segment]:
    """Segments covering the whole text, in order, each marked body, comment or furniture.

    Args:
        text: A page's text, lines separated by newlines.
        after_end: The text comes after the article's end (a page's comments section), so its
            lines are comments unless they are furniture.

    Returns:
        Neighbouring segments of different parts, from offset 0 to ``len(text)``.
    """
    lines = text.split("\n")
    return _segments(lines, _label(lines, "comment" if after_end else "body"))


def _label(lines: list[str], mode: Part) -> list[Part]:
    labels: list[Part] = [mode] * len(lines)
    nav = _top_navigation(lines) if mode == "body" else set()
    seen = _SentenceIndex()
    resumable = False  # after a mid-article link block, prose takes the body up again
    # Until a first paragraph, end markers are chrome above the article ("Trending", "12
    # comments", a credit printed on top), not its end.
    begun = mode != "body"
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            labels[i] = mode
            continue
        if chrome.COMMENTS_HEADER.match(stripped):
            mode, labels[i] = ("comment" if begun else mode), "furniture"
        elif mode == "body" and (
            chrome.MID_LINKS.match(stripped) or chrome.END_LINKS.match(stripped)
        ):
            labels[i] = "furniture"
            if begun:
                mode, resumable = "furniture", bool(chrome.MID_LINKS.match(stripped))
        elif mode == "body":
            labels[i] = "furniture" if i in nav or chrome.is_furniture(stripped) else "body"
            if labels[i] == "body":
                seen.add(stripped)
                if begun and (chrome.CREDIT_END.search(stripped) or chrome.is_bio(stripped)):
                    mode = "comment"
                begun = begun or len(stripped.split()) >= _PARAGRAPH_WORDS
        elif resumable and chrome.is_prose(stripped) and not seen.repeats(stripped):
            mode, labels[i], resumable = "body", "body", False
            seen.add(stripped)
        elif _after_end_furniture(stripped, seen):
            labels[i] = "furniture"
        elif chrome.END_LINKS.match(stripped) or chrome.MID_LINKS.match(stripped):
            labels[i], resumable = "furniture", resumable and bool(chrome.MID_LINKS.match(stripped))
        else:
            labels[i] = mode
    _mark_teaser_titles(lines, labels, seen)
    return labels


def _after_end_furniture(line: str, seen: _SentenceIndex) -> bool:
    if chrome.is_furniture(line):
        return True
    if len(line) <= chrome.COMMENT_META_MAX and any(p.search(line) for p in chrome.COMMENT_META):
        return True
    return seen.repeats(line)


def _top_navigation(lines: list[str]) -> set[int]:
    """Lines above the first paragraph that are site navigation, not a headline."""
    nav: set[int] = set()
    run: list[int] = []
    for i, line in enumerate(lines[:_TOP_ZONE]):
        stripped = line.strip()
        if not stripped:
            continue
        words = stripped.split()
        if chrome.PROSE_END.search(stripped) or len(words) > 12:
            break  # the first sentence: the article has begun
        links = len(chrome.NAV_SEPARATORS.findall(stripped)) >= 2 and not re.search(r"\d", stripped)
        if chrome.NAV_WORDS.match(stripped) or links:
            nav.add(i)
        elif len(words) <= 3 and not re.search(r"\d", stripped):
            run.append(i)  # a menu item, or a one-word section label above the headline
            continue
        if len(run) >= 3 or (len(run) == 1 and len(lines[run[0]].split()) <= 2):
            nav.update(run)
        run = []
    if len(run) >= 3:
        nav.update(run)
    return nav


def _mark_teaser_titles(lines: list[str], labels: list[Part], seen: _SentenceIndex) -> None:
    """After the article's end, a short title line just before a repeated lead is a teaser."""
    previous: int | None = None
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if (
            previous is not None
            and labels[i] == "furniture"
            and labels[previous] == "comment"
            and seen.repeats(stripped)
            and not chrome.PROSE_END.search(lines[previous].strip())
            and len(lines[previous].split()) <= 20
        ):
            labels[previous] = "furniture"
        previous = i


class _SentenceIndex:
    """The body's sentences as word sets, indexed by word, to spot near-verbatim repeats.

    Lines are indexed on the first look-up: most pages never need one.
    """

    def __init__(self) -> None:
        self._pending: list[str] = []
        self._sentences: list[frozenset[str]] = []
        self._known: set[frozenset[str]] = set()
        self._by_word: dict[str, list[int]] = {}

    def add(self, line: str) -> None:
        self._pending.append(line)

    def _index(self) -> None:
        for line in self._pending:
            for sentence in _SENTENCE_SPLIT.split(line):
                words = frozenset(_words(sentence))
                if len(words) < 4 or words in self._known:
                    continue
                self._known.add(words)
                for word in words:
                    self._by_word.setdefault(word, []).append(len(self._sentences))
                self._sentences.append(words)
        self._pending.clear()

    def repeats(self, line: str) -> bool:
        """True when at least 80% of the line's words are in one body sentence."""
        words = _words(line)
        if len(words) < 4:
            return False
        self._index()
        # A sentence holding 80% of the words misses at most 20% of them, so it holds one of
        # any 20% + 1 of them: looking up only the rarest few keeps this fast on long pages.
        rarest = sorted(words, key=lambda w: len(self._by_word.get(w, ())))
        candidates = {i for w in rarest[: len(words) // 5 + 1] for i in self._by_word.get(w, ())}
        return any(len(words & self._sentences[i]) >= 0.8 * len(words) for i in candidates)


def _words(line: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", line.lower()))


def _segments(lines: list[str], labels: list[Part]) -> list[Segment]:
    segments: list[Segment] = []
    offset = 0
    total = sum(len(line) for line in lines) + len(lines) - 1
    for line, label in zip(lines, labels):
        end = min(offset + len(line) + 1, total)  # the newline goes with its line
        if segments and segments[-1].part == label:
            segments[-1] = Segment(label, segments[-1].start, end)
        elif end > offset or not segments:
            segments.append(Segment(label, offset, end))
        offset = end
    return segments
