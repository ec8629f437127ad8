"""Topic files: the quantities a user tracks, in TOML, checked key by key.

A topic file has a ``name``, an optional ``[actors]`` table mapping a canonical actor to the
ways texts name it, and one ``[[quantity]]`` table per quantity. Quantities are tried in file
order and the first that fits a claim wins, so the most specific come first.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from tally.errors import TopicError
from tally.types import QuantityDef, Topic

QUANTITY_KEYS = {
    "id": str, "label": str, "units": list, "percent": bool, "outcomes": list, "actors": list,
    "unknown_actor": bool, "modalities": list, "trend": str, "keywords": list, "near": list,
    "exclude": list, "cumulative": bool,
}  # fmt: skip
TOP_KEYS = {"name", "description", "actors", "quantity"}
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
    return Topic(name=str(data.get("name", Path(path).stem)), quantities=quantities,
                 actors=aliases, path=path)  # fmt: skip


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
            raise TopicError(f"unknown modality {mod!r} (expected one of: {', '.join(sorted(MODALITIES))})",
                             path=path, line=_line_of(raw, "modalities", after=qid))  # fmt: skip
    for actor in entry.get("actors", []):
        if actor_names and actor not in actor_names:
            raise TopicError(f"actor {actor!r} is not in [actors]", path=path,
                             line=_line_of(raw, "actors", after=qid))  # fmt: skip
    if entry.get("trend", "any") not in TRENDS:
        raise TopicError(f"trend must be one of: {', '.join(sorted(TRENDS))}", path=path,
                         line=_line_of(raw, "trend", after=qid))  # fmt: skip
    q = QuantityDef(
        id=qid,
        label=entry.get("label", qid.replace("_", " ")),
        units=[u.lower() for u in entry.get("units", [])],
        outcomes=entry.get("outcomes", []),
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
