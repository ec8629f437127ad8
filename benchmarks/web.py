"""The web app on a small and a large store, side by side: warm p50 of every page and API
default response, its size, and the server's RSS.

Each store is served by a real `tally serve` process on loopback. Every address is asked
twice to warm the caches, then ``--repeat`` times; the p50 of those is printed with the
ratio large/small (the issue's bar: within 2x), then the server's resident memory.

Usage: python benchmarks/web.py --small DB --large DB [--repeat 15]
(benchmarks/scale.py --out DIR leaves stores of each size to point at: DIR/jobs0-N.db).
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

TALLY = Path(sys.executable).parent / "tally"


def free_port() -> int:
    """A TCP port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    """A process's resident set size now, in MB."""
    for line in (Path("/proc") / str(pid) / "status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def addresses(client: httpx.Client) -> list[str]:
    """Every page and API list, at its defaults, with a real quantity and article."""
    quantity = client.get("/api/quantities").json()[0]["quantity"]
    article = client.get("/api/articles", params={"limit": 1}).json()[0]["id"]
    return [
        "/", f"/quantities/{quantity}", "/articles", f"/articles/{article}", "/search?q=flood",
        "/api/quantities", f"/api/quantities/{quantity}", f"/api/quantities/{quantity}/sources",
        "/api/estimates", "/api/claims", "/api/articles", f"/api/articles/{article}",
        "/api/search?q=flood",
    ]  # fmt: skip


def measure(db: str, repeat: int) -> tuple[dict[str, tuple[float, int]], float, float]:
    """Serve ``db`` and time every address: ({address: (p50 ms, bytes)}, start s, RSS MB)."""
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [str(TALLY), "serve", "--db", db, "--port", str(port), "--token", "bench-token"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=300) as client:
            while True:
                try:
                    client.get("/api/quantities")
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            start_seconds = time.perf_counter() - started
            found: dict[str, tuple[float, int]] = {}
            for address in addresses(client):
                for _ in range(2):
                    client.get(address)
                times = []
                for _ in range(repeat):
                    t = time.perf_counter()
                    size = len(client.get(address).content)
                    times.append((time.perf_counter() - t) * 1000)
                found[address] = (statistics.median(times), size)
            return found, start_seconds, rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    """Measure both stores and print them side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", required=True)
    parser.add_argument("--large", required=True)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    small, small_start, small_rss = measure(args.small, args.repeat)
    large, large_start, large_rss = measure(args.large, args.repeat)
    print("| address | small p50 (ms) | large p50 (ms) | large/small | small KB | large KB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for (address, (a, a_size)), (_, (b, b_size)) in zip(small.items(), large.items()):
        print(f"| {address} | {a:.1f} | {b:.1f} | {b / a:.1f}x | {a_size / 1e3:.1f} |"
              f" {b_size / 1e3:.1f} |")  # fmt: skip
    print(f"| server start (s) | {small_start:.1f} | {large_start:.1f} |"
          f" {large_start / small_start:.1f}x | | |")  # fmt: skip
    print(f"| server RSS (MB) | {small_rss:.0f} | {large_rss:.0f} |"
          f" {large_rss / small_rss:.1f}x | | |")  # fmt: skip


if __name__ == "__main__":
    main()
