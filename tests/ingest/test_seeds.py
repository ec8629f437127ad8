"""The part split on the five real seed articles, against the hand-made gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tally.ingest import iter_articles
from tally.types import Article

GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "seeds.gold.jsonl"


@pytest.fixture(scope="module")
def gold() -> list[dict[str, Any]]:
    if not GOLD.is_file():
        pytest.skip("../shared/eval/seeds.gold.jsonl is not on this machine")
    return [
        json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, Article]:
    items = list(iter_articles([seeds_dir]))
    assert all(isinstance(i, Article) for i in items), [str(i) for i in items]
    return {a.name: a for a in items if isinstance(a, Article)}


@pytest.mark.parametrize("doc", ["000_5db0438e3ce3d2f1.txt", "001_f477e290d756f4ee.txt"])
def test_the_body_ends_at_the_gold_end_phrase(
    seeds: dict[str, Article], gold: list[dict[str, Any]], doc: str
) -> None:
    article, phrase = seeds[doc], gold[0]["body_end"][doc]
    text = article.text
    at = text.index(phrase)
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at) if "\n" in text[at:] else len(text)
    last_body = max(s.end for s in article.segments if s.part == "body")
    # The body runs to the phrase's line (a closing credit is the article's last line; a link
    # block is the first line after it) and never past it.
    assert line_start <= last_body <= line_end + 1
    assert article.part_at(line_start - 1) == "body", "the line before the end phrase is body"
    assert text[last_body:].strip(), "something follows the body in this seed"
    assert {s.part for s in article.segments if s.start >= line_end} <= {"comment", "furniture"}


def test_every_gold_claim_sentence_lies_in_the_body(
    seeds: dict[str, Article], gold: list[dict[str, Any]]
) -> None:
    outside: list[str] = []
    rows = [row for row in gold if "doc" in row]
    assert rows
    for row in rows:
        article, sentence = seeds[row["doc"]], row["sentence"]
        start = article.text.index(sentence)
        parts = {article.part_at(i) for i in range(start, start + len(sentence))}
        if parts != {"body"}:
            outside.append(f"{row['doc']}: {sentence[:60]!r} in {sorted(parts)}")
    assert not outside, outside


@pytest.mark.parametrize(
    ("doc", "marker", "part"),
    [
        ("000_5db0438e3ce3d2f1.txt", "Jul 8, 2025 13:11 598", "furniture"),
        ("001_f477e290d756f4ee.txt", "Fresh meat for the grinder.", "comment"),
        ("003_d06e6ac7dba8fc6a.txt", "Home SECURITY & DEFENCE", "furniture"),
        ("003_d06e6ac7dba8fc6a.txt", "Editors' Picks", "furniture"),
        ("004_09fcf9dc0c7f5b86.txt", "Kremlin Pool Photo via AP", "furniture"),
    ],
)
def test_seed_page_furniture_and_comments_are_not_body(
    seeds: dict[str, Article], doc: str, marker: str, part: str
) -> None:
    article = seeds[doc]
    assert article.part_at(article.text.index(marker)) == part
