"""Articles into the store: extracted together in batches, classified, written in one
transaction; one bad article costs only itself.

Every ingest path (files, pasted text, URLs, feeds, the Ray actors) ends here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Union

if TYPE_CHECKING:
    from tally.extract.choose import Models

from sqlalchemy.exc import SQLAlchemyError

from tally.app.events import Events
from tally.errors import InputError, StoreError, TallyError
from tally.options import IngestOptions, IngestResult
from tally.report.dated import guessed_line, is_guessed
from tally.store import Store
from tally.types import Article, Claim, Topic

BATCH = 32  # articles extracted together; bounds the memory held before storing


def store_batch(
    store: Store,
    articles: list[Article],
    options: IngestOptions,
    topic: Topic | None,
    result: IngestResult,
    events: Events,
    supersedes: Mapping[str, str] | None = None,
) -> None:
    """Extract a batch of articles together (spaCy is much faster so), then store them in one
    transaction; the counts go into ``result``.

    Args:
        store: The open store.
        articles: The articles, none of them stored yet.
        options: Processes to extract with, a publication date for undated articles.
        topic: Classifies the claims, when given.
        result: Counts what was stored.
        events: Where the line for each article that fails or is skipped goes.
        supersedes: For new versions of a page: new article id -> the older version's id
            (a file re-ingested from the same origin is found by the store itself).

    Articles not in English are stored with their language and no claims: the extraction
    rules are English ones. A fault extracting or storing one article is that article's
    error; the rest of the batch goes in.
    """
    from tally.classify import classify

    if not articles:
        return
    if options.published:
        articles = [_dated(a, options.published) for a in articles]
    english = [a for a in articles if a.language == "en"]
    extracted = dict(zip((id(a) for a in english), extract_batch(english, options.processes, options.model)))
    ready: list[tuple[Article, list[Claim]]] = []
    for article in articles:
        claims = extracted.get(id(article), [])
        if isinstance(claims, TallyError):
            result.errors.append(claims)
            events.message(str(claims))
            continue
        if topic is not None:
            classify(claims, topic)
        ready.append((article, claims))
    try:
        added: list[bool | None] = list(store.add_articles(ready, supersedes))  # one transaction
        result.versions += store.replaced
    except (StoreError, SQLAlchemyError, ValueError, OverflowError):
        # Find the article at fault: each on its own, so that it costs only itself.
        added = [_store_one(store, article, claims, supersedes, result, events) for article, claims in ready]
    for (article, claims), was_added in zip(ready, added, strict=True):
        if was_added is None:
            continue  # could not be stored: that article's error
        if not was_added:
            stored = store.article(article.id)
            if stored is not None:  # the same text twice in one batch, or another writer's
                skip(store, article, stored, result, events)
            continue
        result.added += 1
        result.claims += len(claims)
        result.article_ids.append(article.id)
        result.not_english += article.language != "en"
        result.undated += article.published is None
        if article.published is None or is_guessed(article):
            result.guessed.append(guessed_line(article))
        if article.duplicate_of:
            result.duplicates += 1


def _store_one(
    store: Store,
    article: Article,
    claims: list[Claim],
    supersedes: Mapping[str, str] | None,
    result: IngestResult,
    events: Events,
) -> bool | None:
    """Store one article (see Store.add_article); None, with its error noted, if it cannot be."""
    try:
        added = store.add_article(article, claims, supersedes=(supersedes or {}).get(article.id))
    except (StoreError, SQLAlchemyError, ValueError, OverflowError) as exc:
        error = InputError(f"could not be stored ({type(exc).__name__}: {str(exc)[:200]})",
                           path=article.origin)  # fmt: skip
        result.errors.append(error)
        events.message(str(error))
        return None
    result.versions += store.replaced
    return added


_METADATA = ("url", "title", "author", "outlet", "published", "published_origin")


def already_stored(store: Store, article: Article, stored: Article, result: IngestResult, events: Events) -> None:
    """An article whose text is stored: current again if the file went back to that text,
    its metadata recorded if only that changed (a new ``url:``), else skipped."""
    if stored.origin == article.origin and stored.superseded_by is not None:
        try:
            current = store.find(article.origin)
        except StoreError:
            current = None
        if current is not None and current.id != stored.id:
            store.reinstate(stored.id, over=current.id)
            result.versions += 1
            events.message(f"{article.origin}: back to an earlier text; that version is current again")
            return
    changed = {k: getattr(article, k) for k in _METADATA if getattr(article, k) != getattr(stored, k)}
    if stored.origin == article.origin and stored.superseded_by is None and changed:
        store.update_metadata(stored.id, changed)
        result.updated += 1
        events.message(f"{article.origin}: text unchanged; recorded its new {', '.join(sorted(changed))}")
        return
    skip(store, article, stored, result, events)


def skip(store: Store, article: Article, stored: Article, result: IngestResult, events: Events) -> None:
    """Count an article already stored, name both files, and keep the outlet it ran under."""
    result.skipped += 1
    added = bool(article.outlet) and store.add_outlet(stored.id, article.outlet or "", article.origin)
    also = f"; also ran in {article.outlet}" if added else ""
    same = "" if article.origin == stored.origin else f" as {stored.origin}"
    if same:
        result.echoes.add(article.origin)
    events.message(f"skipped {article.origin}: already stored{same}{also}")


@lru_cache(maxsize=4)
def _models(path: Path) -> Models:
    """A user's trained choosers (``tally train``), read once per process."""
    from tally.extract.choose import load_models

    return load_models(path)


Chosen = Union["Models", None, Literal["default"]]


def extract_batch(articles: list[Article], processes: int, model: Path | None = None) -> list[list[Claim] | TallyError]:
    """Claims for each article, or the error extracting it raised (then found article by
    article, so that one bad article costs only itself)."""
    from tally.extract import extract_many

    if not articles:
        return []
    models: Chosen = _models(model) if model is not None else "default"
    try:
        return list(extract_many(articles, processes=processes, models=models))
    except TallyError:
        raise  # the model is missing: nothing can be extracted
    except Exception:  # noqa: BLE001 - find the article at fault below
        from tally.extract.parallel import shutdown

        shutdown()  # a pool whose worker died is broken; a later batch starts a fresh one
    out: list[list[Claim] | TallyError] = []
    for article in articles:
        try:
            out.append(extract_many([article], processes=1, models=models)[0])
        except Exception as exc:  # noqa: BLE001 - this article's error, not the batch's
            out.append(InputError(f"extraction failed ({type(exc).__name__}: {str(exc)[:200]})",
                                  path=article.origin))  # fmt: skip
    return out


def _dated(article: Article, published: str) -> Article:
    if article.published_origin not in (None, "caption", "inferred"):
        return article
    return replace(article, published=published, published_origin="given", published_phrase=None)
