"""What a figure counts: unit, actor (whose), outcome (killed, supplied...), modality, trend.

Reads the dependency parse around the figure and a local window of the sentence: from the
previous figure's end to the next figure's start, so that in "1,000 killed, with another
3,000 wounded" each figure gets its own outcome.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
from functools import lru_cache

from spacy.tokens import Span, Token

from tally import lexicon
from tally.extract.fields import clause_bounds  # noqa: F401 - its home is fields.py
from tally.extract.lemmas import lemma
from tally.extract.mentions import Mention
from tally.types import Modality

PERSONNEL = lexicon.words("roles.personnel")
OUTCOME_LEMMAS = {
    outcome: set(lexicon.words(f"outcomes.{outcome}"))
    for outcome in ("killed", "wounded", "missing", "captured", "casualties", "deployed", "supplied")
}


def _modal(kind: str) -> re.Pattern[str]:
    """A kind of modality's cue words, and its auxiliaries before its verbs ("could soon reach")."""
    words = lexicon.alternation(f"modality.{kind}.words")
    aux, verbs = lexicon.alternation(f"modality.{kind}.auxiliaries"), lexicon.alternation(f"modality.{kind}.verbs")
    return re.compile(rf"\b(?:{words}|{aux}\s+(?:\w+\s+)?{verbs})\b", re.IGNORECASE)


_MODALITY: list[tuple[Modality, re.Pattern[str]]] = [(kind, _modal(kind)) for kind in ("capacity", "projected", "planned")]
_IF = re.compile(rf"\b{lexicon.alternation('modality.conditions')}\b", re.IGNORECASE)
_PLANNED = re.compile(
    rf"\b{lexicon.alternation('modality.planned.auxiliaries')}\s+(?:\w+\s+)?{lexicon.alternation('modality.planned.verbs')}\b",
    re.IGNORECASE,
)
# A change: "rose 5%", "fell by 300", "grew sales by 35%" (see trend_of for levels reached).
_UP = lexicon.inflected("trends.up")
_DOWN = lexicon.inflected("trends.down")
_TREND = re.compile(
    rf"(?:\b(?P<up>{_UP}|(?<!gave )(?<!give )(?<!gives )(?<!giving )(?<!set )(?<!made )(?<!picked )up)"
    rf"|\b(?P<down>{_DOWN}|down))(?:\s+(?:upwards?|downwards?))?"
    r"(?:\s+(?:[a-z]+\s+){0,3}by)?\s*$"
    r"|\b(?P<up2>upwards?|higher)\s+by\s*$|\b(?P<down2>downwards?|lower)\s+by\s*$"
    r"|(?P<plus>\+)\s*$|(?P<minus>(?<![\w.,])-)\s*$",
    re.IGNORECASE,
)
# "shot down 79 drones", "signing up 30,000 recruits": phrasal verbs, not a rise or fall.
_PHRASAL = re.compile(rf"\b{lexicon.inflected('verbs.phrasal')}\s+(?:up|down)\s*$", re.IGNORECASE)
_CROSSING = re.compile(rf"{lexicon.alternation('trends.crossing')}\b|{lexicon.inflected('trends.reach')}\b", re.IGNORECASE)


_CALIBRE = re.compile(rf"^\s*(?:\d+(?:\.\d+)?[\s-]?{lexicon.alternation('units.calibres')}\b\s*(?:and|or|,)?\s*)+", re.IGNORECASE)

# Parts of speech whose lemma can differ from the word ("killed" -> "kill").
_INFLECTED = ("NOUN", "VERB", "AUX", "ADJ")


def head_noun(tokens: Span) -> Token | None:
    """The noun a figure counts: its syntactic head, or the first noun after it."""
    doc = tokens.doc
    num = tokens[-1]
    for tok in reversed(tokens):
        if tok.like_num or tok.lower_ in lexicon.words("numbers.scales"):
            num = tok
            break
    head = num.head
    calibre = _CALIBRE.match(tokens[-1].whitespace_ + doc[tokens.end : tokens.end + 8].text)
    when = head.lower_ in _TIME_NOUNS and head.i > 0 and doc[head.i - 1].lower_ in _TIME_DETS
    if num.dep_ in ("nummod", "quantmod", "compound", "amod", "appos") and head.pos_ in ("NOUN", "PROPN") and not when:
        between = doc[tokens.end : head.i]
        if (head.i > num.i or head.i >= tokens.end) and not (calibre and head.idx < tokens.end_char + calibre.end()):
            # "980 two weeks ago": "weeks" is the other figure's; "three or four years" share it.
            if not any(t.like_num and doc[t.i - 1].pos_ != "CCONJ" for t in between):
                return head
    after = tokens.end
    if calibre:
        while after < len(doc) and doc[after].idx < tokens.end_char + calibre.end():
            after += 1
    for tok in doc[after : min(len(doc), after + 8)]:
        if tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-" and not doc[tok.i + 1].whitespace_:
            continue  # the first half of "self-propelled": the noun comes later
        if tok.text == "-" or tok.i > 0 and doc[tok.i - 1].text == "-" and tok.pos_ != "NOUN":
            continue
        if tok.i == tokens.end and tok.pos_ == "NUM" and tok.like_num:
            break  # the next figure's noun is not this one's: "980 two weeks ago"
        if tok.lower_ in _TIME_NOUNS and doc[tok.i - 1].lower_ in _TIME_DETS:
            break  # "up from 185 last week": when, not what
        if tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "POS":
            continue  # "three of the region's 17 hospitals": the owner is not the counted noun
        if tok.i == tokens.end and tok.tag_ == "VBN" and tok.is_lower and tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in ("NOUN", "PROPN"):
            continue  # "700 detained Houthis", "40 stranded hikers": a participle before the noun
        if tok.pos_ in ("NOUN",) or (tok.pos_ == "PROPN" and tok.ent_type_ not in ("NORP", "GPE")):
            while tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
                tok = tok.head
            return tok
        if tok.pos_ in ("VERB", "AUX", "ADP", "PUNCT", "CCONJ", "SCONJ", "PRON", "DET"):
            if tok.lower_ == "of" and tok.i == tokens.end:
                continue  # "dozens of officers", "40% of the North Koreans"
            if tok.pos_ in ("DET", "PRON") and doc[tok.i - 1].lower_ == "of" and tok.tag_ != "PRP":
                continue
            break
    return None


_TIME_NOUNS = lexicon.words("calendar.time_nouns")
_TIME_DETS = lexicon.words("calendar.time_determiners")
_PER = re.compile(
    rf"^\s*(?:(?:{lexicon.alternation('units.currency_words')[3:-1]}|pounds?|won)\s+)?"
    r"(?:(?:per|an?|each|every)\s+)(?P<per>100,000|10,000|1,000|100|1 million|million|thousand"
    rf"|{lexicon.alternation('calendar.durations')[3:-1]}|barrel|ounce|share"
    r"|person|capita|head|game|kilogram|kg|pound|tonne|ton|gallon|litre|liter|square (?:foot|metre|meter))\b",
    re.I,
)


def per_unit(unit: str | None, after: str) -> str | None:
    """A rate's unit: "soldiers a day" -> "soldiers per day", "$80 a barrel" -> "USD per barrel"."""
    m = _PER.match(after)
    if unit is None or m is None:
        return unit
    return f"{unit} per {m.group('per').lower()}"


def counted_subject(tokens: Span) -> str | None:
    """The unit a level's subject names: "the number of cases rose to 12,400", "the toll hit 90"."""
    node = tokens.root
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    obj = next((c for c in node.children if c.dep_ == "dobj"), None)
    if obj is not None and lemma(obj) in lexicon.words("numbers.totals"):
        subj = obj  # "officials raised the death toll to 10": the toll is what is counted
    if subj is None:
        return None
    if lemma(subj) in ("toll", "death", "fatality"):
        return "deaths"
    if lemma(subj) in lexicon.words("numbers.totals") - {"toll"}:
        of = next((c for c in subj.rights if c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if obj is not None and not (tokens.start <= obj.i < tokens.end or obj.like_num):
            return unit_text(obj)  # "a total of 200 million" counts nothing named
    before = tokens.doc[tokens.start - 1] if tokens.start > 0 else None
    # "cases rose to 240", "arrivals reached 9,000"; but "shares fell 3" counts no shares.
    level = before is not None and (before.lower_ in ("to", "at", "from") or lemma(before) in _REACH_VERBS)
    if level and subj.tag_ == "NNS" and lemma(node) in _LEVEL_VERBS | _REACH_VERBS:
        unit = unit_text(subj)
        return unit[:1].lower() + unit[1:] if subj.i == subj.sent.start and not subj.text.isupper() else unit
    return None


def predicate_unit(tokens: Span) -> str | None:
    """What a figure without a noun counts, by its phrase: "600 of the deceased" -> deceased,
    "at least 323 were Egyptians" -> Egyptians, "-- 97 -- were women" -> women."""
    num = next((t for t in tokens if t.like_num or t.pos_ == "NUM"), tokens.root)
    of = next((c for c in num.children if c.lower_ == "of" and c.i > num.i), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    if obj is not None and obj.pos_ in ("NOUN", "PROPN", "ADJ") and not obj.like_num:
        return unit_text(obj)
    node = num.head if num.dep_ == "appos" else num
    if node.dep_ == "nsubj" and lemma(node.head) == "be":
        attr = next((c for c in node.head.children if c.dep_ == "attr" and c.tag_ in ("NNS", "NNPS")), None)
        if attr is not None:
            return unit_text(attr)
    return None


def outcomes_named(tokens: Span) -> set[str]:
    """The outcomes a stretch of text names at all: "The additional victim died" -> killed."""
    found: set[str] = set()
    for tok in tokens:
        if tok.pos_ in _INFLECTED:
            base = lemma(tok)
            found.update(o for o, words in OUTCOME_LEMMAS.items() if base in words)
    return found


def outcome_word(window: Span, outcome: str) -> str:
    """The word that says what happened, standing in for a unit: "injured", "killed"; a toll
    counts deaths."""
    words = OUTCOME_LEMMAS.get(outcome, set())
    tok = next((t for t in window if t.pos_ in _INFLECTED and lemma(t) in words), None)
    if tok is None:
        return outcome
    if lemma(tok) in ("toll", "death", "fatality", "die", "dead"):
        return "deaths"
    return tok.lower_


_CROWD_VERBS = {verb.split()[0] for verb in lexicon.words("verbs.crowd")}
_CROWD_AT = re.compile(rf"\b{lexicon.alternation('roles.crowds')}\b[^.;]{{0,40}}\bat\s*$", re.IGNORECASE)
_CROWD_AFTER = re.compile(rf"^\s+(?:had\s+|have\s+)?{lexicon.inflected('verbs.crowd')}\b", re.IGNORECASE)


def crowd_unit(tokens: Span, left: str, right: str = "") -> str | None:
    """ "people" for a crowd counted without a noun: "up to 70,000 joined", "put the crowd at 45,000"."""
    if _CROWD_AT.search(left) or _CROWD_AFTER.match(right):
        return "people"
    root = tokens.root
    if root.dep_ in ("nsubj", "nsubjpass") and lemma(root.head) in _CROWD_VERBS:
        return "people"
    return None


_REACH_VERBS = lexicon.words("trends.reach")
_LEVEL_VERBS = lexicon.words("trends.up", "trends.down", "trends.level")


def unit_text(noun: Token, after: int = 0) -> str:
    """The counted unit: the head noun with its compounds ("artillery shells").

    Args:
        noun: The counted noun.
        after: The first token after the figure; words before it ("an estimated 4,000
            casualties") are the figure's, not the unit's.
    """
    left = [c for c in noun.lefts if c.dep_ in ("compound", "amod") and c.ent_type_ not in ("NORP", "GPE")
            and not c.like_num and not re.search(r"\d", c.text) and c.lower_ not in _ADDITIONAL_WORDS]
    start = max(after, min([noun.i, *[min(t.i for t in c.subtree) for c in left]]))
    kept = [t for t in noun.doc[start : noun.i + 1] if t.ent_type_ not in ("NORP", "GPE") and not re.search(r"\d", t.text)
            and not t.like_num
            and t.lower_ not in _CALIBRE_WORDS
            and t.lower_ not in _ADDITIONAL_WORDS and t.pos_ not in ("DET", "CCONJ") and (t.pos_ != "PUNCT" or t.text == "-")]
    # Words keep a space wherever the text had one or a dropped token stood ('"radical" individuals').
    pieces: list[str] = []
    for prev, tok in zip([None, *kept], kept):
        if prev is not None and (prev.whitespace_ or tok.i - prev.i > 1):
            pieces.append(" ")
        pieces.append(tok.text)
    unit = "".join(pieces).strip(" -") or noun.text
    if lemma(noun) in lexicon.words("numbers.portions"):
        of = next((c for c in noun.rights if c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if obj is not None:
            unit = f"{unit} of {' '.join(t.text for t in obj.subtree if t.pos_ not in ('DET', 'PUNCT'))}"
    return unit.replace(" - ", "-")


_CALIBRE_WORDS = lexicon.words("units.calibres")
_ADDITIONAL_WORDS = lexicon.words("trends.additional") | {"more", "other", "others"}


HARM = lexicon.words("outcomes.harm")
_JOINERS = {"or", "and", ",", "/", "either", "even", "possibly", "perhaps"}
_STOPS = {"because", "after", "before", "since", "which", "who", "that", "while", "when", "for",
          "as", "but", "whereas", "although", "though", "if", "unless"}  # fmt: skip


def _outcomes(tok: Token) -> frozenset[str]:
    base = lemma(tok) if tok.pos_ in _INFLECTED else tok.lower_
    return _outcomes_of(base, tok.lower_)


@lru_cache(maxsize=4096)
def _outcomes_of(base: str, lower: str) -> frozenset[str]:
    return frozenset(n for n, words in OUTCOME_LEMMAS.items() if base in words or lower in words)


def _nearest_harm(tokens: list[Token]) -> set[str]:
    """The run of harm words nearest the figure: "killed or wounded", "killed, injured or missing"."""
    run: set[str] = set()
    for t in tokens:
        names = _outcomes(t) & HARM
        if names:
            run |= names
            continue
        if run and (t.lower_ in _JOINERS or t.pos_ in ("AUX", "ADV", "PART")):
            continue
        if run:
            break
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        if t.lower_ in _STOPS or (t.lower_ == "to" and nxt is not None and nxt.pos_ == "VERB"):
            break  # "to make up for its losses": a purpose, not this figure's outcome
    return run


def outcome_of(window: Span, figure: Span, unit_noun: Token | None) -> str | None:
    """The outcome stated for a figure: killed, wounded, casualties, deployed, supplied...

    Harm words are read nearest first, rightwards then leftwards, so that in "300 killed
    and 2,700 injured" each figure keeps its own.
    """
    tokens = list(window)  # one walk: creating Token objects is the cost here
    right = [t for t in tokens if t.i >= figure.end]
    left = [t for t in reversed(tokens) if t.i < figure.start]
    # The verb a figure is the object of speaks first ("killed three civilians and wounded 17"),
    # then harm words nearest first, rightwards then leftwards ("300 killed and 2,700 injured").
    node = figure.root.head if figure.root.dep_ in ("nummod", "quantmod") else figure.root
    verb = node.head if node.dep_ == "dobj" and node.head.pos_ == "VERB" and node.head.i < figure.start else None
    harm = set(_outcomes(verb) & HARM) if verb is not None else set()
    harm = harm or _nearest_harm(right) or _nearest_harm(left)
    personnel_noun = unit_noun is None or _is_personnel(unit_noun) or lemma(unit_noun) in ("casualty", "loss")
    if "casualties" in harm and len(harm) == 1 and not personnel_noun:
        harm = set()  # "lost a large amount of equipment" is not a casualty figure
    if "killed" in harm and len(harm) > 1 or len(harm) >= 3 or harm == {"casualties"}:
        return "casualties"
    for name in ("killed", "wounded", "captured", "missing"):
        if name in harm:
            return name
    lemmas = {lemma(t) for t in tokens if t.pos_ in _INFLECTED} | {t.lower_ for t in tokens}
    if not any(t.pos_ == "VERB" and lemma(t) == "fire" for t in tokens):
        lemmas.discard("fire")  # "fired 3,000 shells" supplies them; "the fire burned 48,000 acres" does not
    found = {name for name, words in OUTCOME_LEMMAS.items() if lemmas & words}
    personnel = unit_noun is not None and _is_personnel(unit_noun)
    if "deployed" in found and personnel:
        return "deployed"
    if "supplied" in found and not personnel:
        return "supplied"
    if "deployed" in found and "send" in lemmas and not personnel:
        return "supplied"
    return None


def _is_personnel(noun: Token) -> bool:
    return lemma(noun) in PERSONNEL or noun.lower_ in PERSONNEL or noun.ent_type_ == "NORP"


def modality_of(left: str, right: str = "", sentence: str = "") -> Modality:
    """Reported, planned, capacity, projected or hypothetical, from the words around a figure."""
    clause = re.split(r"[,;:–—]", left)[-1]
    if _IF.search(clause) or (re.search(r"\bwould\b", clause, re.IGNORECASE) and _IF.search(sentence)):
        return "hypothetical"
    if _PLANNED.search(left):
        return "planned"  # "said it would send up to 500,000 more": a stated plan
    if re.match(r"\s*(?:if|unless)\b", sentence, re.IGNORECASE) and re.search(r"\bwould\b", right, re.IGNORECASE):
        return "hypothetical"  # "If the dam fails, 20,000 homes would flood"
    for name, pattern in _MODALITY:
        if pattern.search(left):
            return name
    if _MAY_FOLLOW.match(right) or re.search(r"\b(?:likely|expected) to\s*$", left, re.IGNORECASE):
        return "projected"  # "at least 3,000 more could follow", "likely to exceed 45,000"
    return "reported"


_MAY_FOLLOW = re.compile(
    rf"^\s*(?:[\w-]+\s+){{0,3}}(?:(?:are|is)\s+)?{lexicon.alternation('modality.projected.auxiliaries')}\s+(?:\w+\s+)?"
    rf"{lexicon.alternation('modality.projected.follow')}\b",
    re.IGNORECASE,
)


def trend_of(left: str) -> str | None:
    """"up" or "down" when the figure is the amount of a change ("rose by 5%", "fell 300").

    The level a change reaches ("rose to 300") is a level, not a change: it gets no trend,
    so that levels and changes are never reconciled together.
    """
    m = _TREND.search(left[-40:])
    if not m or _PHRASAL.search(left[-40:]):
        return None
    return "up" if m.group("up") or m.group("plus") or m.group("up2") else "down"


# Between a change and the next figure: "lost 190 points, or 0.6%" (but "rose 8% to 99 yuan"
# reaches a level).
_CARRIES_TREND = re.compile(
    r"^\s*(?:[\w ]{0,20}\b(?:points?|cents?|sen|pence|p)\b)?\s*,?\s*(?:or|by|and)\s*$"
    r"|^\s*[a-z][a-z ]{0,24},?\s+or\s*$"
    r"|^\s*,\s*[A-Z][\w ]{0,30}\bby\s*$",
    re.IGNORECASE,
)


# Between a figure and the same figure in other units: "7.5 million crowns (US$1.1 million",
# "296 hp (224 kW / 300 PS)".
_RESTATED = re.compile(r"^\s*[^\d()]{0,30}\(\s*(?:US\s?|[A-Z]{1,3})?\s*$|^\s*[A-Za-z]{1,8}\s*/\s*$")


def restates(between: str) -> bool:
    """True when the text between two figures makes the second a restatement of the first."""
    return _RESTATED.match(between) is not None


def figure_trend(
    figure: Mention,
    left: str,
    right: str,
    outcome: str | None,
    previous: tuple[str, str | None] | None = None,
) -> str | None:
    """A figure's trend: "added" for an increment, "up"/"down" for a rise or fall, else None.

    Args:
        figure: The figure as the finder read it.
        left: Its clause before it; right: the sentence after it.
        outcome: Its outcome (a loss of people is not a falling level).
        previous: The text between the previous figure and this one, and that figure's trend.
    """
    if is_additional(left, figure.text, right) and outcome not in HARM:
        return "added"  # "an additional 3,000", "3,000 more": adds to a total, not a level
    if figure.approx == "range" and figure.text[:5].lower() == "from ":
        return None  # "rose from 240 to 273": the levels before and after, not the change
    if _CROSSING.match(figure.text):
        return None  # "climbed past 1,200", "rose above 5%": a level crossed, like "rose to"
    trend = trend_of(left)
    share = figure.unit_hint == "percent"
    if trend == "down" and outcome in HARM and not share and re.search(r"\blos(?:t|e|es|ing)\s*$", left, re.IGNORECASE):
        return None  # "lost 1,200 soldiers" is a loss of people, not a fall in a level
    if trend is None and previous is not None and (_CARRIES_TREND.match(previous[0]) or restates(previous[0])):
        return previous[1]
    signed = (figure.low or 0) < 0 and re.match(r"[-−]", figure.text)
    if trend is None and signed and share:
        return "down"  # "FTSE -0.6%": a signed share is a change
    return trend


def is_additional(left: str, mention: str, right: str) -> bool:
    """True for "an additional 3,000", "3,000 more troops", "another 10,000"."""
    return bool(_ADDED_BEFORE.search(left) or _ADDED_IN.search(mention) or _ADDED_AFTER.match(right))


_ADDED = lexicon.alternation("trends.additional")
_ADDED_BEFORE = re.compile(rf"\b{_ADDED}\s+$", re.IGNORECASE)
_ADDED_IN = re.compile(rf"\b{_ADDED}\b", re.IGNORECASE)
_ADDED_AFTER = re.compile(rf"^\s+(?:more|{_ADDED[3:-1]})\b", re.IGNORECASE)


def actor_of(
    noun: Token | None,
    tokens: Span,
    window: Span,
    fallback: str | None = None,
    exclude: set[int] | None = None,
) -> str | None:
    """Whose figure it is: a nationality on the counted noun, the clause's subject, or nearby.

    Args:
        noun: The counted noun, if any.
        tokens: The figure's tokens.
        window: The figure's clause.
        fallback: The actor of the figure before it, used before looking rightwards.
        exclude: Tokens of the attribution ("Britain's Defence Ministry said"): the source's
            country is not whose figure it is.
    """
    skip = exclude or set()

    def ok(tok: Token) -> bool:
        return tok.i not in skip and _is_actor(tok)

    for tok in _noun_and_subjects(noun if noun is not None else tokens[-1]):
        if ok(tok):
            return _entity_text(tok)
    before = [t for t in window if t.i < tokens.start]
    for tok in reversed(before):
        if ok(tok):
            return _entity_text(tok)
    if fallback:
        return fallback
    for tok in window:
        if tok.i >= tokens.end and ok(tok):
            return _entity_text(tok)
    return None


def _noun_and_subjects(start: Token) -> list[Token]:
    out = [t for t in start.subtree if t.i < start.i or t.head.i == start.i]
    node = start
    for _ in range(6):
        if node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.i != start.i:
                out += list(subj.subtree)
                if any(_is_actor(t) for t in subj.subtree):
                    break
    return out


def _is_actor(tok: Token) -> bool:
    if tok.ent_type_ in ("NORP", "GPE"):
        return True
    # An acronym for a state or body: "DPRK troops", "the DPRK has sent", "NATO's jets".
    deps = ("compound", "amod", "nmod", "nsubj", "nsubjpass", "poss")
    return tok.is_upper and tok.is_alpha and len(tok) >= 2 and tok.dep_ in deps


def _entity_text(tok: Token) -> str:
    if tok.ent_type_:
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return re.sub(r"(?:'s|’s)$", "", ent.text.replace("the ", "").strip())
    return tok.text
