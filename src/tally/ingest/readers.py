"""Read one file into Articles: plain text with an optional header, HTML pages, JSON Lines."""

from __future__ import annotations

import json
from tally import rx as re  # linear-time matching: see tally/rx.py
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from tally.errors import FormatError, InputError, InputWarning, TallyError, UnsupportedFormat
from tally.ingest.article import MAX_TEXT_CHARS, build
from tally.ingest.webpage import from_html
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
# The largest file (or JSONL line) read at all: HTML pages carry markup several times their
# text, so this is above MAX_TEXT_CHARS; a larger one is refused unread, in bounded memory.
MAX_FILE_BYTES = 20_000_000
_SURROGATE = re.compile("[\ud800-\udfff]")


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
        if (size := path.stat().st_size) > MAX_FILE_BYTES:
            yield InputError(f"too large: {size / 1e6:.1f} MB; Tally reads files of up to "
                             f"{MAX_FILE_BYTES / 1e6:.0f} MB (split the file)", path=where)  # fmt: skip
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
    header, body, key_lines = _split_header(text, origin)
    article = build(body, origin, {**header, **(meta or {})})
    for warning in article.warnings:
        key = getattr(warning, "key", None)
        if warning.line is None and key in key_lines and key not in (meta or {}):
            warning.line = key_lines[key]  # the header line the value came from
    return article


def _split_header(text: str, origin: str) -> tuple[dict[str, str], str, dict[str, int]]:
    """The header, the text after it, and the line of each header key.

    A run of ``key: value`` lines is a header only when it is closed by ``---`` and names at
    least one known key; then an unknown key is a typo worth an error, not prose.
    """
    lines = text.split("\n")
    top = [line.strip() for line in lines[:_HEADER_MAX_LINES]]
    first = 1 if top and top[0] == "---" else 0  # markdown front matter opens with --- too
    if "---" not in top[first:]:
        return {}, text, {}
    close = top.index("---", first)
    entries: list[tuple[int, str, str]] = []
    for number, line in enumerate(lines[first:close], start=first + 1):
        if not line.strip():
            continue
        m = _HEADER_LINE.match(line)
        if not m:
            return {}, text, {}  # not a header after all: the text starts with prose
        entries.append((number, m.group(1).lower(), m.group(2).strip()))
    if not any(key in META_KEYS for _, key, _ in entries):
        return {}, text, {}
    for number, key, _ in entries:
        if key not in META_KEYS:
            raise FormatError(f"unknown header key {key!r} (expected one of: {', '.join(META_KEYS)})",
                              path=origin, line=number)  # fmt: skip
    header = {key: value for _, key, value in entries}
    key_lines = {key: number for number, key, _ in entries}
    return header, "\n".join(lines[close + 1 :]).lstrip("\n"), key_lines


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
            if len(raw) > MAX_FILE_BYTES:
                yield InputError(f"line too long: {len(raw) / 1e6:.1f} MB; Tally reads lines of up "
                                 f"to {MAX_FILE_BYTES / 1e6:.0f} MB", path=where, line=number)  # fmt: skip
                empty = False
                continue
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
    except RecursionError:
        return FormatError("malformed JSON: nested too deeply", path=where, line=number)
    warnings: list[TallyError] = []
    if isinstance(row, dict):
        row = {key: _whole(key, value, where, number, warnings) for key, value in row.items()}
    content = row.get("text") or row.get("html") if isinstance(row, dict) else None
    if not isinstance(content, str) or not content.strip():
        return FormatError("each line must be an object with a non-empty 'text' or 'html' string",
                           path=where, line=number)  # fmt: skip
    ident = row.get("id")
    origin = str(row.get("origin") or row.get("url")
                 or (f"{where}#{ident}" if ident not in (None, "") else f"{where}#L{number}"))  # fmt: skip
    meta = {}
    for key in META_KEYS:
        value = row.get(key)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            if value != "":
                meta[key] = value
        elif value is not None:
            warnings.append(InputWarning(f"{key!r} is not a text value ({type(value).__name__}); "
                                         "the article is kept without it", key=key))  # fmt: skip
    read = from_text if row.get("text") else from_html
    made = _safe(partial(read, content, origin, meta), where, number)
    if isinstance(made, Article):
        made.warnings[:0] = warnings
        for warning in made.warnings:
            warning.path, warning.line = where, number
    return made


def _whole(key: str, value: Any, where: str, number: int, warnings: list[TallyError]) -> Any:
    """A JSON string with its lone surrogates ("\\ud800", which no UTF-8 text can hold)
    replaced by U+FFFD, with a warning; any other value as it is."""
    if isinstance(value, str) and _SURROGATE.search(value):
        warnings.append(InputWarning(f"{key!r} holds a lone surrogate (an unpaired \\ud800-\\udfff "
                                     "escape); replaced by U+FFFD", key=key))  # fmt: skip
        return _SURROGATE.sub("\ufffd", value)
    return value


def _safe(make: Callable[[], Article], where: str, line: int | None = None) -> Article | TallyError:
    """The article, or the error making it raised, placed at ``where`` (and the JSONL line).

    Any exception becomes that input's error: one article Tally cannot read must not stop
    the batch.
    """
    try:
        return make()
    except TallyError as err:
        if line is not None:
            err.path, err.line = where, line
        return err
    except Exception as exc:  # noqa: BLE001 - a fault in a reader is this input's error
        return InputError(f"could not be read ({type(exc).__name__}: {str(exc)[:200]})",
                          path=where, line=line)  # fmt: skip
