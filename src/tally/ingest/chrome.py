"""Page chrome: the shapes of lines that are not the article (or that end it).

Navigation and breadcrumbs, bylines, captions and photo credits, share buttons, date and
counter lines, link blocks, closing credits, author bios, and the furniture of a comments
section. :mod:`tally.ingest.parts` decides where each applies; this module only says what a
line looks like.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py

from tally import lexicon
from tally.dates import MONTHS

COMMENTS_HEADER = re.compile(
    r"^(?:(?:\d+\s+)?(?:comments?|reader comments)(?:\s*\(\d+\))?|\d+\s+(?:responses|replies)"
    r"|\d+\s+(?:thoughts|responses|replies|comments)\s+(?:on|to)\b.*|join the (?:conversation|discussion)"
    r"|(?:show|view|read) (?:all )?comments)\s*:?$",
    re.IGNORECASE,
)
# A closing credit ends the article; it is the article's last line.
CREDIT_END = re.compile(
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
    rf"^{_NAME} (?:is (?:a|an|the) (?:[\w-]+ ){{0,3}}{_ROLE}s? (?:at|with|for|in) "
    r"|teaches |writes about |researches )"
)
_REPORTING = re.compile(
    r"\b(?:said|says|told|wrote|according|estimated?|reported)\b|\d", re.IGNORECASE
)
# Link blocks: a header alone on its line. Mid-article ones may be followed by more article.
MID_LINKS = re.compile(
    r"^(?:read also|also read|read more|see also|related(?: articles| stories| posts| coverage)?"
    r"|more on this(?: story)?)\s*:?$",
    re.IGNORECASE,
)
END_LINKS = re.compile(
    r"^(?:you (?:may|might) also like|more from .{1,40}|editors['’]? picks|latest (?:posts|news)"
    r"|link to (?:the )?main version|leave a (?:comment|reply)|post a comment|add a comment"
    r"|most (?:read|popular|viewed)|recommended(?: for you)?|trending(?: now)?|tags?|topics"
    r"|about the author|more stories|top stories|what to read next)\s*:?$",
    re.IGNORECASE,
)
_SOCIAL = r"(?:share|tweet|print|e-?mail|copy link|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest)"
_MONTH = rf"{MONTHS}\.?"
_WEEKDAY = lexicon.alternation("calendar.weekdays", "calendar.weekday_abbreviations")
_STAMP = lexicon.alternation("calendar.stamp_words")
# Photo credits and captions, which may be long.
_CAPTION = re.compile(
    rf"^\(?{lexicon.alternation('page.credit_labels')}s?\s*:"
    rf"|^\(?{lexicon.alternation('page.pictures')}s?\s+{lexicon.alternation('page.credit_links')}\b"
    r"|(?:via (?:AP|AFP|Reuters|Getty Images)|/\s*(?:AP|AFP|Reuters|EPA)|Getty Images)\)?$"
    # Wire-photo credits: "REUTERS/Alina Smutko", "(AP Photo/Efrem Lukatsky)", "AFP via Getty".
    r"|\b(?:REUTERS|AFP|EPA|AP Photo|EPA-EFE|ANADOLU|Xinhua|TASS|SOPA Images)\s*/\s*[\w .'-]{2,60}\)?$",
    re.IGNORECASE,
)


def is_caption(line: str) -> bool:
    """Whether a line is a photo's caption or credit ("REUTERS/Alina Smutko", "Photo: ...")."""
    return bool(_CAPTION.search(line.strip()))


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
        rf"^{_SOCIAL}(?:\s*[|•·/,]?\s*{_SOCIAL})*(?: this (?:article|story))?(?: (?:on|via) {_SOCIAL})?$",
        re.IGNORECASE
    ),
    re.compile(r"^\d+\s*min(?:ute)?s?\s+read$", re.IGNORECASE),
    # "Updated 6:42 PM CDT, April 13, 2025": the time first, as US wire pages print it.
    re.compile(
        rf"^{_STAMP}?:?\s*\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{{2,4}})?,?\s+"
        rf"(?:{_MONTH}\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\.?\s+\d{{4}})$",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^{_STAMP}(?:\s+on)?\s*:?\s+(?:{_WEEKDAY}\.?,?\s+)?"
        rf"(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d|\d{{4}}-\d\d|\d+\s+\w+\s+ago)[^.!?]*$",
        re.IGNORECASE,
    ),
    # A date, maybe with a time and view or comment counters: "Jul 8, 2025 13:11 598".
    re.compile(
        rf"^(?:{_WEEKDAY}\.?,?\s+)?(?:{_MONTH}\s+\d{{1,2}},?|\d{{1,2}}\s+{_MONTH},?)\s+\d{{4}}"
        r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?(?:\s+\d+)*$",
        re.IGNORECASE,
    ),
    re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4},?(?:\s+\d{1,2}:\d{2})?(?:\s+\d+)*$"),
    re.compile(r"^[\d\s:./|•-]+$"),  # counters, times (a row of figures with commas is data)
]
# A byline: "By Jane Doe", "by EUToday Correspondents", "By Jane Doe, 18 March 2025".
_BYLINE_NAME = (
    rf"(?!(?i:{lexicon.alternation('calendar.weekdays')}\b|{_MONTH}\s+\d))"
)
_BYLINE_NAME += r"[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}"
_BYLINE = re.compile(
    rf"^(?:[Ww]ritten |[Ww]ords )?(?:[Bb]y|BY)\s+{_BYLINE_NAME}(?:\s+(?:and|&)\s+{_BYLINE_NAME})?"
    r"(?:\s*[,|;]\s*[^.!?]{1,60})?$"
)
COMMENT_META = [
    re.compile(
        r"^(?:reply|report|like|flag|quote|permalink|edit|delete|upvote|downvote)$", re.IGNORECASE
    ),
    re.compile(r"^\d+\s+(?:likes?|replies|repl(?:y|ies)|votes?|points?|dislikes?)$", re.IGNORECASE),
    re.compile(
        rf"^(?:\d+|an?|one)\s+{lexicon.alternation('calendar.durations')}s?\s+ago$", re.IGNORECASE
    ),
    re.compile(
        r"^(?:log|sign) in to (?:reply|comment)|^(?:load|show|view) (?:more|all|\d+)\b",
        re.IGNORECASE,
    ),
    re.compile(r"^@?[A-Za-z][\w.-]*(?:_|\d)[\w.-]*$"),  # a user name such as "kestrel_77"
]
COMMENT_META_MAX = 40  # characters: user names, "Reply", "2 hours ago"
NAV_WORDS = re.compile(
    r"^(?:menu|search|skip to (?:main )?content|sign in|log in|subscribe|newsletters?"
    r"|(?:main |toggle )?navigation|close|open menu|home)$",
    re.IGNORECASE,
)
NAV_SEPARATORS = re.compile(r"\s(?:\||›|»|>|•|·|/)\s")
PROSE_END = re.compile(r"[.!?…\"”’:)]$")


def is_comments_header(line: str) -> bool:
    """True for a heading that opens a comments section ("12 comments", "3 thoughts on ...")."""
    return bool(COMMENTS_HEADER.match(line.strip()))


def is_furniture(line: str) -> bool:
    """True for a chrome line anywhere on a page: byline, caption, share row, date, counter."""
    if len(line) > _SHORT_LINE:
        return bool(_CAPTION.search(line))
    return bool(_BYLINE.match(line)) or any(p.search(line) for p in _FURNITURE_LINE)


def is_bio(line: str) -> bool:
    """True for an author's bio line, which closes an article; never for a reported fact."""
    if _REPORTING.search(line) or len(line.split()) > 40:
        return False
    titles = _BIO_TITLES.match(line)
    return bool(titles and re.search(_ROLE, line, re.IGNORECASE)) or bool(_BIO_SENTENCE.match(line))


def is_prose(line: str) -> bool:
    """True for a long line of running text (a paragraph, not a headline or a link)."""
    return len(line.split()) >= 20 and bool(PROSE_END.search(line))
