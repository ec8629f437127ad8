"""Places, peoples and persons, named without a statistical NER model.

Tally needs three kinds of name: countries and capitals (GPE: "Russia", "Pyongyang") and
peoples (NORP: "North Korean", "Ukrainians") to say whose troops a figure counts, and persons
(PERSON) to cut a source down to the name ("Ukrainian President Volodymyr Zelensky" ->
"Volodymyr Zelensky"). spaCy's NER finds them but costs more than tagging and parsing
together, so places and peoples come from the countryinfo gazetteer (names, common
spellings, capitals, demonyms) through a PhraseMatcher, and persons from runs of proper
nouns that are neither a place nor an organisation.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from tally import lexicon
from tally.extract.names import ORG_WORDS, TITLES

# Names the gazetteer lacks or spells otherwise; short forms news text uses.
EXTRA_PLACES = ("Britain", "Korea", "America", "Europe", "Asia", "Africa", "Soviet Union", "Gaza",
                "West Bank", "Crimea", "Donbas", "Kosovo", "Taiwan", "Hong Kong", "Moscow", "Kyiv")  # fmt: skip
EXTRA_PEOPLES = ("Korean", "Saudi", "English", "Kurdish", "Kurd", "Arab", "European", "Asian",
                 "African", "Soviet", "Latin American", "Kosovar", "Crimean", "Yazidi", "Rohingya")  # fmt: skip
# Codes that read as words in running text ("IN", "NO", "IT") are left out; these are not.
_CODES_KEPT = {"US", "USA", "UK", "UAE", "DRC", "PRC", "DPRK", "ROK"}



def _plural(demonym: str) -> str | None:
    if re.search(r"(?:ese|ish|ch|sh|ss|x|z|i-Kiribati)$", demonym):
        return None  # "the Chinese", "the British": no plural in -s
    return demonym + "s"


def _clean_names(names: Iterable[object]) -> Iterator[str]:
    for name in names:
        if isinstance(name, list):  # some entries hold several capitals
            yield from _clean_names(name)
            continue
        for part in re.split(r"[,/]", name if isinstance(name, str) else ""):
            part = part.strip()
            if len(part) < 2 or not re.fullmatch(r"[A-Za-z][A-Za-z .'’-]*", part):
                continue
            if part.isupper() and part not in _CODES_KEPT:
                continue
            yield part


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[str, ...]]:
    """Country names, spellings and capitals (GPE) and demonyms with plurals (NORP)."""
    from countryinfo import all_countries  # imported late: loading the data takes ~0.1 s

    places: set[str] = set(EXTRA_PLACES) | _CODES_KEPT
    peoples: set[str] = set(EXTRA_PEOPLES)
    for country in all_countries():
        info = country.info()
        spellings = list(info.get("altSpellings") or [])
        places.update(_clean_names([info.get("name", ""), info.get("capital", ""), *spellings]))
        peoples.update(_clean_names([info.get("demonym", "")]))
    places.update(p.removeprefix("The ") for p in list(places) if p.startswith("The "))
    peoples.update(p for d in list(peoples) if (p := _plural(d)))
    places -= peoples
    return {"GPE": tuple(sorted(places)), "NORP": tuple(sorted(peoples))}


class EntityTagger:
    """Marks places, peoples and persons in a tagged doc as ``doc.ents``."""

    def __init__(self, vocab: Vocab, make_doc: Callable[[str], Doc]) -> None:
        self.matcher = PhraseMatcher(vocab, attr="ORTH")
        for label, names in gazetteer().items():
            self.matcher.add(label, [make_doc(n) for n in names])

    def __call__(self, doc: Doc) -> Doc:
        found = [_with_prefix(Span(doc, start, end, label=key)) for key, start, end in self.matcher(doc)]
        taken = {i for span in found for i in range(span.start, span.end)}
        found += [span for span in _person_runs(doc) if not taken.intersection(range(span.start, span.end))]
        doc.ents = filter_spans(found)
        return doc


def _with_prefix(span: Span) -> Span:
    """ "non-Russian" is a people of its own, not "Russian"."""
    doc, i = span.doc, span.start
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("non", "anti", "pro"):
        return Span(doc, i - 2, span.end, label=span.label)
    return span


def _proper_runs(doc: Doc) -> list[tuple[int, int]]:
    """Runs of capitalised proper nouns (a hyphen may join two words of one name)."""
    runs: list[tuple[int, int]] = []
    start = None
    for i in range(len(doc) + 1):
        tok = doc[i] if i < len(doc) else None
        if tok is not None and tok.tag_ in ("NNP", "NNPS") and tok.text[:1].isupper() and not tok.is_upper:
            if start is None:
                start = i
            continue
        if tok is not None and start is not None and _hyphen_joined(doc, i):
            continue  # "Lee Seong-kweun": the name goes on across the hyphen
        if start is not None:
            runs.append((start, i))
        start = None
    return runs


_PLACE_PREPOSITIONS = lexicon.words("roles.place_prepositions")
# Words that join two runs of capitals into one body's name ("Ministry of Health and Family
# Welfare", "Central Disaster and Safety Countermeasures Headquarters").
_NAME_JOINERS = {"and", "of", "for", "&"}


def _person_runs(doc: Doc) -> Iterator[Span]:
    """Runs of two or more capitalised proper nouns with no organisation word: likely persons.

    Runs joined by "and" or "of" whose whole holds an organisation word are one body's name,
    not a person beside a body, and so is a run before an organisation word ("the Tamil Nadu
    government").
    """
    runs = _proper_runs(doc)
    body: set[int] = set()
    for k, (start, end) in enumerate(runs):
        group = [k]
        while group[-1] + 1 < len(runs) and runs[group[-1] + 1][0] == runs[group[-1]][1] + 1:
            if doc[runs[group[-1]][1]].lower_ not in _NAME_JOINERS:
                break
            group.append(group[-1] + 1)
        if len(group) > 1 and {t.lower_ for g in group for t in doc[runs[g][0] : runs[g][1]]} & ORG_WORDS:
            body.update(group)
    for k, (start, end) in enumerate(runs):
        if k in body or (end < len(doc) and doc[end].is_lower and (doc[end].lower_ in ORG_WORDS or doc[end].tag_ in ("NN", "NNS"))):
            continue  # "the Tamil Nadu government", "the Los Angeles march": a modifier, not a person
        if start > 0 and doc[start - 1].lower_ in _PLACE_PREPOSITIONS:
            continue  # "in Los Angeles", "across New Mexico": a place
        # "Health Minister Fahrettin Koca": the person starts after the last title.
        titles = [i for i in range(start, end) if doc[i].lower_ in TITLES]
        first = titles[-1] + 1 if titles else start
        words = {t.lower_ for t in doc[first:end]}
        if end - first >= 2 and not words & ORG_WORDS and doc[start].lower_ != "the":
            yield Span(doc, first, end, label="PERSON")


def _hyphen_joined(doc: Doc, i: int) -> bool:
    tok = doc[i]
    if tok.text == "-" and not doc[i - 1].whitespace_ and not tok.whitespace_ and i + 1 < len(doc):
        return doc[i + 1].is_alpha
    return doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and tok.is_alpha


@Language.factory("tally_entities", requires=["token.tag"], assigns=["doc.ents"])
def make_entity_tagger(nlp: Language, name: str) -> EntityTagger:
    """The ``tally_entities`` pipeline component: gazetteer places and peoples, person runs."""
    return EntityTagger(nlp.vocab, nlp.make_doc)
