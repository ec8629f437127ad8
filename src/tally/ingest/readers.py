"""Read one file into Articles: plain text with an optional header, HTML pages, JSON Lines."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import trafilatura

from tally.errors import FormatError, InputError, TallyError, UnsupportedFormat
from tally.ingest.dates import infer_published, normalise_date
from tally.ingest.parts import split_parts
from tally.types import Article, DateOrigin, Segment

META_KEYS = ("url", "outlet", "title", "author", "published")
TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
_HEADER_LINE = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*)$")
_DATE_STAMP = re.compile(r"^\s*(\w{3,9}\.? \d{1,2}, \d{4})(?:\s+\d{1,2}:\d{2})?(?:\s+\d+)*\s*$", re.M)


def read_file(path: Path) -> Iterator[Article | TallyError]:
    """Articles from one file, or an error for the file (or for one bad JSONL line)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield UnsupportedFormat(f"unsupported file type {suffix or '(none)'!r}; expected one of "
                                f"{', '.join(sorted(SUFFIXES))}", path=str(path))  # fmt: skip
        return
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        yield InputError("no such file or directory", path=str(path))
        return
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", path=str(path))
        return
    try:
        text = decode(raw, str(path))
    except TallyError as err:
        yield err
        return
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl(text, path)
    elif suffix in HTML_SUFFIXES:
        yield _safe(lambda: from_html(text, str(path), {}), str(path))
    else:
        yield _safe(lambda: from_text(text, str(path)), str(path))


def decode(raw: bytes, where: str) -> str:
    """UTF-8 text from bytes, or a clear error for empty, binary or undecodable input."""
    if not raw.strip():
        raise InputError("empty file", path=where)
    if b"\x00" in raw[:8192]:
        raise InputError("binary file (NUL bytes), not text", path=where)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be decoded); "
                         "convert the file to UTF-8", path=where, line=line) from None  # fmt: skip


def from_text(text: str, origin: str, meta: dict[str, Any] | None = None) -> Article:
    """An Article from plain text with an optional ``key: value`` header closed by ``---``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header, body = _split_header(text, origin)
    return build(body, origin, {**header, **(meta or {})})


def from_html(html: str, origin: str, meta: dict[str, Any]) -> Article:
    """An Article from an HTML page: main text, comments and metadata via trafilatura."""
    doc = trafilatura.bare_extraction(html, include_comments=True, with_metadata=True)
    if doc is None:
        raise InputError("no article text found in the HTML page", path=origin)
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (data.get("text") or "").strip()
    if not body:
        raise InputError("no article text found in the HTML page", path=origin)
    comments = (data.get("comments") or "").strip()
    page = {"title": data.get("title"), "outlet": data.get("sitename") or data.get("hostname"),
            "author": data.get("author"), "url": data.get("url")}  # fmt: skip
    page_date = normalise_date(data.get("date"))
    merged = {**{k: v for k, v in page.items() if v}, **meta}
    text = body + ("\n" + comments if comments else "")
    article = build(text, origin, merged, page_date=page_date)
    if comments:
        # The page marks its comments; the newline joining them to the body goes with them, so
        # the segments still cover the whole text.
        article.segments = [*split_parts(body), Segment("comment", len(body), len(text))]
    return article


def build(text: str, origin: str, meta: dict[str, Any], page_date: str | None = None) -> Article:
    """An Article with its parts, id and publication date (given, read from the page, or inferred)."""
    segments = split_parts(text)
    published: str | None = None
    how: DateOrigin | None = None
    if meta.get("published"):
        published, how = normalise_date(str(meta["published"])), "given"
    if published is None and page_date:
        published, how = page_date, "page"
    if published is None:
        stamp = _stamp(text, segments)
        if stamp:
            published, how = stamp, "page"
    if published is None:
        body = "".join(text[s.start : s.end] for s in segments if s.part == "body")
        published, how = infer_published(body)
    digest = hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]
    return Article(
        id=digest, origin=origin, text=text, segments=segments,
        outlet=_str(meta.get("outlet")), title=_str(meta.get("title")),
        author=_str(meta.get("author")), url=_str(meta.get("url")),
        published=published, published_origin=how,
    )  # fmt: skip


def _stamp(text: str, segments: list[Segment]) -> str | None:
    # A page's own date stamp ("Jul 8, 2025 13:11 598") sits in its furniture.
    for seg in segments:
        if seg.part == "furniture":
            m = _DATE_STAMP.search(text[seg.start : seg.end])
            if m:
                return normalise_date(m.group(1))
    return None


def _split_header(text: str, origin: str) -> tuple[dict[str, str], str]:
    lines = text.split("\n")
    if "---" not in (line.strip() for line in lines[:12]):
        return {}, text
    header: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        if line.strip() == "---":
            return header, "\n".join(lines[number:]).lstrip("\n")
        if not line.strip():
            continue
        m = _HEADER_LINE.match(line)
        if not m:
            return {}, text  # not a header after all: the text starts with prose
        key = m.group(1).lower()
        if key not in META_KEYS:
            raise FormatError(f"unknown header key {key!r} (expected one of: {', '.join(META_KEYS)})",
                              path=origin, line=number)  # fmt: skip
        header[key] = m.group(2).strip()
    return {}, text


def _jsonl(text: str, path: Path) -> Iterator[Article | TallyError]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = str(path)
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield FormatError(f"malformed JSON: {exc.msg} (column {exc.colno})", path=where, line=number)
            continue
        if not isinstance(row, dict) or not (row.get("text") or row.get("html")):
            yield FormatError("each line must be an object with a 'text' or 'html' field", path=where, line=number)
            continue
        origin = str(row.get("origin") or row.get("url") or f"{path}#L{number}")
        meta = {k: row[k] for k in META_KEYS if row.get(k)}
        if row.get("html"):
            yield _safe(lambda: from_html(str(row["html"]), origin, meta), where, number)
        else:
            yield _safe(lambda: from_text(str(row["text"]), origin, meta), where, number)


def _safe(make: Any, where: str, line: int | None = None) -> Article | TallyError:
    try:
        article: Article = make()
        return article
    except TallyError as err:
        if err.line is None and line is not None:
            err.line = line
        return err


def _str(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None
