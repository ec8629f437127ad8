"""Ingest at scale, in one run: SQLite with --jobs 1, with the default jobs and with --jobs 2,
and Ray (a local cluster) into PostgreSQL; then reconcile and report on each result.

For each way and each size (generated articles, see generated.py; near-copies included) it
prints articles/s and claims/s (wall clock of the whole `tally ingest` process, start-up
included), the peak RSS of the largest process and of all of its processes together (the
kernel's high-water mark of each, sampled from /proc), the database's size on disk, and the
time `tally report` takes on the result. A throwaway PostgreSQL 15 server is started for the
Ray runs (tests/postgres.py).

Usage: python benchmarks/scale.py [--sizes 1000,10000] [--out DIR]
"""

from __future__ import annotations

import argparse
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import generated  # noqa: E402

from tests.postgres import create_database, throwaway_server  # noqa: E402

TALLY = Path(sys.executable).parent / "tally"


@dataclass
class Run:
    """One ingest: what it did and what it cost."""

    way: str
    articles: int
    claims: int
    seconds: float
    peak_rss_mb: float  # the largest process
    total_rss_mb: float  # all of the run's processes, each at its own peak
    db_mb: float
    report_seconds: float


class PeakRss:
    """Samples the high-water RSS (VmHWM) of a process and all its descendants."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            for pid in [self.pid, *descendants(self.pid)]:
                kb = hwm_kb(pid)
                if kb:
                    self.peaks[pid] = max(self.peaks.get(pid, 0), kb)
            self._stop.wait(0.25)

    def stop(self) -> tuple[float, float]:
        """(largest process, sum over processes) in MB."""
        self._stop.set()
        self._thread.join()
        values = list(self.peaks.values()) or [0]
        return max(values) / 1024, sum(values) / 1024


def descendants(pid: int) -> list[int]:
    """Every process under ``pid`` (read from /proc)."""
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def hwm_kb(pid: int) -> int:
    """A process's peak resident set size in KiB (0 when it is gone)."""
    try:
        for line in (Path("/proc") / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def db_size_mb(db: str) -> float:
    """The database's size: the SQLite file with its WAL, or pg_database_size."""
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db) as conn:
            row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
            return float(row[0]) / 1e6 if row else 0.0
    return sum(p.stat().st_size for p in Path(db).parent.glob(Path(db).name + "*")) / 1e6


def ingest(way: str, db: str, inputs: Path, args: list[str]) -> Run:
    """Run one `tally ingest` and `tally report` and measure them."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(TALLY), "ingest", str(inputs), "--db", db, *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    rss = PeakRss(proc.pid)
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    peak, total = rss.stop()
    if proc.returncode:
        raise SystemExit(f"{way} failed: {err[-2000:]}")
    from tally.store import Store

    with Store(db) as store:
        stats = store.stats()
    start = time.perf_counter()
    subprocess.run([str(TALLY), "report", "--db", db, "--format", "json"],
                   check=True, capture_output=True)  # fmt: skip
    return Run(way, stats["articles"], stats["claims"], seconds, peak, total, db_size_mb(db),
               time.perf_counter() - start)  # fmt: skip


def main() -> None:
    """Run every way at every size and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--ways", default="", help="only these ways (comma-separated numbers)")
    parser.add_argument("--out", type=Path, default=None, help="keep the inputs and databases")
    args = parser.parse_args()
    # A terminated run still stops its PostgreSQL server (the with block's exit).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    out = args.out or Path(tempfile.mkdtemp(prefix="tally-scale-"))
    runs: list[tuple[int, Run]] = []
    with throwaway_server() as server:
        for size in (int(s) for s in args.sizes.split(",")):
            inputs = out / f"in-{size}"
            if not inputs.exists():
                generated.write(size, inputs)
            ways = [
                ("sqlite --jobs 1", str(out / f"jobs1-{size}.db"), ["--jobs", "1"]),
                ("sqlite default jobs", str(out / f"jobs0-{size}.db"), []),
                # The default starts a second process only for batches of 40,000+ characters,
                # which these short articles are not: --jobs 2 is the peer of 2 Ray actors.
                ("sqlite --jobs 2", str(out / f"jobs2-{size}.db"), ["--jobs", "2"]),
                ("ray local -> postgres", create_database(server), ["--ray"]),
            ]
            chosen = {int(w) for w in args.ways.split(",") if w}
            for number, (way, db, extra) in enumerate(ways, start=1):
                if chosen and number not in chosen:
                    continue
                run = ingest(way, db, inputs, extra)
                runs.append((size, run))
                print(_line(size, run), flush=True)
    print()
    print("| articles | way | articles/s | claims/s | peak RSS, largest process (MB) |"
          " peak RSS, all processes (MB) | DB size (MB) | report (s) |")  # fmt: skip
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size, run in runs:
        print(f"| {size:,} | {run.way} | {run.articles / run.seconds:.1f} |"
              f" {run.claims / run.seconds:.1f} | {run.peak_rss_mb:.0f} |"
              f" {run.total_rss_mb:.0f} | {run.db_mb:.1f} | {run.report_seconds:.1f} |")  # fmt: skip
    if args.out is None:
        shutil.rmtree(out, ignore_errors=True)


def _line(size: int, run: Run) -> str:
    return (f"{size} {run.way}: {run.articles} articles, {run.claims} claims in"
            f" {run.seconds:.1f}s; peak RSS {run.peak_rss_mb:.0f} MB (all {run.total_rss_mb:.0f});"
            f" db {run.db_mb:.1f} MB; report {run.report_seconds:.1f}s")  # fmt: skip


if __name__ == "__main__":
    main()
