"""What the fault scripts share: terminals that reserve as a real one does, a /health
probe, the world they shop in, and the books checked afterwards.

A terminal keeps one Idempotency-Key per cart and sends the same key again after any
failure (no answer, or a 5xx) until the order is answered, as the terminal app does when
the shopper taps again; a 4xx refusal ends that cart.
"""

import os
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import requests
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

from server import create_app
from server.db import get_session, normalize_url
from server.models import Order
from tests.helpers import build_world
from tests.invariants import stock_imbalances

SKUS = ("PHONE-1", "PHONE-2", "TV-1")


@dataclass
class Answers:
    """What the terminals were told, by phase; the orders each key got."""

    phase: str = "before"
    by_phase: dict[str, Counter[str]] = field(default_factory=dict)
    orders: dict[str, set[str]] = field(default_factory=dict)  # key -> order numbers
    unclear: list[str] = field(default_factory=list)
    unanswered: int = 0  # carts that never got an answer: lost to the shopper
    first_order_after: float | None = None
    back_at: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, kind: str) -> None:
        with self.lock:
            self.by_phase.setdefault(self.phase, Counter())[kind] += 1

    def answered(self, key: str, number: str) -> None:
        with self.lock:
            self.orders.setdefault(key, set()).add(number)
            if self.back_at is not None and self.first_order_after is None:
                self.first_order_after = time.monotonic() - self.back_at


def terminal(base: str, token: str, answers: Answers, stop: threading.Event, n: int) -> None:
    http = requests.Session()
    headers = {"Authorization": f"Device {token}"}
    while not stop.is_set():
        key = str(uuid.uuid4())
        body = {"store": "MSK-1", "lines": [{"sku": SKUS[n % 3], "qty": 1}], "payment": "cashier"}
        deadline = time.monotonic() + 60  # a cart is tapped again until it is answered
        while time.monotonic() < deadline:
            try:
                answer = http.post(
                    f"{base}/api/v1/orders",
                    json=body,
                    headers=headers | {"Idempotency-Key": key},
                    timeout=15,
                )
            except requests.RequestException as exc:
                answers.note(f"no answer ({type(exc).__name__})")
                time.sleep(0.2)
                continue
            if answer.status_code == 201:
                answers.note("201 order")
                answers.answered(key, answer.json()["number"])
                break
            kind = _error_kind(answer)
            answers.note(kind)
            if not kind.startswith("5"):
                break  # a refusal is final for this cart
            if "code=" not in kind or "message" not in answer.text:
                answers.unclear.append(f"{answer.status_code}: {answer.text[:120]}")
            time.sleep(0.2)
        else:
            answers.note("unanswered after 60 s")
            answers.unanswered += 1


def _error_kind(answer: requests.Response) -> str:
    try:
        error = answer.json()["error"]
        return f"{answer.status_code} code={error['code']}"
    except (ValueError, KeyError, TypeError):
        return f"{answer.status_code} not JSON"


def health_probe(base: str, answers: Answers, stop: threading.Event, seen: Counter[str]) -> None:
    while not stop.wait(0.25):
        try:
            answer = requests.get(f"{base}/health", timeout=5)
            failing = ",".join(answer.json().get("failing", [])) or "-"
            seen[f"{answers.phase}: {answer.status_code} failing={failing}"] += 1
        except (requests.RequestException, ValueError) as exc:
            seen[f"{answers.phase}: no answer ({type(exc).__name__})"] += 1


def prepare(url: str) -> str:
    app = create_app({"DATABASE_URL": url})
    with app.app_context():
        world = build_world(get_session(), stock={sku: 1_000_000 for sku in SKUS})
        get_session().commit()
    app.extensions["db"].engine.dispose()
    return world.tokens["terminal"]


@dataclass
class Books:
    orders: int
    without_lines: int  # half-done: an order row without its lines
    without_event: int  # half-done: an order without the record of its reservation
    imbalances: list[str]  # stock rows whose reserved differs from what the orders hold


def books(url: str) -> Books:
    engine = create_engine(normalize_url(url))
    with Session(engine) as session:
        count = session.scalar(select(func.count()).select_from(Order))
        without_lines = session.scalar(
            text(
                "SELECT count(*) FROM orders o WHERE NOT EXISTS"
                " (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)"
            )
        )
        without_event = session.scalar(
            text(
                "SELECT count(*) FROM orders o WHERE NOT EXISTS"
                " (SELECT 1 FROM order_events e WHERE e.order_id = o.id)"
            )
        )
        found = Books(
            int(count or 0),
            int(without_lines or 0),
            int(without_event or 0),
            stock_imbalances(session),
        )
    engine.dispose()
    return found


def answers_and_books_agree(answers: Answers, found: Books) -> list[str]:
    """What is broken between what the terminals were told and what the database holds."""
    broken = []
    doubled = [key for key, numbers in answers.orders.items() if len(numbers) > 1]
    if doubled:
        broken.append(f"{len(doubled)} keys answered with two different orders")
    if found.orders != sum(len(numbers) for numbers in answers.orders.values()):
        broken.append(f"{found.orders} orders in the database for {len(answers.orders)} keys")
    if found.without_lines or found.without_event:
        broken.append(
            f"half-done orders: {found.without_lines} without lines, "
            f"{found.without_event} without their event"
        )
    if found.imbalances:
        broken.append("stock out of balance: " + "; ".join(found.imbalances[:3]))
    if answers.unanswered:
        broken.append(f"{answers.unanswered} carts never answered")
    if answers.unclear:
        broken.append(f"{len(answers.unclear)} unclear answers, e.g. {answers.unclear[0]}")
    return broken


def print_books(answers: Answers, found: Books) -> None:
    for phase, kinds in answers.by_phase.items():
        print(f"  {phase:>8}: " + ", ".join(f"{n} x {k}" for k, n in kinds.most_common()))
    print(
        f"  keys answered: {len(answers.orders)}, orders in the database: {found.orders}, "
        f"half-done orders: {found.without_lines + found.without_event}, "
        f"stock rows out of balance: {len(found.imbalances)}"
    )


def start_worker(url: str, tmp: Path, name: str) -> subprocess.Popen[bytes]:
    env = dict(
        os.environ,
        DATABASE_URL=url,
        CYBERMARKET_WORKER_INTERVAL_SECONDS="0.5",
        CYBERMARKET_SMS_GATEWAY_URL=f"file:{tmp}/sms.txt",
        CYBERMARKET_LOG_LEVEL="WARNING",
    )
    log = open(tmp / f"{name}.log", "w")  # noqa: SIM115 - the child keeps it
    return subprocess.Popen(
        [sys.executable, "-m", "server", "worker"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
