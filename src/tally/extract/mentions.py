"""Find the figures in a sentence: numbers, ranges, hedges, shares, money and vague amounts.

Plain regular expressions over the sentence text, so the finder is cheap enough to run on
every sentence before any parsing; what is not a claim (dates, years, calibres, model names,
ordinals, times) is dropped here.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
from dataclasses import dataclass

from tally import lexicon
from tally.extract.nonclaims import HYPHEN_MEASURE as _HYPHEN_MEASURE
from tally.extract.nonclaims import is_not_a_claim
from tally.extract.numbers import (
    NUMBER,
    VAGUE_WORDS,
    WORD_NUMBER,
    parse_fraction,
    parse_number,
)
from tally.types import Approx

# Each approx kind's hedges, from the lexicon: its phrases and its context-bound patterns.
HEDGES: list[tuple[str, Approx]] = [
    (lexicon.alternation(f"hedges.{kind}")[3:-1] + "|" + "|".join(lexicon.entry(f"hedges.patterns.{kind}")), kind)
    if kind in lexicon.entry("hedges.patterns") else (lexicon.alternation(f"hedges.{kind}")[3:-1], kind)
    for kind in ("at_least", "at_most", "about")
]
# "bringing the total up to 145.5 million": a total raised to a figure, not a ceiling.
_RAISED_TO = re.compile(
    rf"\b{lexicon.alternation('hedges.raised_to.verbs')}\s+(?:[\w'’-]+\s+){{0,3}}"
    rf"{lexicon.alternation('numbers.totals', 'hedges.raised_to.estimates')}\s+(?:[\w'’-]+\s+){{0,2}}up\s+to\s*$",
    re.IGNORECASE
)
_HEDGE_RE = [
    (re.compile(rf"(?:^|[\s(\"'“])({h})\s*(?:of\s+)?(?:an?\s+)?$", re.IGNORECASE), a) for h, a in HEDGES
] + [(re.compile(r"(~|≈)\s*$"), "about")]
_CURRENCY_PRE = (
    r"(?:(?<![A-Za-z])PS(?=\d[\d,.]*(?:\d[,.]\d|m\b|bn\b|k\b|\s+(?:million|billion|thousand)\b))|(?<![A-Za-z])Y=|\$US\s?|US\s?\$|\$A|A\$|AU\$|C\$|CA\$|NZ\$|S\$|HK\s?\$|R\$|\$|€|£|¥|₩|₹|₴|₽"
    r"|(?<![A-Za-z])(?:USD|EUR|GBP|AUD|CAD|CHF|JPY|CNY|RMB|INR|KRW|UAH|RUB|RM|Rs\.?)\s?)"
)
_CURRENCY_CODES = lexicon.mapping("units.currency_symbols")

_CURRENCY_POST = lexicon.mapping("units.currency_words")
_PERCENT = r"\s?(?:%|per\s?cent\b|percent\b|percentage points?\b)"
_CONNECT = r"-|–|—|\s[-–—]\s|\s?to\s|\sor\s"

CORE = re.compile(
    # The lookahead only lets a match start at a digit, a symbol or the start of a word, so
    # that the search skips the inside of words quickly; it changes no match.
    rf"(?=[\d.$€£¥₩₹₴₽-]|\b[A-Za-z])(?P<cur>{_CURRENCY_PRE})?(?P<sign>(?<![\w.,-])-(?=\d)|\bminus[\s-])?(?P<a>{NUMBER})(?P<pa>{_PERCENT})?"
    rf"(?:(?P<conn>{_CONNECT}|\s+and\s+)(?P<cur2>{_CURRENCY_PRE})?(?P<b>{NUMBER}))?"
    rf"(?P<pct>{_PERCENT})?",
    re.IGNORECASE,
)
_NUMERATORS = "|".join(w for w, n in lexicon.mapping("numbers.units").items() if 1 <= n <= 9)
FRACTION = re.compile(
    rf"\b(?:(?:a|{_NUMERATORS})[\s-]{lexicon.alternation('numbers.fractions')}"
    r"(?=\s+of\b|\s*[.,;:)]|\s*$|\s+(?:in|on|at|by|from|since|to|and|or|last|this|over)\b)"
    r"|half(?=\s+(?:of|the|its|their|his|her)\b))",
    re.IGNORECASE,
)  # "a third of the unit", not "a third country"
# "1/2 pound", "3/4 of voters", "1⁄32 of a quart": a fraction with a slash. Denominators are
# those recipes and shares use, so that "9/11" and "24/7" stay names.
SLASHED = re.compile(
    r"(?<![\w/.⁄-])(?P<n>\d{1,2})\s*(?:/(?P<d>2|3|4|5|8|10|16|32|64|100|128)|⁄(?P<d2>\d{1,3}))"
    r"(?![\w/⁄.]|-\d|,\d)(?=\s*(?P<of>of\b)|\s*-?[a-z])",
    re.IGNORECASE,
)
# "a sixfold rise", "grew 2.5-fold": a multiple.
FOLD = re.compile(rf"\b(?P<n>\d+(?:\.\d+)?|{WORD_NUMBER}|hundred|thousand)-?fold\b", re.IGNORECASE)
# "one out of three Germans", "one in five adults": a share, in percent.
OUT_OF = re.compile(
    rf"\b(?P<part>{NUMBER})\s+(?:out\s+of|in)\s+(?:every\s+)?(?P<whole>{NUMBER})\b(?!\s*(?:%|per|percent|years?|months?|days?|cases?\b))",
    re.IGNORECASE,
)
VAGUE = re.compile(
    rf"\b{lexicon.alternation('numbers.vague', 'numbers.few')}\b(?=\s+(?:of\s+)?[a-z])",
    re.IGNORECASE,
)
# "No one was killed", "no deaths were reported": a count of zero.
ZERO = re.compile(
    r"\b(?:no[\s-]one|nobody|no\s+(?P<noun>deaths|casualties|fatalities|injuries|victims|people))\b"
    rf"(?=[^.;]{{0,40}}?\b(?:{lexicon.inflected('outcomes.killed', 'outcomes.wounded', 'outcomes.missing')}|reported|harmed|hospitali[sz]ed))",
    re.IGNORECASE,
)
ISO_DATE = re.compile(r"(?<![\d-])\d{4}-[01]\d-[0-3]\d(?:[T ]\d\d:\d\d(?::\d\d)?)?(?![\d-])")
_OF_A_POINT = re.compile(r"^\s+of\s+an?\s+(?:percentage\s+)?point\b", re.IGNORECASE)
# "one" as an article: "no one", "at one plant", "in one case".
_ONE_AS_ARTICLE = re.compile(r"\b(?:no|at|in|on)[\s-]$", re.IGNORECASE)
# "not 5,000 but 3,000": the figure denied gives way to the one asserted.
_DENIED_BEFORE = re.compile(r"\bnot\s+(?:even\s+)?$", re.IGNORECASE)
_DENIED_AFTER = re.compile(r"^[^.;,]{0,30}?\bbut\b", re.IGNORECASE)
_WINDOW = 80
_HEDGE_WINDOW = 48  # the longest hedge ("under the age of", "no fewer than") with room to spare
_FRACTION_WORDS = tuple(w.rstrip("s") for w in lexicon.words("numbers.fractions"))
_VAGUE_WORDS = tuple(lexicon.words("numbers.vague", "numbers.few"))
_BETWEEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_METRES_AFTER = re.compile(
    rf"^(?:\s*\(\s*[\d.,]+\s*(?:ft|feet|foot)\b|-?{lexicon.alternation('units.dimensions')}\b|\s+{lexicon.alternation('units.dimensions')}\b)",
    re.IGNORECASE,
)
_AGE_BEFORE = re.compile(r"\b(?:ages?\s+of|aged(?:\s+(?:under|over|between))?)\s+$", re.IGNORECASE)
_OR_SO = re.compile(r"^\s*(?:or so|or more|-plus|\+|\((?:estimated?|est\.?|approx\.?)\))", re.IGNORECASE)
_ATTACHED_UNIT = re.compile(r"^([a-zA-Z]{1,4})\b")
_ONE_COUNTS = re.compile(
    r"^\s+(?!(?:of|another|in|who|which|that|and|or|to|is|was|more|day|by|on|at|for|the|a|an|"
    r"hand|way|thing|side|point|time|another|must|can|could|would|should|will|may|might)\b)[a-z]{3,}",
)
_TREND_BEFORE = re.compile(rf"\b(?:{lexicon.inflected('trends.up', 'trends.down')}|up|down)\s+(?:by\s+)?$", re.IGNORECASE)


@dataclass
class Mention:
    """A figure found in a sentence; offsets are relative to the sentence."""

    start: int
    end: int
    text: str
    low: float | None
    high: float | None
    approx: Approx
    unit_hint: str | None = None


def find_mentions(sentence: str) -> list[Mention]:
    """All figures in one sentence, in order, non-claims (dates, calibres...) left out."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    # Substring tests rule out most of the rarer shapes without a regex scan of the sentence.
    lowered = sentence.lower()
    for iso in ISO_DATE.finditer(sentence) if "-" in sentence else ():
        taken.append((iso.start(), iso.end()))  # "On 2025-03-03, 500 troops left": a date
    fractions = FRACTION.finditer(sentence) if any(w in lowered for w in _FRACTION_WORDS) else ()
    for fm in fractions:
        if re.search(r"\b(?:first|second|last|latter|other)\s+$", sentence[: fm.start()], re.IGNORECASE):
            continue
        value = parse_fraction(fm.group(0))
        if value is not None:
            point = _OF_A_POINT.match(sentence[fm.end() :])
            if point:  # "a quarter of a percentage point" is 0.25 points, not 25%
                found.append(_hedged(sentence, fm.start(), fm.end() + point.end(), value / 100, None, "exact", "percentage points"))
                taken.append((fm.start(), fm.end() + point.end()))
                continue
            found.append(_hedged(sentence, fm.start(), fm.end(), value, None, "exact", "percent"))
            taken.append((fm.start(), fm.end()))
    for sm in SLASHED.finditer(sentence) if "/" in sentence or "⁄" in sentence else ():
        numerator, denominator = int(sm.group("n")), int(sm.group("d") or sm.group("d2"))
        if 0 < numerator < denominator:
            # A share of something ("3/4 of voters") is in percent like "three quarters";
            # "1/2 pound" is half of the unit that follows.
            share = sm.group("of") is not None
            value = (100 if share else 1) * numerator / denominator
            end, unit = sm.end(), "percent" if share else None
            if hyphen := _HYPHEN_MEASURE.match(sentence[end:]):
                end, unit = end + hyphen.end(), hyphen.group(1).lower()  # "a 3/4-inch pipe"
            found.append(_hedged(sentence, sm.start(), end, value, None, "exact", unit))
            taken.append((sm.start(), end))
    for fm in FOLD.finditer(sentence) if "fold" in lowered else ():
        times = parse_number(fm.group("n"))
        if times is not None:
            found.append(_hedged(sentence, fm.start(), fm.end(), times, None, "exact", "times"))
            taken.append((fm.start(), fm.end()))
    for om in OUT_OF.finditer(sentence):
        part, whole = parse_number(om.group("part")), parse_number(om.group("whole"))
        yearish = re.fullmatch(r"(?:18|19|20|21)\d\d", om.group("whole").strip()) is not None
        if part is not None and whole and part < whole and not yearish:  # "1,399 in 2023" is no share
            found.append(_hedged(sentence, om.start(), om.end(), 100 * part / whole, None, "exact", "percent"))
            taken.append((om.start(), om.end()))
    for zm in ZERO.finditer(sentence) if "no" in lowered else ():
        found.append(Mention(zm.start(), zm.end(), zm.group(0), 0.0, None, "exact", (zm.group("noun") or "people").lower()))
        taken.append((zm.start(), zm.end()))
    pos = 0
    while (m := CORE.search(sentence, pos)) is not None:
        pos = m.end()
        if any(s <= m.start() < e for s, e in taken):
            continue
        mention, consumed = _from_core(sentence, m)
        pos = consumed
        if mention is not None:
            found.append(mention)
            taken.append((mention.start, mention.end))
    for m in VAGUE.finditer(sentence) if any(w in lowered for w in _VAGUE_WORDS) else ():
        if any(s <= m.start() < e for s, e in taken):
            continue
        scale = VAGUE_WORDS.get(m.group(0).lower())
        # An order of magnitude, kept apart from real figures by approx="vague".
        low, high = (scale, scale * 10) if scale else (None, None)
        found.append(Mention(m.start(), m.end(), m.group(0), low, high, "vague"))
    found = [f for f in found if not (_DENIED_BEFORE.search(sentence[max(0, f.start - 12) : f.start])
                                      and _DENIED_AFTER.match(sentence[f.end :]))]
    found.sort(key=lambda x: x.start)
    return _join_unit_ranges(sentence, found)


def _join_unit_ranges(sentence: str, found: list[Mention]) -> list[Mention]:
    """Join "between 15kHz and 17kHz", where each end carries its unit, into one range."""
    out: list[Mention] = []
    for m in found:
        prev = out[-1] if out else None
        lead = _BETWEEN.search(sentence[max(0, prev.start - 10) : prev.start]) if prev else None
        if (prev is not None and lead is not None and prev.approx == m.approx == "exact"
                and prev.unit_hint is not None and prev.unit_hint == m.unit_hint
                and sentence[prev.end : m.start].lower() == " and "
                and prev.low is not None and m.low is not None and prev.low < m.low):
            start = prev.start - len(lead.group(0))
            out[-1] = Mention(start, m.end, sentence[start : m.end], prev.low, m.low, "range", m.unit_hint)
        else:
            out.append(m)
    return out


def _from_core(sentence: str, m: re.Match[str]) -> tuple[Mention | None, int]:
    """The mention a CORE match makes (or None), and where scanning goes on."""
    a_text = m.group("a")
    a_end = m.end("a") + len(m.group("pa") or "")
    if re.fullmatch(r"one", a_text.strip(), re.IGNORECASE) and not m.group("b") and not m.group("pa"):
        if not _ONE_COUNTS.match(sentence[m.end() :]) or _ONE_AS_ARTICLE.search(sentence[max(0, m.start() - 6) : m.start()]):
            return None, m.end()  # "one of", "one another", "no one", "at one plant": not a figure
    a = parse_number(a_text)
    if a is None:
        return None, m.end()
    # The cues before a number sit right before it; a bounded window keeps the end-anchored
    # searches from scanning the whole sentence for every number.
    left = max(0, m.start() - _WINDOW)
    before, after = sentence[left : m.start()], sentence[m.end() :]
    metres = a_text[-1:] in "mM" and a_text[-2:-1].isdigit() and not m.group("cur") and not m.group("b")
    if metres and _METRES_AFTER.match(after):
        a = parse_number(a_text[:-1]) or a  # "a 37m (121ft)-long skeleton": metres, not millions
        return _hedged(sentence, m.start(), m.end(), -a if m.group("sign") else a, None, "exact", "m"), m.end()
    if is_not_a_claim(sentence, m, a, before, after):
        b_value = parse_number(m.group("b")) if m.group("b") else None
        joined = (m.group("conn") or "").strip() in ("-", "–", "—")
        if b_value is None or (b_value < 100 and joined) or 1800 <= b_value <= 2100:
            return None, m.end()  # a year range like 1950-53 goes as a whole
        return None, m.start("b")
    if m.group("sign"):
        a = -a
    b = parse_number(m.group("b")) if m.group("b") else None
    conn = (m.group("conn") or "").strip().lower()
    between = bool(_BETWEEN.search(before))
    if b is not None and conn in ("-", "–") and a == int(a) and b == int(b) and (0 <= b <= a <= 30 or a == b):
        return None, m.end()  # a score ("won 2-1", "ended 2-2"), not a range
    if b is not None and conn == "and" and not between:
        b = None  # "300 and 400" without "between" is two figures
    if b is not None and conn in ("-", "–", "—") and (m.group("conn") or "")[:1].isspace() and a > b:
        b = None  # "45 – 20 at one plant, 25 at another": a total and its first part, no range
    if b is not None and conn == "or" and not _or_range(a, b, m, sentence[m.end() :]):
        b = None  # "5 or 3", "25k or 40k ... respectively": alternatives, not a range
    if b is not None and conn == "to" and (_TREND_BEFORE.search(before) or (m.group("pa") and not m.group("pct"))):
        # "rose 8% to 3.65", "fell 3 to 97": a change and a level; but "dropped by 1 to 1.5
        # degrees" is a range of the change (a level reached would be further off).
        if m.group("pa") or m.group("cur2") or not 0 < a < b <= 2 * a:
            b = None
    end = m.end() if b is not None else a_end
    if not m.group("b") and m.group("pct"):
        end = m.end()
    unit = None
    hyphen = _HYPHEN_MEASURE.match(sentence[end:]) if b is None and not m.group("pa") else None
    if hyphen and hyphen.group(1).lower() not in ("strong", "member"):
        unit = hyphen.group(1).lower().replace("-old", " old").replace("-", " ")
        end += hyphen.end()
    attached = _ATTACHED_UNIT.match(sentence[end:]) if b is None and not m.group("pa") and not hyphen else None
    if attached and text_digit(a_text) and sentence[end - 1 : end].isdigit():
        unit = attached.group(1)
        end += attached.end()
    if unit is None and _AGE_BEFORE.search(before):
        unit = "years"  # "children under the age of 5"
    if m.group("pa") or m.group("pct"):
        unit = "percent"
    cur = m.group("cur") or (m.group("cur2") if b is not None else None)
    if cur:
        unit = _CURRENCY_CODES.get(cur.strip().lower(), "USD")
    if b is not None:
        a = _borrow_scale(m.group("a"), m.group("b"), a)
        if a > b:
            if _is_year_range(a, b, m):
                return None, m.end()
            a, b = b, a
        between_m = _BETWEEN.search(before)
        start = left + between_m.start() if between_m else m.start()
        return _hedged(sentence, start, end, a, b, "range", unit), end
    return _hedged(sentence, m.start(), end, a, None, "exact", unit), end


def _or_range(a: float, b: float, m: re.Match[str], after: str) -> bool:
    """True when "N or M" gives one uncertain figure: "200 or 300 men", "two or three days"."""
    same_kind = text_digit(m.group("a")) == text_digit(m.group("b"))
    respectively = re.match(r"[^.;]{0,80}\brespectively\b", after, re.IGNORECASE) is not None
    return same_kind and 0 < a < b <= 10 * a and not m.group("cur2") and not m.group("pa") and not respectively


def _hedged(
    sentence: str,
    start: int,
    end: int,
    low: float,
    high: float | None,
    approx: Approx,
    unit: str | None,
) -> Mention:
    left = max(0, start - _HEDGE_WINDOW)
    before = sentence[left:start]
    if approx != "range":
        # The longest hedge wins: "no more than 5" is at most 5, not "more than 5".
        hedges = [(hm.start(1), kind) for pattern, kind in _HEDGE_RE if (hm := pattern.search(before))]
        if hedges:
            at, approx = min(hedges, key=lambda h: h[0])
            if approx == "at_most" and _RAISED_TO.search(before):
                approx = "exact"  # "revised the death toll up to 288"; the mention keeps "up to"
            start = left + at
        tail = _OR_SO.match(sentence[end:])
        if tail:
            approx = "about" if re.search(r"so|est|approx", tail.group(0), re.IGNORECASE) else "at_least"
            end += tail.end()
    if unit is None:
        unit = _currency_after(sentence[end:])
    if approx == "at_most":
        low, high = None, low  # type: ignore[assignment]
    return Mention(start, end, sentence[start:end], low, high, approx, unit)


def text_digit(text: str) -> bool:
    """True when a number is written with digits."""
    return text[:1].isdigit()


def _currency_after(after: str) -> str | None:
    w = re.match(r"\s+([a-z]+)", after, re.IGNORECASE)
    return _CURRENCY_POST.get(w.group(1).lower()) if w else None


_SCALE_END = re.compile(rf"({lexicon.alternation('numbers.scales')}|mln|bn)\s*$", re.IGNORECASE)
_ANY_SCALE_END = re.compile(rf"({lexicon.alternation('numbers.scales', 'numbers.short_scales')})\s*$", re.IGNORECASE)


def _borrow_scale(a_text: str, b_text: str, a: float) -> float:
    """Apply the scale written once to both ends: "8 to 9 million" is 8 million to 9 million."""
    scale = _SCALE_END.search(b_text)
    has_scale = _ANY_SCALE_END.search(a_text)
    b_unscaled = parse_number(b_text[: scale.start()]) if scale else None
    if scale and not has_scale and b_unscaled is not None and abs(a) <= b_unscaled:
        return a * (parse_number("1 " + scale.group(1)) or 1.0)
    return a


def _is_year_range(a: float, b: float, m: re.Match[str]) -> bool:
    return 1800 <= a <= 2100 and b < 100 and "," not in m.group("a")
