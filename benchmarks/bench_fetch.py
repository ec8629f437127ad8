"""Benchmark: what Tally's polite fetching costs, against plain httpx on the same local server.

Run: ``.venv/bin/python benchmarks/bench_fetch.py [N_PAGES]``. Serves N made-up pages (and a
robots.txt) from http.server on 127.0.0.1, then fetches them all, alternating the two sides
over three rounds and keeping each side's best:

- Tally: ``tally.ingest.fetch.Fetcher`` with no pause between requests (``host_interval=0``),
  so what is measured is its own work: robots.txt, hop-by-hop redirects, the size cap while
  streaming, decoding by charset;
- peer: one ``httpx.Client`` with ``follow_redirects=True``, ``.get(url).text``.

It also times reading a 200-item RSS feed with ``tally.ingest.feeds.read_listing`` against
``feedparser.parse`` alone. Prints pages per second and the ratios. Not a timed test.
"""

from __future__ import annotations

import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import feedparser
import httpx

from tally.ingest.feeds import read_listing
from tally.ingest.fetch import Fetcher
from tally.options import FetchOptions

PARAGRAPH = ("<p>Crews cleared 40 tonnes of mud from the lower town on Monday, the council "
             "said, and about 300 homes were still without power.</p>")  # fmt: skip


def _page(i: int) -> bytes:
    body = PARAGRAPH * 40
    return (f"<html><head><meta charset='utf-8'><title>Story {i}</title></head>"
            f"<body><article><h1>Story {i}</h1>{body}</article></body></html>").encode()  # fmt: skip


def _feed(n: int) -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>http://127.0.0.1/s/{i}</link>"
        f"<description>About {i} homes flooded</description>"
        "<pubDate>Tue, 02 Sep 2025 08:00:00 GMT</pubDate></item>"
        for i in range(n)
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>'
            f"{items}</channel></rss>").encode()  # fmt: skip


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as both clients use it
    disable_nagle_algorithm = True  # headers and body go out at once, no delayed-ACK stall

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/robots.txt":
            body = b"User-agent: *\nDisallow: /private/\n"
        else:
            body = _page(int(self.path.rsplit("/", 1)[-1]))
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def _tally(urls: list[str]) -> float:
    start = time.perf_counter()
    with Fetcher(FetchOptions(host_interval=0.0)) as fetcher:
        for url in urls:
            got = fetcher.get(url)
            assert got is not None and got.text()
    return time.perf_counter() - start


def _httpx(urls: list[str]) -> float:
    start = time.perf_counter()
    with httpx.Client(follow_redirects=True) as client:
        for url in urls:
            assert client.get(url).text
    return time.perf_counter() - start


def main(n: int = 300) -> None:
    """Run both sides on ``n`` pages and a 200-item feed; print rates and ratios."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    urls = [f"{base}/s/{i}" for i in range(n)]
    best = {"tally": float("inf"), "httpx": float("inf")}
    for _ in range(3):
        best["tally"] = min(best["tally"], _tally(urls))
        best["httpx"] = min(best["httpx"], _httpx(urls))
    server.shutdown()
    feed = _feed(200)
    reads = {"tally": float("inf"), "feedparser": float("inf")}
    for _ in range(5):
        t = time.perf_counter()
        assert len(read_listing(feed, base + "/feed").items) == 200
        reads["tally"] = min(reads["tally"], time.perf_counter() - t)
        t = time.perf_counter()
        assert len(feedparser.parse(feed).entries) == 200
        reads["feedparser"] = min(reads["feedparser"], time.perf_counter() - t)
    print(f"pages: {n}, {len(_page(0)):,} bytes each; best of 3 rounds")
    print(f"Tally Fetcher   {n / best['tally']:8.0f} pages/s")
    print(f"httpx.Client    {n / best['httpx']:8.0f} pages/s")
    print(f"Tally / httpx   {best['httpx'] / best['tally']:8.2f}x")
    print(f"feed of 200 items: read_listing {reads['tally'] * 1000:.1f} ms, "
          f"feedparser.parse {reads['feedparser'] * 1000:.1f} ms, "
          f"ratio {reads['feedparser'] / reads['tally']:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
