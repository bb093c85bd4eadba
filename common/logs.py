"""Structured logs: one JSON object per line, each with the request, device and order it is about.

A chain's logs are read by machines first (a collector, `jq`), by people second. Every line
carries what the code that wrote it knew of its context: the request id, the device, the
store, the staff member and the order number, bound once per request (or per worker step)
in a context variable, so a line written deep in a service needs no arguments for them.

`CYBERMARKET_LOG_FORMAT=text` gives plain lines for a person at a console.
"""

import json
import logging
import os
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, g, request
from sqlalchemy import event
from sqlalchemy.orm import Session

_context: ContextVar[dict[str, Any] | None] = ContextVar("log_context", default=None)
_PENDING = "cybermarket_logs_after_commit"
# Fields a line may carry from its context, in the order they are written.
CONTEXT_FIELDS = ("request_id", "service", "device", "store_id", "staff", "order", "path")


def bind(**fields: Any) -> None:
    """Add fields to every line written from here on in this request or task."""
    current = dict(_context.get() or {})
    current.update({key: value for key, value in fields.items() if value is not None})
    _context.set(current)


@contextmanager
def context(**fields: Any) -> Iterator[None]:
    """Fields for the lines written inside the block (a worker's step on one order)."""
    token = _context.set({**(_context.get() or {}), **fields})
    try:
        yield
    finally:
        _context.reset(token)


def after_commit(
    session: Session, logger: logging.Logger, message: Callable[[], str] | str, **fields: Any
) -> None:
    """Write the line once the session commits, so a rolled-back change is never logged as done.

    The message, and any field given as a callable, are read just before the commit: an
    order's number, say, is known by then but not always when the change is made.
    """
    pending = session.info.setdefault(_PENDING, [])
    pending.append((logger, message, {**(_context.get() or {}), **fields}))


@event.listens_for(Session, "before_commit")
def _resolve_pending(session: Session) -> None:
    resolved = []
    for logger, message, fields in session.info.get(_PENDING, []):
        values = {key: value() if callable(value) else value for key, value in fields.items()}
        resolved.append((logger, message() if callable(message) else message, values))
    session.info[_PENDING] = resolved


@event.listens_for(Session, "after_commit")
def _flush_pending(session: Session) -> None:
    for logger, message, fields in session.info.pop(_PENDING, []):
        token = _context.set(fields)
        try:
            logger.info(message)
        finally:
            _context.reset(token)


@event.listens_for(Session, "after_rollback")
def _drop_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in (_context.get() or {}).items():
            line.setdefault(key, value)
        for key, value in getattr(record, "fields", {}).items():
            line[key] = value
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = {**(_context.get() or {}), **getattr(record, "fields", {})}
        tail = " ".join(f"{key}={value}" for key, value in fields.items())
        text = f"{self.formatTime(record)} {record.levelname} {record.name}: {record.getMessage()}"
        text = f"{text} [{tail}]" if tail else text
        if record.exc_info:
            text = f"{text}\n{self.formatException(record.exc_info)}"
        return text


def configure(service: str) -> None:
    """Send this process's lines to stderr in the chosen format (once per process)."""
    root = logging.getLogger()
    if any(getattr(handler, "cybermarket", False) for handler in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    text = os.environ.get("CYBERMARKET_LOG_FORMAT", "json").lower() == "text"
    handler.setFormatter(TextFormatter() if text else JsonFormatter())
    handler.cybermarket = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(os.environ.get("CYBERMARKET_LOG_LEVEL", "INFO").upper())
    bind(service=service)


def init_app(app: Flask, service: str) -> None:
    """One line per request with its status and time, and the context bound for the others."""
    access = logging.getLogger(f"cybermarket.{service}.requests")

    @app.before_request
    def _start() -> None:
        g.log_started = time.perf_counter()
        incoming = request.headers.get("X-Request-Id", "")
        request_id = incoming if _plain(incoming) else uuid.uuid4().hex[:16]
        _context.set({"service": service, "request_id": request_id, "path": request.path})

    @app.after_request
    def _finish(response: Response) -> Response:
        fields = _context.get() or {}
        # The device and staff member were bound when they were checked: read again here,
        # from objects a failed request rolled back, they would go to the database, which
        # may be the very thing that is away.
        number = (request.view_args or {}).get("number")
        bind(order=number if isinstance(number, str) else None)
        started = getattr(g, "log_started", None)
        took = round((time.perf_counter() - started) * 1000, 1) if started else None
        access.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={"fields": {"status": response.status_code, "ms": took}},
        )
        if fields.get("request_id"):
            response.headers["X-Request-Id"] = fields["request_id"]
        return response


def _plain(value: str) -> bool:
    """A caller's request id is kept only when it is short and harmless in a log line."""
    return 0 < len(value) <= 64 and all(ch.isalnum() or ch in "-_." for ch in value)
