"""Real local servers for outbox tests: an SMS gateway over HTTP and an SMTP server.

Both run in threads of the test process on 127.0.0.1 and record what reached them, so a
test sees exactly what a real gateway would have received. Also the worker processes'
entry points (they must be importable by a `spawn` child).
"""

import base64
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller

LOGIN, PASSWORD, SENDER = "login", "secret", "Cybermarket"
BASIC_AUTH = "Basic " + base64.b64encode(f"{LOGIN}:{PASSWORD}".encode()).decode()
TIMEOUT = "timeout"  # a scripted answer: say nothing for longer than the client waits


@dataclass
class GatewayRequest:
    path: str
    auth: str | None
    body: dict[str, Any]
    answer: int | str  # the status sent back, or TIMEOUT

    @property
    def message_id(self) -> str:
        return str(self.body.get("message_id"))


@dataclass
class RecordingGateway:
    """An SMS gateway: records each POST; answers from `script` in order, then `default`."""

    url: str = ""
    script: list[int | str] = field(default_factory=list)
    default: int = 200
    delay: float = 0.0  # seconds before every answer
    hang: float = 2.0  # how long a TIMEOUT answer keeps the client waiting
    requests: list[GatewayRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    release: threading.Event = field(default_factory=threading.Event)

    def next_answer(self) -> int | str:
        with self.lock:
            return self.script.pop(0) if self.script else self.default

    def record(self, request: GatewayRequest) -> None:
        with self.lock:
            self.requests.append(request)

    def count(self) -> int:
        with self.lock:
            return len(self.requests)

    def for_message(self, message_id: str) -> list[GatewayRequest]:
        with self.lock:
            return [r for r in self.requests if r.message_id == message_id]

    def accepted(self) -> list[GatewayRequest]:
        """Requests the gateway answered 200 to: the SMS it actually sent."""
        with self.lock:
            return [r for r in self.requests if r.answer == 200]


def _handler_for(gateway: RecordingGateway) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            try:
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                answer = gateway.next_answer()
                gateway.record(
                    GatewayRequest(
                        self.path, self.headers.get("Authorization"), json.loads(raw), answer
                    )
                )
                if answer == TIMEOUT:
                    gateway.release.wait(gateway.hang)
                    answer = 200  # far too late: the client has given up
                elif gateway.delay:
                    time.sleep(gateway.delay)
                payload = b'{"status": "queued"}' if answer == 200 else b'{"error": "busy"}'
                self.send_response(int(answer))
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except OSError:
                pass  # the client hung up (a timeout, or a worker killed mid-request)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = False  # server_close() waits for handlers: no thread outlives a test
    request_queue_size = 256

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


@contextmanager
def recording_gateway(**options: Any) -> Iterator[RecordingGateway]:
    gateway = RecordingGateway(**options)
    server = _QuietServer(("127.0.0.1", 0), _handler_for(gateway))
    gateway.url = f"http://127.0.0.1:{server.server_address[1]}/v1/sms/send"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield gateway
    finally:
        gateway.release.set()
        server.shutdown()
        thread.join()
        server.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Mail:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


class _MailHandler:
    def __init__(self) -> None:
        self.mails: list[Mail] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.mails.append(Mail(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"


@dataclass
class RecordingSmtp:
    host: str
    port: int
    handler: _MailHandler

    @property
    def mails(self) -> list[Mail]:
        return self.handler.mails


@contextmanager
def recording_smtp() -> Iterator[RecordingSmtp]:
    handler = _MailHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield RecordingSmtp("127.0.0.1", port, handler)
    finally:
        controller.stop()


# --- worker processes (multiprocessing "spawn" imports this module in the child) ---


def send_in_process(
    db_url: str,
    gateway_url: str,
    at_iso: str,
    config: dict[str, Any],
    start: Any = None,
    results: Any = None,
) -> None:
    """A worker process: its own app on db_url, its clock frozen at at_iso, one send_all_due."""
    from server import create_app
    from server.clock import FrozenClock
    from server.models import Channel
    from server.notifications.channels import HttpSmsGateway
    from server.worker import send_all_due

    clock = FrozenClock(datetime.fromisoformat(at_iso))
    app = create_app({"DATABASE_URL": db_url, "CLOCK": clock, **config})
    senders = {Channel.SMS: HttpSmsGateway(gateway_url, LOGIN, PASSWORD, SENDER, timeout=10)}
    if start is not None:
        start.wait(60)  # every worker ready: they compete from the first batch
    sent = send_all_due(app, senders)
    if results is not None:
        results.put(sent)
    app.extensions["db"].engine.dispose()


def run_once_in_process(
    db_url: str, at_iso: str, config: dict[str, Any], start: Any = None, results: Any = None
) -> None:
    """A worker process doing one round of everything due (run_once), on a frozen clock."""
    from server import create_app
    from server.clock import FrozenClock
    from server.worker import run_once

    clock = FrozenClock(datetime.fromisoformat(at_iso))
    app = create_app({"DATABASE_URL": db_url, "CLOCK": clock, **config})
    if start is not None:
        start.wait(60)
    try:
        expired = run_once(app)
    except Exception as exc:
        if results is not None:
            results.put(f"{type(exc).__name__}: {str(exc)[:400]}")
        raise
    finally:
        app.extensions["db"].engine.dispose()
    if results is not None:
        results.put(expired)


# --- orders waiting for pickup, written in bulk (SQLAlchemy Core) ---


def insert_waiting_orders(
    url: str, orders: int, products: int, *, now: datetime, ended_every: int = 2, seed: int = 1
) -> dict[str, int]:
    """Two stores (build_world), `products` products and `orders` orders ready since
    yesterday, each with one line of a random product, a phone, never reminded; every
    `ended_every`-th order's hold has ended. The stock rows hold exactly these orders."""
    import random
    from datetime import timedelta

    from sqlalchemy import func, insert, select, text

    from server import create_app
    from server.clock import FrozenClock
    from server.db import get_session, make_engine
    from server.models import Category, Order, OrderLine, OrderStatus, Product, Stock, Store
    from tests.helpers import build_world

    app = create_app({"DATABASE_URL": url, "CLOCK": FrozenClock(now)})
    with app.app_context():
        session = get_session()
        build_world(session)
        stores = [
            (s.id, s.order_prefix)
            for s in session.scalars(
                select(Store).where(Store.code.in_(["MSK-1", "MSK-2"])).order_by(Store.id)
            )
        ]
        category_id = session.scalar(select(Category.id).order_by(Category.id))
        first_id = (session.scalar(select(func.max(Order.id))) or 0) + 1
    app.extensions["db"].engine.dispose()

    rng = random.Random(seed)
    yesterday = now - timedelta(days=1)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(
            insert(Product),
            [
                {
                    "sku": f"BULK-{p}",
                    "category_id": category_id,
                    "brand": "Acme",
                    "name_ru": f"Товар {p}",
                    "name_en": f"Product {p}",
                    "description_ru": "",
                    "description_en": "",
                    "specs": {},
                    "photos": [],
                    "price_minor": 100_000 + p,
                    "search_text": f"bulk-{p}",
                    "active": True,
                }
                for p in range(products)
            ],
        )
        prices = dict(
            conn.execute(
                select(Product.id, Product.price_minor).where(Product.sku.like("BULK-%"))
            ).all()
        )
        product_ids = sorted(prices)
        held: dict[tuple[int, int], int] = {}
        ended = 0
        chunk = 5_000
        for begin in range(0, orders, chunk):
            order_rows, line_rows = [], []
            for n in range(begin, min(begin + chunk, orders)):
                order_id = first_id + n
                store_id, prefix = stores[n % len(stores)]
                product_id = rng.choice(product_ids)
                held[store_id, product_id] = held.get((store_id, product_id), 0) + 1
                is_over = n % ended_every == 0
                ended += is_over
                order_rows.append(
                    {
                        "id": order_id,
                        "number": f"{prefix}-{1000 + order_id}",
                        "store_id": store_id,
                        "status": OrderStatus.READY,
                        "payment_method": "on_pickup",
                        "pickup_code": f"BULK{order_id:010d}",
                        "customer_phone": f"+7916{order_id:07d}",
                        "customer_email": None,
                        "customer_language": "ru",
                        "stock_store_id": store_id,
                        "total_minor": prices[product_id],
                        "paid_minor": 0,
                        "created_at": yesterday - timedelta(hours=2),
                        "updated_at": yesterday,
                        "hold_until": now - timedelta(minutes=1)
                        if is_over
                        else now + timedelta(days=2),
                        "window": 1,
                        "ready_at": yesterday,
                        "reminded_on": None,
                    }
                )
                line_rows.append(
                    {
                        "order_id": order_id,
                        "product_id": product_id,
                        "sku": f"BULK-{product_id}",
                        "name_ru": "Товар",
                        "name_en": "Product",
                        "price_minor": prices[product_id],
                        "qty": 1,
                        "qty_issued": 0,
                        "qty_picked": 1,
                        "qty_missing": 0,
                    }
                )
            conn.execute(insert(Order), order_rows)
            conn.execute(insert(OrderLine), line_rows)
        conn.execute(
            text("SELECT setval(pg_get_serial_sequence('orders', 'id'), :n)"),
            {"n": first_id + orders - 1},
        )
        conn.execute(
            insert(Stock),
            [
                {
                    "store_id": store_id,
                    "product_id": product_id,
                    "on_hand": count + 5,
                    "reserved": count,
                    "bin_location": "Z-01-1",
                }
                for (store_id, product_id), count in held.items()
            ],
        )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE"))
    engine.dispose()
    return {"orders": orders, "to_expire": ended, "to_remind": orders - ended}
