#!/usr/bin/env bash
# Set up a virtualenv with Tally and its test tools, then run the test suite.
# Usage: bash scripts/test.sh [pytest args...]   (e.g. -m "not slow", tests/store)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
# Install the whole locked dependency tree, every file checked against its hash, then Tally
# itself (editable) with no further dependencies and the locked build backend. Re-done only
# when pyproject.toml or the lock changed. (After changing a dependency: bash scripts/lock.sh)
stamp=.venv/.tally-installed
want="$(cat pyproject.toml requirements.lock | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    pip=(.venv/bin/python -m pip --disable-pip-version-check)
    "${pip[@]}" install --quiet --require-hashes -r requirements.lock
    "${pip[@]}" install --quiet --no-deps --no-build-isolation -e .
    echo "$want" > "$stamp"
fi

# The browser tests drive Debian's chromium; install it when we can (root on Debian).
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
    else
        echo "note: chromium is not installed; the browser tests need it" >&2
    fi
fi

# The store's tests start a throwaway PostgreSQL 15 server from Debian's binaries.
if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15
    else
        echo "note: postgresql-15 is not installed; the PostgreSQL tests need it" >&2
    fi
fi

# pytest's own exit code is ours; 5 (no tests collected) counts as a failure too.
exec .venv/bin/python -m pytest -q "$@"
