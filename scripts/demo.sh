#!/usr/bin/env bash
# Sets everything up and runs the whole system with demo data on SQLite:
# the central server and its worker. Ctrl+C stops it all.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

PORT=${CYBERMARKET_PORT:-5000}
export PATH="$PWD/.venv/bin:$PATH"

cybermarket db upgrade
cybermarket demo-data

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

cybermarket worker & pids+=($!)
cybermarket serve --port "$PORT" & pids+=($!)

cat <<MSG

  Cybermarket is running with demo data (SQLite in instance/).
    Central server:   http://127.0.0.1:$PORT/
    API (OpenAPI):    http://127.0.0.1:$PORT/api/v1/openapi.json
    Device tokens:    instance/demo-devices.json
  Press Ctrl+C to stop.

MSG
wait -n "${pids[@]}"
