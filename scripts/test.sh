#!/usr/bin/env bash
# Sets everything up and runs all the tests: lint and types, then pytest. Database-sensitive
# tests also run on PostgreSQL at TEST_DATABASE_URL (default: the local server on
# 127.0.0.1:5432, database "test") and are skipped, loudly, when none answers.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
# Twice as many processes as cores share the tests (each makes its own databases and ports):
# browser journeys and servers wait often enough that two cores stay busy only so (on this
# 2-core machine: 311 s with 4 processes, 355 s with 3, 420 s with 2).
workers=$(( $(nproc) * 2 ))
[ "$workers" -le 4 ] || workers=4
exec .venv/bin/python -m pytest -n "$workers" --dist loadgroup "$@"
