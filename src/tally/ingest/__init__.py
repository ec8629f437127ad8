"""Ingest: files, directories and globs -> Articles (text, parts, metadata, date)."""

from __future__ import annotations

import glob
from collections.abc import Iterator, Sequence
from pathlib import Path

from tally.errors import InputError, TallyError
from tally.ingest.readers import SUFFIXES, build, decode, from_html, from_text, read_file
from tally.types import Article

__all__ = ["build", "count_inputs", "decode", "expand", "from_html", "from_text", "iter_articles"]


def expand(paths: Sequence[str | Path]) -> Iterator[Path | TallyError]:
    """Files named by paths: files as given, directories recursively, globs expanded."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() in SUFFIXES:
                    yield child
        elif path.exists():
            yield path
        elif glob.has_magic(str(raw)):
            matches = sorted(Path(p) for p in glob.glob(str(raw), recursive=True))
            files = [p for p in matches if p.is_file()]
            if not files:
                yield InputError("no file matches this pattern", path=str(raw))
            yield from files
        else:
            yield InputError("no such file or directory", path=str(raw))


def count_inputs(paths: Sequence[str | Path]) -> int:
    """How many files (and missing paths) ``iter_articles`` will go through."""
    return sum(1 for _ in expand(paths))


def iter_articles(paths: Sequence[str | Path]) -> Iterator[Article | TallyError]:
    """Articles from files, directories and globs; an error for each bad file or line.

    A JSONL file yields one Article per line. Errors are yielded, not raised, so one bad
    input never stops the batch.
    """
    for item in expand(paths):
        if isinstance(item, TallyError):
            yield item
        else:
            yield from read_file(item)

