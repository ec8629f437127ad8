"""Ingest: files, directories and globs -> Articles (text, parts, metadata, date)."""

from __future__ import annotations

import glob
import os
from tally import rx as re  # linear-time matching: see tally/rx.py
from collections.abc import Iterator, Sequence
from pathlib import Path

from tally.errors import InputError, TallyError
from tally.ingest.article import build
from tally.ingest.webpage import from_html
from tally.ingest.readers import SUFFIXES, decode, from_text, read_file
from tally.types import Article

__all__ = ["build", "count_inputs", "decode", "expand", "from_html", "from_text", "iter_articles", "read_one"]


def expand(paths: Sequence[str | Path]) -> Iterator[Path | TallyError]:
    """Files named by paths, each once: files as given, directories recursively, globs expanded.

    Inside a directory (named or matched by a glob), hidden files and folders and files of
    unsupported types are skipped; a file named directly is always read. A missing path, a
    glob matching nothing, a URL, an unreadable folder or a directory holding no article
    file is an InputError naming it.
    """
    seen: set[Path] = set()
    for raw in paths:
        if url_error := not_a_file(str(raw)):
            yield url_error
            continue
        path = Path(raw)
        try:
            path.exists()
        except OSError as exc:  # a name too long for the file system, say
            yield InputError(f"cannot read this path: {exc.strerror or exc}", path=str(raw))
            continue
        found: list[Path | TallyError]
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
        if path.is_dir() and not any(isinstance(f, Path) for f in found):
            found.append(InputError(f"no article files found here (looked for {', '.join(sorted(SUFFIXES))})",
                                    path=str(raw)))  # fmt: skip
        for file in found:
            if isinstance(file, TallyError):
                yield file
                continue
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                yield file


def not_a_file(raw: str) -> InputError | None:
    """An error for an address that is not a file, given where a file is expected (http(s)
    URLs are fetched before paths are expanded; this catches ftp:// and the like); None for
    anything else."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", raw, re.IGNORECASE):
        return InputError("a URL, not a file, and not an http(s) address Tally fetches; save "
                          "the page and ingest the file", path=raw)  # fmt: skip
    return None


def _walk(folder: Path) -> list[Path | TallyError]:
    """Article files under a folder, in sorted order, and an error for each unreadable folder."""
    found: list[Path | TallyError] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename or str(folder)
        found.append(InputError(f"cannot read this folder: {exc.strerror or exc}", path=str(where)))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            child = Path(root) / name
            if not name.startswith(".") and child.suffix.lower() in SUFFIXES and child.is_file():
                found.append(child)
    # In one sorted order across folders, as rglob gave them: "a/x.txt" before "b.txt".
    return sorted(f for f in found if isinstance(f, Path)) + [f for f in found if not isinstance(f, Path)]


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
            continue
        yield from read_one(item)


def read_one(path: Path) -> Iterator[Article | TallyError]:
    """The articles of one file (see :func:`read_file`); any fault reading it is its error.

    Args:
        path: A file that :func:`expand` found.

    Yields:
        An Article per document, or a TallyError per bad file or line.
    """
    try:
        yield from read_file(path)
    except Exception as exc:  # noqa: BLE001 - one file's fault is that file's error
        yield InputError(f"could not be read ({type(exc).__name__}: {str(exc)[:200]})",
                         path=str(path))  # fmt: skip
