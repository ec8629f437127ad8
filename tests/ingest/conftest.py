"""Helpers for the ingest tests: write a file, read paths into articles and errors."""

from __future__ import annotations

from pathlib import Path

from tally.errors import TallyError
from tally.ingest import iter_articles
from tally.types import Article


def read(paths: list[str | Path]) -> tuple[list[Article], list[TallyError]]:
    """The articles and the errors ``iter_articles`` yields for ``paths``."""
    items = list(iter_articles(paths))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, TallyError)]
    return articles, errors


def write(path: Path, content: str | bytes) -> Path:
    """Write ``content`` (text as UTF-8) to ``path``, making its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
