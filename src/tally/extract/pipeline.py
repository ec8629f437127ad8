"""The extractor: sentences -> figures -> parsed context -> Claims.

Sentences are split by spaCy's rule-based sentencizer and searched for figures with plain
regular expressions; only the sentences that hold a figure (and the ones they lean on) go
through the statistical model, since most news sentences hold no number.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from spacy.tokens import Doc, Span, Token

from tally import lexicon
from tally.dates import WIRE_AGENCIES, Anchor, find_dates, latest_date, parse_iso

# attributes and entities register their pipeline components with spaCy.
from tally.extract import attributes, attribution, choose, entities, fields, meaning, names, parallel  # noqa: F401
from tally.extract.asof import figure_date
from tally.extract.counted import counted_unit
from tally.extract.mentions import Mention, find_mentions
from tally.extract.model import load_model, sentencizer
from tally.extract.quotes import quote_regions
from tally.extract.runs import tokenizable
from tally.types import ANCHOR_DATE_ORIGINS, Article, Claim, Part

_DATELINE = re.compile(
    rf"^[A-Z][A-Za-z .'’-]{{1,40}}(?:,\s*(?:[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}\s*)?)?\s*\((?:{WIRE_AGENCIES})\)"
    r"\s*[-–—]+\s*|^[A-Z]{3}[A-Z .'-]*\s*[-–—](?P<gap>\s+)[A-Z]"
    # "Makkah, 20 June 2024 – ...", "LIMA, May 4, 2024: ...": a place and a full date.
    r"|^[A-Z][\w .'’-]{1,40},\s+(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2}),?\s+\d{4}\s*[-–—:]\s*"
    # A scraped page's time stamp before its first words: "date 2023-03-20 Amazon said ..."
    r"|^(?:date:?\s+)?\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d)?)?(?P<gap2>\s+)\S"
)
# Where the sentence starts after a dateline: the two branches above that check the next
# character (no look-ahead on RE2) end at their "gap".


def _dateline_end(m: re.Match[str]) -> int:
    for gap in ("gap", "gap2"):
        if m.start(gap) >= 0:
            return m.end(gap)
    return m.end()

_HEDGED = ("about", "at_least", "at_most")
# The longest sentence parsed whole; a longer one (a table pasted as text, a run-on line) is
# cut into pieces. News sentences run to a few hundred characters.
MAX_SENTENCE_CHARS = 1000
MAX_BLOCK_CHARS = 10_000  # the longest run of a line tokenized as one doc
# Between two figures of one clause joined by "and": "at least 156 people were killed and 151",
# "132 South Koreans and 26 foreigners were killed".
_JOINED_PAIR = re.compile(r"^(?:\s+[\w'’-]+){0,4}\s+and\s+$")
_ANAPHORIC = re.compile(
    r"^\s*(?:(?:this|these|those|the|that) (?:group|troops|soldiers|forces|units?|men|contingent|people|figure)"
    r"|they|their|them|its|it|of (?:them|those|these)|among (?:them|those|these)|some of (?:them|those))\b",
    re.IGNORECASE,
)


@dataclass
class _Sentence:
    start: int
    text: str
    part: Part
    paragraph: int
    mentions: list[Mention]
    doc: Doc | None = None


@dataclass
class _Plan:
    sentences: list[_Sentence]
    wanted: list[int]
    parsed: dict[int, Doc] = field(default_factory=dict)


def split_sentences(text: str, article: Article | None = None) -> Iterator[_Sentence]:
    """Sentences with their offsets and parts; paragraphs (lines) never share a sentence.

    Sentences are tokenized once, with the model's tokenizer, so that the ones worth
    parsing go to the model without being tokenized again.
    """
    nlp = load_model()
    sentencizer_ = sentencizer()
    for number, (offset, line) in enumerate(_paragraphs(text)):
        for at, block in _blocks(line) if line.strip() else ():
            line_doc = sentencizer_(nlp.make_doc(tokenizable(block)))
            for sent in line_doc.sents:
                # Slicing the line is much cheaper than Span.text, which walks every token.
                raw = block[sent.start_char : sent.end_char]
                s = raw.strip()
                if not s:
                    continue
                start = offset + at + sent.start_char + (len(raw) - len(raw.lstrip()))
                part: Part = article.part_at(start) if article is not None else "body"
                dateline = _DATELINE.match(s)
                if dateline:
                    # "KYIV, Feb 7 (Reuters) - ...": the wire's dateline is no part of the sentence.
                    cut = _dateline_end(dateline)
                    s, start = s[cut:], start + cut
                    mentions = find_mentions(s)
                    yield _Sentence(start, s, part, number, mentions, None)
                    continue
                if len(s) > MAX_SENTENCE_CHARS:
                    yield from _long_sentence(s, start, part, number)
                    continue
                mentions = find_mentions(s)
                whole = sent.start == 0 and sent.end == len(line_doc)
                doc = (line_doc if whole else sent.as_doc()) if mentions and raw == s else None
                yield _Sentence(start, s, part, number, mentions, doc)


_OPEN_END = re.compile(r"[\w,]$")  # a line that stops mid-sentence: no closing punctuation


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """The text's paragraphs with their offsets: its lines, or in hard-wrapped text (most
    lines stop mid-sentence), the runs of lines between blank lines and full stops."""
    lines = text.split("\n")
    open_ends = sum(1 for a, b in zip(lines, lines[1:]) if b.strip() and _OPEN_END.search(a.rstrip()))
    wrapped = open_ends >= 4 and open_ends * 2 >= sum(1 for line in lines if line.strip())
    offset, start = 0, 0
    run: list[str] = []
    for line in lines:
        if not run:
            start = offset
        run.append(line)
        offset += len(line) + 1
        if not (wrapped and line.strip() and _OPEN_END.search(line.rstrip())):
            yield start, " ".join(run)  # a space for each line break: offsets stay the same
            run = []
    if run:
        yield start, " ".join(run)


def _blocks(line: str) -> Iterator[tuple[int, str]]:
    """A line as blocks of at most MAX_BLOCK_CHARS, cut after a full stop where there is one.

    ``Span.as_doc`` copies the whole doc a sentence belongs to, so the sentences of one
    long line (a paragraph without line breaks) would cost quadratic time in one doc.
    """
    at = 0
    while len(line) - at > MAX_BLOCK_CHARS:
        cut = line.rfind(". ", at, at + MAX_BLOCK_CHARS)
        cut = cut + 2 if cut > at else line.rfind(" ", at, at + MAX_BLOCK_CHARS) + 1
        if cut <= at:
            cut = at + MAX_BLOCK_CHARS
        yield at, line[at:cut]
        at = cut
    yield at, line[at:]


def _long_sentence(text: str, start: int, part: Part, paragraph: int) -> Iterator[_Sentence]:
    """A sentence longer than MAX_SENTENCE_CHARS as pieces cut at a clause or word break.

    What the extractor does per sentence grows with its length times its figures (each
    figure's clause, cues and links are looked for among the others), so a pasted table or a
    hostile run-on line would cost quadratic time; pieces of bounded length keep it linear.
    """
    at = 0
    while at < len(text):
        cut = len(text) - at
        if cut > MAX_SENTENCE_CHARS:
            window = text[at : at + MAX_SENTENCE_CHARS]
            cut = max(window.rfind("; "), window.rfind(", "))
            if cut < MAX_SENTENCE_CHARS // 2:
                cut = window.rfind(" ")
            cut = cut + 1 if cut > 0 else MAX_SENTENCE_CHARS
        raw = text[at : at + cut]
        piece = raw.strip()
        if piece:
            offset = at + len(raw) - len(raw.lstrip())
            yield _Sentence(start + offset, piece, part, paragraph, find_mentions(piece), None)
        at += cut


def extract_claims(
    text: str,
    published: str | None = None,
    models: choose.Models | None | Literal["default"] = "default",
    figures: choose.Figures = "claims",
) -> list[Claim]:
    """Every figure in a text, as Claims.

    Args:
        text: Plain article text.
        published: The publication date (ISO), if known; relative dates resolve against it.
        models: The trained choosers (see :func:`extract_many`); None for the rules alone.
        figures: "claims", or "all" for every figure found (see :func:`extract_many`).

    Returns:
        One Claim per figure, in text order; offsets are into ``text``.
    """
    article = Article(id="", origin="", text=text, published=published,
                      published_origin="given" if published else None)  # fmt: skip
    return extract_many([article], models=models, figures=figures)[0]


def extract_article(article: Article) -> list[Claim]:
    """Every figure in an article, body, comments and furniture alike, marked by part."""
    return extract_many([article])[0]


def extract_many(
    articles: Iterable[Article],
    batch_size: int = 256,
    processes: int = 1,
    models: choose.Models | None | Literal["default"] = "default",
    figures: choose.Figures = "claims",
) -> list[list[Claim]]:
    """Claims for many articles, parsing their sentences in shared batches (much faster).

    Args:
        articles: The articles.
        batch_size: How many sentences the model parses at once.
        processes: How many processes extract: 1 for this one only, 0 for one per CPU core
            when there is enough text to be worth it (see ``tally.extract.parallel``).
        models: The trained choosers of source and as_of: the ones shipped with Tally, your
            own (``tally train``), or None for the rules' answers alone.
        figures: "claims" leaves out the figures the trained model judges no claim (a
            duration, an article number, a count in a caption...); "all" keeps every figure
            found, as a quantity extractor would, its judgement in ``confidence``.

    Returns:
        One list of claims per article, in the order given.
    """
    items = list(articles)
    workers = parallel.worker_count(items, processes) if processes != 1 else 1
    if workers > 1 and models == "default" and figures == "claims":
        return parallel.extract_parallel(items, workers, batch_size)  # the workers read as the defaults
    views = extract_views(items, batch_size)
    chosen = choose.apply(views, choose.default_models() if models == "default" else models, figures)
    # What classify and reconcile read of each sentence, from the figures already found in it.
    return [fields.fill(claims, {s.text: s.figures for s in view.sentences}) for view, claims in zip(views, chosen)]


def extract_views(articles: Iterable[Article], batch_size: int = 256) -> list[choose.ArticleView]:
    """The rules' reading of each article (sentences, parses, claims) before any model chooses.

    What ``tally train`` learns from: :func:`tally.extract.choose.apply` turns views into claims.
    """
    items = list(articles)
    plans = [_plan(a) for a in items]
    jobs = [(k, i) for k, plan in enumerate(plans) for i in plan.wanted]
    nlp = load_model()
    inputs = (plans[k].sentences[i].doc or tokenizable(plans[k].sentences[i].text) for k, i in jobs)
    for (k, i), doc in zip(jobs, nlp.pipe(inputs, batch_size=batch_size)):
        plans[k].parsed[i] = doc
    return [_assemble(article, plan) for article, plan in zip(items, plans)]


def _plan(article: Article) -> _Plan:
    sentences = list(split_sentences(article.text, article))
    wanted = set()
    for i, s in enumerate(sentences):
        if s.mentions:
            wanted.add(i)
            before = sentences[i - 1].text if i > 0 else ""
            if i > 0 and (attribution.leans_on_previous(s.text) or _SPEAKS.search(before) or before.endswith(":")):
                wanted.add(i - 1)  # its source may carry over to this sentence
    return _Plan(sentences, sorted(wanted))


def _assemble(article: Article, plan: _Plan) -> choose.ArticleView:
    sentences = plan.sentences
    view = choose.ArticleView(article, [
        choose.SentenceView(s.start, s.text, s.paragraph, s.part, figures=[(m.start, m.end) for m in s.mentions])
        for s in sentences
    ])  # fmt: skip
    anchor = _anchor(article, sentences)
    quotes = quote_regions(article.text)
    claims: list[Claim] = []
    previous: attribution.Attribution = attribution.Attribution(None)
    previous_actor: str | None = None
    previous_at: tuple[int, str] = (-9, "body")  # the previous sentence's index and part
    previous_found: list[Claim] = []
    context = attribution.Context()
    for i, s in enumerate(sentences):
        dates = find_dates(s.text, anchor)
        doc = plan.parsed.get(i)
        view.sentences[i].dates, view.sentences[i].doc = dates, doc
        if doc is None:
            previous, previous_actor = attribution.Attribution(None), None
            continue
        context.text = article.text[max(0, s.start - 3000) : s.start]  # enough to find the last name
        attr = attribution.resolve_pronoun(attribution.sentence_attribution(doc[:]), context)
        if attr.source is None and s.text.endswith(":"):
            attr = attribution.lead_in(doc[:])  # "Officials gave the deaths by district:" and a list
        view.sentences[i].speakers = [(name, attr.rule_for(name)) for name in attr.chain]
        spoke = names.full_name(attr.source, article.text) if attr.source else None  # "Cooper" -> "Roy Cooper"
        if names.looks_like_person(spoke):
            context.person = spoke
        elif attr.source is not None:
            context.body = attr.source
        context.sources.extend(attr.chain)
        if attr.source is None and previous.source and attribution.continues_report(s.text):
            attr = attribution.carried_over(previous, "continues-report")
        adjacent = previous.own and i - previous_at[0] == 1 and s.part == previous_at[1]
        if attr.source is None and previous.source and adjacent and _inside_open_quote(article.text, s.start):
            # 'They claimed half a million, tweeting: "What a day! Over 500k are here."'
            attr = attribution.carried_over(previous, "quote-continues")
        # Only a sentence that carries on ("Among them", "This group", "They") inherits
        # the previous sentence's actor.
        inherited = previous_actor if _ANAPHORIC.match(s.text) or attribution.continues_report(s.text) else None
        found = _claims_in(s, doc, attr, dates, quotes, inherited, article)
        if attr.source is None and previous.source and adjacent and _same_report(found, previous_found, s.text, plan.parsed.get(i - 1)):
            # The sentence right after an attributed one goes on with the same count ("Jena said
            # the toll had risen to 288. At least 1,175 people were injured.").
            attr = attribution.carried_over(previous, "previous-sentence")
            found = _claims_in(s, doc, attr, dates, quotes, inherited, article)
        found = _documents_speak_for_bodies(found, context)
        claims.extend(found)
        previous_found = found
        previous, previous_at = attr, (i, s.part)
        previous_actor = next((c.actor for c in found if c.actor), None)
    view.claims = claims
    return view


def _inside_open_quote(text: str, start: int) -> bool:
    """Whether ``start`` lies inside a quotation opened earlier in its paragraph."""
    paragraph = text[text.rfind("\n", 0, start) + 1 : start]
    return paragraph.count("“") > paragraph.count("”") or paragraph.count('"') % 2 == 1


def _documents_speak_for_bodies(found: list[Claim], context: attribution.Context) -> list[Claim]:
    """'"...," the statement read.': a quoted document speaks for the body that spoke last."""
    out = []
    for c in found:
        if c.rules.get("source") == "quote-speaker" and attribution.is_document((c.source or "").lower()):
            if context.body is not None:
                c = replace(c, source=context.body, source_chain=[context.body],
                            rules={**c.rules, "source": "quote-speaker+document-of-last-body"})
        out.append(c)
    return out


_CURRENCIES = frozenset(lexicon.mapping("units.currency_symbols").values()) | frozenset(lexicon.mapping("units.currency_words").values())
_SPEAKS = re.compile(rf"\b{lexicon.inflected('verbs.speech')}\b", re.IGNORECASE)
_BACK_TO_COUNT = re.compile(rf"\b{lexicon.alternation('roles.count_anaphora')}\b", re.IGNORECASE)


def _same_report(found: list[Claim], before: list[Claim], sentence: str, before_doc: Doc | None) -> bool:
    """Whether a sentence's figures go on with the report of the sentence before: they point
    back at it ("among the dead", "of them") or count the harm it spoke of."""
    if _BACK_TO_COUNT.search(sentence):
        return True
    mine = {c.outcome for c in found if c.outcome} & meaning.HARM
    theirs = {c.outcome for c in before if c.outcome} & meaning.HARM
    if not theirs and before_doc is not None:
        theirs = meaning.outcomes_named(before_doc[:]) & set(meaning.HARM)  # "The additional victim is ..."
    return bool(mine and theirs) and all(c.outcome in meaning.HARM for c in found)


def _anchor(article: Article, sentences: list[_Sentence]) -> Anchor:
    known = article.published_origin in ANCHOR_DATE_ORIGINS
    day = parse_iso(article.published)
    if day is None:
        body = " ".join(s.text for s in sentences if s.part == "body")
        day = latest_date(body)
    return Anchor(day if isinstance(day, date) else None, known)


def _claims_in(
    s: _Sentence,
    doc: Doc,
    attr: attribution.Attribution,
    dates: list,
    quotes: list[tuple[int, int, str]],
    previous_actor: str | None,
    article: Article,
) -> list[Claim]:
    out: list[Claim] = []
    mentions = s.mentions
    name = article.name if article.origin else None
    last_actor: str | None = None
    for k, m in enumerate(mentions):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        others = [(o.start, o.end) for o in mentions if o is not m]
        left_edge, right_edge = meaning.clause_bounds(s.text, m.start, m.end, others)
        window = doc.char_span(left_edge, right_edge, alignment_mode="expand") or doc[:]
        left = s.text[left_edge : m.start]
        noun = meaning.head_noun(span) if m.unit_hint is None else None
        before = (s.text[mentions[k - 1].end : m.start], out[-1]) if k and out else None
        unit, unit_rule = counted_unit(s.text, m, span, noun, left, before)
        outcome = meaning.outcome_of(window, span, noun)
        if outcome == "casualties" and unit in _CURRENCIES:
            outcome = None  # "lost $300 million": money is no casualty
        if unit is None and outcome in meaning.HARM:
            # "over 1,000 injured"; "the toll ... 288" counts deaths
            unit, unit_rule = meaning.outcome_word(window, outcome), "outcome-word"
        actor = meaning.actor_of(noun, span, window, last_actor, attr.tokens) or previous_actor
        source, chain, source_rule = _source(s, m, mentions, span, attr, quotes, article.text)
        speech = set(attr.by_verb) if attr.doc is doc else set()
        when = figure_date(m.start, m.end, s.text, dates, doc, speech, article, [(o.start, o.end) for o in mentions])
        modality = meaning.modality_of(left, s.text[m.end : right_edge], s.text)
        previous = (s.text[mentions[k - 1].end : m.start], out[-1].trend) if k and out else None
        trend = meaning.figure_trend(m, left, s.text[m.end :], outcome, previous)
        low, high, approx = m.low, m.high, m.approx
        approx_rule: str = "hedge-phrase" if approx in _HEDGED else approx
        if previous and approx == "exact" and out[-1].approx in _HEDGED and meaning.restates(previous[0]):
            # "more than 100 kilometres (60 miles)": the restated figure keeps the hedge.
            approx, approx_rule = out[-1].approx, "restated-figure-keeps-hedge"
            low, high = (None, m.low) if approx == "at_most" else (m.low, None)
        elif (previous and approx == "exact" and out[-1].approx in _HEDGED and _JOINED_PAIR.match(previous[0])
              and unit_rule not in ("counted-noun", "unit-word")):
            # "At least 156 people were killed and 151 others injured": one hedge for both, when
            # the second has no noun of its own ("about 90 miles wide and 175 miles long" has).
            approx, approx_rule = out[-1].approx, "hedge-shared-by-joined-pair"
            low, high = (None, m.low) if approx == "at_most" else (m.low, None)
        claim = Claim(
            sentence=s.text,
            mention=m.text,
            start=s.start + m.start,
            end=s.start + m.end,
            low=low,
            high=high,
            approx=approx,
            unit=unit,
            actor=actor,
            outcome=outcome,
            source=source,
            source_chain=chain,
            as_of=when.value,
            as_of_basis=when.basis,
            modality=modality,
            trend=trend,
            part=s.part,
            confidence=_confidence(m, unit, source),
            sentence_start=s.start,
            article_id=article.id or None,
            doc=name,
            rules={"as_of": when.rule, "source": source_rule, "unit": unit_rule, "approx": approx_rule},
        )
        if before is not None and out[-1].outcome is None and outcome in meaning.HARM and _JOINED_PAIR.match(before[0]):
            # "132 South Koreans and 26 foreigners were killed": one verb for both figures.
            out[-1] = replace(out[-1], outcome=outcome)
        out.append(claim)
        last_actor = actor or last_actor
    return out


def _source(
    s: _Sentence,
    m: Mention,
    mentions: list[Mention],
    span: Span,
    attr: attribution.Attribution,
    quotes: list[tuple[int, int, str]],
    text: str,
) -> tuple[str | None, list[str], str]:
    at = s.start + m.start
    for start, end, speaker in quotes:
        if start <= at < end:
            name = names.full_name(speaker, text)
            return name, [name], "quote-speaker"
    own = attr.for_figure(span)
    if own is None:
        return None, [], "outlet-itself"
    own = _own_according_to(s.text, m, mentions, attr) or own
    chain = [names.full_name(c, text) for c in attr.chain_for(span)]
    return names.full_name(own, text), chain, attr.rule_for(own)


_ACCORDING_TO = re.compile(r"\baccording to\b", re.IGNORECASE)


def _own_according_to(sentence: str, m: Mention, mentions: list[Mention], attr: attribution.Attribution) -> str | None:
    """In "8,500 according to police, 120,000 according to the organisers" each figure takes the
    "according to" that follows it before the next figure."""
    phrases = [p.start() for p in _ACCORDING_TO.finditer(sentence)]
    cited = [n for n in attr.chain if attr.rules.get(n) == "according-to"]
    if len(phrases) < 2 or len(phrases) != len(cited):
        return None
    following = [f.start for f in mentions if f.start > m.start]
    stop = following[0] if following else len(sentence)
    mine = [i for i, at in enumerate(phrases) if m.end <= at < stop]
    return cited[mine[0]] if mine else None


def _confidence(m: Mention, unit: str | None, source: str | None) -> float:
    score = 0.6
    if unit:
        score += 0.2
    if source:
        score += 0.1
    if re.search(r"\d", m.text):
        score += 0.1
    return round(min(score, 1.0), 2)
