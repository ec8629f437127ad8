#!/usr/bin/env bash
# Regenerate requirements.lock after changing a dependency in pyproject.toml:
#     bash scripts/lock.sh
# The lock pins every package Tally, its test tools (the "test" extra) and its build backend
# (scripts/build-requirements.in) need, the whole tree, with the hash of every file the
# registry has for each (all platforms, Python 3.11), so `pip install --require-hashes -r
# requirements.lock` works on any machine. uv resolves it; it is installed on first use into
# .venv-lock, apart from the project's .venv. --no-config: only the public index, never a
# machine's local wheel folders, whose files would carry other hashes.
set -euo pipefail
cd "$(dirname "$0")/.."
tool=.venv-lock
if [ ! -x "$tool/bin/uv" ]; then
    python3 -m venv "$tool"
    "$tool/bin/python" -m pip install --quiet --disable-pip-version-check uv==0.13.8
fi
"$tool/bin/uv" pip compile pyproject.toml scripts/build-requirements.in --extra test \
    --generate-hashes --universal --python-version 3.11 --no-config --quiet \
    -o requirements.lock
echo "wrote requirements.lock ($(grep -c '==' requirements.lock) packages)"
