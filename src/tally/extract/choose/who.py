"""Who said a figure: candidate sources and what a model needs to know of each.

Candidates come from the rules' own answer, the speakers the rules read in this sentence and
the ones before it, the sources of the figures before this one, the noun phrases of the
sentence, and "none" (the outlet states the figure itself). Each carries plain features:
which generators proposed it and how far back, its shape (a person, a body, an acronym, a
document, a place, a date), how often the article names it, and the sentence's own shape.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
from dataclasses import dataclass, field

from tally import lexicon
from tally.extract import attribution, names
from tally.extract.choose.context import ArticleView
from tally.extract.lemmas import lemma
from tally.types import Claim

NONE = ""  # the key of the "no source" candidate
_STOP = {"the", "a", "an", "s", "of", "'s", "according", "to"}
_TIME_WORDS = lexicon.words("calendar.months", "calendar.weekdays", "calendar.time_nouns", "calendar.seasons")
_SAY = lexicon.words("verbs.speech", "verbs.report", "verbs.evidence")
_ORG_WORDS = lexicon.words("roles.organisation_words")
_GENERIC = lexicon.words("roles.generic_bodies")
_CUE = re.compile(r"\b(?:according to|as per|citing|cited|quoting|data|figures|statistics|tally|count)\b", re.IGNORECASE)
LOOKBACK = 6
FAR = 30  # sentences before the figure's whose speakers are candidates
LEAD = 3  # and the article's first sentences


@dataclass
class Candidate:
    """One possible answer: its text, the generator that proposed it first, its features."""

    text: str | None
    generator: str
    features: dict[str, float] = field(default_factory=dict)


def propose(found: dict[str, Candidate], ident: str, text: str | None, generator: str, feats: dict[str, float]) -> None:
    """Add a candidate under ``ident``, or merge another generator's proposal of it: the first
    generator names it; distances keep their least value, flags their largest."""
    cand = found.get(ident)
    if cand is None:
        cand = found[ident] = Candidate(text, generator)
    for f, v in feats.items():
        old = cand.features.get(f)
        cand.features[f] = v if old is None else (min(old, v) if f.endswith("_dist") else max(old, v))


def key(name: str | None) -> str:
    """The form two spellings of one source share ("the UN's" and "UN")."""
    if not name:
        return NONE
    words = [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _STOP]
    return " ".join(words)


def candidates(view: ArticleView, k: int) -> list[Candidate]:
    """The candidate sources of the view's k-th claim, "none" included."""
    claim = view.claims[k]
    here = view.sentence_of(claim)
    found: dict[str, Candidate] = {}

    def add(name: str | None, generator: str, **feats: float) -> None:
        if name:
            # Short names made whole, as the rules do; a sentence's many noun phrases only cleaned.
            name = names.clean_name(name)
            name = name if generator == "noun-phrase" else names.full_name(name, view.article.text)
        ident = key(names.strip_titles(name)) if name else NONE  # "Colonel Amir Haddad" is Amir Haddad
        if name is not None and not ident:
            return
        propose(found, ident, name, generator, feats)

    rule = claim.rules.get("source", "")
    add(claim.source, "rules", g_rules=1.0, **{f"rule:{part}": 1.0 for part in _rule_parts(rule)})
    add(None, "none", g_none=1.0)
    paragraph = view.sentences[here].paragraph
    rank: dict[str, int] = {}  # the speakers before the figure, the most recent first
    for j in _lookback(here):
        back = here - j
        sentence = view.sentences[j]
        for order, (name, how) in enumerate(reversed(sentence.speakers)):
            ident = key(name)
            if back > 0:
                rank.setdefault(ident, len(rank))
            add(name, "speaker-here" if back == 0 else "speaker-back", g_speaker=1.0,
                speaker_dist=float(min(back, LOOKBACK * 3)), speaker_order=float(order),
                speaker_rank_dist=float(rank.get(ident, 0)) if back else 0.0,
                speaker_same_paragraph=float(sentence.paragraph == paragraph),
                speaker_paragraph_dist=float(min(paragraph - sentence.paragraph, 10)),
                **{f"speaker_rule:{p}": 1.0 for p in _rule_parts(how)})  # fmt: skip
    for ahead in (1, 2):
        j = here + ahead
        if j < len(view.sentences) and view.sentences[j].paragraph == paragraph:
            for name, how in view.sentences[j].speakers:
                add(name, "speaker-after", g_after=1.0, after_dist=float(ahead))
    for back, prev in enumerate(reversed(view.claims[max(0, k - 8) : k]), start=1):
        if prev.source:
            gap = here - view.sentence_of(prev)
            add(prev.source, "previous-figure", g_previous=1.0, previous_dist=float(back),
                previous_sentence_dist=float(gap))
    doc = view.sentences[here].doc
    if doc is not None:
        figure_at = claim.start - claim.sentence_start
        figure = doc.char_span(figure_at, figure_at + len(claim.mention), alignment_mode="expand")
        above = {t.i for t in figure.root.ancestors} if figure is not None else set()
        for chunk in doc.noun_chunks:
            root = chunk.root
            if root.pos_ in ("PRON", "NUM") or root.like_num or any(t.like_num for t in chunk):
                continue
            if attribution.is_document(names.clean_name(chunk.text).lower()):
                continue  # "Estimates of the dead range ...": a document with no author speaks for nobody
            head = root.head
            add(chunk.text, "noun-phrase", g_phrase=1.0,
                phrase_subject=float(root.dep_ in ("nsubj", "nsubjpass")),
                phrase_pobj=float(root.dep_ == "pobj"),
                phrase_speech_head=float(lemma(head) in _SAY),
                phrase_governs=float(head.i in above and root.dep_ in ("nsubj", "nsubjpass")),
                phrase_clause_head=float(any(c.dep_ in ("ccomp", "xcomp") for c in head.children)),
                phrase_entity=float(any(t.ent_type_ for t in chunk)),
                phrase_after=float(chunk.start_char > figure_at),
                phrase_tok_dist=float(min(abs(chunk.start_char - figure_at), 400)) / 10.0)  # fmt: skip
    out = list(found.values())
    shared = _sentence_features(view, k, here)
    shared["s_last_speaker_dist"] = float(min(_last_speaker(view, here), 30))
    shared["s_speakers_before"] = float(min(len(rank), 10))
    for cand in out:
        cand.features.update(shared)
        cand.features.update(_shape(cand.text, view, claim))
    return out


def _lookback(here: int) -> list[int]:
    """The sentences whose speakers may own a figure of sentence ``here``: this one, the
    FAR sentences before it, and the article's lead (bounded, so that a long article costs
    linear time)."""
    near = list(range(here, max(-1, here - FAR - 1), -1))
    return near + [j for j in range(min(LEAD, here - FAR)) if j not in near]


def _last_speaker(view: ArticleView, here: int) -> int:
    """How many sentences back the last speaker was named (a large number when none was)."""
    for j in _lookback(here)[1:]:
        if view.sentences[j].speakers:
            return here - j
    return 99


def _rule_parts(rule: str) -> list[str]:
    parts = re.split(r"[+()]", rule)
    return [p for p in parts if p]


def _sentence_features(view: ArticleView, k: int, here: int) -> dict[str, float]:
    claim = view.claims[k]
    sentence = view.sentences[here]
    before = view.sentences[here - 1] if here else None
    figures_here = view.claims_in(here)
    return {
        "s_speakers": float(len(sentence.speakers)),
        "s_prev_speakers": float(len(before.speakers)) if before else 0.0,
        "s_rules_none": float(claim.source is None),
        "s_figures": float(len(figures_here)),
        "s_figure_order": float(figures_here.index(claim)) if claim in figures_here else 0.0,
        "s_index": float(min(here, 40)),
        "s_first_in_paragraph": float(before is None or before.paragraph != sentence.paragraph),
        "s_continues": float(attribution.continues_report(sentence.text)),
        "s_leans": float(attribution.leans_on_previous(sentence.text)),
        "s_quoted": float(any(q in sentence.text for q in ('"', "“", "”"))),
        "s_list_line": float(len(sentence.text) < 80 and bool(re.search(r"[:–—-]\s*[\d,.]+\s*$", sentence.text))),
        "s_length": float(min(len(sentence.text), 600)) / 10.0,
        "s_parsed": float(sentence.doc is not None),
        "s_say_word": float(sentence.doc is not None and any(lemma(t) in _SAY for t in sentence.doc)),
        "s_cue": float(bool(_CUE.search(sentence.text))),
    }


def _shape(text: str | None, view: ArticleView, claim: Claim) -> dict[str, float]:
    if not text:
        return {"is_none": 1.0}
    words = text.split()
    low = text.lower()
    heads = [w for w in re.findall(r"[a-z0-9]+", low) if w not in _STOP]
    head = heads[-1] if heads else ""
    first = view.first_offset(head) if head else -1
    return {
        "is_none": 0.0,
        "n_words": float(len(words)),
        "acronym": float(bool(re.fullmatch(r"[A-Z][A-Z.&-]{1,9}", text))),
        "capitalised": float(text[:1].isupper()),
        "all_capitalised": float(all(w[:1].isupper() for w in words if w.lower() not in _STOP)),
        "person": float(names.looks_like_person(text)),
        "pronoun": float(low in names.PRONOUNS),
        "document": float(attribution.is_document(low)),
        "org_word": float(bool(_ORG_WORDS & set(heads))),
        "generic_body": float(low.removeprefix("the ") in _GENERIC),
        "place": float(names.is_place(text)),
        "time_word": float(bool(_TIME_WORDS & set(heads))),
        "lower_start": float(text[:1].islower()),
        "digit": float(any(ch.isdigit() for ch in text)),
        "head_count": float(min(view.word_count(head), 20)) if head else 0.0,
        "first_before_figure": float(0 <= first < claim.start),
        "first_offset": float(min(abs(claim.start - first), 5000)) / 100.0 if first >= 0 else 60.0,
    }
