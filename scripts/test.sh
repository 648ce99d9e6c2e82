#!/usr/bin/env bash
# Set up everything the tests need on a fresh machine, then run the whole suite.
# Used verbatim by the README and by .ci/run: a fresh venv in .venv, the package
# with its test extra (a real install, not editable), Debian's Chromium for the
# browser tests (never `playwright install`), then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update && apt-get install -y chromium
    else
        sudo apt-get update && sudo apt-get install -y chromium
    fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet ".[test]"
exec .venv/bin/pytest "$@"
