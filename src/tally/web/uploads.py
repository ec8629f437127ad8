"""Upload limits: the size of a request body, the size and type of each file.

Every refusal is an :class:`~tally.errors.UploadError` (T501) naming the file, carried with the
HTTP status that fits it (413 too large, 415 wrong type, 400 malformed).
"""

from __future__ import annotations

import json
from pathlib import PurePath

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tally.errors import UploadError

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FILES = 10
# A little over the files' sum: multipart framing and the form's other fields.
MAX_BODY_BYTES = MAX_FILES * MAX_FILE_BYTES + 64 * 1024
ALLOWED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")


class UploadRefused(Exception):
    """An upload refused with an HTTP status; ``error`` is the one-line T501 message."""

    def __init__(self, status: int, error: UploadError) -> None:
        self.status = status
        self.error = error
        super().__init__(str(error))


def mb(size: int) -> str:
    """A byte count in megabytes, as people say it ("2 MB", "2.4 MB")."""
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0") + " MB"


def over(size: int, limit: int) -> str:
    """ "file is 2.4 MB; the limit is 2 MB", in bytes when megabytes would show the same number."""
    if mb(size) == mb(limit):
        return f"is {size:,} bytes; the limit is {limit:,} bytes ({mb(limit)})"
    return f"is {mb(size)}; the limit is {mb(limit)}"


def safe_name(filename: str | None) -> str:
    """The last component of an uploaded file name, with path tricks and odd characters gone."""
    name = PurePath((filename or "").replace("\\", "/")).name
    cleaned = "".join(ch if ch.isalnum() or ch in "._- " else "_" for ch in name).strip(". ")
    return cleaned[:120] or "upload.txt"


def check_file(filename: str | None, size: int) -> str:
    """Check one uploaded file's type and size.

    Args:
        filename: The name the browser sent.
        size: Its size in bytes.

    Returns:
        The safe file name to store it under.

    Raises:
        UploadRefused: 415 for a type Tally does not ingest, 413 for a file over the limit.
    """
    name = safe_name(filename)
    suffix = PurePath(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise UploadRefused(
            415,
            UploadError(
                f"unsupported file type {suffix or '(none)'!r}; "
                f"expected one of {', '.join(ALLOWED_SUFFIXES)}",
                path=name,
            ),
        )
    if size > MAX_FILE_BYTES:
        raise UploadRefused(
            413, UploadError(f"file {over(size, MAX_FILE_BYTES)}", path=name)
        )
    if size == 0:
        raise UploadRefused(400, UploadError("file is empty", path=name))
    return name


class BodyLimit:
    """ASGI middleware: answers 413 as soon as a request body outgrows ``limit`` bytes.

    The declared Content-Length is checked first; a chunked body is counted as it arrives, so a
    large upload is never spooled to disk before being refused.
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send, int(declared))
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(received)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge as exc:
            if started:
                raise
            await self._refuse(send, exc.size)

    async def _refuse(self, send: Send, size: int) -> None:
        error = UploadError(
            f"request {over(size, self.limit)} "
            f"({MAX_FILES} files of {mb(MAX_FILE_BYTES)})",
            path="upload",
        )
        body = json.dumps({"code": error.code, "detail": str(error)}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"connection", b"close")],
            }
        )
        await send({"type": "http.response.body", "body": body})


class BodyTooLarge(Exception):
    """Raised from ``receive`` when the body passes the limit; BodyLimit turns it into 413."""

    def __init__(self, size: int) -> None:
        self.size = size
        super().__init__(size)
