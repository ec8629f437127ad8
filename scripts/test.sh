#!/usr/bin/env bash
# Set up a virtualenv with Tally and its test tools, then run the test suite.
# Usage: bash scripts/test.sh [pytest args...]   (e.g. -m "not slow", tests/store)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh .venv

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
