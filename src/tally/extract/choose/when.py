"""As of when a figure holds: candidate dates and what a model needs to know of each.

Candidates are the rules' own answer, every date the figure's sentence and the two before it
resolve to, the publication date, the date of the figure before, and "none". Features say
where the date stands from the figure and which word leads into it ("as of", "on", "since"),
how precise it is, how it compares with the publication date, and the sentence's shape.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
from datetime import date

from tally import lexicon
from tally.dates import parse_iso
from tally.extract.choose.context import ArticleView
from tally.extract.choose.who import Candidate, _rule_parts, key, propose
from tally.types import Claim

_CUES = ("as of", "as at", "on", "since", "by", "until", "through", "in", "from", "between", "last", "this",
         "early", "late", "mid", "of", "at", "to", "before", "after", "during", "end")  # fmt: skip
_SAY = lexicon.inflected("verbs.speech", "verbs.report")
_SAID = re.compile(rf"\b{_SAY}\b", re.IGNORECASE)
_WEEKDAY = re.compile(rf"\b{lexicon.alternation('calendar.weekdays')}\b|\b(?:yesterday|today|tonight)\b", re.IGNORECASE)


def candidates(view: ArticleView, k: int) -> list[Candidate]:
    """The candidate dates of the view's k-th claim, "none" included."""
    claim = view.claims[k]
    here = view.sentence_of(claim)
    published = view.article.published
    found: dict[str, Candidate] = {}

    def add(value: str | None, generator: str, **feats: float) -> None:
        propose(found, value or "", value, generator, feats)

    rule = claim.rules.get("as_of", "")
    add(claim.as_of, "rules", g_rules=1.0, **{f"rule:{p}": 1.0 for p in _rule_parts(rule)},
        **{f"basis:{claim.as_of_basis}": 1.0})  # fmt: skip
    add(None, "none", g_none=1.0)
    if published:
        add(published[:10], "published", g_published=1.0)
    at = claim.start - claim.sentence_start
    speaker = key(claim.source) if claim.source else "-"
    near = list(range(here, max(-1, here - 4), -1))
    for j in near + [j for j in range(min(2, here - 3)) if j not in near]:  # and the article's lead
        back = here - j
        sentence = view.sentences[j]
        for d in sentence.dates:
            if d.bare_year:
                continue  # a year alone dates no figure
            near_words = sentence.text[max(0, d.start - 25) : d.end + 25]
            feats = {"g_date": 1.0, "date_sentence_dist": float(back), "date_since": float(d.since),
                     "date_explicit": float(d.explicit), "date_bare_year": float(d.bare_year),
                     "date_with_source": float(speaker in {key(n) for n, _ in sentence.speakers}),
                     "date_speech_near": float(bool(_SAID.search(near_words))),
                     "date_in_lead": float(j < 2),
                     "date_weekday": float(bool(_WEEKDAY.search(d.text))),
                     "date_text_words": float(len(d.text.split()))}  # fmt: skip
            if back == 0:
                feats["date_after_figure"] = float(d.start >= at)
                feats["date_char_dist"] = float(min(abs(d.start - at), 300)) / 10.0
                lead = sentence.text[max(0, d.start - 12) : d.start].lower().split()
                cue = " ".join(lead[-2:]) if lead[-2:] == ["as", "of"] or lead[-2:] == ["as", "at"] else (lead[-1] if lead else "")
                if d.text.lower().startswith("as of"):
                    cue = "as of"
                if cue in _CUES:
                    feats[f"cue:{cue}"] = 1.0
                feats["date_between_speech"] = float(bool(_SAID.search(sentence.text[min(at, d.start) : max(at, d.end)])))
            add(d.value, "date-here" if back == 0 else "date-back", **feats)
    for back, prev in enumerate(reversed(view.claims[max(0, k - 4) : k]), start=1):
        if prev.as_of:
            add(prev.as_of, "previous-figure", g_previous=1.0, previous_dist=float(back),
                previous_text=float(prev.as_of_basis == "text"))  # fmt: skip
    shared = _sentence_features(view, claim, here)
    out = list(found.values())
    for cand in out:
        cand.features.update(shared)
        cand.features.update(_shape(cand.text, published))
    return out


def _sentence_features(view: ArticleView, claim: Claim, here: int) -> dict[str, float]:
    sentence = view.sentences[here]
    return {
        "s_dates": float(len(sentence.dates)),
        "s_live_dates": float(sum(1 for d in sentence.dates if not d.since)),
        "s_said": float(bool(_SAID.search(sentence.text))),
        "s_published_known": float(view.article.published_origin in ("given", "page")),
        "s_published_inferred": float(view.article.published_origin == "inferred"),
        "s_undated": float(not view.article.published),
        "s_index": float(min(here, 40)),
        "s_modality_reported": float(claim.modality == "reported"),
        "s_trend": float(claim.trend is not None),
        "s_source": float(claim.source is not None),
    }


def _shape(value: str | None, published: str | None) -> dict[str, float]:
    if not value:
        return {"is_none": 1.0}
    feats = {"is_none": 0.0, "precision": float(len(value))}
    day, pub = parse_iso(value), parse_iso(published)
    if day is not None and pub is not None:
        gap = (day - pub).days if len(value) >= 10 else _month_gap(day, pub)
        feats["days_from_published"] = float(max(-400, min(400, gap)))
        feats["after_published"] = float(gap > 0)
        feats["same_as_published"] = float(published is not None and published.startswith(value))
    return feats


def _month_gap(day: date, pub: date) -> int:
    return ((day.year - pub.year) * 12 + day.month - pub.month) * 30
