#!/usr/bin/env bash
# Sets everything up and runs the whole system with demo data on SQLite:
# the central server, its worker, a terminal and a pickup window. Ctrl+C stops it all.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

PORT=${CYBERMARKET_PORT:-5000}
TERMINAL_PORT=${CYBERMARKET_TERMINAL_PORT:-5001}
PICKUP_PORT=${CYBERMARKET_PICKUP_PORT:-5002}
export PATH="$PWD/.venv/bin:$PATH"

# The demo runs on demo secrets and the fake payment provider: only with this switch.
export CYBERMARKET_DEMO=1
# Plain log lines for a person watching the console (production writes JSON lines).
export CYBERMARKET_LOG_FORMAT=${CYBERMARKET_LOG_FORMAT:-text}

cybermarket db upgrade
cybermarket demo-data

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

token_of() {
  .venv/bin/python -c 'import json, sys; print(json.load(open("instance/demo-devices.json"))[sys.argv[1]]["token"])' "$1"
}

cybermarket worker & pids+=($!)
cybermarket serve --port "$PORT" & pids+=($!)
CYBERMARKET_SERVER_URL="http://127.0.0.1:$PORT" CYBERMARKET_DEVICE_TOKEN="$(token_of terminal-1)" \
  cybermarket terminal --port "$TERMINAL_PORT" & pids+=($!)
# The pickup window: the camera when one is attached (CYBERMARKET_CAMERA=auto), else typed or
# USB-scanned codes. The same screen turns into the cashier with its "Cashier" switch.
CYBERMARKET_SERVER_URL="http://127.0.0.1:$PORT" CYBERMARKET_DEVICE_TOKEN="$(token_of pickup-1)" \
  cybermarket pickup --port "$PICKUP_PORT" & pids+=($!)

cat <<MSG

  Cybermarket is running with demo data (SQLite in instance/).
    Terminal (shopper's touchscreen):  http://127.0.0.1:$TERMINAL_PORT/
    Pickup window / cashier:           http://127.0.0.1:$PICKUP_PORT/
    Staff console:                     http://127.0.0.1:$PORT/staff/   (sign in: admin / admin)
    Warehouse screen:                  http://127.0.0.1:$PORT/screens/pair   key: $(token_of warehouse-1)
    Ready board:                       http://127.0.0.1:$PORT/screens/pair   key: $(token_of board-1)
    API (OpenAPI):                     http://127.0.0.1:$PORT/api/v1/openapi.json
    Printed receipts and slips:        instance/printer/ (ESC/POS bytes and a PNG of each)
    Messages to customers (SMS):       instance/sms-outbox.txt
    Device tokens:                     instance/demo-devices.json
  Press Ctrl+C to stop.

MSG
wait -n "${pids[@]}"
