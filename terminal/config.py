"""The terminal's own settings, over the device defaults in common/device_app.py."""

from typing import Any

DEFAULTS: dict[str, Any] = {
    "IDLE_SECONDS": 60,
    "IDLE_COUNTDOWN_SECONDS": 15,
    "MAX_CART_LINES": 20,
    "MAX_LINE_QTY": 10,
    # Card payments charged while the server was away, until it has heard of them
    # (terminal/pending.py); default: pending-payments.json in the instance folder.
    "PENDING_PAYMENTS_FILE": None,
}
