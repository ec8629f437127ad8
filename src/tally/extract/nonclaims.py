"""What looks like a figure but is not a claim: dates, years, times, calibres, model names,
ordinals, names and labels ("S&P 500", "district 12"), addresses, ages, scores.

Each rule reads only the text around one number match, so the whole check stays a few regular
expressions per number.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py

from tally import lexicon

from tally.dates import MONTHS, SEASONS
from tally.extract.numbers import parse_number

_MODEL_BEFORE = re.compile(r"(?:[A-Za-z]-?|[A-Za-z]-\s?|[A-Za-z]\.|\d[.,:/]|[:/]|#|No\.\s?)$")
_COMPOUND_AFTER = re.compile(
    rf"^(?:-[a-z]|(?:mm|millimet(?:er|re)s?|cal)\b(?!\s+(?:of|in|to|from|{lexicon.alternation('units.dimensions')[3:-1]})\b)"
    r"|[a-z]{1,2}\d|(?:st|nd|rd|th)\b)",
    re.IGNORECASE,
)  # 122-mm, 170mm guns, five-year, 11th: modifiers and ordinals, not figures
_DATE_AROUND = re.compile(rf"(?:\b(?:{MONTHS})\.?\s+$)|(?:^\s+(?:{MONTHS})\b)", re.IGNORECASE)
_TIME_AFTER = re.compile(
    r"^(?::\d\d|\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|local time)"
    r"|\s(?:BST|CET|CEST|EET|EEST|EST|EDT|CST|CDT|PST|PDT|ET|PT|IST|JST|KST|MSK|AEST|AEDT)\b)"
)
_YEARISH_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|of|from|until|till|to|during|year|early|late|mid|end|between"
    r"|A\.D\.|AD|B\.C\.|BC|circa"
    rf"|{SEASONS}|and|before|after|through|throughout)\s+|[-–(]|mid-|')$",
    re.IGNORECASE,
)
# Not figures: "a magnitude 6.8 quake", "sub-zero", "children under five" (an age group),
# "plus or minus 3.1 points" (a margin of error).
_MAGNITUDE = re.compile(r"\bmagnitude[\s-]*(?:of\s+)?$", re.IGNORECASE)
_MAGNITUDE_AFTER = re.compile(r"^[\s-]*magnitude\b", re.IGNORECASE)
_AGE_GROUP_BEFORE = re.compile(
    rf"\b{lexicon.alternation('roles.age_groups')}\s+(?:aged\s+)?(?:under|over|below|above|older than|younger than)\s+$",
    re.IGNORECASE,
)
_MARGIN_BEFORE = re.compile(r"(?:\bplus\s+or\s+|±\s*|\+/-\s*)$", re.IGNORECASE)
_PER_BEFORE = re.compile(r"\b(?:per|for every)\s+$", re.IGNORECASE)
# "two weeks ago": when, not how many ("six days after" stays a figure: a duration between two times).
_AGO_AFTER = re.compile(rf"^\s+{lexicon.alternation('calendar.durations')}s?\s+ago\b", re.IGNORECASE)
# Ages: "34 years old", "(M, 19)", "(Female, 66)".
_AGE_AFTER = re.compile(r"^\s*(?:years?|yrs?\.?)[\s-]+old\b|^-(?:years?|months?)-old\b", re.IGNORECASE)
_SEX_AGE_BEFORE = re.compile(r"\((?:m|f|male|female|man|woman)\s*,\s*$", re.IGNORECASE)
# A phone number: a long run of digits, or a short line joined to one ("at 1070 or 9445869843").
_PHONE_AFTER = re.compile(r"^\s+or\s+\+?\d{7,}\b")
# "[h=3]", "[size=2]": forum markup, not text.
_MARKUP_AROUND = re.compile(r"\[/?[a-z]+=\s*$", re.IGNORECASE)
# "one man, who ...", "One woman, named ...": an individual introduced, not a count.
_INDIVIDUAL_AFTER = re.compile(
    rf"^\s+(?:{lexicon.alternation('roles.individuals', 'roles.personnel')[3:-1]})\s*(?:,|\bwho\b|\bwhose\b|\bnamed\b)",
    re.IGNORECASE,
)
_AMOUNT_OF = re.compile(rf"\b{lexicon.alternation('numbers.aggregates')}\s+of\s+$", re.IGNORECASE)
_CAPITALISED_BEFORE = re.compile(r"(?:[^.!?\s]\s+|[&])(?:[a-z]{0,2}[A-Z][\w&.]*)\s+$")
# A number that names rather than counts: "district 12", "Game 2", "day 3 of the war".
_LABEL_BEFORE = re.compile(
    rf"\b{lexicon.alternation('numbers.labels')}s?\s+(?:(?:\d+,?\s+)*\d+\s*(?:and|or|to|-|–)\s*)?$"
    rf"|\b{lexicon.alternation('numbers.dial_verbs')}\s+$",
    re.IGNORECASE,
)
_INDEX_BEFORE = re.compile(rf"\b{lexicon.alternation('numbers.stock_indexes')}\s+$", re.IGNORECASE)
_ACRONYM_BEFORE = re.compile(r"\b[A-Z][A-Za-z]*[A-Z]\s+$")
_NAME_AFTER = re.compile(r"^\s*(?:zip\s*codes?|post\s*codes?|area\s+codes?)\b", re.IGNORECASE)
_ADDRESS_AFTER = re.compile(
    r"^\s+(?:[NSEW]\.?\s+)?\d+(?:st|nd|rd|th)\s+(?:St|Street|Ave|Avenue)\b"  # 9 E 71st St
    r"|^\s+(?:[A-Z][\w.]*\s+){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Way|Lane|Ln|Drive|Dr|Boulevard"
    r"|Blvd|Place|Pl|Court|Ct|Square|Sq|Terrace|Highway|Hwy)\b\.?"
    r"|^\s+(?:Ave|Avenue|Rue|Via|Calle)\s+[A-Z]"
)
_CAPITALISED_AFTER = re.compile(r"^\s+[A-Z][a-z]{3,}(?<!s)\b(?!\s+[A-Z])")
_MEASURES = lexicon.alternation("units.measures")
_UNIT_WORD_AFTER = re.compile(rf"^\s*(?:{_MEASURES}s?|percent|per cent|%|square|cubic|sq)\b", re.IGNORECASE)
_PLURAL_NOUN_AFTER = re.compile(
    r"^\s+(?:(?!(?:on|in|at|of|to|for|its|is|was|has|this|his|as|and|or|the|an?|with|by|from)\b)"
    r"[a-z-]+\s+)?(?!(?:its|is|was|has|this|his|as|us|yes|less|thus|does|goes|always|perhaps)\b)[a-z-]{2,}s\b"
)


# Hyphenated measures and sizes that are figures: "a 6.1-inch screen", "a 10,000-strong force".
HYPHEN_MEASURE = re.compile(
    rf"^-((?:year|month|week|day)s?-old|{_MEASURES}|{lexicon.alternation('units.sized_things')})s?\b",
    re.IGNORECASE,
)

def _tail(before: str, size: int = 40) -> str:
    """The last words before a number, whole words only: all the end-anchored cues need."""
    if len(before) <= size:
        return before
    tail = before[-size:]
    if before[-size - 1].isalnum():  # cut inside a word: drop the piece
        tail = tail[tail.find(" ") + 1 :] if " " in tail else ""
    return tail


def is_not_a_claim(sentence: str, m: re.Match[str], a: float, before: str, after: str) -> bool:
    """True when the number matched by ``m`` (value ``a``) is not a claim in its sentence."""
    before = _tail(before)
    text = m.group("a")
    digits = text[:1].isdigit()
    if a == 0 and m.group("sign"):
        return True  # "-0 people died": no count is negative zero
    opening = sentence[max(0, m.start() - 2) : m.start()]
    if digits and len(opening) == 2 and opening[0].isalnum() and opening[1] == "(" and sentence[m.end() :].startswith(")"):
        return True  # "alert(1)", "f(2)": code or a function's argument, not a figure
    if digits and _MODEL_BEFORE.search(before[-4:]) and not m.group("cur") and not before.lower().endswith("sub-"):
        return True  # KN-23, M-1978, F-16, 3.5.1, #5
    if not digits and not m.group("b") and re.match(r"-[a-z]", sentence[m.end("a") :], re.IGNORECASE):
        if not HYPHEN_MEASURE.match(sentence[m.end("a") :]):
            return True  # six-speed, four-cylinder, three-year: a modifier, not a figure
    compound = _COMPOUND_AFTER.match(sentence[m.end("a") :]) if digits else None
    if compound and a < 4 and compound.group(0).lower().startswith(("mm", "millimet")):
        compound = None  # no gun is that small: "a 1.5mm nozzle" is a measure, not a calibre
    if digits and compound and not m.group("b"):
        if not HYPHEN_MEASURE.match(sentence[m.end("a") :]):
            return True  # 122-mm, 11th, five-year (as digits), 170mm
    if digits and not m.group("b") and re.match(r"(?:s|ers|'s)\b", sentence[m.end("a") :]):
        return True  # "two Model 3s", "the 49ers", "the 1990's": a name or a decade
    if _MAGNITUDE.search(before) or _MAGNITUDE_AFTER.match(sentence[m.end("a") :]) or _MARGIN_BEFORE.search(before):
        return True
    if text.lower() == "zero" and before.lower().endswith("sub-"):
        return True
    if a <= 120 and not m.group("b") and not m.group("pa") and _AGE_GROUP_BEFORE.search(before):
        if not _UNIT_WORD_AFTER.match(after):
            return True
    if a >= 100 and _PER_BEFORE.search(before):
        return True  # "18.4 cases per 100,000": the rate's denominator, not a figure
    if re.match(r"-(?:years?|months?)-olds\b", sentence[m.end("a") :], re.IGNORECASE):
        return True  # "five-year-olds": an age group
    if not m.group("b") and _AGO_AFTER.match(after):
        return True  # "two weeks ago": when, not how many
    if not m.group("b") and a < 130 and (_AGE_AFTER.match(sentence[m.end("a") :]) or (_SEX_AGE_BEFORE.search(before) and after.startswith(")"))):
        return True  # "34 years old", "the 63-year-old driver", "(F, 66)": an age
    if digits and (re.fullmatch(r"\+?\d{8,}", text) or _PHONE_AFTER.match(sentence[m.end("a") :])):
        return True  # a phone number
    if digits and _MARKUP_AROUND.search(before) and sentence[m.end("a") : m.end("a") + 1] == "]":
        return True
    if text.lower() == "one" and _INDIVIDUAL_AFTER.match(after):
        return True
    if digits and len(text) > 1 and text[0] == "0" and text[1].isdigit():
        return True  # "0134", "05": a code or part of a number, never a count
    if digits and not m.group("b") and a < 120 and re.search(r"\b[a-z]{3,},\s*$", before) and after.startswith(","):
        return True  # "The victim, 34, was named": an age in apposition
    if digits and re.search(r"\b[a-z]+[A-Z][\w]*\s*$", before) and not m.group("cur"):
        return True  # "iPhone 15", "eBay 2": a product named by its number
    if digits and re.match(r"[./]\d", sentence[m.end("a") :]):
        return True  # "15.11.2025", "3.5.1": a date or a version, not a figure
    if digits and _TIME_AFTER.match(sentence[m.end("a") :]):
        return True
    if digits and not m.group("b") and a < 120 and re.search(r"[A-Z][\w'’-]+,\s*$", before) and after.startswith(","):
        return True  # "Senard, 65, now faces": an age in apposition
    if digits and not m.group("b") and not m.group("cur") and a < 100 and re.search(r"[A-Z][\w'’-]+\s*\($", before) and after.startswith(")"):
        return True  # "Dak Prescott (4)": a shirt number
    if digits and (re.search(r"[×x]\s*$|[×x]\s*10\s*[−-]?$", before) or re.match(r"\s*[×x]\s*10", after)):
        return True  # scientific notation: 1.99×10−30
    if digits and (re.match(r"\s*[/⁄]\s*\d", after) or re.search(r"\d\s*⁄\s*$", before)):
        return True  # 1/16, 1⁄32: a fraction written with a slash
    signed = bool(m.group("pa") or m.group("pct"))
    attached = bool(re.match(r"[A-Za-z]", sentence[m.end("a") : m.end("a") + 1]))
    if (digits and "," not in text and "." not in text and not m.group("cur") and not signed and not attached
            and not _UNIT_WORD_AFTER.match(after) and _CAPITALISED_BEFORE.search(before)):
        if not _PLURAL_NOUN_AFTER.match(after) and not re.search(rf"(?:{MONTHS})\.?\s+$", before, re.IGNORECASE):
            return True  # S&P 500, Big 12, Route 66: a name, not a figure
    if digits and not signed and _NAME_AFTER.match(after):
        return True  # "the 90049 ZIP code"
    if m.group("sign") and not signed and "." not in text and _ACRONYM_BEFORE.search(before):
        return True  # "COVID -19", "MiG -29": a hyphenated name split by a stray blank
    if digits and "," not in text and not signed and not m.group("b") and _INDEX_BEFORE.search(before):
        return True
    if digits and "," not in text and not signed and _LABEL_BEFORE.search(before):
        if not _PLURAL_NOUN_AFTER.match(after):
            return True
    if digits and "," not in text and _ADDRESS_AFTER.match(sentence[m.end("b") if m.group("b") else m.end("a") :]):
        return True  # 575 Wilbraham Road: an address
    cap = _CAPITALISED_AFTER.match(sentence[m.end("a") :]) if digits and "," not in text else None
    if cap and not m.group("b") and not _UNIT_WORD_AFTER.match(after) and not _PLURAL_NOUN_AFTER.match(sentence[m.end("a") + cap.end() :]):
        if a < 10000 and not re.search(rf"(?:{MONTHS})\.?\s*$", sentence[m.end("a") :][:12], re.IGNORECASE):
            return True  # Boeing's 787 Dreamliner, the 11 Pro
    if _DATE_AROUND.search(before) or _DATE_AROUND.match(after if not m.group("b") else ""):
        if digits and a <= 31 or 1800 <= a <= 2100:
            return True
    if _AMOUNT_OF.search(before):
        return False  # "an average of 1500", "a total of 2000": an amount, never a year
    yearish = _YEARISH_BEFORE.search(before) is not None
    yearish_low, yearish_high = (1000, 2200) if yearish else (1800, 2100)
    if digits and "," not in text and "." not in text and yearish_low <= a <= yearish_high and not m.group("cur"):
        if m.group("b"):
            b = parse_number(m.group("b")) or 0
            hyphen = (m.group("conn") or "").strip() in ("-", "–", "—")
            if (b < 100 and hyphen) or yearish_low <= b <= 2100:
                return True  # 1950-53, 2022-2024, between 1600 and 1900
            if b > yearish_high and not yearish:
                return False  # "about 2000 - 2500 calories": no year ends that range
        if yearish or not _PLURAL_NOUN_AFTER.match(after):
            return True
    return False
