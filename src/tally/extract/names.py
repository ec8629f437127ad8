"""Names of sources: titles stripped, persons told from bodies, short names made whole.

A source is kept as the text names it, but "Mayor Ana Ruiz" is Ana Ruiz, a later "Ruiz" or
"he" is the same person, and a later "the agency" is the agency named before.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tally import lexicon

PERSONAL = {"he", "she"}
BODIES = {"it", "they"}  # a body that spoke: "It said", "They estimated"
PRONOUNS = PERSONAL | BODIES

TITLES = lexicon.words("roles.titles")

# Words that make a run of proper nouns an organisation, not a person.
ORG_WORDS = lexicon.words("roles.organisation_words")


def strip_titles(name: str) -> str:
    """ "Mayor Ana Ruiz" -> "Ana Ruiz"; a name that is only a title stays as it is."""
    words = name.split()
    if not all(w[:1].isupper() for w in words):
        return name  # "the defence minister" is a description, not a name
    # Through the last title: "Interior Minister Laurent Nuñez" -> "Laurent Nuñez".
    last = max((i for i, w in enumerate(words[:-1]) if w.lower() in TITLES), default=-1)
    return " ".join(words[last + 1 :])


def clean_name(text: str) -> str:
    """A name without its article, possessive and trailing document word ("the UN's estimates" -> "UN")."""
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)
    text = re.sub(r"\s*['’]s$", "", text)
    if text.count("(") > text.count(")"):
        text = text.rstrip(" ,.;:") + ")"
    text = re.sub(r"\s+(?:estimates?|data|figures|assessments?)$", "", text, flags=re.IGNORECASE)
    return text.strip(" ,.;:\"'“”")[:100]


def looks_like_person(name: str | None) -> bool:
    """Two to four capitalised words, no organisation word and no place: "Natasha Lindstedt"."""
    if not name:
        return False
    words = name.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    if ORG_WORDS & {w.lower().strip(".,") for w in words} or words[0].lower() in _NOT_NAMES:
        return False
    places = _places()
    return name not in places and " ".join(words[-2:]) not in places


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    from tally.extract.entities import gazetteer  # local: entities imports this module

    return frozenset(gazetteer()["GPE"])


# Capitalised words, letters of any script: "Laurent Nuñez", "Nataliia Koval".
_NAME_RUN = re.compile(r"\b[^\W\d_a-z][^\W\d_]+(?:[- ](?:[^\W\d_a-z][^\W\d_]+|al|bin|van|von|de|da)){1,3}\b")
_NOT_NAMES = {"the", "a", "an", "in", "on", "at", "but", "and", "as", "by", "for", "from", "last", "this",
              "when", "while", "after", "before", "since", "if", "so", "of", "to", "with", "his", "her",
              "their", "its", "some", "many", "most", "more", "about", "nearly", "over", "under"}  # fmt: skip


def last_named_person(text: str) -> str | None:
    """The last person the text names ("... said Mayor Ana Ruiz." -> "Ana Ruiz"), for "he"/"she"."""
    for m in reversed(list(_NAME_RUN.finditer(text[-3000:]))):  # the last few paragraphs
        name = strip_titles(m.group(0))
        if looks_like_person(name):
            return name
    return None


def full_body_name(source: str, earlier: list[str], last_body: str | None = None) -> str:
    """ "agency" -> "UN refugee agency UNHCR" when an earlier source of the article is that body,
    else the last body that spoke ("The WHO put it higher ... the agency counted")."""
    word = source.strip().lower()
    if " " in word or word not in _GENERIC_BODIES:
        return source
    if last_body and word in _BACK_REFERENCES and last_body.lower() != word:
        return last_body  # "the agency" is the body that spoke last: the one a reader has in mind
    named = next((e for e in reversed(earlier) if word in e.lower().split() and e.lower() != word), None)
    if named is None and word in _FIRMS:
        # "the company" is the firm the article named last among its sources: "Luma Energy".
        named = next((e for e in reversed(earlier) if e[:1].isupper() and not looks_like_person(e)), None)
    return named or source


# Words that point back at whichever body spoke last; "the government" or "the ministry" name
# a body of their own, found among earlier sources by the word.
_BACK_REFERENCES = lexicon.words("roles.back_references")
_GENERIC_BODIES = lexicon.words("roles.generic_bodies", "roles.firms")
_FIRMS = lexicon.words("roles.firms")


@lru_cache(maxsize=4096)  # called per claim with the whole article text
def expand_surname(source: str, text: str) -> str:
    """Expand a bare surname ("Christie") to the full name the text uses elsewhere."""
    if " " in source or not source[:1].isupper():
        return source
    m = re.search(rf"(?<![\w-])((?:[A-Z][a-z'’]+\s+){{1,2}}){re.escape(source)}\b", text)
    if not m:
        return source
    first = [w for w in m.group(1).split() if w.lower() not in TITLES]
    return " ".join([*first, source]) if first else source
