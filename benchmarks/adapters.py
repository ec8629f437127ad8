"""Tally's and quantulum3's output in the NewsQuant representation, and the shared inputs.

NewsQuant names units the way quantulum3's unit table does ("percentage", "dollar",
"mile per hour", "metre", "japanese yen"), lower-case and singular; quantities without a
unit are "-". Tally keeps units as written ("percent", "USD", "miles", "mph"), so they are
mapped here: ISO currency codes to currency names, abbreviations to unit names, American to
British spelling, plurals to singulars.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from cqe_scoring import Quantity

ROOT = Path(__file__).resolve().parents[1]
NEWSQUANT = ROOT.parent / "shared" / "eval" / "newsquant" / "NewsQuant.json"
PUBLISHED = ROOT.parent / "shared" / "eval" / "newsquant" / "evaluation_output" / "NewsQuant.csv"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"

CHANGE = {"exact": "=", "about": "~", "vague": "=", "at_least": ">", "at_most": "<", "range": "="}

# fmt: off
TALLY_UNITS = {
    # percentages and currencies (Tally gives ISO codes)
    "percent": "percentage", "%": "percentage", "per cent": "percentage", "pc": "percentage",
    "usd": "dollar", "$": "dollar", "us$": "dollar", "aud": "australian dollar",
    "cad": "canadian dollar", "hkd": "hong kong dollar", "nzd": "new zealand dollar",
    "sgd": "singapore dollar", "eur": "euro", "gbp": "pound sterling", "£": "pound sterling",
    "jpy": "japanese yen", "yen": "japanese yen", "cny": "chinese yuan", "rmb": "chinese yuan",
    "yuan": "chinese yuan", "inr": "indian rupee", "rupee": "indian rupee",
    "myr": "malaysian ringgit", "ringgit": "malaysian ringgit", "ils": "shekel", "nis": "shekel",
    "chf": "swiss franc", "rub": "russian ruble", "ruble": "russian ruble",
    "krw": "south korean won", "zar": "south african rand", "p": "penny", "sen": "sen",
    # measures, by their abbreviations
    "mph": "mile per hour", "m.p.h": "mile per hour", "miles per hour": "mile per hour",
    "kph": "kilometre per hour", "km/h": "kilometre per hour", "kt": "knot", "km": "kilometre",
    "m": "metre", "cm": "centimetre", "mm": "millimetre", "μm": "micrometre", "ft": "foot",
    "feet": "foot", "in": "inch", "sq m": "square metre", "sqm": "square metre",
    "m2": "square metre", "sq ft": "square foot", "kg": "kilogram", "lb": "pound-mass",
    "lbs": "pound-mass", "pound": "pound-mass", "ml": "millilitre", "l": "litre", "tonne": "metric ton", "gigatonne": "gigaton",
    "gb": "gigabyte", "tb": "terabyte", "mb": "megabyte", "hz": "hertz", "ghz": "gigahertz",
    "mhz": "megahertz", "khz": "kilohertz", "kw": "kilowatt", "mw": "megawatt", "gw": "gigawatt",
    "kwh": "kilowatt hour", "hp": "horsepower", "bhp": "brake horsepower", "ps": "horsepower",
    "rpm": "revolutions per minute", "ksi": "kilopound per square inch", "mpa": "megapascal",
    "ppb": "parts-per-billion", "ppm": "part per million", "mpg": "mile per gallon",
    "mah": "milliampere-hour", "c": "celsius", "f": "fahrenheit", "degrees celsius": "celsius",
    "g": "generation wireless", "time": "count",
    # sports statistics
    "ppg": "point per game", "rpg": "rebound per game", "apg": "assist per game",
    "war": "win above replacement",
}
AGES = {"year-old": "year of age", "years old": "year of age", "year old": "year of age",
        "month-old": "month of age", "months old": "month of age"}
BRITISH = {"meter": "metre", "liter": "litre", "kilometer": "kilometre", "centimeter": "centimetre",
           "millimeter": "millimetre", "micrometer": "micrometre", "nanometer": "nanometre"}
IRREGULAR = {"feet": "foot", "people": "people", "children": "child", "men": "man",
             "women": "woman", "inches": "inch", "series": "series", "species": "species",
             "viruses": "virus", "buses": "bus"}
# quantulum3's unit names that NewsQuant spells differently (mapping used by the CQE authors).
QUANTULUM_UNITS = {
    "dimensionless": "-", "unk": "-", "per cent": "percentage", "percentage drop": "percentage",
    "dollar dollar": "dollar", "united states dollar": "dollar", "tonne": "metric ton",
    "degree angle": "degree", "degree celsius": "celsius", "degree fahrenheit": "fahrenheit",
    "second of arc": "second", "minute of arc": "minute", "yard yard": "yard",
    "cubic centimetre": "millilitre",
}
# fmt: on


class MissingData(SystemExit):
    """A shared input is not where the benchmark expects it."""


def load_newsquant(path: Path = NEWSQUANT) -> list[dict[str, Any]]:
    """The NewsQuant sentences, read from ``../shared`` (never copied into the project)."""
    if not path.is_file():
        raise MissingData(f"{path}: NewsQuant not found; it is read from ../shared/eval/newsquant/")
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def load_seeds(folder: Path = SEEDS) -> list[str]:
    """The seed articles' texts, in file order."""
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        raise MissingData(f"{folder}: no seed articles (*.txt) found")
    return [f.read_text(encoding="utf-8") for f in files]


def singular(word: str) -> str:
    """A plural English noun's singular, by the usual spelling rules."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 2:
        return word[:-1]
    return word


def normalise_tally_unit(unit: str | None) -> str:
    """Tally's unit in NewsQuant's vocabulary ("-" when there is none)."""
    if not unit:
        return "-"
    if " per " in unit:  # "USD per barrel" -> "dollar per barrel"
        head, _, per = unit.partition(" per ")
        return f"{normalise_tally_unit(head)} per {normalise_tally_unit(per)}"
    text = unit.strip().lower()
    if text in TALLY_UNITS:
        return TALLY_UNITS[text]
    for prefix, age in AGES.items():
        if text.startswith(prefix):  # "year-old skull" is an age, whatever is aged
            return age
    words = text.split()
    words[-1] = singular(words[-1])
    words = [BRITISH.get(w, w) for w in words]
    text = " ".join(words)
    return TALLY_UNITS.get(text, text)


def _written_high_first(mention: str, low: float, high: float) -> bool:
    from tally.extract.numbers import NUMBER, parse_number

    first = re.search(NUMBER, mention, re.I)
    value = parse_number(first.group(0)) if first else None
    if value is None:
        return False
    return abs(value - high) < abs(value - low) and value != low


def tally_quantities(claims: list[Any]) -> list[Quantity]:
    """Tally's claims as NewsQuant quantities.

    Vague amounts without a number ("a few", "several") are not quantities in NewsQuant's
    sense and are left out; "dozens", "millions" carry an order of magnitude and go in as
    ranges, as NewsQuant annotates them.
    """
    out = []
    for c in claims:
        value: float | tuple[float, float]
        if c.low is None and c.high is None:
            continue
        if c.approx in ("range", "vague") and c.low is not None and c.high is not None:
            value = (float(c.low), float(c.high))
            if _written_high_first(c.mention, float(c.low), float(c.high)):
                value = (value[1], value[0])  # NewsQuant keeps "from 4.8 to 4.7" in text order
        else:
            number = c.low if c.low is not None else c.high
            value = float(number) if number is not None else float("nan")
        if c.unit == "percent" and re.search(r"\b(?:half|thirds?|quarters?|fourths?|fifths?|tenths?|out of|in)\b|\d\s*[/⁄]\s*\d", c.mention, re.I):
            # "a third", "half": Tally gives percent, NewsQuant the fraction itself.
            value = tuple(v / 100 for v in value) if isinstance(value, tuple) else value / 100
        change = CHANGE.get(c.approx, "=")
        if c.approx == "at_most" and re.match(r"(?:nearly|almost)\b", c.mention, re.IGNORECASE):
            change = "~"  # Tally reads "nearly 70kg" as under 70 kg; NewsQuant labels it "~"
        if c.trend in ("up", "down") and c.approx in ("exact", "range"):
            # A hedged change ("up about 19 per cent") is labelled either way in NewsQuant,
            # more often by its hedge; an exact one or a range by its direction.
            change = c.trend
        out.append(Quantity(value, normalise_tally_unit(c.unit), change, c.mention))
    return out


def quantulum_quantities(parsed: list[Any]) -> list[Quantity]:
    """quantulum3's quantities as NewsQuant quantities (no change: it does not give one)."""
    out = []
    for q in parsed:
        name = q.unit.name.strip().lower()
        out.append(Quantity(float(q.value), QUANTULUM_UNITS.get(name, name), None, q.surface))
    return out


def published_rows(path: Path = PUBLISHED) -> list[dict[str, str]]:
    """The CQE authors' published NewsQuant figures (tab-separated: P, R, F1, model, type)."""
    if not path.is_file():
        print(f"warning: {path} not found; published figures left out", file=sys.stderr)
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:] if line.strip()]


def extractor_version() -> str:
    """The last commit of src/tally/extract, marked when the working tree differs from it."""

    def git(*args: str) -> str:
        cmd = ["git", "-C", str(ROOT), *args]
        done = subprocess.run(cmd, check=False, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("log", "-1", "--format=%h", "--", "src/tally/extract") or "unknown"
    dirty = git("status", "--porcelain", "--", "src/tally/extract")
    return f"{commit} + uncommitted changes" if dirty else commit
