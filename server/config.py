"""Configuration: defaults, then CYBERMARKET_* environment variables, then a test mapping."""

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

# Known to everyone who read this file: accepted only in demo mode (and in tests).
DEMO_SECRETS: dict[str, str] = {
    "SECRET_KEY": "demo-secret-change-me",
    "PAYMENT_WEBHOOK_SECRET": "demo-webhook-secret",
}

DEFAULTS: dict[str, Any] = {
    # CYBERMARKET_DEMO=1: demo secrets and the fake payment provider; never in production.
    "DEMO": False,
    "SECRET_KEY": DEMO_SECRETS["SECRET_KEY"],
    # werkzeug's method for new staff password hashes (server/passwords.py); tests cheapen it.
    "PASSWORD_HASH_METHOD": "scrypt",
    # A staff session ends after this long without a page opened, and at the latest after
    # STAFF_SESSION_HOURS (a shift and a bit).
    "STAFF_IDLE_MINUTES": 30,
    "STAFF_SESSION_HOURS": 12,
    # Product photos as uploaded (the page's limit) and their longest side once resized.
    "PHOTO_UPLOAD_MAX_BYTES": 10 * 1024 * 1024,
    "PHOTO_MAX_SIDE": 1600,
    # A photo of a unit in repair sent by a window (a JPEG body, which the station makes at
    # most 1600 pixels long and under this size); kept at most PHOTO_MAX_SIDE long.
    "REPAIR_PHOTO_MAX_BYTES": 1024 * 1024,
    # Tests: a staff POST that answers 2xx/3xx without an audit entry fails loudly.
    "AUDIT_STRICT": False,
    "DATABASE_URL": None,
    # Terminal orders waiting for the card or the cashier hold stock this long.
    "UNPAID_HOLD_MINUTES": 15,
    "BONUS_EARN_PERCENT": 5,  # of what was paid, earned once the goods are handed out
    "BONUS_SPEND_SHARE_PERCENT": 50,  # of the price of goods from 2 000 RUB
    # Bonuses expire this long after they were credited (oldest first), with a warning.
    "BONUS_LIFETIME_DAYS": 365,
    "BONUS_EXPIRY_WARN_DAYS": 14,
    # Where customers' phones reach this server: links in messages (the review page).
    "PUBLIC_URL": "http://127.0.0.1:5000",
    # Online orders waiting for the payment provider.
    "ONLINE_PAYMENT_MINUTES": 30,
    "PICKUP_HOLD_DAYS": 3,
    # Hours from an order taken here for goods of another store to the goods ready here,
    # for a pair of stores with no figure of its own (table transfer_leads).
    "TRANSFER_LEAD_HOURS": 24,
    # Staff may extend a waiting order's hold this many times, PICKUP_HOLD_DAYS each.
    "HOLD_EXTENSIONS_MAX": 2,
    # The stuck-orders page: a paid order not taken by a picker, a picked one not at a
    # window (minutes), an order in transit (hours); a promise alert per store at most
    # once in PROMISE_ALERT_MINUTES.
    "STUCK_UNTAKEN_MINUTES": 2,
    "STUCK_UNPLACED_MINUTES": 5,
    "STUCK_TRANSIT_HOURS": 24,
    "PROMISE_ALERT_MINUTES": 30,
    # Days from hand-out for a return and for repair under warranty, unless the product's
    # category says otherwise (categories.return_days / warranty_days; docs/RETURNS.md).
    "RETURN_DAYS": 14,
    "WARRANTY_DAYS": 365,
    "MAX_CONTENT_LENGTH": 64 * 1024,
    # An upload on the console's import page (CommerceML or CSV from 1C) may be this large.
    "IMPORT_MAX_BYTES": 200 * 1024 * 1024,
    "MAX_ORDER_LINES": 50,
    "MAX_LINE_QTY": 99,
    "WORKER_INTERVAL_SECONDS": 5.0,
    # /health fails when due work (a message, an expiry) has waited this long for a worker.
    "WORKER_LAG_LIMIT_MINUTES": 10,
    "IDEMPOTENCY_KEEP_HOURS": 48,
    # A window presenting this many unknown codes within the window is refused for a while.
    "SCAN_GUESS_LIMIT": 10,
    "SCAN_GUESS_WINDOW_SECONDS": 60,
    # Shared with the payment provider; the demo's value must be replaced in production.
    "PAYMENT_WEBHOOK_SECRET": DEMO_SECRETS["PAYMENT_WEBHOOK_SECRET"],
    # See server/payments/provider.py; unset: "fake" in demo mode, "manual" otherwise.
    "PAYMENT_PROVIDER": None,
    # Customer messages
    "CHAIN_PHONE": "8 800 555-35-35",
    "QUIET_FROM_HOUR": 21,
    "QUIET_UNTIL_HOUR": 9,
    "DELAY_AFTER_HOURS": 4,
    # file:PATH writes each SMS as a line (the demo); otherwise the gateway's HTTP URL.
    "SMS_GATEWAY_URL": None,
    "SMS_LOGIN": "",
    "SMS_PASSWORD": "",
    "SMS_SENDER": "Cybermarket",
    "SMTP_HOST": "",
    "SMTP_PORT": 25,
    "SMTP_FROM": "Cybermarket <noreply@cybermarket.example>",
    "SMTP_USER": "",
    "SMTP_PASSWORD": "",
    "SMTP_STARTTLS": False,
    "OUTBOX_MAX_ATTEMPTS": 8,
    # A batch of OUTBOX_BATCH claimed messages stops sending at half the lease (gateway
    # timeout 10 s each) and frees the rest; outcomes are written once a second.
    "OUTBOX_LEASE_SECONDS": 300,
    "OUTBOX_BATCH": 1000,
    "BABEL_DEFAULT_LOCALE": "ru",
    "BABEL_DEFAULT_TIMEZONE": "Europe/Moscow",
    "JSON_SORT_KEYS": False,
}


class ConfigError(RuntimeError):
    """The configuration cannot run a real chain; the message says, in one line, what to set."""


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


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
    app.config.setdefault("IMPORT_DIR", str(Path(app.instance_path) / "imports"))
    if not app.config["SMS_GATEWAY_URL"]:
        app.config["SMS_GATEWAY_URL"] = f"file:{Path(app.instance_path) / 'sms-outbox.txt'}"
    app.config["DEMO"] = _flag(app.config["DEMO"])
    if not app.config["PAYMENT_PROVIDER"]:
        app.config["PAYMENT_PROVIDER"] = "fake" if app.config["DEMO"] else "manual"
    check_config(app.config)


def check_config(config: Mapping[str, Any]) -> None:
    """Refuse what would let strangers in: demo secrets or the fake provider outside the demo.

    Anyone can sign a session cookie ({"staff_id": 1}) or a webhook with a secret printed
    in this file, and the fake provider marks orders paid. Tests keep the demo secrets
    (TESTING) but, like production, get the fake provider only in demo mode.
    """
    if config["DEMO"]:
        return
    if config["PAYMENT_PROVIDER"] == "fake":
        raise ConfigError(
            "The fake payment provider runs only in demo mode: set CYBERMARKET_PAYMENT_PROVIDER "
            "to your provider (or CYBERMARKET_DEMO=1 for the demo)."
        )
    if config.get("TESTING"):
        return
    weak = [
        f"CYBERMARKET_{name}"
        for name, demo in DEMO_SECRETS.items()
        if not str(config.get(name) or "").strip() or config[name] == demo
    ]
    if weak:
        raise ConfigError(
            f"Set {' and '.join(weak)} to long random secrets "
            "(or CYBERMARKET_DEMO=1 to run the demo)."
        )
