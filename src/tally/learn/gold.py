"""Labelled figures (the gold format of ``../shared/eval/LABELLING.md``) and how claims meet them.

A gold file holds one JSON object per line: ``doc, sentence, mention, low, high, approx,
unit, quantity, source, as_of, required``. A claim meets a gold row of the same document when
their bounds agree (within 1%) and their sentences share most of their words; a candidate
source meets the gold's when each shares at least half its words with the other (one more
than half) or one is the other's acronym; a date meets the gold's when one is a prefix of the other ("2025-03" and
"2025-03-14").
"""

from __future__ import annotations

import json
from tally import rx as re  # linear-time matching: see tally/rx.py
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tally.errors import FormatError
from tally.types import Claim

GoldRow = dict[str, Any]
_FIELDS = ("doc", "sentence", "low", "high")
_STOP = {"the", "s", "of", "according", "to", "for", "and", "a", "an"}


def read_gold(paths: Iterable[Path]) -> list[GoldRow]:
    """Every labelled row of the files, in order; a bad line raises FormatError naming it."""
    rows: list[GoldRow] = []
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise FormatError(f"cannot read the gold file ({exc})", path=str(path)) from exc
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise FormatError(f"not a JSON object ({exc.args[0]})", path=str(path), line=number) from exc
            if not isinstance(row, dict):
                raise FormatError("not a JSON object", path=str(path), line=number)
            if "body_end" in row and "doc" not in row:
                continue  # the seeds' and dev set's note of where each body ends
            missing = [f for f in _FIELDS if f not in row]
            if missing:
                raise FormatError(f"a gold row needs {', '.join(missing)}", path=str(path), line=number)
            rows.append(row)
    return rows


def words(text: str | None) -> list[str]:
    """Lower-case words of a text, quotes and accents folded."""
    text = unicodedata.normalize("NFKC", text or "").lower().replace("’", "'")
    return re.findall(r"[a-z0-9]+", text)


def _bounds(low: Any, high: Any) -> list[float]:
    out = []
    for v in (low, high):
        try:
            if v is not None:
                out.append(float(v))
        except (TypeError, ValueError):
            continue
    return sorted(out)


def _same_bounds(a: list[float], b: list[float]) -> bool:
    if len(a) != len(b) or not a:
        return False
    return all(abs(x - y) <= max(0.01 * max(abs(x), abs(y)), 0.5) for x, y in zip(a, b))


def _overlap(a: str, b: str) -> float:
    ta, tb = set(words(a)), set(words(b))
    return len(ta & tb) / min(len(ta), len(tb)) if ta and tb else 0.0


def align(claims: list[Claim], gold: list[GoldRow]) -> dict[int, GoldRow]:
    """Which gold row each claim meets (by claim index); each row is met at most once."""
    used: set[int] = set()
    out: dict[int, GoldRow] = {}
    for k, claim in enumerate(claims):
        if claim.part != "body":
            continue
        mine = _bounds(claim.low, claim.high)
        best, best_overlap = None, 0.0
        for i, row in enumerate(gold):
            if i in used or not _same_bounds(mine, _bounds(row.get("low"), row.get("high"))):
                continue
            ov = _overlap(row["sentence"], claim.sentence)
            if ov >= 0.6 and ov > best_overlap:
                best, best_overlap = i, ov
        if best is not None:
            used.add(best)
            out[k] = gold[best]
    return out


def _name_words(name: str) -> tuple[set[str], set[str]]:
    ws = [w for w in words(name) if w not in _STOP]
    initials = "".join(w[0] for w in ws if w.isalpha())
    grams = {initials[i:j] for i in range(len(initials)) for j in range(i + 2, len(initials) + 1)}
    return set(ws), set(ws) | grams


def source_grade(gold: str | None, found: str | None) -> int:
    """How well a found source names the gold's: 2 the same source, 1 a near name that shares
    half the words of the shorter ("South Korea's defence ministry" for "South Korea's
    intelligence agency"), 0 another. None meets None with 2."""
    if not gold or not found:
        return 2 if not gold and not found else 0
    tg, xg = _name_words(gold)
    tp, xp = _name_words(found)
    if not tg or not tp:
        return 0
    caps = lambda s: {w.lower() for w in re.findall(r"\b[A-Z]{2,}\b", s)}  # noqa: E731
    if caps(gold) & xp or caps(found) & xg:
        return 2
    shared = {w for w in tp if w in xg or any(len(w) >= 3 and v.startswith(w) for v in tg)}
    shared |= {w for w in tg if w in xp or any(len(w) >= 3 and v.startswith(w) for v in tp)}
    cover = sorted((len(shared & tg) / len(tg), len(shared & tp) / len(tp)))
    if cover[0] >= 0.5 and cover[1] > 0.5:
        return 2  # both names mostly shared
    return 1 if cover[1] >= 0.5 else 0


def same_source(gold: str | None, found: str | None) -> bool:
    """Whether a found source names the gold's (None meets None)."""
    return source_grade(gold, found) == 2


def same_date(gold: str | None, found: str | None) -> bool:
    """Whether a found date is the gold's, at least as precise (None meets None).

    Stricter than a prefix either way: a year alone ("2025") is no answer for "2025-04".
    """
    if not gold or not found:
        return not gold and not found
    return found.startswith(gold)


def claim_row(claim: Claim) -> dict[str, Any]:
    """A claim as a row of the gold format (what the scorer reads)."""
    return {
        "doc": claim.doc, "sentence": claim.sentence, "mention": claim.mention, "low": claim.low,
        "high": claim.high, "approx": claim.approx, "unit": claim.unit, "quantity": claim.quantity,
        "source": claim.source, "as_of": claim.as_of, "part": claim.part,
    }  # fmt: skip
