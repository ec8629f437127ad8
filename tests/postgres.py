"""A throwaway PostgreSQL 15 server for the tests, from Debian's binaries, in a temporary folder.

initdb and pg_ctl run as an unprivileged user, since the server refuses to run as root: the
current user when it is not root, else Debian's ``postgres`` user, else a ``tally-pg`` system
user made with ``useradd``. The server listens on loopback only, on a free port, with trust
authentication and fsync off (a test server keeps nothing worth a sync).
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PG_BIN = Path(os.environ.get("TALLY_PG_BIN", "/usr/lib/postgresql/15/bin"))
FALLBACK_USER = "tally-pg"


def _run_as(user: str | None, args: list[str]) -> subprocess.CompletedProcess[str]:
    command = args if user is None else ["runuser", "-u", user, "--", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _server_user() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", FALLBACK_USER):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", FALLBACK_USER],
        check=True,
    )
    return FALLBACK_USER


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerError(RuntimeError):
    """The server could not be set up or started."""


@contextmanager
def throwaway_server() -> Iterator[str]:
    """Start a server in a temporary folder; yield its URL (no database name); remove it."""
    user = _server_user()
    home = Path(tempfile.mkdtemp(prefix="tally-pg-"))
    data = home / "data"
    if user is not None:
        shutil.chown(home, user)
    try:
        port = _free_port()
        init = _run_as(user, [str(PG_BIN / "initdb"), "-D", str(data), "-U", "tally",
                              "--auth=trust", "-E", "UTF8", "--locale=C"])  # fmt: skip
        if init.returncode:
            raise ServerError(f"initdb failed: {init.stderr}")
        options = (
            f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c max_connections=200"
        )
        start = _run_as(user, [str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options,
                               "-l", str(home / "log"), "-w", "start"])  # fmt: skip
        if start.returncode:
            log = (home / "log").read_text() if (home / "log").exists() else ""
            raise ServerError(f"pg_ctl start failed: {start.stderr} {log}")
        try:
            yield f"postgresql://tally@127.0.0.1:{port}"
        finally:
            _run_as(user, [str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])
    finally:
        shutil.rmtree(home, ignore_errors=True)


def create_database(server: str) -> str:
    """A new empty database on ``server``; returns its URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A running server for the whole session; yields its URL without a database name."""
    if not (PG_BIN / "initdb").exists():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL 15 is not installed ({PG_BIN}); scripts/test.sh installs it")
        pytest.skip(f"PostgreSQL 15 is not installed ({PG_BIN})")
    try:
        with throwaway_server() as url:
            yield url
    except ServerError as error:
        pytest.fail(str(error))


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A new empty database on the session's server, for one test."""
    return create_database(postgres_server)
