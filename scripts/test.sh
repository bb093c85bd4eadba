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
# Two processes or more share the tests (each test makes its own databases and ports).
exec .venv/bin/python -m pytest -n auto --maxprocesses 4 --dist loadgroup "$@"
