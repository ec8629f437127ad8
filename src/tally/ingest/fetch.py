"""Fetch pages over HTTP politely: robots.txt, a named User-Agent, a pace per host, retries with
backoff, bounded redirects, a size cap, and text decoded by its declared or sniffed charset.

httpx does the HTTP; redirects are followed here, one hop at a time, so that each hop is
checked against robots.txt, paced, and counted. Every failure is a one-line FetchError naming
the URL asked for.
"""

from __future__ import annotations

import codecs
from tally import rx as re  # linear-time matching: see tally/rx.py
import time
import urllib.robotparser
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Self
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from tally.errors import FetchError
from tally.ingest.addresses import resolve
from tally.options import FetchOptions

TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_MAX_RETRY_AFTER = 60.0  # seconds; a server asking for longer is treated as failing for now
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


@dataclass
class Fetched:
    """What a fetch brought back: the bytes, and where and when they came from."""

    url: str
    final_url: str
    body: bytes
    content_type: str  # the header as sent, parameters and all
    fetched_at: str  # UTC, ISO
    etag: str | None = None
    last_modified: str | None = None

    @property
    def media_type(self) -> str:
        """The Content-Type without its parameters, lower-case ("text/html")."""
        return self.content_type.split(";")[0].strip().lower()

    def text(self) -> str:
        """The body decoded (see :func:`decode_body`).

        Raises:
            FetchError: The body is empty or no charset decodes it.
        """
        return decode_body(self.body, self.content_type, self.url)


def is_url(value: str) -> bool:
    """Whether an input names an http(s) URL rather than a file."""
    return value.lower().startswith(("http://", "https://"))


class Fetcher:
    """Fetches URLs with one HTTP client, remembering each host's robots.txt and last request.

    Usable as a context manager (closes the client).

    Args:
        options: Timeouts, caps, retries, pace and User-Agent.
    """

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self._client = httpx.Client(
            headers={"User-Agent": self.options.user_agent},
            timeout=self.options.timeout,
            follow_redirects=False,  # followed by hand: see _get
        )
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._last_request: dict[str, float] = {}
        self._deadline = float("inf")  # of the fetch under way: see get

    def close(self) -> None:
        """Close the HTTP client."""
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def get(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched | None:
        """Fetch a URL, conditionally when validators from an earlier fetch are given.

        Args:
            url: An http(s) URL.
            etag: The ETag of the stored version (sent as If-None-Match).
            last_modified: Its Last-Modified (sent as If-Modified-Since).

        Returns:
            What came back, or None when the server says it has not changed (304).

        Raises:
            FetchError: Forbidden by robots.txt, an HTTP error, a timeout after the retries,
                a redirect loop or too many redirects, or a body over the size cap.
        """
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._deadline = time.monotonic() + self.options.deadline
        status, final, head, body = self._get(url, headers)
        if status == 304:
            return None
        return Fetched(
            url=url,
            final_url=final,
            body=body,
            content_type=head.get("content-type", ""),
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            etag=head.get("etag"),
            last_modified=head.get("last-modified"),
        )

    # -- one request, hop by hop -------------------------------------------------------------

    def _get(self, url: str, headers: dict[str, str]) -> tuple[int, str, httpx.Headers, bytes]:
        """Follow redirects from ``url``: (status, final URL, headers, body) of the last hop."""
        current, seen = url, {url}
        for _ in range(self.options.max_redirects + 1):
            if not is_url(current):
                raise FetchError(f"not an http(s) URL: {current[:80]}", path=url)
            self._check_robots(current, url)
            status, head, body = self._with_retries(current, headers, url)
            if status not in _REDIRECTS:
                if status == 304 and headers:
                    return status, current, head, body
                if status >= 400 or status == 304:
                    raise FetchError(_status_message(status, current, url), path=url,
                                     transient=status in TRANSIENT_STATUS)  # fmt: skip
                return status, current, head, body
            target = head.get("location")
            if not target:
                raise FetchError(f"HTTP {status} redirect without a Location", path=url)
            current = urljoin(current, target)
            if current in seen:
                raise FetchError(f"redirect loop at {current}", path=url)
            seen.add(current)
        raise FetchError(f"more than {self.options.max_redirects} redirects", path=url)

    def _with_retries(
        self, url: str, headers: dict[str, str], asked: str
    ) -> tuple[int, httpx.Headers, bytes]:
        """One hop, tried again after a transient failure, waiting longer each time."""
        wait = self.options.backoff
        for attempt in range(self.options.retries + 1):
            last = attempt == self.options.retries
            try:
                status, head, body = self._request(url, headers, asked)
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                if last:
                    what = "timed out" if isinstance(exc, httpx.TimeoutException) else "failed"
                    raise FetchError(
                        f"{what} after {attempt + 1} tries ({type(exc).__name__})",
                        path=asked, transient=True,
                    ) from None  # fmt: skip
            else:
                if status not in TRANSIENT_STATUS or last:
                    return status, head, body
                wait = max(wait, _retry_after(head.get("retry-after")) or 0.0)
                if wait > _MAX_RETRY_AFTER:
                    return status, head, body
            if time.monotonic() + wait > self._deadline:
                raise FetchError(f"gave up: the fetch would pass its deadline of {self.options.deadline:g} s",
                                 path=asked, transient=True)  # fmt: skip
            time.sleep(wait)
            wait *= 2
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _request(
        self, url: str, headers: dict[str, str], asked: str
    ) -> tuple[int, httpx.Headers, bytes]:
        """One paced GET to the address checked for the URL's host, read up to the size cap and
        the fetch's deadline."""
        self._pace(url)
        cap = self.options.max_bytes
        pinned, host, sni = _pinned(url, resolve(url, self.options.allow_private))
        left = self._deadline - time.monotonic()
        timeout = httpx.Timeout(max(0.1, min(self.options.timeout, left)))
        extensions = {"sni_hostname": sni} if sni else None
        with self._client.stream("GET", pinned, headers={**headers, "Host": host}, timeout=timeout,
                                 extensions=extensions) as response:  # fmt: skip
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cap:
                raise FetchError(f"page is {int(declared):,} bytes; the cap is {cap:,}", path=asked)
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > cap:
                    raise FetchError(f"page is over the cap of {cap:,} bytes", path=asked)
                if time.monotonic() > self._deadline:  # a server trickling bytes slower than the timeout
                    raise FetchError(f"took longer than the deadline of {self.options.deadline:g} s",
                                     path=asked, transient=True)  # fmt: skip
                chunks.append(chunk)
            return response.status_code, response.headers, b"".join(chunks)

    def _pace(self, url: str) -> None:
        """Wait until this host's interval (or its robots.txt Crawl-delay) has passed."""
        host = urlsplit(url).netloc.lower()
        interval = self.options.host_interval
        robots = self._robots.get(_origin(url))
        delay = robots.crawl_delay(self.options.user_agent) if robots else None
        if delay is not None:
            interval = max(interval, float(delay))
        last = self._last_request.get(host)
        if last is not None:
            remaining = last + interval - time.monotonic()
            if remaining > 0:
                time.sleep(remaining)
        self._last_request[host] = time.monotonic()

    def _check_robots(self, url: str, asked: str) -> None:
        origin = _origin(url)
        robots = self._robots.get(origin)
        if robots is None:
            robots = self._robots[origin] = self._load_robots(origin, asked)
        if not robots.can_fetch(self.options.user_agent, url):
            raise FetchError(f"robots.txt of {origin} forbids {urlsplit(url).path or '/'}",
                             path=asked)  # fmt: skip

    def _load_robots(self, origin: str, asked: str) -> urllib.robotparser.RobotFileParser:
        """The host's rules; none (everything allowed) when it has no robots.txt (4xx).

        As RFC 9309 says, an unreachable robots.txt (5xx, network failure) forbids the host
        for now, and 401/403 forbid it too.
        """
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            status, _, body = self._with_retries(origin + "/robots.txt", {}, asked)
        except FetchError as err:
            if not err.transient:  # an absurdly large robots.txt: no rules Tally can use
                parser.parse([])
                return parser
            raise FetchError(f"robots.txt of {origin} unreachable: {err.message}", path=asked,
                             transient=True) from None  # fmt: skip
        if status in (401, 403):
            parser.parse(["User-agent: *", "Disallow: /"])
        elif status >= 500:
            raise FetchError(f"robots.txt of {origin} unreachable (HTTP {status})", path=asked,
                             transient=True)  # fmt: skip
        elif status < 300:
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
        else:
            parser.parse([])  # 4xx or a redirect: no rules here
        return parser


def decode_body(body: bytes, content_type: str, url: str) -> str:
    """Text from a page's bytes: the charset the headers or the page declare, else sniffed.

    Args:
        body: The bytes read.
        content_type: The Content-Type header (its ``charset`` parameter is the declaration).
        url: For the error message.

    Raises:
        FetchError: The page is empty, or no charset decodes it.
    """
    if not body.strip():
        raise FetchError("the page is empty", path=url)
    declared = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    meta = _META_CHARSET.search(body[:4096])
    for name in (declared.group(1) if declared else None, meta.group(1).decode() if meta else None):
        if name and _known(name):
            try:
                return body.decode(name).removeprefix("\ufeff")
            except UnicodeDecodeError:
                continue  # a wrong declaration: sniff instead
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(body)
    best = matches.best()
    if best is None:
        raise FetchError("cannot tell the page's charset (binary content?)", path=url)
    # Latin-script text fits several single-byte charsets about equally well (Latin-1 bytes
    # read as cp1257 give "déją"), and the detector's first guess may be any of them: the
    # readings are compared by the traces a wrong charset leaves, and on a tie windows-1252,
    # what browsers assume for an undeclared page (WHATWG), wins for Latin-script text.
    readings = [str(m) for m in matches]
    try:
        western = [body.decode("cp1252")]
    except UnicodeDecodeError:
        western = []
    latin = all("Latin" in alphabet for alphabet in best.alphabets)  # not Cyrillic, Greek, CJK
    return min(western + readings if latin else readings + western, key=_oddities)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _oddities(text: str) -> int:
    """How many traces of a wrong charset a reading shows: a symbol between two letters
    ("M³ller": cp1250 read as cp1252), or a letter of another script against a Latin one
    ("br堦嶪": Latin-1 read as Big5)."""
    count, end = 0, len(text)
    for m in _NON_ASCII.finditer(text):
        i, ch = m.start(), m.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < end else " "
        if not ch.isalpha():
            count += before.isalpha() and after.isalpha()
        elif ord(ch) > 0x24F:
            count += (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())
    return count


def _known(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _pinned(url: str, address: str) -> tuple[str, str, str | None]:
    """The URL with its host replaced by the address checked, the Host header to send, and the
    name TLS must verify (https only)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    ip = f"[{address}]" if ":" in address else address
    pinned = urlunsplit((parts.scheme, ip + port, parts.path or "/", parts.query, ""))
    return pinned, (f"[{host}]" if ":" in host else host) + port, host if parts.scheme == "https" else None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number of seconds or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _status_message(status: int, where: str, asked: str) -> str:
    reason = httpx.codes.get_reason_phrase(status) or "error"
    at = f" at {where}" if where != asked else ""
    return f"HTTP {status} {reason}{at}"
