"""Topic files: the quantities a user tracks, in TOML, checked key by key.

A topic file has a ``name``, an optional ``[actors]`` table mapping a canonical actor to the
ways texts name it, and one ``[[quantity]]`` table per quantity. Quantities are tried in file
order and the first that fits a claim wins, so the most specific come first.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
import tomllib
from pathlib import Path
from typing import Any

from tally import lexicon
from tally.errors import TopicError
from tally.types import QuantityDef, SourceDef, Topic

QUANTITY_KEYS = {
    "id": str, "label": str, "units": list, "percent": bool, "outcomes": list, "actors": list,
    "unknown_actor": bool, "modalities": list, "trend": str, "keywords": list, "near": list,
    "exclude": list, "cumulative": bool,
}  # fmt: skip
TOP_KEYS = {"name", "description", "actors", "quantity", "sources", "belligerents"}
SOURCE_KEYS = {"aliases", "kind", "weight"}
# What a user writes for an outcome the extractor names otherwise.
OUTCOME_SYNONYMS = {
    "dead": "killed", "deaths": "killed", "death": "killed", "died": "killed", "kill": "killed",
    "fatalities": "killed", "injured": "wounded", "injuries": "wounded", "hurt": "wounded",
    "casualty": "casualties", "deploy": "deployed", "supply": "supplied",
}  # fmt: skip
# Currency words a user writes, as the extractor stores them ("euros" fits "EUR").
CURRENCIES = {
    "euro": "eur", "euros": "eur", "€": "eur", "dollar": "usd", "dollars": "usd", "$": "usd",
    "us dollars": "usd", "pound": "gbp", "pounds": "gbp", "£": "gbp", "yen": "jpy",
    "yuan": "cny", "renminbi": "cny", "rupee": "inr", "rupees": "inr", "rouble": "rub",
    "roubles": "rub", "ruble": "rub", "rubles": "rub", "hryvnia": "uah", "hryvnias": "uah",
    "won": "krw",
}  # fmt: skip


def known_outcomes() -> set[str]:
    """The outcomes the extractor gives claims (the lexicon's ``outcomes.names``), and "none"."""
    return set(lexicon.entry("outcomes.names")) | {"none"}


def _suggest(word: str, choices: set[str] | list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
MODALITIES = {"reported", "planned", "capacity", "projected", "hypothetical"}
TRENDS = {"up", "down", "added", "level", "any"}


def load_topic(path: str | Path) -> Topic:
    """Read and check a topic file.

    Raises:
        TopicError: naming the file and line of a syntax error, an unknown key or a bad value.
    """
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TopicError("topic file not found", path=str(p)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TopicError(f"cannot read topic file: {exc}", path=str(p)) from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise TopicError(f"TOML syntax: {message}", path=str(p),
                         line=int(line.group(1)) if line else None) from None  # fmt: skip
    return _build(data, raw, str(p))


def _build(data: dict[str, Any], raw: str, path: str) -> Topic:
    for key in data:
        if key not in TOP_KEYS:
            raise TopicError(f"unknown key {key!r} (expected one of: {', '.join(sorted(TOP_KEYS))})",
                             path=path, line=_line_of(raw, key))  # fmt: skip
    actors = data.get("actors", {})
    if not isinstance(actors, dict):
        raise TopicError("[actors] must be a table", path=path, line=_line_of(raw, "actors"))
    quantities = []
    seen: set[str] = set()
    entries = data.get("quantity", [])
    if not isinstance(entries, list) or not entries:
        raise TopicError("a topic needs at least one [[quantity]]", path=path)
    for entry in entries:
        q = _quantity(entry, raw, path, set(actors))
        if q.id in seen:
            lines = [i + 1 for i, text in enumerate(raw.splitlines())
                     if re.match(rf'\s*id\s*=\s*"{re.escape(q.id)}"', text)]  # fmt: skip
            raise TopicError(f"quantity id {q.id!r} is defined twice", path=path,
                             line=lines[-1] if lines else None)  # fmt: skip
        seen.add(q.id)
        quantities.append(q)
    aliases = {str(k): [str(v).lower() for v in vs] for k, vs in actors.items()}
    belligerents = data.get("belligerents")
    if belligerents is not None and (
        not isinstance(belligerents, list) or not all(isinstance(b, str) for b in belligerents)
    ):
        raise TopicError("'belligerents' must be a list of country names", path=path,
                         line=_line_of(raw, "belligerents"))  # fmt: skip
    return Topic(name=str(data.get("name", Path(path).stem)), quantities=quantities,
                 actors=aliases, path=path, sources=_sources(data.get("sources", {}), raw, path),
                 belligerents=belligerents)  # fmt: skip


def _sources(table: Any, raw: str, path: str) -> list[SourceDef]:
    """The ``[sources]`` table: canonical name = aliases, or = {aliases, kind, weight}."""
    if not isinstance(table, dict):
        raise TopicError("[sources] must be a table", path=path, line=_line_of(raw, "sources"))
    kinds = set(lexicon.entry("sources.kinds"))
    out = []
    for name, spec in table.items():
        line = _line_of_name(raw, name)
        if isinstance(spec, list):
            spec = {"aliases": spec}
        if not isinstance(spec, dict):
            raise TopicError(f"source {name!r} must be a list of aliases or a table", path=path, line=line)
        for key in spec:
            if key not in SOURCE_KEYS:
                raise TopicError(f"unknown key {key!r} in source {name!r}" + _suggest(key, SOURCE_KEYS),
                                 path=path, line=line)  # fmt: skip
        aliases, kind, weight = spec.get("aliases", []), spec.get("kind", "other"), spec.get("weight")
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise TopicError(f"aliases of {name!r} must be a list of names", path=path, line=line)
        if kind not in kinds:
            raise TopicError(f"unknown source kind {kind!r} for {name!r}" + _suggest(str(kind), kinds)
                             + f" (kinds: {', '.join(sorted(kinds))})", path=path, line=line)  # fmt: skip
        if weight is not None and (isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0):
            raise TopicError(f"weight of {name!r} must be a number of 0 or more", path=path, line=line)
        out.append(SourceDef(str(name), [str(a) for a in aliases], str(kind),
                             float(weight) if weight is not None else None))  # fmt: skip
    return out


def _line_of_name(raw: str, name: str) -> int | None:
    for i, text in enumerate(raw.splitlines()):
        if re.match(rf'\s*"?{re.escape(name)}"?\s*=', text):
            return i + 1
    return None


def _quantity(entry: dict[str, Any], raw: str, path: str, actor_names: set[str]) -> QuantityDef:
    qid = entry.get("id")
    if not isinstance(qid, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", qid):
        raise TopicError("each [[quantity]] needs an id of lower-case letters, digits and _",
                         path=path, line=_line_of(raw, "id", str(qid) if qid else None))  # fmt: skip
    for key, value in entry.items():
        expected = QUANTITY_KEYS.get(key)
        line = _line_of(raw, key, after=qid)
        if expected is None:
            hint = _close_key(key)
            raise TopicError(f"unknown key {key!r} in quantity {qid!r}" + (f" (did you mean {hint!r}?)" if hint else ""),
                             path=path, line=line)  # fmt: skip
        if not isinstance(value, expected):
            raise TopicError(f"{key!r} must be a {expected.__name__}", path=path, line=line)
    for mod in entry.get("modalities", []):
        if mod not in MODALITIES:
            raise TopicError(f"unknown modality {mod!r}{_suggest(str(mod), MODALITIES)} (expected one of: {', '.join(sorted(MODALITIES))})",
                             path=path, line=_line_of(raw, "modalities", after=qid))  # fmt: skip
    outcomes = known_outcomes()
    for outcome in entry.get("outcomes", []):
        if OUTCOME_SYNONYMS.get(outcome, outcome) not in outcomes:
            raise TopicError(f"unknown outcome {outcome!r}{_suggest(str(outcome), outcomes)} (expected one of: {', '.join(sorted(outcomes))})",
                             path=path, line=_line_of(raw, "outcomes", after=qid))  # fmt: skip
    for actor in entry.get("actors", []):
        if actor_names and actor not in actor_names:
            raise TopicError(f"actor {actor!r} is not in [actors]{_suggest(str(actor), actor_names)}", path=path,
                             line=_line_of(raw, "actors", after=qid))  # fmt: skip
    if entry.get("trend", "any") not in TRENDS:
        raise TopicError(f"trend must be one of: {', '.join(sorted(TRENDS))}", path=path,
                         line=_line_of(raw, "trend", after=qid))  # fmt: skip
    q = QuantityDef(
        id=qid,
        label=entry.get("label", qid.replace("_", " ")),
        units=_units(entry.get("units", [])),
        outcomes=[OUTCOME_SYNONYMS.get(o, o) for o in entry.get("outcomes", [])],
        actors=entry.get("actors", []),
        modalities=entry.get("modalities", ["reported"]),
        keywords=[k.lower() for k in entry.get("keywords", [])],
        exclude=[k.lower() for k in entry.get("exclude", [])],
        near=[k.lower() for k in entry.get("near", [])],
        percent=entry.get("percent"),
        trend=entry.get("trend", "any"),
        unknown_actor=entry.get("unknown_actor", False),
        cumulative=entry.get("cumulative", True),
    )
    return q


def _units(units: list[str]) -> list[str]:
    """Units as claims carry them: lower case, and a currency word also as its code."""
    out = [u.lower() for u in units]
    return out + [CURRENCIES[u] for u in out if u in CURRENCIES and CURRENCIES[u] not in out]


def _line_of(raw: str, key: str, value: str | None = None, after: str | None = None) -> int | None:
    lines = raw.splitlines()
    start = 0
    if after is not None:
        for i, line in enumerate(lines):
            if re.match(rf'\s*id\s*=\s*"{re.escape(after)}"', line):
                start = i
                break
    for i in range(start, len(lines)):
        if re.match(rf"\s*\[*\s*{re.escape(key)}\s*[=\]]", lines[i]):
            if value is None or value in lines[i]:
                return i + 1
    return None


def _close_key(key: str) -> str | None:
    import difflib

    match = difflib.get_close_matches(key, list(QUANTITY_KEYS), n=1, cutoff=0.6)
    return match[0] if match else None
