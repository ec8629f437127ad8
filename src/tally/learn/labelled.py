"""The labelled articles a model learns from: gold files, the articles they label, their topics.

The shared data sits beside the repository (``../shared``): ``eval/{seeds,dev,train}.gold.jsonl``
label ``corpus/{seeds,dev,train}/``, and ``eval/topics.tsv`` names each article's topic. A
user's own labels come as a gold file and the folder of the articles it labels.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tally.errors import FormatError, InputError
from tally.extract.choose import ArticleView
from tally.learn.gold import GoldRow, read_gold
from tally.types import Article

SETS = ("seeds", "dev", "train")


@dataclass
class Labelled:
    """Gold rows by document, the articles they label, and each document's topic."""

    gold: dict[str, list[GoldRow]] = field(default_factory=dict)
    articles: list[Article] = field(default_factory=list)
    topics: dict[str, str] = field(default_factory=dict)  # doc -> topic
    sources: list[str] = field(default_factory=list)  # the gold files read

    def add(self, gold_file: Path, corpus: Path) -> None:
        """Add a gold file and the folder of the articles it labels."""
        from tally.ingest import iter_articles  # ingest reads articles exactly as `tally ingest` does

        rows = read_gold([gold_file])
        by_doc: dict[str, list[GoldRow]] = defaultdict(list)
        for row in rows:
            by_doc[str(row["doc"])].append(row)
        known = {a.name for a in self.articles}
        found = set()
        for item in iter_articles([corpus]):
            if isinstance(item, Exception):
                raise item
            found.add(item.name)
            if item.name in by_doc and item.name not in known:
                self.articles.append(item)
        missing = sorted(set(by_doc) - found)
        if missing:
            raise InputError(f"{len(missing)} labelled document(s) not in {corpus}, e.g. {missing[0]}",
                             path=str(gold_file))  # fmt: skip
        for doc, mine in by_doc.items():
            self.gold.setdefault(doc, []).extend(mine)
        self.sources.append(str(gold_file))


def shared_data(shared: Path, sets: Sequence[str] = SETS) -> Labelled:
    """The shared labelled sets, with their topics."""
    data = Labelled()
    for name in sets:
        data.add(shared / "eval" / f"{name}.gold.jsonl", shared / "corpus" / name)
    data.topics = read_topics(shared / "eval" / "topics.tsv")
    return data


def read_topics(path: Path) -> dict[str, str]:
    """``topics.tsv``: a header, then set, doc and topic per line."""
    try:
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
    except OSError as exc:
        raise InputError(f"cannot read the topics ({exc})", path=str(path)) from exc
    out = {}
    for number, row in enumerate(rows, start=2):
        if not row.get("doc") or not row.get("topic"):
            raise FormatError("a topic row needs doc and topic", path=str(path), line=number)
        out[row["doc"]] = row["topic"]
    return out


def by_topic(views: Iterable[ArticleView], topics: dict[str, str]) -> dict[str, list[ArticleView]]:
    """Views grouped by their article's topic (an article with none is a topic of its own)."""
    out: dict[str, list[ArticleView]] = defaultdict(list)
    for view in views:
        name = view.article.name or view.article.origin
        out[topics.get(name, name)].append(view)
    return dict(out)
