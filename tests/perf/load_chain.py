"""A store's rush hour against the real server: 32 terminals, 4 pickup windows, a warehouse
screen, a ready board and the online shop, for a fixed time, on PostgreSQL with gunicorn.

    .venv/bin/python tests/perf/load_chain.py [--minutes 2] [--terminals 32] [--windows 4]
        [--server-processes 4] [--workers 2]

Every actor is a thread with its own HTTP connection, acting as its device does:

- a terminal searches, opens a product, reserves one or two lines and pays by card;
- the online shop reserves prepaid orders for pickup in the same store;
- the warehouse screen (paired like the real one) refreshes its queue every 3 s; the picker
  takes each paid order, picks its lines and sends it to a window through the API;
- the ready board refreshes every second;
- each pickup window scans ready orders' codes and hands them out; one order in ten is
  scanned by two windows at once, to catch a double hand-out.

Prints orders per minute, p50/p95/p99 latency per endpoint, errors, oversells and double
hand-outs (both must be 0). Runs in a throwaway database; asserts nothing.
"""

import argparse
import os
import queue
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

import requests
from sqlalchemy import create_engine, func, select, text

os.environ.setdefault("CYBERMARKET_DEMO", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from server import create_app  # noqa: E402
from server.clock import SystemClock  # noqa: E402
from server.db import get_session, normalize_url  # noqa: E402
from server.models import DeviceKind, OrderLine, Stock  # noqa: E402
from server.services.devices import register_device  # noqa: E402
from tests.databases import fresh_postgres, postgres_url  # noqa: E402
from tests.helpers import build_world  # noqa: E402
from tests.live import live_server  # noqa: E402

QUERIES = ["телефон", "смартфон альфа", "телевизор", "samsyng", "tv", "бета"]
SKUS = ["PHONE-1", "PHONE-2", "TV-1"]


class Stats:
    """Latencies per endpoint and the answers that should not have happened."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.server_errors = 0

    def call(self, http: requests.Session, method: str, url: str, name: str, **kw):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            answer = http.request(method, url, timeout=60, **kw)
        except requests.RequestException:
            with self.lock:
                self.errors[f"{name}: no answer"] += 1
            return None
        took = time.perf_counter() - started
        with self.lock:
            self.latency[name].append(took)
            if answer.status_code >= 500:
                self.server_errors += 1
                self.errors[f"{name}: {answer.status_code}"] += 1
        return answer

    def unexpected(self, what: str) -> None:
        with self.lock:
            self.errors[what] += 1


class Chain:
    def __init__(self, base: str, tokens: dict[str, str], stop_at: float, stats: Stats) -> None:
        self.base = base
        self.tokens = tokens
        self.stop_at = stop_at
        self.stats = stats
        self.paid: queue.Queue[str] = queue.Queue()
        self.ready: queue.Queue[tuple[str, str]] = queue.Queue()
        self.created = 0
        self.handed = 0
        self.lock = threading.Lock()

    def running(self) -> bool:
        return time.monotonic() < self.stop_at

    def _api(self, token: str) -> requests.Session:
        http = requests.Session()
        http.headers["Authorization"] = f"Device {token}"
        return http

    def _post(self, http, path, name, body=None):  # type: ignore[no-untyped-def]
        headers = {"Idempotency-Key": str(uuid.uuid4())}
        return self.stats.call(
            http, "POST", f"{self.base}/api/v1{path}", name, json=body, headers=headers
        )

    def terminal(self, token: str) -> None:
        http = self._api(token)
        rng = random.Random(token)
        while self.running():
            self.stats.call(
                http,
                "GET",
                f"{self.base}/api/v1/products",
                "GET /products?q",
                params={"q": rng.choice(QUERIES), "store": "MSK-1"},
            )
            sku = rng.choice(SKUS)
            self.stats.call(
                http, "GET", f"{self.base}/api/v1/products/{sku}", "GET /products/<sku>"
            )
            lines = [{"sku": s, "qty": 1} for s in rng.sample(SKUS, rng.choice([1, 2]))]
            body = {"store": "MSK-1", "lines": lines, "payment": "card"}
            made = self._post(http, "/orders", "POST /orders", body)
            if made is None or made.status_code != 201:
                if made is not None and made.status_code != 409:
                    self.stats.unexpected(f"POST /orders: {made.status_code}")
                continue
            order = made.json()
            paid = self._post(
                http,
                f"/orders/{order['number']}/payments",
                "POST /orders/<n>/payments",
                {"method": "card", "amount_minor": order["total_minor"]},
            )
            if paid is not None and paid.status_code == 201:
                with self.lock:
                    self.created += 1
                self.paid.put(order["number"])
            elif paid is not None:
                self.stats.unexpected(f"card payment: {paid.status_code}")

    def shop(self, token: str) -> None:
        http = self._api(token)
        rng = random.Random("shop")
        while self.running():
            body = {
                "store": "MSK-1",
                "lines": [{"sku": rng.choice(SKUS), "qty": 1}],
                "payment": "online",
                "customer_phone": f"+7916{rng.randrange(10**7):07d}",
            }
            made = self._post(http, "/orders", "POST /orders (shop)", body)
            if made is None or made.status_code != 201:
                continue
            order = made.json()
            paid = self._post(
                http,
                f"/orders/{order['number']}/payments",
                "POST /orders/<n>/payments (online)",
                {"method": "online", "amount_minor": order["total_minor"]},
            )
            if paid is not None and paid.status_code == 201:
                with self.lock:
                    self.created += 1
                self.paid.put(order["number"])
            time.sleep(0.5)

    def warehouse(self, token: str) -> None:
        screen = _paired(self.base, token)
        http = self._api(token)
        last_poll = 0.0
        while self.running():
            if time.monotonic() - last_poll > 3:
                self.stats.call(screen, "GET", f"{self.base}/warehouse", "GET /warehouse (screen)")
                last_poll = time.monotonic()
            try:
                number = self.paid.get(timeout=0.5)
            except queue.Empty:
                continue
            taken = self._post(http, f"/orders/{number}/picking", "POST /orders/<n>/picking")
            if taken is None or taken.status_code != 200:
                continue
            for line in taken.json()["lines"]:
                self._post(
                    http,
                    f"/orders/{number}/lines/{line['sku']}/picked",
                    "POST /orders/<n>/lines/<sku>/picked",
                )
            window = 1 + hash(number) % 4
            ready = self._post(
                http, f"/orders/{number}/ready", "POST /orders/<n>/ready", {"window": window}
            )
            if ready is not None and ready.status_code == 200:
                self.ready.put((number, ready.json()["pickup_code"]))

    def board(self, token: str) -> None:
        screen = _paired(self.base, token)
        while self.running():
            self.stats.call(screen, "GET", f"{self.base}/board/items", "GET /board/items (screen)")
            time.sleep(1)

    def window(self, token: str, twin: str) -> None:
        http = self._api(token)
        other = self._api(twin)
        rng = random.Random(token)
        while self.running():
            try:
                number, code = self.ready.get(timeout=0.5)
            except queue.Empty:
                continue
            scan = self._post(http, "/pickups/scan", "POST /pickups/scan", {"code": code})
            if scan is None or scan.status_code != 200:
                continue
            if rng.random() < 0.1:  # two windows at once on one order: one may hand it out
                won = _race_hand_out(self, number, [http, other])
            else:
                handed = self._post(
                    http, f"/orders/{number}/hand-out", "POST /orders/<n>/hand-out", {}
                )
                won = 1 if handed is not None and handed.status_code == 200 else 0
            with self.lock:
                self.handed += won


def _race_hand_out(chain: "Chain", number: str, sessions: list[requests.Session]) -> int:
    """Both windows press "hand out" at the same moment; how many were told it worked."""
    answers: list[requests.Response | None] = []

    def press(http: requests.Session) -> None:
        answers.append(chain._post(http, f"/orders/{number}/hand-out", "POST hand-out (race)", {}))

    racers = [threading.Thread(target=press, args=(http,)) for http in sessions]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()
    won = sum(1 for answer in answers if answer is not None and answer.status_code == 200)
    if won != 1:
        chain.stats.unexpected(f"raced hand-out won {won} times")
    return won


def _paired(base: str, token: str) -> requests.Session:
    """A browser session paired with a store screen's key, as staff do once per screen."""
    screen = requests.Session()
    form = screen.get(f"{base}/screens/pair", timeout=30).text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert csrf, "the pairing form has no CSRF token"
    answer = screen.post(
        f"{base}/screens/pair",
        data={"token": token, "csrf_token": csrf.group(1)},
        timeout=30,
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.text[:200]
    return screen


def prepare(url: str, terminals: int, windows: int) -> dict[str, str]:
    app = create_app({"DATABASE_URL": url, "CLOCK": SystemClock()})
    tokens: dict[str, str] = {}
    with app.app_context():
        session = get_session()
        world = build_world(session, stock={sku: 1_000_000 for sku in SKUS})
        tokens.update(world.tokens)
        now = SystemClock().now()
        for index in range(terminals):
            _device, tokens[f"terminal-{index}"] = register_device(
                session,
                name=f"load-terminal-{index}",
                kind=DeviceKind.TERMINAL,
                store=world.store,
                now=now,
            )
        for index in range(windows):
            device, tokens[f"window-{index}"] = register_device(
                session,
                name=f"load-window-{index}",
                kind=DeviceKind.PICKUP,
                store=world.store,
                now=now,
            )
            device.window = 1 + index
        session.commit()
    app.extensions["db"].engine.dispose()
    return tokens


def books(url: str) -> tuple[int, int, int]:
    """Oversold stock rows, order lines handed out beyond their quantity, doubled hand-outs."""
    engine = create_engine(normalize_url(url))
    with engine.connect() as conn:
        oversold = conn.scalar(
            select(func.count())
            .select_from(Stock)
            .where((Stock.reserved > Stock.on_hand) | (Stock.on_hand < 0))
        )
        over_issued = conn.scalar(
            select(func.count()).select_from(OrderLine).where(OrderLine.qty_issued > OrderLine.qty)
        )
        doubled = conn.scalar(
            text(
                "SELECT count(*) FROM (SELECT order_id FROM order_events"
                " WHERE to_status = 'issued' GROUP BY order_id HAVING count(*) > 1) AS d"
            )
        )
    engine.dispose()
    return oversold or 0, over_issued or 0, doubled or 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=2.0)
    parser.add_argument("--terminals", type=int, default=32)
    parser.add_argument("--windows", type=int, default=4)
    parser.add_argument("--server-processes", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    base_url = postgres_url()
    if base_url is None:
        sys.exit("PostgreSQL does not answer at TEST_DATABASE_URL or 127.0.0.1:5432")

    with fresh_postgres(base_url) as url, tempfile.TemporaryDirectory() as tmp:
        tokens = prepare(url, args.terminals, args.windows)
        env = dict(os.environ, DATABASE_URL=url, CYBERMARKET_LOG_LEVEL="WARNING")
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "server", "worker"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(args.workers)
        ]
        os.environ["CYBERMARKET_LOG_LEVEL"] = "WARNING"
        try:
            with live_server(url, Path(tmp), workers=args.server_processes, threads=16) as base:
                stats = Stats()
                seconds = args.minutes * 60
                chain = Chain(base, tokens, time.monotonic() + seconds, stats)
                actors = [
                    threading.Thread(target=chain.terminal, args=(tokens[f"terminal-{i}"],))
                    for i in range(args.terminals)
                ]
                actors += [
                    threading.Thread(
                        target=chain.window,
                        args=(tokens[f"window-{i}"], tokens[f"window-{(i + 1) % args.windows}"]),
                    )
                    for i in range(args.windows)
                ]
                actors += [
                    threading.Thread(target=chain.warehouse, args=(tokens["warehouse"],)),
                    threading.Thread(target=chain.board, args=(tokens["board"],)),
                    threading.Thread(target=chain.shop, args=(tokens["shop"],)),
                ]
                started = time.monotonic()
                for actor in actors:
                    actor.start()
                for actor in actors:
                    actor.join()
                elapsed = (time.monotonic() - started) / 60
        finally:
            for worker in workers:
                worker.terminate()
                worker.wait()
        oversold, over_issued, doubled = books(url)
        failures = [
            line
            for log in Path(tmp).glob("server-*.log")
            for line in log.read_text(errors="replace").splitlines()
            if '"level": "error"' in line
        ]

    print(
        f"{args.terminals} terminals, {args.windows} windows, warehouse, board, shop;"
        f" {args.server_processes} server processes, {args.workers} workers; {elapsed:.1f} min"
    )
    paid, handed = chain.created / elapsed, chain.handed / elapsed
    print(f"orders paid: {paid:.0f}/min; handed out: {handed:.0f}/min")
    print(f"{'endpoint':42} {'calls':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, values in sorted(stats.latency.items()):
        values.sort()
        p50, p95, p99 = (
            values[min(len(values) - 1, int(q * len(values)))] * 1000 for q in (0.5, 0.95, 0.99)
        )
        print(f"{name:42} {len(values):>7} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f}")
    print(f"5xx answers: {stats.server_errors}")
    for what, count in sorted(stats.errors.items()):
        print(f"  {what}: {count}")
    for line in failures[:3]:  # the server's own account of its first failures
        print(f"  server: {line[:2000]}")
    print(
        f"oversold stock rows: {oversold}; lines handed out beyond their quantity: {over_issued};"
        f" orders handed out twice: {doubled}"
    )


if __name__ == "__main__":
    main()
