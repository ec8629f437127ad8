"""Whether a feed item may be about a topic, from its title and summary alone (the app layer:
it reads the item with the extractor, then the classifier).

`tally follow` fetches only the items worth it. An item is kept when its words name the topic
(a quantity's keywords or ``near`` phrases, an actor), or when a figure in its title or
summary, read by the extractor and the classifier `tally report` uses, fits a quantity, or
counts what a quantity counts: its outcome ("At least 111 killed" under a deaths quantity) or
its counted noun ("the total of deaths rises to 246"). Otherwise it is skipped, with the
reason, so that a user can see what a topic leaves out.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
from tally import lexicon
from tally.classify.rules import classify
from tally.ingest.feeds import matches, topic_words
from tally.types import Claim, FeedItem, QuantityDef, Topic

_OUTCOMES = ("killed", "wounded", "missing", "captured", "casualties")


def item_text(item: FeedItem) -> str:
    """The title (in sentence case, as the extractor reads best) and the summary, as sentences."""
    title = _sentence_case(item.title.strip())
    if title and not title.endswith((".", "!", "?")):
        title += "."
    return " ".join(p for p in (title, item.summary.strip()) if p)


def skip_reason(item: FeedItem, topic: Topic | None) -> str | None:
    """None when the item may be about the topic (or there is no topic); else why it is not.

    Args:
        item: The feed entry: its title and summary are read.
        topic: The topic followed.

    Returns:
        None to fetch it, or a short reason to log ("no topic word, and no figure in the title
        or summary counts what a quantity counts").
    """
    if topic is None or not topic.quantities and not topic.actors:
        return None
    if matches(item, topic_words(topic)):
        return None
    text = item_text(item)
    if not text:
        return "no title or summary to read"
    from tally.extract import extract_claims  # spaCy: loaded for the items the words leave

    claims = [c for c in extract_claims(text) if c.low is not None or c.high is not None]
    if not claims:
        return "no topic word and no figure in its title or summary"
    classify(claims, topic)
    if any(c.quantity for c in claims):
        return None
    if any(_counts_like(c, q) for c in claims for q in topic.quantities):
        return None
    figures = ", ".join(f"{c.mention}{f' {c.unit}' if c.unit and c.unit not in c.mention else ''}"
                        for c in claims[:3])  # fmt: skip
    return f"no topic word, and its figures ({figures}) count nothing the topic's quantities count"


def _counts_like(claim: Claim, q: QuantityDef) -> bool:
    """Whether a figure counts what the quantity counts: the same outcome, or the same noun."""
    if claim.outcome and claim.outcome in _quantity_outcomes(q):
        return True
    have = _stems(claim.unit or "")
    return bool(have) and any(_stems(u) and _stems(u) <= have for u in q.units)


def _quantity_outcomes(q: QuantityDef) -> set[str]:
    """The outcomes a quantity counts: those it names, and those its words name ("deaths")."""
    found = {o for o in q.outcomes if o != "none"}
    said = _stems(" ".join([*q.units, *q.keywords, q.label, q.id.replace("_", " ")]))
    for outcome in _OUTCOMES:
        if said & {_stem(w) for w in lexicon.words(f"outcomes.written.{outcome}")}:
            found.add(outcome)
    return found


def _stem(word: str) -> str:
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and len(word) > 3 and not word.endswith("ss") else word


def _stems(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[a-z][a-z-]*", text.lower())}


def _sentence_case(title: str) -> str:
    """A headline in title case ("At Least 111 Killed as Ice Storm Hits") in sentence case,
    acronyms kept: the parser reads capitalised words as names."""
    words = title.split()
    capitalised = [w for w in words[1:] if w[:1].isalpha()]
    if len(capitalised) < 3 or sum(w[0].isupper() for w in capitalised) < 0.6 * len(capitalised):
        return title
    return " ".join([words[0], *(w if w.isupper() and len(w) > 1 else w.lower() for w in words[1:])])
