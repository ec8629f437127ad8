"""Benchmark: how Tally reads topics it never saw — leave-one-topic-out over every labelled topic.

Run: ``.venv/bin/python benchmarks/generalization.py [--shared ../shared] [--per-topic] [--out DIR]``.

Reads the labelled sets of ``../shared`` (seeds, dev, train: 188 articles, 61 topics), reads
each article once with the rules, then for every topic trains the choosers on all the other
topics and reads the held-out one with them. The held-out readings are pooled and scored
with ``../shared/eval/score.py`` (its strict figures: source_all and as_of_all count a
gold null too). Rows: the rules alone (no model), leave-one-topic-out (the honest figure),
and in-sample (trained on everything: an upper bound, not a measure). ``--per-topic`` adds one
row per topic (leave-one-topic-out) to read a held-out topic's own errors.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ("precision", "recall", "unit_acc", "source_all_acc", "as_of_all_acc")


def score(shared: Path, gold: list[dict[str, Any]], rows: list[dict[str, Any]], folder: Path, name: str) -> dict[str, Any]:
    """score.py's JSON line for these predictions against this gold."""
    g, p = folder / f"{name}.gold.jsonl", folder / f"{name}.pred.jsonl"
    g.write_text("".join(json.dumps(r) + "\n" for r in gold), encoding="utf-8")
    p.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = subprocess.run([sys.executable, str(shared / "eval/score.py"), str(g), str(p)],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--per-topic", action="store_true")
    parser.add_argument("--out", type=Path, default=None, help="keep the pooled predictions here")
    args = parser.parse_args()

    from tally.extract.choose import apply
    from tally.extract.pipeline import extract_views
    from tally.learn.labelled import shared_data
    from tally.learn.evaluate import leave_one_topic_out
    from tally.learn.fit import fit
    from tally.learn.gold import claim_row

    data = shared_data(args.shared)
    t0 = time.perf_counter()
    views = extract_views(data.articles)
    t1 = time.perf_counter()
    folds = leave_one_topic_out(views, data, progress=lambda t: print(f"  fold {t}", file=sys.stderr, end="\r"))
    t2 = time.perf_counter()
    gold = [r for rows in data.gold.values() for r in rows]
    rules_rows = [claim_row(c) for claims in apply(views, None) for c in claims]
    insample = [claim_row(c) for claims in apply(views, fit(views, data.gold)) for c in claims]
    pooled = [r for rows in folds.values() for r in rows]
    folder = args.out or Path(tempfile.mkdtemp(prefix="tally-loto-"))
    folder.mkdir(parents=True, exist_ok=True)
    table = [
        ("rules alone (no model)", score(args.shared, gold, rules_rows, folder, "rules")),
        ("leave-one-topic-out, pooled", score(args.shared, gold, pooled, folder, "loto")),
        ("in-sample (trained on all; not a measure)", score(args.shared, gold, insample, folder, "insample")),
    ]
    topics = sorted(folds)
    print(f"{len(data.articles)} articles, {len(topics)} topics, {len(gold)} gold rows; "
          f"rules read in {t1 - t0:.1f} s, {len(topics)} folds trained and read in {t2 - t1:.1f} s\n")  # fmt: skip
    print("| reading | " + " | ".join(COLUMNS) + " |")
    print("|---|" + "---|" * len(COLUMNS))
    for name, result in table:
        print(f"| {name} | " + " | ".join(f"{result[c]:.3f}" for c in COLUMNS) + " |")
    if args.per_topic:
        by_doc = {doc: t for doc, t in data.topics.items()}
        for topic in topics:
            tg = [r for r in gold if by_doc.get(r["doc"]) == topic]
            result = score(args.shared, tg, folds[topic], folder, f"topic-{topic}")
            print(f"| {topic} | " + " | ".join("n/a" if result[c] is None else f"{result[c]:.3f}" for c in COLUMNS) + " |")


if __name__ == "__main__":
    main()
