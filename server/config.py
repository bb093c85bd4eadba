"""Configuration: defaults, then CYBERMARKET_* environment variables, then a test mapping."""

import os
from pathlib import Path
from typing import Any

from flask import Flask

DEFAULTS: dict[str, Any] = {
    # Only good for the demo; production sets CYBERMARKET_SECRET_KEY.
    "SECRET_KEY": "demo-secret-change-me",
    "DATABASE_URL": None,
    # Terminal orders waiting for the card or the cashier hold stock this long.
    "UNPAID_HOLD_MINUTES": 15,
    # Online orders waiting for the payment provider.
    "ONLINE_PAYMENT_MINUTES": 30,
    "PICKUP_HOLD_DAYS": 3,
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "MAX_ORDER_LINES": 50,
    "MAX_LINE_QTY": 99,
    "WORKER_INTERVAL_SECONDS": 5.0,
    "IDEMPOTENCY_KEEP_HOURS": 48,
    # A window presenting this many unknown codes within the window is refused for a while.
    "SCAN_GUESS_LIMIT": 10,
    "SCAN_GUESS_WINDOW_SECONDS": 60,
    "BABEL_DEFAULT_LOCALE": "ru",
    "BABEL_DEFAULT_TIMEZONE": "Europe/Moscow",
    "JSON_SORT_KEYS": False,
}


def load_config(app: Flask, test_config: dict[str, Any] | None) -> None:
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("CYBERMARKET")
    if os.environ.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = os.environ["DATABASE_URL"]
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config["DATABASE_URL"]:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["DATABASE_URL"] = f"sqlite:///{Path(app.instance_path) / 'cybermarket.db'}"
    app.config.setdefault("MEDIA_DIR", str(Path(app.instance_path) / "media"))
