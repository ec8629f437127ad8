#!/usr/bin/env bash
# Make (or update) a virtualenv holding Tally's whole locked dependency tree and Tally itself.
# Usage: bash scripts/install.sh [VENV]   (default .venv)
# Every file is checked against its hash: first the pinned pip (scripts/pip.lock: a stock
# Python's pip 23.2 cannot read the lock), then requirements.lock, then Tally (editable) with
# no further dependencies and the locked build backend. Re-done only when one of those files
# changed. (After changing a dependency: bash scripts/lock.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${1:-.venv}

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
stamp="$venv/.tally-installed"
want="$(cat pyproject.toml requirements.lock scripts/pip.lock | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    pip=("$venv/bin/python" -m pip --disable-pip-version-check)
    "${pip[@]}" install --quiet --require-hashes -r scripts/pip.lock
    "${pip[@]}" install --quiet --require-hashes -r requirements.lock
    "${pip[@]}" install --quiet --no-deps --no-build-isolation -e .
    echo "$want" > "$stamp"
fi
