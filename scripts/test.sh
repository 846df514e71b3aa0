#!/usr/bin/env bash
# Installs everything the tests need (a virtual environment, the pinned packages, Debian's chromium for the
# browser tests), then lints and runs the whole test suite. Usage: bash scripts/test.sh [extra pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q -r requirements-test.txt

.venv/bin/python -m ruff check dropviz app tests benchmarks scripts
.venv/bin/python -m pytest "$@"
