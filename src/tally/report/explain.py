"""One claim explained: its figure, its sentence, and the named rule behind each field.

Plain text, so that ``tally explain`` prints it and tests compare it exactly; nothing in it
is markup, since the sentence is untrusted text.
"""

from __future__ import annotations

from tally.types import Article, Claim

# The fields a rule decides, in the order a reader checks them.
EXPLAINED = ("approx", "unit", "source", "as_of")

RULES: dict[str, str] = {
    "exact": "no hedge: the figure as written",
    "range": "two figures joined as a range ('between N and M', 'N-M')",
    "vague": "a vague amount ('hundreds', 'dozens')",
    "hedge-phrase": "a hedge right before the figure ('about', 'more than', 'up to')",
    "restated-figure-keeps-hedge": "a figure restated in other units keeps the first one's hedge",
    "hedge-shared-by-joined-pair": "a hedge before two figures joined by 'and' covers both",
    "unit-word": "a unit written with the figure ('%', '$', 'km')",
    "counted-noun": "the noun the figure counts",
    "partitive-or-predicate": "'N of the X' or 'N were X'",
    "level-subject": "the subject of a level ('the toll rose to N', 'cases reached N')",
    "crowd": "a crowd counted without a noun ('70,000 joined')",
    "total-of-previous": "'bringing the total to N' counts what the figure before it did",
    "list-label": "the label of a list line ('Tanks: 4,000')",
    "linked-to-previous-figure": "no noun of its own, linked to the figure before it",
    "part-of-fronted-whole": "'Of the N X ..., M ...': the part counts the whole's noun",
    "outcome-word": "the word for what happened stands in for a unit ('300 killed')",
    "no-unit": "nothing in the sentence says what is counted",
    "said-subject": "the subject of a speech verb ('X said', 'X estimates')",
    "evidence-subject": "the subject of a verb of evidence ('X recorded', 'X found')",
    "according-to": "'according to X'",
    "citing": "'citing X'",
    "document-by": "a document's author ('a report by X')",
    "possessive-estimate": "'X's estimate'",
    "document": "a document speaks ('the new figures show')",
    "described-document": "a document with no author, as the text describes it ('a list circulating online suggests')",
    "quote-speaker": "the speaker of the quotation that holds the figure",
    "outlet-itself": "no source in the text: the outlet states it",
    "pronoun-last-person": "'he'/'she': the last person the article named",
    "pronoun-last-body": "'it'/'they': the last body that spoke",
    "role-noun-earlier-name": "'the company', 'the ministry': the body named before",
    "document-of-last-body": "a document speaks for the body that spoke last",
    "list-lead-in": "the speaker of the sentence that introduces the list",
    "continues-report": "the sentence goes on with the previous one's report ('Among them ...')",
    "previous-sentence": "the sentence right after an attributed one, on the same count",
    "quote-continues": "the sentence goes on with a quotation the previous one's speaker opened",
    "date-near-figure": "the date in the figure's own clause",
    "as-of-phrase": "'as of DATE'",
    "statement-date": "the day the source spoke ('said on Friday')",
    "figure-date-pairs": "figures and dates alternate: each figure takes the date after it",
    "year-of-publication": "a year alone, the article's own year: the publication date",
    "event-date-not-count-date": "the date of the event, not of the count: the publication date",
    "date-of-another-clause": "the sentence's date belongs to another clause: the publication date",
    "since-is-a-start": "'since DATE' is where a count starts: the publication date",
    "publication-date": "no date of its own: the article's publication date",
    "inferred-publication-date": "no date of its own: the article's inferred date",
    "no-date": "no date in the text and none for the article",
    "learned:speaker-here": "chosen by the trained model: a speaker the rules read in this sentence",
    "learned:speaker-back": "chosen by the trained model: a speaker named in a sentence before",
    "learned:speaker-after": "chosen by the trained model: a speaker named just after, in the same paragraph",
    "learned:previous-figure": "chosen by the trained model: the source of a figure before this one",
    "learned:noun-phrase": "chosen by the trained model: a noun phrase of this sentence",
    "learned:none": "chosen by the trained model: the outlet states it itself",
    "learned:published": "chosen by the trained model: the publication date",
    "learned:date-here": "chosen by the trained model: a date in this sentence",
    "learned:date-back": "chosen by the trained model: a date in a sentence before",
}


def describe_rule(rule: str) -> str:
    """A rule name in words; a chain ("said-subject+pronoun-last-person") reads left to right."""
    steps = rule.replace("(", "+").replace(")", "").split("+")
    return "; then ".join(RULES.get(step, step) for step in steps if step)


def explain(claim: Claim, article: Article | None = None) -> list[str]:
    """The lines that explain one claim: figure, sentence, article, then each field and its rule."""
    bounds = claim.low if claim.high is None else (claim.high if claim.low is None else f"{claim.low}–{claim.high}")
    lines = [
        f"claim {claim.id}: {claim.mention!r} = {bounds}",
        f"sentence: {claim.sentence}",
    ]
    if article is not None:
        lines.append(f"article: {article.name} ({article.outlet or 'no outlet'}, published "
                     f"{article.published or 'unknown'}{f', {article.published_origin}' if article.published_origin else ''})")
    for field in EXPLAINED:
        value = getattr(claim, field)
        if field == "as_of" and claim.as_of_basis:
            value = f"{value} ({claim.as_of_basis})"
        if field == "source" and claim.source_chain and len(claim.source_chain) > 1:
            value = f"{value} (via {' > '.join(claim.source_chain)})"
        rule = claim.rules.get(field)
        why = f"  [{rule}: {describe_rule(rule)}]" if rule else "  [no rule recorded]"
        lines.append(f"{field}: {value}{why}")
        if claim.rules.get(f"{field}.candidates"):
            lines.append(f"  candidates (trained model's scores): {claim.rules[f'{field}.candidates']}")
        if claim.rules.get(f"{field}.weights"):
            lines.append(f"  weighed most: {claim.rules[f'{field}.weights']}")
    for field in ("outcome", "actor", "modality", "trend", "quantity", "part"):
        lines.append(f"{field}: {getattr(claim, field)}")
    return lines
