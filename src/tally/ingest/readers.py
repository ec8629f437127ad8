"""Read one file into Articles: plain text with an optional header, HTML pages, JSON Lines."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from tally.errors import FormatError, InputError, TallyError, UnsupportedFormat
from tally.ingest.article import build
from tally.ingest.html import from_html
from tally.types import Article

META_KEYS = ("url", "outlet", "title", "author", "published")
MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt", ".text"} | MARKDOWN_SUFFIXES
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
_HEADER_LINE = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*)$")
_HEADER_MAX_LINES = 12
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_file(path: Path) -> Iterator[Article | TallyError]:
    """Articles from one file, or an error for the file (or for one bad JSONL line)."""
    where = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield UnsupportedFormat(f"unsupported file type {suffix or '(none)'!r}; expected one of "
                                f"{', '.join(sorted(SUFFIXES))}", path=where)  # fmt: skip
        return
    if not path.is_file():
        yield InputError("not a regular file" if path.exists() else "no such file or directory",
                         path=where)  # fmt: skip
        return
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _jsonl(path, where)
            return
        raw = path.read_bytes()
        text = decode(raw, where)
    except TallyError as err:
        yield err
        return
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", path=where)
        return
    if suffix in HTML_SUFFIXES:
        yield _safe(partial(from_html, text, where, {}), where)
    else:
        if suffix in MARKDOWN_SUFFIXES:
            text = plain_markdown(text)
        yield _safe(partial(from_text, text, where), where)


def decode(raw: bytes, where: str) -> str:
    """UTF-8 text from bytes (a BOM is dropped), or a clear error for anything else.

    Raises:
        InputError: The bytes are empty, binary, UTF-16, or not UTF-8 (naming the line).
    """
    if not raw.strip():
        raise InputError("empty file", path=where)
    _refuse_non_text(raw[:8192], where)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be decoded); "
                         "convert the file to UTF-8", path=where, line=line) from None  # fmt: skip


def _refuse_non_text(head: bytes, where: str) -> None:
    if head.startswith(_UTF16_BOMS):
        raise InputError("UTF-16 text; convert the file to UTF-8", path=where)
    if b"\x00" in head:
        raise InputError("binary file (NUL bytes), not text", path=where)


# Markdown marks that are not words: images and links keep their text, headings and quotes
# lose their markers, emphasis its asterisks. URLs would otherwise read as figures and dates.
_MARKDOWN = [
    (re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),
    (re.compile(r"^(?:#{1,6}|>)[ \t]+", re.MULTILINE), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
]


def plain_markdown(text: str) -> str:
    """Markdown as the plain text a reader sees (links, headings, quotes and bold unmarked)."""
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return text


def from_text(text: str, origin: str, meta: dict[str, Any] | None = None) -> Article:
    """An Article from plain text with an optional ``key: value`` header.

    The header is a run of ``key: value`` lines (keys from ``META_KEYS``) closed by a line
    ``---``; markdown front matter (the same lines between two ``---`` lines) works too.
    ``meta`` overrides the header.

    Raises:
        FormatError: A header with an unknown key or an unreadable date (naming the line).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header, body, date_line = _split_header(text, origin)
    try:
        return build(body, origin, {**header, **(meta or {})})
    except FormatError as err:
        if err.line is None and "published" not in (meta or {}):
            err.line = date_line
        raise


def _split_header(text: str, origin: str) -> tuple[dict[str, str], str, int | None]:
    """The header, the text after it, and the header line holding ``published``.

    A run of ``key: value`` lines is a header only when it is closed by ``---`` and names at
    least one known key; then an unknown key is a typo worth an error, not prose.
    """
    lines = text.split("\n")
    top = [line.strip() for line in lines[:_HEADER_MAX_LINES]]
    first = 1 if top and top[0] == "---" else 0  # markdown front matter opens with --- too
    if "---" not in top[first:]:
        return {}, text, None
    close = top.index("---", first)
    entries: list[tuple[int, str, str]] = []
    for number, line in enumerate(lines[first:close], start=first + 1):
        if not line.strip():
            continue
        m = _HEADER_LINE.match(line)
        if not m:
            return {}, text, None  # not a header after all: the text starts with prose
        entries.append((number, m.group(1).lower(), m.group(2).strip()))
    if not any(key in META_KEYS for _, key, _ in entries):
        return {}, text, None
    for number, key, _ in entries:
        if key not in META_KEYS:
            raise FormatError(f"unknown header key {key!r} (expected one of: {', '.join(META_KEYS)})",
                              path=origin, line=number)  # fmt: skip
    header = {key: value for _, key, value in entries}
    date_line = next((n for n, key, _ in entries if key == "published"), None)
    return header, "\n".join(lines[close + 1 :]).lstrip("\n"), date_line


def _jsonl(path: Path, where: str) -> Iterator[Article | TallyError]:
    """One Article per line, read line by line so a large file is never held whole.

    Raises:
        InputError: The file is binary or UTF-16 (judged by its first 8 KiB).
    """
    with path.open("rb") as handle:
        _refuse_non_text(handle.read(8192), where)
        handle.seek(0)
        empty = True
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield InputError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be decoded)",
                                 path=where, line=number)  # fmt: skip
                continue
            if line.strip():
                empty = False
                yield _jsonl_row(line, where, number)
        if empty:
            yield InputError("empty file", path=where)


def _jsonl_row(line: str, where: str, number: int) -> Article | TallyError:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return FormatError(
            f"malformed JSON: {exc.msg} (column {exc.colno})", path=where, line=number
        )
    content = row.get("text") or row.get("html") if isinstance(row, dict) else None
    if not isinstance(content, str) or not content.strip():
        return FormatError("each line must be an object with a non-empty 'text' or 'html' string",
                           path=where, line=number)  # fmt: skip
    ident = row.get("id")
    origin = str(row.get("origin") or row.get("url")
                 or (f"{where}#{ident}" if ident not in (None, "") else f"{where}#L{number}"))  # fmt: skip
    meta = {k: row[k] for k in META_KEYS if row.get(k) not in (None, "")}
    read = from_text if row.get("text") else from_html
    return _safe(partial(read, content, origin, meta), where, number)


def _safe(make: Callable[[], Article], where: str, line: int | None = None) -> Article | TallyError:
    """The article, or the error making it raised, placed at ``where`` (and the JSONL line)."""
    try:
        return make()
    except TallyError as err:
        if line is not None:
            err.path, err.line = where, line
        return err
