"""Leave-one-topic-out: train on every topic but one, read the held-out one, pool.

The honest measure of a trained extractor on topics it never saw: what it reads of each
topic comes from a model that saw none of that topic's articles. The rules are the same in
every fold; only the forests change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from tally.extract.choose import ArticleView, apply
from tally.learn.labelled import Labelled, by_topic
from tally.learn.fit import TrainOptions, fit
from tally.learn.gold import claim_row


def leave_one_topic_out(
    views: list[ArticleView],
    data: Labelled,
    options: TrainOptions | None = None,
    progress: Callable[[str], None] | None = None,
    folds: int | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Each topic's claims as rows, read by a model trained on the other topics.

    Args:
        views: The rules' reading of every labelled article (``extract_views``).
        data: Their gold and topics.
        options: How each fold's forests are grown.
        progress: Told each fold's first topic as the fold starts.
        folds: Hold out this many groups of topics in turn (topics in name order, the k-th
            to group k mod ``folds``), a faster fixed split; None holds out one topic at a time.

    Returns:
        Claim rows (the gold format, plus ``part``) by topic.
    """
    options = options or TrainOptions()
    groups = by_topic(views, data.topics)
    names = sorted(groups)
    count = len(names) if folds is None else folds
    out: dict[str, list[dict[str, Any]]] = {}
    for k in range(count):
        topics = names[k::count]
        if not topics:
            continue
        if progress is not None:
            progress(topics[0])
        held = [v for t in topics for v in groups[t]]
        held_docs = {v.article.name for v in held}
        gold = {doc: rows for doc, rows in data.gold.items() if doc not in held_docs}
        rest = [v for v in views if v.article.name not in held_docs]
        models = fit(rest, gold, replace(options, note={}))
        for view, claims in zip(held, apply(held, models)):
            topic = data.topics.get(view.article.name or "", view.article.name or "")
            out.setdefault(topic, []).extend(claim_row(c) for c in claims)
    return out
