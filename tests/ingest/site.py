"""A small news site on 127.0.0.1 for the fetch and follow tests: pages, feeds, sitemaps.

Every route is a function of the request, so a test can change what the site serves between
two rounds. The server logs each request (path, headers, time) for the tests to check. The
texts are made up for these tests.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Answer = tuple[int, dict[str, str], bytes]
NO_LENGTH = "x-test-no-length"  # a route's header that says: send no Content-Length, read to EOF
TRICKLE = "x-test-trickle"  # a route's header: send the body 3 bytes at a time, this many seconds apart
Route = Callable[["Request"], Answer]


@dataclass
class Request:
    """One request the site received."""

    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Site:
    """The routes served and the requests received."""

    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[Request] = field(default_factory=list)

    def url(self, path: str) -> str:
        """The full URL of a path on this site."""
        return self.base + path

    def hits(self, path: str) -> list[Request]:
        """The requests for one path."""
        return [r for r in self.log if r.path == path]

    def page(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
             etag: bool = True) -> None:  # fmt: skip
        """Serve fixed content at ``path``, with an ETag it honours (304) when asked."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        tag = '"' + hashlib.sha1(data).hexdigest()[:12] + '"'

        def route(request: Request) -> Answer:
            headers = {"Content-Type": content_type}
            if etag:
                headers["ETag"] = tag
                if request.headers.get("if-none-match") == tag:
                    return 304, headers, b""
            return 200, headers, data

        self.routes[path] = route

    def redirect(self, path: str, target: str, status: int = 302) -> None:
        """Redirect ``path`` to ``target`` (a path or a URL)."""
        self.routes[path] = lambda _: (status, {"Location": target}, b"")

    def status(self, path: str, code: int) -> None:
        """Answer ``path`` with an error status."""
        self.routes[path] = lambda _: (code, {"Content-Type": "text/plain"}, b"error page")


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            request = Request(self.path, {k.lower(): v for k, v in self.headers.items()},
                              time.monotonic())  # fmt: skip
            site.log.append(request)
            route = site.routes.get(self.path)
            status, headers, body = route(request) if route else (404, {}, b"not found")
            try:
                self.send_response(status)
                for name, value in headers.items():
                    if name not in (NO_LENGTH, TRICKLE):
                        self.send_header(name, value)
                if "Content-Length" not in headers and NO_LENGTH not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if TRICKLE not in headers:
                    self.wfile.write(body)
                for at in range(0, len(body), 3) if TRICKLE in headers else ():
                    self.wfile.write(body[at : at + 3])
                    self.wfile.flush()
                    time.sleep(float(headers[TRICKLE]))
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout or the size cap): as meant

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # quiet tests

    return Handler


@contextmanager
def serve() -> Iterator[Site]:
    """Run a site on a free port of 127.0.0.1 in a thread for the length of the block."""
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def article_html(headline: str, paragraphs: list[str], published: str | None = None,
                 charset: str | None = "utf-8") -> str:  # fmt: skip
    """A news page: head with title (and date, charset), nav, the article, a footer."""
    meta = f'<meta charset="{charset}">' if charset else ""
    meta += '<meta property="og:site_name" content="Valley Courier">'
    if published:
        meta += f'<meta property="article:published_time" content="{published}">'
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{headline} - Valley Courier</title></head>"
        "<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{headline}</h1>{body}</article>"
        "<footer>Valley Courier, all rights reserved.</footer></body></html>"
    )


def rss(title: str, items: list[dict[str, str]]) -> str:
    """An RSS 2.0 feed of items with link, title, description, pubDate (and guid)."""
    entries = "".join(
        "<item>"
        f"<title>{i['title']}</title><link>{i['link']}</link>"
        f"<description>{i.get('description', '')}</description>"
        f"<pubDate>{i.get('date', 'Tue, 02 Sep 2025 08:00:00 GMT')}</pubDate>"
        + (f"<atom:updated>{i['updated']}</atom:updated>" if "updated" in i else "")
        + "</item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        f"<title>{title}</title><link>http://example.invalid/</link>"
        f"<description>{title}</description>{entries}</channel></rss>"
    )
