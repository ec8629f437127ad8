"""Accepting an ingest request: the write token, then the files, the pasted text or the URLs.

The browser form and the JSON API share this; both hand the work to a
:class:`~tally.web.jobs.JobRunner` and answer at once with the job.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request

from tally.errors import UploadError
from tally.web.jobs import Job, JobRunner
from tally.web.security import bearer, token_matches
from tally.web.uploads import (
    MAX_BODY_BYTES,
    MAX_FILE_BYTES,
    MAX_FILES,
    BodyTooLarge,
    UploadRefused,
    check_file,
    over,
)

META_FIELDS = ("title", "outlet", "author", "url", "published")
MAX_URLS = 20  # pages fetched by one request; each is fetched politely, one after another

# The multipart form, described by hand: the handler reads the form itself so that the body
# limit is enforced while it streams in.
INGEST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "maxItems": MAX_FILES,
                        },
                        "text": {"type": "string"},
                        "urls": {
                            "type": "string",
                            "description": "http(s) URLs of pages to fetch, one per line",
                        },
                        "token": {"type": "string"},
                        **{name: {"type": "string"} for name in META_FIELDS},
                    },
                }
            }
        },
    }
}


class AccessDenied(Exception):
    """A write without the token (401) or with a wrong one (403)."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(message)


async def accept_ingest(request: Request, runner: JobRunner, token: str) -> Job:
    """Check an ingest request and queue it.

    Args:
        request: A multipart form with ``files``, a ``text`` (plus optional ``title``,
            ``outlet``, ``author``, ``url``, ``published``) or ``urls`` (one per line) to
            fetch; the token in an ``Authorization: Bearer`` header or a ``token`` field.
        runner: Where the job goes.
        token: The server's write token.

    Returns:
        The queued job.

    Raises:
        AccessDenied: The token is missing or wrong.
        UploadRefused: A file of the wrong type or size, too many files or URLs, a URL that
            is not http(s), more than one kind of input, or nothing to ingest.
    """
    try:
        # Fields may be as large as the body: the text's own limit gives the clearer message.
        form = await request.form(max_files=MAX_FILES, max_fields=20, max_part_size=MAX_BODY_BYTES)
    except BodyTooLarge:
        raise
    except Exception as exc:  # starlette raises several kinds for a bad form
        raise UploadRefused(400, UploadError(f"unreadable form: {exc}", path="upload")) from exc
    given = bearer(request) or _text(form.get("token"))
    if given is None:
        raise AccessDenied(401, "a write token is required (see `tally serve`)")
    if not token_matches(given, token):
        raise AccessDenied(403, "the write token is wrong")
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    if len(uploads) > MAX_FILES:
        raise UploadRefused(413, UploadError(f"{len(uploads)} files; at most {MAX_FILES}"))
    files: list[tuple[str, bytes]] = []
    for upload in uploads:
        content = await upload.read(MAX_FILE_BYTES + 1)
        size = max(len(content), upload.size or 0)
        files.append((check_file(upload.filename, size), content))
    raw = form.get("text")
    text = raw if isinstance(raw, str) else ""
    urls = _urls(form.get("urls"))
    if sum(map(bool, (files, text.strip(), urls))) > 1:
        raise UploadRefused(
            400, UploadError("send files, a pasted text or URLs, one at a time", path="upload")
        )
    if files:
        return runner.submit_files(files)
    if urls:
        return runner.submit_urls(urls)
    if not text.strip():
        raise UploadRefused(
            400, UploadError("nothing to ingest: no file, no text and no URL", path="upload")
        )
    if len(text.encode()) > MAX_FILE_BYTES:
        raise UploadRefused(
            413,
            UploadError(
                f"text {over(len(text.encode()), MAX_FILE_BYTES)}",
                path="pasted text",
            ),
        )
    meta = {name: _text(form.get(name)) for name in META_FIELDS}
    return runner.submit_text(text, meta)


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _urls(value: Any) -> list[str]:
    """The URLs of the ``urls`` field, one per line (blank lines skipped), each checked."""
    from tally.ingest.fetch import is_url

    lines = [ln.strip() for ln in value.splitlines() if ln.strip()] if isinstance(value, str) else []
    if len(lines) > MAX_URLS:
        raise UploadRefused(413, UploadError(f"{len(lines)} URLs; at most {MAX_URLS}", path="upload"))
    for line in lines:
        if not is_url(line) or any(c.isspace() for c in line):
            raise UploadRefused(
                400, UploadError("not an http(s) URL", path=line[:200])
            )
    return list(dict.fromkeys(lines))
