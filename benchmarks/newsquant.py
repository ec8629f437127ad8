"""Benchmark: Tally's extractor against quantulum3 on NewsQuant, scored as the CQE authors did.

Run: ``.venv/bin/python benchmarks/newsquant.py [--matching cqe|strict] [--show N]``.
Reads ``../shared/eval/newsquant/NewsQuant.json`` at run time (the data set is not part of
the project), runs both extractors on every sentence and prints a Markdown table of value
P/R/F1, value+unit F1 and value+change F1, with the CQE paper's published figures for
reference. ``--show N`` lists up to N of each error kind for one system, to guide work on
the extractor. Not a test.
"""

from __future__ import annotations

import argparse
import warnings
from collections import Counter
from collections.abc import Callable
from typing import Any

from adapters import (
    extractor_version,
    load_newsquant,
    published_rows,
    quantulum_quantities,
    tally_quantities,
)
from cqe_scoring import Counts, Matching, Outcome, Quantity, parse_gold_value, score_sentence

Tagger = Callable[[str], list[Quantity]]


def tally_tagger() -> Tagger:
    """Tally's ``extract_claims`` as a tagger (model loaded now): every figure it finds, as a
    quantity extractor (NewsQuant counts durations and measurements that are no claims)."""
    from tally.extract import extract_claims, load_model

    load_model()
    return lambda text: tally_quantities(extract_claims(text, figures="all"))


def quantulum_tagger() -> Tagger:
    """quantulum3's ``parser.parse`` as a tagger."""
    with warnings.catch_warnings():
        # its optional classifier is not installed; the CQE authors ran it the same way
        warnings.simplefilter("ignore")
        from quantulum3 import parser
    return lambda text: quantulum_quantities(parser.parse(text))


def gold_quantities(item: dict[str, Any], average_ranges: bool) -> list[Quantity]:
    """One sentence's annotated quantities."""
    return [
        Quantity(
            parse_gold_value(q["value"], average_ranges),
            q["normalized_unit"].strip().lower(),
            q["change"].strip(),
            q.get("unit", ""),
        )
        for q in item["quantities"]
    ]


def run(
    data: list[dict[str, Any]], tag: Tagger, average_ranges: bool, matching: Matching
) -> tuple[Counts, list[tuple[str, Outcome]]]:
    """Score one tagger over the data; also return each sentence's errors."""
    counts = Counts()
    errors = []
    for item in data:
        outcome = score_sentence(
            gold_quantities(item, average_ranges), tag(item["text"]), counts, matching
        )
        errors.append((item["text"], outcome))
    return counts, errors


def table(rows: list[tuple[str, Counts | None, dict[str, str]]]) -> str:
    """A Markdown table: measured rows from Counts, published rows from the CQE CSV."""
    head = "| system | value P | value R | value F1 | value+unit F1 | value+change F1 |"
    lines = [head, "|---|---:|---:|---:|---:|---:|"]
    for name, counts, published in rows:
        if counts is not None:
            p, r, f = counts.prf(counts.value)
            unit = f"{counts.prf(counts.unit)[2]:.1f}"
            change = f"{counts.prf(counts.change)[2]:.1f}" if name.startswith("Tally") else "—"
            cells = [f"{p:.1f}", f"{r:.1f}", f"{f:.1f}", unit, change]
        else:
            cells = [published.get(k, "—") for k in ("P", "R", "F1", "unit", "change")]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def published(name: str) -> dict[str, str]:
    """One system's published figures, keyed P, R, F1 (value) and unit, change (F1)."""
    out: dict[str, str] = {}
    for row in published_rows():
        if row.get("model") != name:
            continue
        if row["type"] == "value":
            out.update(P=row["P"], R=row["R"], F1=row["F1"])
        elif row["type"] in ("value+unit", "value+change"):
            out[row["type"].split("+")[1]] = row["F1"]
    return out


def show(errors: list[tuple[str, Outcome]], limit: int) -> None:
    """Print up to ``limit`` misses, false positives, unit and change mismatches."""

    def fmt(q: Quantity) -> str:
        return f"{q.value} {q.unit!r} {q.change} «{q.mention}»"

    kinds: dict[str, list[str]] = {"missed": [], "false positive": [], "unit": [], "change": []}
    for text, o in errors:
        kinds["missed"] += [f"{fmt(g)}\n    {text}" for g in o.missed]
        kinds["false positive"] += [f"{fmt(p)}\n    {text}" for p in o.spurious]
        kinds["unit"] += [f"gold {fmt(g)} | got {fmt(p)}\n    {text}" for g, p in o.wrong_unit]
        kinds["change"] += [f"gold {fmt(g)} | got {fmt(p)}\n    {text}" for g, p in o.wrong_change]
    gold = Counter(g.unit for _, o in errors for g in o.gold)
    missed = Counter(g.unit for _, o in errors for g in o.missed)
    wrong = Counter(g.unit for _, o in errors for g, _ in o.wrong_unit)
    print("\n## recall by gold unit (strict matching): unit, gold, value found, unit right")
    for unit, n in gold.most_common(limit):
        found = n - missed[unit]
        print(f"- {unit}: {n}, {100 * found / n:.0f}%, {100 * (found - wrong[unit]) / n:.0f}%")
    confusions = Counter(f"{g.unit} <- {p.unit}" for _, o in errors for g, p in o.wrong_unit)
    print(f"\n## unit confusions (gold <- got), top {limit}")
    for pair, n in confusions.most_common(limit):
        print(f"- {n} × {pair}")
    for kind, items in kinds.items():
        print(f"\n## {kind}: {len(items)} in all, first {min(limit, len(items))}")
        for item in items[:limit]:
            print(f"- {item}")


def main(argv: list[str] | None = None) -> None:
    """Score both extractors and print the table (and errors with ``--show``)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--matching", choices=["cqe", "strict"], default="cqe")
    ap.add_argument("--show", type=int, default=0, metavar="N", help="list N errors of each kind")
    ap.add_argument("--system", choices=["tally", "quantulum3"], default="tally")
    args = ap.parse_args(argv)
    data = load_newsquant()
    n_gold = sum(len(item["quantities"]) for item in data)
    tally, tally_errors = run(data, tally_tagger(), False, args.matching)
    # As in the CQE evaluation, quantulum3 (which gives a range's midpoint) is scored
    # against range midpoints.
    quant, quant_errors = run(data, quantulum_tagger(), True, args.matching)
    print(f"NewsQuant: {len(data)} sentences, {n_gold} quantities; matching: {args.matching}; "
          f"extractor at {extractor_version()}\n")  # fmt: skip
    print(table([
        (f"Tally ({tally.predicted} predictions)", tally, {}),
        (f"quantulum3 0.10.0, this run ({quant.predicted} predictions)", quant, {}),
        ("CQE (published)", None, published("CQE-Numparser")),
        ("quantulum3 (published)", None, published("quantulum3")),
    ]))  # fmt: skip
    if args.show:
        show(tally_errors if args.system == "tally" else quant_errors, args.show)


if __name__ == "__main__":
    main()
