"""Ingest: files, directories and globs -> Articles (text, parts, metadata, date)."""

from __future__ import annotations

import glob
from collections.abc import Iterator, Sequence
from pathlib import Path

from tally.errors import InputError, TallyError
from tally.ingest.article import build
from tally.ingest.html import from_html
from tally.ingest.readers import SUFFIXES, decode, from_text, read_file
from tally.types import Article

__all__ = ["build", "count_inputs", "decode", "expand", "from_html", "from_text", "iter_articles"]


def expand(paths: Sequence[str | Path]) -> Iterator[Path | TallyError]:
    """Files named by paths, each once: files as given, directories recursively, globs expanded.

    Inside a directory (named or matched by a glob), hidden files and folders and files of
    unsupported types are skipped; a file named directly is always read. A missing path or
    a glob matching nothing is an InputError naming it.
    """
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        try:
            path.exists()
        except OSError as exc:  # a name too long for the file system, say
            yield InputError(f"cannot read this path: {exc.strerror or exc}", path=str(raw))
            continue
        if path.exists():
            found = _walk(path) if path.is_dir() else [path]
        elif glob.has_magic(str(raw)):
            matches = sorted(Path(p) for p in glob.glob(str(raw), recursive=True))
            found = [f for m in matches for f in (_walk(m) if m.is_dir() else [m])]
            if not matches:
                yield InputError("no file matches this pattern", path=str(raw))
        else:
            yield InputError("no such file or directory", path=str(raw))
            continue
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                yield file


def _walk(folder: Path) -> list[Path]:
    return [
        child
        for child in sorted(folder.rglob("*"))
        if child.is_file()
        and child.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in child.relative_to(folder).parts)
    ]


def count_inputs(paths: Sequence[str | Path]) -> int:
    """How many files (and missing paths) :func:`iter_articles` will go through."""
    return sum(1 for _ in expand(paths))


def iter_articles(paths: Sequence[str | Path]) -> Iterator[Article | TallyError]:
    """Articles from files, directories and globs; an error for each bad file or line.

    A JSONL file yields one Article per line. Errors are yielded, not raised, so one bad
    input never stops the batch.

    Args:
        paths: Files, directories (read recursively, in sorted order) and glob patterns.

    Yields:
        An Article per document, or a TallyError (with its code) per bad file or line.
    """
    for item in expand(paths):
        if isinstance(item, TallyError):
            yield item
        else:
            yield from read_file(item)
