"""As of when a figure holds, and why: its own date, the day its source spoke, or the article's.

The sentence's date expressions come from ``tally.dates``; this module decides which
one (if any) dates a figure, and records the basis and the rule that decided it:

- ``text``: the figure's own date ("as of Sunday", "rose to 288 on June 3");
- ``statement``: the day its source spoke ("the agency said on Friday");
- ``published``: a current figure in a dated article;
- ``inferred``: the same, when the article's date was itself inferred.

The date of an event is not the date of a count: "132 were killed in the crush on Oct. 29",
in a report of Nov. 14, is a toll as of Nov. 14.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from tally import lexicon
from tally.extract.lemmas import lemma
from tally.dates import DateExpr, nearest_date, parse_iso
from tally.types import Article, AsOfBasis


@dataclass(frozen=True)
class AsOf:
    """A figure's date, where it comes from, and the rule that chose it."""

    value: str | None
    basis: AsOfBasis | None
    rule: str


def figure_date(
    start: int,
    end: int,
    sentence: str,
    dates: list[DateExpr],
    doc: Doc,
    speech_verbs: set[int],
    article: Article,
    figures: list[tuple[int, int]] | None = None,
) -> AsOf:
    """The date one figure describes.

    Args:
        start: Where the figure starts in the sentence; end: where it ends.
        sentence: The sentence text (``doc`` is its parse).
        dates: The sentence's date expressions.
        doc: The parsed sentence.
        speech_verbs: Token indices of the verbs through which a source speaks.
        article: The article, for its publication date.
        figures: Every figure of the sentence as (start, end), this one included.

    Returns:
        The figure's :class:`AsOf`; ``value`` is None when nothing dates it.
    """
    fallback = _published(article)
    live = [d for d in dates if not d.since]
    if not live:
        return fallback if not dates else AsOf(fallback.value, fallback.basis, "since-is-a-start")
    paired = _paired_date(start, live, figures or [])
    if paired is not None:
        return AsOf(paired.value, "text", "figure-date-pairs")
    figure = _number_token(doc, start, end)
    heads = {id(d): _attachment(doc, d) for d in live}
    # A date dates the figure when it modifies a word the figure hangs from ("rose to 288 on
    # June 3", "said on Friday that 100 died"), the innermost such word first; not a date in
    # a clause on another noun ("a hack it learned about on July 29 could affect 143 million").
    depths = {id(d): _depth(heads[id(d)], figure, d.start) for d in live}
    own = [d for d in live if depths[id(d)] is not None]
    innermost = min((depth for d in own if (depth := depths[id(d)]) is not None), default=None)
    value = nearest_date([d for d in own if depths[id(d)] == innermost], start, end, sentence)
    if value is None:
        return AsOf(fallback.value, fallback.basis, "date-of-another-clause")
    found = min(
        (d for d in own if d.value == value and depths[id(d)] == innermost),
        key=lambda d: abs(d.start - end) if d.start >= end else abs(start - d.end),
    )
    if found.text.lower().startswith("as of") or sentence[max(0, found.start - 6) : found.start].lower().rstrip().endswith("as of"):
        return AsOf(value, "text", "as-of-phrase")
    head = heads[id(found)]
    if head is not None and head.i in speech_verbs:
        return AsOf(value, "statement", "statement-date")
    if len(value) == 4 and fallback.value and fallback.value.startswith(value):
        return AsOf(fallback.value, fallback.basis, "year-of-publication")
    if head is not None and _is_event(head) and _single_figure_date(dates) and _later(fallback.value, value):
        return AsOf(fallback.value, fallback.basis, "event-date-not-count-date")
    return AsOf(value, "text", "date-near-figure")


def _paired_date(start: int, live: list[DateExpr], figures: list[tuple[int, int]]) -> DateExpr | None:
    """In "three died on Jan. 5 and two more on Feb. 2" each figure takes the date after it:
    figures and dates alternate, a figure first."""
    if len(live) < 2 or len(figures) != len(live):
        return None
    marks = sorted([(f[0], "f", i) for i, f in enumerate(figures)] + [(d.start, "d", i) for i, d in enumerate(live)])
    if "".join(kind for _, kind, _ in marks) != "fd" * len(live):
        return None
    for k in range(0, len(marks), 2):
        if figures[marks[k][2]][0] == start:
            return live[marks[k + 1][2]]
    return None


def _number_token(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    return next((t for t in span if t.like_num or t.pos_ == "NUM"), span.root)


def _depth(head: Token | None, figure: Token | None, at: int = -1) -> float | None:
    """How far above the figure a date's word is (0: the figure itself); None: not above it.

    ``at`` is where the date starts in the sentence: a date after its verb stays in that
    verb's clause and does not date a clause hung after it ("rose to 288 on June 3, while
    1,091 have been treated"); a date before its verb ("On Monday, 300 died while ...") does.
    """
    if head is None or figure is None:
        return 99.0  # no parse to go by: the nearest date stands
    chain = [figure, *figure.ancestors]
    above = [t.i for t in chain]
    base = head.doc[0].idx  # ``at`` counts from the sentence's start; token offsets from the doc's
    if head.i in above:
        k = above.index(head.i)
        if k and head.dep_ == "acl" and head.tag_ == "VBN":
            return None  # "546 recorded in January to 718": the participle dates its own noun
        for node in chain[:k]:
            subordinate = node.dep_ == "advcl" and any(c.dep_ == "mark" for c in node.children)
            if subordinate and head.idx - base < at < node.left_edge.idx - base:
                return None
        return float(k)
    # A participle on the counted noun says when the counted came to be: "the 11,000 troops
    # sent in November"; a relative clause ("who were on board on June 2") does not.
    if head.dep_ == "acl" and head.tag_ == "VBN" and head.head.i in above:
        return above.index(head.head.i) + 0.5
    # A date closing two joined verbs covers both: "killed 600 and sickened 21,000 between July
    # and October" (the parser hangs it on the nearer verb).
    if head.dep_ == "conj" and head.pos_ == "VERB" and head.head.i in above and at > head.idx - base:
        return above.index(head.head.i) + 0.5
    return None


def _published(article: Article) -> AsOf:
    if not article.published:
        return AsOf(None, None, "no-date")
    if article.published_origin == "inferred":
        return AsOf(article.published, "inferred", "inferred-publication-date")
    return AsOf(article.published, "published", "publication-date")


def _attachment(doc: Doc, date: DateExpr) -> Token | None:
    """The verb or noun a date expression modifies ("said on Friday" -> said)."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    for _ in range(4):  # "on" -> "said"; "late on Tuesday" -> "said"
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.lower_ not in _TIME_NOUNS):
            break
    else:
        return None
    if tok.pos_ == "NOUN":
        # "In a note to staff on Wednesday, the chief said ...": the statement's date, on its verb.
        chain = [tok, *tok.ancestors]
        verb = next((i for i, a in enumerate(chain) if a.pos_ in ("VERB", "AUX")), None)
        nouns = chain[:verb] if verb is not None else []
        if any(lemma(n) in lexicon.words("verbs.statement_nouns") for n in nouns if n.pos_ == "NOUN"):
            return chain[verb] if verb is not None else tok
    return tok


_TIME_NOUNS = lexicon.words("calendar.time_nouns")


def _is_event(tok: Token) -> bool:
    return lemma(tok) in lexicon.words("outcomes.events", "outcomes.killed", "outcomes.wounded")


def _single_figure_date(dates: list[DateExpr]) -> bool:
    # "three died on Jan. 5 and two more on Feb. 2": each figure keeps its own day.
    return len({d.value for d in dates if not d.since}) == 1


def _later(published: str | None, value: str) -> bool:
    a, b = parse_iso(published), parse_iso(value)
    return a is not None and b is not None and len(value) >= 10 and a > b
