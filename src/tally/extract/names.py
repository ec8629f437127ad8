"""Names of sources: titles stripped, persons told from bodies, short names made whole.

A source is kept as the text names it, but "Mayor Ana Ruiz" is Ana Ruiz, a later "Ruiz" or
"he" is the same person, and a later "the agency" is the agency named before.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
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


def is_place(name: str) -> bool:
    """Whether a name is a country, capital or people the gazetteer knows."""
    return name in _places()


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    from tally.extract.entities import gazetteer  # local: entities imports this module

    return frozenset(gazetteer()["GPE"])


# Capitalised words, letters of any script: "Laurent Nuñez", "Nataliia Koval".
_NAME_RUN = re.compile(r"\b[^\W\d_a-z][^\W\d_]+(?:[- ](?:[^\W\d_a-z][^\W\d_]+|al|bin|van|von|de|da)){1,4}\b")
_NOT_NAMES = {"the", "a", "an", "in", "on", "at", "but", "and", "as", "by", "for", "from", "last", "this",
              "when", "while", "after", "before", "since", "if", "so", "of", "to", "with", "his", "her",
              "their", "its", "some", "many", "most", "more", "about", "nearly", "over", "under"}  # fmt: skip


_PLACE_BEFORE = re.compile(rf"\b{lexicon.alternation('roles.place_prepositions')}\s+$")


def last_named_person(text: str) -> str | None:
    """The last person the text names ("... said Mayor Ana Ruiz." -> "Ana Ruiz"), for "he"/"she"."""
    tail = text[-3000:]  # the last few paragraphs
    for m in reversed(list(_NAME_RUN.finditer(tail))):
        if _PLACE_BEFORE.search(tail, max(0, m.start() - 12), m.start()):
            continue  # "in North Carolina", "across New Mexico": a place
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


def full_name(source: str, text: str) -> str:
    """A source as the article names it in full: an acronym with the name it stands for ("NIS"
    -> "National Intelligence Service (NIS)"), a bare surname with its first names."""
    return expand_acronym(source, text) if _ACRONYM.fullmatch(source) else expand_surname(source, text)


_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")


@lru_cache(maxsize=4096)
def expand_acronym(acronym: str, text: str) -> str:
    """ "NIS" -> "National Intelligence Service (NIS)" when the text spells it out so."""
    m = re.search(rf"((?:[A-Z][\w'’.-]*\s+(?:(?:of|and|for|on|the|de)\s+)*){{1,8}})\(\s*{re.escape(acronym)}\s*\)", text)
    if not m:
        return acronym
    words = m.group(1).split()
    while words and words[0].lower() in ("the", "of", "and"):
        words.pop(0)
    initials = "".join(w[0] for w in words if w[0].isupper())
    # Keep only the words the acronym's letters stand for, counted from the end.
    keep = len(words)
    if len(initials) > len(acronym):
        capitals = 0
        for i in range(len(words) - 1, -1, -1):
            capitals += words[i][0].isupper()
            if capitals == len(acronym):
                keep = len(words) - i
                break
    return f"{' '.join(words[-keep:])} ({acronym})"


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
