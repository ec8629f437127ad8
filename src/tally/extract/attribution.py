"""Who a figure is attributed to: "according to X", "X said", "citing X", carry-over.

Works on a parsed sentence (spaCy dependency parse and entities); quotations are read from
the raw text by ``tally.extract.quotes``, names are tidied by ``tally.extract.names``.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from tally import lexicon
from tally.extract import patterns
from tally.extract.lemmas import lemma
from tally.extract.names import BODIES, PERSONAL, clean_name, full_body_name, last_named_person, looks_like_person, strip_titles

SAY_LEMMAS = lexicon.words("verbs.speech", "verbs.report", "verbs.evidence")
EVIDENCE_LEMMAS = lexicon.words("verbs.evidence")
# Evidence verbs whose subject is a document, not a speaker, unless it names one.
_WEAK_SUBJECTS = lexicon.words("roles.weak_subjects")
# Verbs only a speaker does: "it said" is a body speaking, "it showed" is a document.
_SPEECH = lexicon.words("verbs.speech")
_CONTINUATION = re.compile(
    r"^\s*(?:among (?:them|those|these)|of (?:them|those|these|this number|that number|the total)"
    r"|this (?:includes|figure|number)|that (?:figure|number)|these include|the (?:agency|ministry"
    r"|service|office) (?:also|said|added)|it also|they also|in addition,? it"
    rf"|(?:{lexicon.alternation('hedges.about', 'hedges.at_least', 'hedges.at_most')}\s+)?[\d,.]+\s+(?:more|others)"
    r"|(?:another|a further)\s+[\d,.]+)\b",
    re.IGNORECASE,
)
_PRONOUN_SPEAKER = re.compile(
    rf"^\s*(?:it|he|she|they|the {lexicon.alternation('roles.generic_bodies')})\s+"
    rf"(?:also\s+)?{lexicon.inflected('verbs.speech', 'verbs.evidence')}\b",
    re.IGNORECASE,
)


@dataclass
class Attribution:
    """A source and the chain of who quoted whom (outermost speaker first).

    ``by_verb`` maps a speech verb ("said", "put") to its speaker and ``by_head`` the word an
    "according to X" phrase hangs on to X, both by token index in ``doc``'s sentence, so that
    two sources in one sentence ("50,000 marched, according to organisers, while police put
    the figure at 12,000") each keep their own figure.
    """

    source: str | None
    chain: list[str] = field(default_factory=list)
    by_verb: dict[int, str] = field(default_factory=dict)
    tokens: set[int] = field(default_factory=set)
    by_head: dict[int, str] = field(default_factory=dict)
    doc: Doc | None = None
    rules: dict[str, str] = field(default_factory=dict)  # source name -> the rule that found it
    own: bool = True  # False when lent by the sentence before

    def rule_for(self, name: str | None) -> str:
        """The named rule that found this source ("said-subject", "according-to", ...)."""
        return "outlet-itself" if name is None else self.rules.get(name, "said-subject")

    def _path(self, figure: Span) -> list[Token]:
        # Token indices only mean something in the sentence they were read from; a report
        # carried over to the next sentence lends its source, not its parse.
        return list(figure.root.ancestors) if figure.doc is self.doc else []

    def for_figure(self, figure: Span) -> str | None:
        """The source of one figure: the speaker whose verb governs it, else the sentence's.

        In "the agency told lawmakers that 100 died, according to lawmaker Lee" the agency
        speaks the figure and Lee only relays it.
        """
        path = self._path(figure)
        for table in (self.by_verb, self.by_head):
            for tok in path:
                if tok.i in table:
                    return table[tok.i]
        if path and self.doc is not None and self.by_verb and not self.by_head and all(_contrasted(self.doc[i]) for i in self.by_verb):
            return None  # "It cut 100 jobs last year, but Keller said then ...": Keller speaks of his own clause
        return self.source

    def chain_for(self, figure: Span) -> list[str]:
        """The chain behind one figure: speakers bound to other figures of the sentence left out."""
        mine: set[str] = set()
        spoken = False
        for tok in self._path(figure):
            # Above the nearest speech verb only speakers relay it ("Lee said the agency told
            # ..."); an "according to" on an outer clause belongs to that clause's figure.
            if tok.i in self.by_head and (not spoken or tok.i in self.by_verb):
                mine.add(self.by_head[tok.i])
            if tok.i in self.by_verb:
                mine.add(self.by_verb[tok.i])
                spoken = True
        bound = set(self.by_verb.values()) | set(self.by_head.values())
        return [c for c in self.chain if c in mine or c not in bound]


def sentence_attribution(sent: Span) -> Attribution:
    """The source a parsed sentence names for its figures, if any."""
    chain: list[str] = []  # who speaks
    cited: list[str] = []  # whom they cite: the original source
    by_verb: dict[int, str] = {}
    by_head: dict[int, str] = {}
    evidence: set[int] = set()
    phrases: list[Token] = []
    rules: dict[str, str] = {}
    for match in patterns.matches(sent, "sources"):
        tok, obj = match.anchor, match.tokens.get("source")
        if match.rule == "according-to":
            assert obj is not None
            obj = _author(obj) or obj  # "according to figures published by X"
            chain.append(_name(obj))
            rules.setdefault(chain[-1], "according-to")
            phrases.append(obj)
            if tok.head.i != tok.i:
                by_head[tok.head.i] = chain[-1]
        elif match.rule in ("citing", "document-by", "possessive-estimate"):
            assert obj is not None
            if match.rule != "possessive-estimate" and (not _speaker(obj) or obj.like_num):
                continue  # not "cited safety worries", not "range from 430,000"
            cited.append(_name(obj))
            rules.setdefault(cited[-1], match.rule)
            if match.rule == "citing":
                phrases.append(obj)
        elif match.rule == "said-subject":
            subj = _subject(tok)
            if subj is not None:
                described = _described_document(subj)
                chain.append(described or _name(subj))
                evidence_verb = lemma(tok) in EVIDENCE_LEMMAS
                kind = "described-document" if described else "document" if _documentary(subj) else "evidence-subject" if evidence_verb else "said-subject"
                rules.setdefault(chain[-1], kind)
                by_verb[tok.i] = chain[-1]
                phrases.append(subj)
                if evidence_verb:
                    evidence.add(tok.i)
    chain = _dedupe([c for c in chain + cited if c])
    if not chain:
        return Attribution(None)
    # The speaker comes first in the chain; whom they cite is the original source.
    tokens = {t.i for p in phrases for t in p.subtree if not _outside(t, p)}
    if cited:
        by_verb, by_head = {}, {}  # whom they cite is the source of every figure
    for i in evidence:
        # "X said the country has recorded N": the speaker above the evidence verb owns N.
        if any(a.i in by_verb and a.i not in evidence for a in sent.doc[i].ancestors):
            name = by_verb.pop(i)
            if name not in by_verb.values() and name not in by_head.values():
                chain = [c for c in chain if c != name]
    return Attribution(chain[-1], chain, by_verb, tokens, by_head, sent.doc, rules)


@dataclass
class Context:
    """What an article has said before a sentence, for the pronouns and short names in it.

    Attributes:
        text: The article text just before the sentence (its last paragraphs).
        person: The last person named as a source.
        body: The last body (ministry, agency, "officials") named as a source.
        sources: Every source so far, in order.
    """

    text: str = ""
    person: str | None = None
    body: str | None = None
    sources: list[str] = field(default_factory=list)


def resolve_pronoun(attr: Attribution, context: Context) -> Attribution:
    """Name the speakers a sentence only points at.

    "he"/"she" become the last person the text named, "it"/"they" the last body that spoke,
    and a bare "the agency" the fuller name of an earlier source ("UN refugee agency UNHCR");
    a pronoun with nobody to point at leaves no source.
    """
    person: list[str | None] = []  # looked up once, only when needed
    rules = dict(attr.rules)

    def resolve(name: str) -> str | None:
        low = name.lower()
        how = attr.rule_for(name)
        if low in PERSONAL:
            if not person:
                # "Spokesman Andrew Neiman said ... but he told AFP": the person this sentence named.
                here = next((c for c in attr.chain if c.lower() not in PERSONAL and looks_like_person(c)), None)
                person.append(here or last_named_person(context.text) or context.person)
            found, rule = person[0], "pronoun-last-person"
        elif low in BODIES:
            found = context.body if low == "it" or (context.body or "").endswith("s") else None
            rule = "pronoun-last-body"
        elif how == "described-document":
            found, rule = name, how
        elif how == "document" or is_document(low):
            found, rule = context.body, "document-of-last-body"  # "the new figures show"
        else:
            found = full_body_name(name, context.sources, context.body)
            rule = "role-noun-earlier-name" if found != name else how
        if found is not None and found != name:
            rules[found] = f"{how}+{rule}"
        return found

    chain = [r for c in attr.chain if (r := resolve(c)) is not None]
    if chain == attr.chain:
        return attr
    by_verb = {k: r for k, v in attr.by_verb.items() if (r := resolve(v)) is not None}
    by_head = {k: r for k, v in attr.by_head.items() if (r := resolve(v)) is not None}
    source = resolve(attr.source) if attr.source else None
    if source is None and not chain:
        return Attribution(None)
    return Attribution(source or chain[-1], chain, by_verb, attr.tokens, by_head, attr.doc, rules)


def _documentary(subj: Token) -> bool:
    """A document as a subject: "the new figures", "the completed review"."""
    return lemma_of_word(subj.lower_) in _DOCUMENT_NOUNS and any(c.dep_ in ("det", "amod") for c in subj.children)


def _described_document(subj: Token) -> str | None:
    """A document with no author that the text describes: "a list circulating online".

    It is the source itself; a bare "the figures" speaks for whoever spoke last.
    """
    if not _documentary(subj) or not any(c.dep_ in ("acl", "relcl", "compound") for c in subj.children):
        return None
    words = [t for t in subj.subtree if t.dep_ != "punct"]
    return clean_name(subj.doc[words[0].i : words[-1].i + 1].text)


def is_document(name: str) -> bool:
    """A source that is only a document with no author named: "new numbers", "the official release"."""
    words = name.split()
    return 0 < len(words) <= 3 and lemma_of_word(words[-1]) in _DOCUMENT_NOUNS | _RELEASES and not name[:1].isupper()


def lemma_of_word(word: str) -> str:
    """A plural document word in its singular: "numbers" -> "number"."""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def lead_in(sent: Span) -> Attribution:
    """The source of a list a sentence introduces: its speaking subject ("Officials gave the
    deaths by district:", "The ministry's figures, by region:")."""
    root = sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or not _speaker(subj):
        return Attribution(None)
    name = _name(subj)
    return Attribution(name, [name], tokens={t.i for t in subj.subtree}, doc=sent.doc, rules={name: "list-lead-in"})


def carried_over(previous: Attribution, rule: str) -> Attribution:
    """The previous sentence's source lent to this one, its rule marked as carried over."""
    rules = {name: how if how.startswith(f"{rule}(") else f"{rule}({how})" for name, how in previous.rules.items()}
    if previous.source is not None and previous.source not in rules:
        rules[previous.source] = f"{rule}(said-subject)"
    return Attribution(previous.source, previous.chain, previous.by_verb, previous.tokens,
                       previous.by_head, previous.doc, rules, own=False)  # fmt: skip


def leans_on_previous(sentence: str) -> bool:
    """True when a sentence needs the one before it to name its source ("It said ...")."""
    return bool(_PRONOUN_SPEAKER.match(sentence)) or continues_report(sentence)


def continues_report(sentence: str) -> bool:
    """True when a sentence carries on the previous sentence's report ("Among them, ...", or a
    "Tanks: 2,900" line of a list the sentence before introduced)."""
    return bool(_CONTINUATION.match(sentence) or LABEL_LINE.match(sentence))


# A line of a list or table: "Tanks in active service: 2,900", "- Deaths: about 40".
LABEL_LINE = re.compile(
    r"^[-•*]?\s*(?:(?P<label>[A-Z][^:.!?\d]{1,60}):|(?P<short>[A-Z][\w'’]*(?:\s[A-Z][\w'’]*){0,2})\s[–—-])"
    r"\s*(?:about|around|some|~|≈)?\s*[\d$€£]"
)  # "Tanks in storage: 2,900", "North – 12"


SPEAKER_NOUNS = lexicon.words("roles.speaker_nouns")
# A document that carries someone's figures: "a poll by the Median institute found".
_DOCUMENT_NOUNS = lexicon.words("roles.document_nouns")
_RELEASES = lexicon.words("verbs.statement_nouns")
# What a disaster "claims": "claimed 119 lives", "claimed three victims".
_HARMED = lexicon.words("outcomes.killed", "outcomes.casualties") | {"life", "live"}


def _speaker(tok: Token) -> bool:
    """A subject that can be a source: a name, or a noun like "officials" or "the ministry"."""
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if tok.is_upper and tok.is_alpha and len(tok) >= 2:
        return True  # an acronym the tagger took for a plural noun: "the UKHSA said"
    if tok.lower_ in PERSONAL or tok.lower_ in BODIES:
        return True
    return lemma(tok) in SPEAKER_NOUNS or any(
        c.dep_ == "compound" and (c.pos_ == "PROPN" or lemma(c) in SPEAKER_NOUNS) for c in tok.children
    )


def _subject(verb: Token) -> Token | None:
    subj = _raw_subject(verb)
    if subj is None and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj"):
        subj = _raw_subject(verb.head)  # "OCHA gave a higher figure, estimating that ..."
    if subj is not None and (author := _author(subj)) is not None:
        return author
    if subj is None:
        return None
    # Only a speaker says, announces or insists: whoever is the subject of a speech verb is the
    # source ("the chief executive said", "Save the Children warned"); a verb of evidence or
    # reckoning needs a subject that can speak ("the ministry found", not "the search found").
    if lemma(verb) in _SPEECH and _reports_speech(verb, subj):
        return subj
    if _documentary(subj):
        return subj  # resolved to the body that spoke last (resolve_pronoun)
    return subj if _speaker(subj) else None


def _reports_speech(verb: Token, subj: Token) -> bool:
    """A speech verb used as speech: it carries a clause, or closes one ("..., the union said"),
    and its subject is not a counted noun; not "fighting claimed a third", "troops adding to",
    "the flood claimed 119 lives"."""
    if subj.like_num or any(c.dep_ == "nummod" for c in subj.children):
        return False
    if any(c.dep_ == "dobj" and lemma(c) in _HARMED for c in verb.children):
        return False
    named = subj.pos_ == "PROPN" or (subj.is_title and subj.dep_ == "nsubj" and subj.lower_ not in _WEAK_SUBJECTS)
    if named:
        return True  # "Amazon announced 9,000 job cuts"; "Amplify contends" (tagged a verb)
    if subj.pos_ != "NOUN":
        return False
    kids = {c.dep_ for c in verb.children}
    if kids & {"ccomp", "parataxis"} or verb.dep_ in ("parataxis", "ccomp"):
        return True
    return not kids & {"dobj", "prep", "attr", "acomp", "xcomp"}


def _author(doc_noun: Token) -> Token | None:
    """Who made a document: "a poll (published last week) by the Median institute" -> institute."""
    if lemma(doc_noun) not in _DOCUMENT_NOUNS:
        return None
    by = next((t for t in doc_noun.subtree if t.lower_ in ("by", "from", "of") and t.i > doc_noun.i), None)
    author = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    return author if author is not None and _speaker(author) and not author.like_num else None


def _raw_subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    # Two subjects are a misparse of "the charity Caminando Fronteras said": the name wins.
    subj = next((c for c in subjects if c.pos_ == "PROPN"), subjects[0]) if len(subjects) > 1 else next(iter(subjects), None)
    if subj is None and verb.i > 0 and verb.doc[verb.i - 1].pos_ in ("PROPN", "NOUN"):
        # "..., South Korea's spy agency said": the parser often misses this subject.
        prev = verb.doc[verb.i - 1]
        comma = next((t for t in reversed(verb.doc[verb.sent.start : verb.i]) if t.text == ","), None)
        if comma is not None:
            span = verb.doc[comma.i + 1 : verb.i]
            if 0 < len(span) <= 10:
                return span.root
        return prev
    if subj is not None and subj.dep_ == "nsubjpass":
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        return obj
    if subj is None and verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD"):
        # "Intel's layoffs, announced Aug. 1": what was announced; only "by X" says who did.
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if subj is None and verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    if subj is None:
        return None
    if subj.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
        return verb.head
    if subj.lower_ in ("it", "they") and lemma(verb) in _SPEECH:
        return subj  # "It said 41 were destroyed": resolved to the last body that spoke
    acronym = subj.is_upper and len(subj) > 2  # "the WHO put the figure at": not "who"
    if subj.lower_ in _WEAK_SUBJECTS and not acronym and not any(c.dep_ in ("compound", "poss") and _speaker(c) for c in subj.children):
        # "The new figures show ...": a document, which speaks for the body that spoke last
        # (see resolve_pronoun); "it showed", "data show" alone name nobody.
        return subj if _documentary(subj) else None  # but "NHS England data show" names its source
    return subj


def _name(tok: Token) -> str:
    """The source's name: a person named in the phrase, else the phrase without clauses."""
    # An apposition set off by commas: a name wins ("the organising coalition, Szabad Ország,",
    # "the Ambassador to NATO, Julianne Smith,"), a description goes ("Frontex, the EU's border
    # agency,"). "office (OHCHR)" stays whole.
    appos = next((c for c in tok.children if c.dep_ == "appos" and c.doc[c.left_edge.i - 1].text == ","), None)
    if appos is not None and appos.pos_ == "PROPN":
        return _name(appos)
    aside = {t.i for t in appos.subtree} if appos is not None else set()
    words = [t for t in tok.subtree if not _outside(t, tok) and t.i not in aside and _preps_between(t, tok) <= 1]
    span = tok.doc[words[0].i : words[-1].i + 1] if words else tok.doc[tok.i : tok.i + 1]
    named = _name_after_descriptor(span)
    if named is not None:
        return named  # "the student union UNEF" -> "UNEF", "the charity Caminando Fronteras"
    # A person names the source only as the phrase's head or beside it ("spokesman Andrew
    # Neiman"), not deep inside it ("organisers of the visit of President George Bush").
    people = [e for e in span.ents if e.label_ == "PERSON" and (e.start <= tok.i < e.end or e.root.head.i == tok.i and e.root.dep_ in ("compound", "appos", "nmod"))]
    if people:
        return strip_titles(clean_name(people[-1].text))
    return strip_titles(clean_name(span.text))


def _name_after_descriptor(span: Span) -> str | None:
    """The proper name ending a phrase that a common noun introduces: "student union UNEF"."""
    end = len(span)
    start = end
    while start > 0 and span[start - 1].text[:1].isupper() and (span[start - 1].pos_ == "PROPN" or span[start - 1].is_upper):
        start -= 1
    if start in (0, end):
        return None
    before = span[start - 1]
    if before.pos_ != "NOUN" or not before.is_lower:
        return None
    return span[start:end].text


def _preps_between(t: Token, root: Token) -> int:
    """How many prepositions lie between a word and the head of its phrase: a source's name
    keeps one ("organisers of the march"), not the next ("... against the visit of ...")."""
    count, node = 0, t
    while node.i != root.i:
        count += node.dep_ == "prep"
        node = node.head
    return count


def _outside(t: Token, root: Token) -> bool:
    node = t
    while node.i != root.i:
        if node.dep_ in ("relcl", "acl", "punct", "advcl", "cc", "conj", "advmod") and node.head.i == root.i:
            return True
        node = node.head
    return False


_CONTRASTS = {"but", "yet", "although", "though", "while", "whereas"}


def _contrasted(verb: Token) -> bool:
    """A verb of a clause set against the one before it: "..., but Keller said"."""
    if verb.dep_ == "advcl":
        return any(c.lower_ in _CONTRASTS for c in verb.children if c.dep_ == "mark")
    # spaCy hangs the "but" of two joined clauses on the first one.
    return verb.dep_ == "conj" and any(
        c.dep_ == "cc" and c.lower_ in _CONTRASTS and verb.head.i < c.i < verb.i for c in verb.head.children
    )


def _dedupe(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out
