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

import re

from tally.types import Part, Segment

_COMMENTS_HEADER = re.compile(
    r"^(?:(?:\d+\s+)?(?:comments?|reader comments)(?:\s*\(\d+\))?|\d+\s+(?:responses|replies)"
    r"|\d+\s+(?:thoughts|responses|replies|comments)\s+(?:on|to)\b.*|join the (?:conversation|discussion)"
    r"|(?:show|view|read) (?:all )?comments)\s*:?$",
    re.IGNORECASE,
)
# A closing credit ends the article; it is the article's last line.
_CREDIT_END = re.compile(
    r"(?:read the original article\.?\s*$|this (?:article|story|piece) (?:is|was) "
    r"(?:republished|originally published|first published|published in partnership)"
    r"|^originally published (?:at|in|by|on)\b)",
    re.IGNORECASE,
)
# An author's bio line, which closes an article: "Jane Doe, Senior Lecturer, Some University."
# (nothing but names and titles) or "Jane Doe is a fellow at ..." / "Jane Doe teaches ...".
_NAME = r"[A-Z][\w'.-]+(?: [A-Z][\w'.-]+){1,3}"
_ROLE = (
    r"(?:professor|lecturer|fellow|researcher|correspondent|reporter|journalist|editor"
    r"|columnist|analyst|director|author|scholar|student)"
)
_BIO_TITLES = re.compile(rf"^{_NAME},(?: (?:[A-Z][\w'.&-]*|in|of|at|and|the|for|on|&),?)+\.?$")
_BIO_SENTENCE = re.compile(
    rf"^{_NAME} (?:is (?:a|an|the) (?:[\w-]+ ){{0,3}}{_ROLE}|teaches|writes about|researches)\b",
    re.IGNORECASE,
)
_REPORTING = re.compile(
    r"\b(?:said|says|told|wrote|according|estimated?|reported)\b|\d", re.IGNORECASE
)
# Link blocks: a header alone on its line. Mid-article ones may be followed by more article.
_MID_LINKS = re.compile(
    r"^(?:read also|also read|read more|see also|related(?: articles| stories| posts| coverage)?"
    r"|more on this(?: story)?)\s*:?$",
    re.IGNORECASE,
)
_END_LINKS = re.compile(
    r"^(?:you (?:may|might) also like|more from .{1,40}|editors['’]? picks|latest (?:posts|news)"
    r"|link to (?:the )?main version|leave a (?:comment|reply)|post a comment|add a comment"
    r"|most (?:read|popular|viewed)|recommended(?: for you)?|trending(?: now)?|tags?|topics"
    r"|about the author|more stories|top stories|what to read next)\s*:?$",
    re.IGNORECASE,
)
_SOCIAL = r"(?:share|tweet|print|e-?mail|copy link|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest)"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# Photo credits and captions, which may be long.
_CAPTION = re.compile(
    r"^\(?(?:photo|image|picture|illustration|credit|снимка|фото|source)s?\s*:"
    r"|^\(?(?:photo|image|picture)s?\s+(?:by|credit|courtesy)\b"
    r"|(?:via (?:AP|AFP|Reuters|Getty Images)|/\s*(?:AP|AFP|Reuters|EPA)|Getty Images)\)?$",
    re.IGNORECASE,
)
_SHORT_LINE = 160  # characters; other chrome lines are short
_FURNITURE_LINE = [
    _CAPTION,
    # A breadcrumb: "Home SECURITY & DEFENCE ...".
    re.compile(r"^(?:Home|HOME)\s+[A-Z][A-Z&]+(?:\s|$)"),
    re.compile(
        r"^(?:advertisement|sponsored(?: content)?|story continues below(?: advertisement)?)$"
        r"|^(?:©|\(c\)|copyright\s+(?:©\s*)?\d{4}|all rights reserved|we use cookies)",
        re.IGNORECASE,
    ),
    # An inline link to another story: "READ MORE: Headline" (a headline has no full stop).
    re.compile(
        r"^(?:read (?:also|more)|also read|see also|related|watch)\s*:\s*[^.!]+$", re.IGNORECASE
    ),
    re.compile(r"^(?:reporting|writing|editing|additional reporting) by\b", re.IGNORECASE),
    re.compile(r"^(?:follow us|subscribe|sign up)\b[^.!?]{0,80}[.!]?$", re.IGNORECASE),
    re.compile(
        rf"^{_SOCIAL}(?:\s*[|•·/,]?\s*{_SOCIAL})*(?: this (?:article|story))?$", re.IGNORECASE
    ),
    re.compile(r"^\d+\s*min(?:ute)?s?\s+read$", re.IGNORECASE),
    re.compile(
        rf"^(?:published|updated|posted|last updated)(?:\s+on)?\s*:?\s+(?:\w+day,?\s+)?"
        rf"(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d|\d{{4}}-\d\d|\d+\s+\w+\s+ago)[^.!?]*$",
        re.IGNORECASE,
    ),
    # A date, maybe with a time and view or comment counters: "Jul 8, 2025 13:11 598".
    re.compile(
        rf"^(?:\w+day,?\s+)?(?:{_MONTH}\s+\d{{1,2}},?|\d{{1,2}}\s+{_MONTH},?)\s+\d{{4}}"
        r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?(?:\s+\d+)*$",
        re.IGNORECASE,
    ),
    re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}(?:\s+\d{1,2}:\d{2})?(?:\s+\d+)*$"),
    re.compile(r"^[\d\s:./|•-]+$"),  # counters, times (a row of figures with commas is data)
]
# A byline: "By Jane Doe", "by EUToday Correspondents", "By Jane Doe, 18 March 2025".
_BYLINE_NAME = (
    r"(?!(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:jan|feb|mar|apr|may|jun|jul|aug"
    r"|sep|oct|nov|dec)[a-z]*\.?\s+\d))"
)
_BYLINE_NAME += r"[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}"
_BYLINE = re.compile(
    rf"^(?:[Ww]ritten |[Ww]ords )?(?:[Bb]y|BY)\s+{_BYLINE_NAME}(?:\s+(?:and|&)\s+{_BYLINE_NAME})?"
    r"(?:\s*[,|;]\s*[^.!?]{1,60})?$"
)
_COMMENT_META = [
    re.compile(
        r"^(?:reply|report|like|flag|quote|permalink|edit|delete|upvote|downvote)$", re.IGNORECASE
    ),
    re.compile(r"^\d+\s+(?:likes?|replies|repl(?:y|ies)|votes?|points?|dislikes?)$", re.IGNORECASE),
    re.compile(
        r"^(?:\d+|an?|one)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago$", re.IGNORECASE
    ),
    re.compile(
        r"^(?:log|sign) in to (?:reply|comment)|^(?:load|show|view) (?:more|all|\d+)\b",
        re.IGNORECASE,
    ),
    re.compile(r"^@?[A-Za-z][\w.-]*(?:_|\d)[\w.-]*$"),  # a user name such as "kestrel_77"
]
_COMMENT_META_MAX = 40  # characters: user names, "Reply", "2 hours ago"
_NAV_WORDS = re.compile(
    r"^(?:menu|search|skip to (?:main )?content|sign in|log in|subscribe|newsletters?"
    r"|(?:main |toggle )?navigation|close|open menu|home)$",
    re.IGNORECASE,
)
_NAV_SEPARATORS = re.compile(r"\s(?:\||›|»|>|•|·|/)\s")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")
_PROSE_END = re.compile(r"[.!?…\"”’:)]$")
_TOP_ZONE = 15  # lines: navigation only sits above the first paragraph


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


def is_comments_header(line: str) -> bool:
    """True for a heading that opens a comments section ("12 comments", "3 thoughts on ...")."""
    return bool(_COMMENTS_HEADER.match(line.strip()))


def _label(lines: list[str], mode: Part) -> list[Part]:
    labels: list[Part] = [mode] * len(lines)
    nav = _top_navigation(lines) if mode == "body" else set()
    seen = _SentenceIndex()
    resumable = False  # after a mid-article link block, prose takes the body up again
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            labels[i] = mode
            continue
        if _COMMENTS_HEADER.match(stripped):
            mode, labels[i] = "comment", "furniture"
        elif mode == "body" and (_MID_LINKS.match(stripped) or _END_LINKS.match(stripped)):
            mode, labels[i] = "furniture", "furniture"
            resumable = bool(_MID_LINKS.match(stripped))
        elif mode == "body":
            labels[i] = "furniture" if i in nav or _is_furniture(stripped) else "body"
            if labels[i] == "body":
                seen.add(stripped)
                if _CREDIT_END.search(stripped) or _is_bio(stripped):
                    mode = "comment"
        elif resumable and _is_prose(stripped) and not seen.repeats(stripped):
            mode, labels[i], resumable = "body", "body", False
            seen.add(stripped)
        elif _after_end_furniture(stripped, seen):
            labels[i] = "furniture"
        elif _END_LINKS.match(stripped) or _MID_LINKS.match(stripped):
            labels[i], resumable = "furniture", resumable and bool(_MID_LINKS.match(stripped))
        else:
            labels[i] = mode
    _mark_teaser_titles(lines, labels, seen)
    return labels


def _is_furniture(line: str) -> bool:
    if len(line) > _SHORT_LINE:
        return bool(_CAPTION.search(line))
    return bool(_BYLINE.match(line)) or any(p.search(line) for p in _FURNITURE_LINE)


def _after_end_furniture(line: str, seen: _SentenceIndex) -> bool:
    if _is_furniture(line):
        return True
    if len(line) <= _COMMENT_META_MAX and any(p.search(line) for p in _COMMENT_META):
        return True
    return seen.repeats(line)


def _is_bio(line: str) -> bool:
    if _REPORTING.search(line) or len(line.split()) > 40:
        return False
    titles = _BIO_TITLES.match(line)
    return bool(titles and re.search(_ROLE, line, re.IGNORECASE)) or bool(_BIO_SENTENCE.match(line))


def _is_prose(line: str) -> bool:
    return len(line.split()) >= 20 and bool(_PROSE_END.search(line))


def _top_navigation(lines: list[str]) -> set[int]:
    """Lines above the first paragraph that are site navigation, not a headline."""
    nav: set[int] = set()
    run: list[int] = []
    for i, line in enumerate(lines[:_TOP_ZONE]):
        stripped = line.strip()
        if not stripped:
            continue
        words = stripped.split()
        if _PROSE_END.search(stripped) or len(words) > 12:
            break  # the first sentence: the article has begun
        links = len(_NAV_SEPARATORS.findall(stripped)) >= 2 and not re.search(r"\d", stripped)
        if _NAV_WORDS.match(stripped) or links:
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
            and not _PROSE_END.search(lines[previous].strip())
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
