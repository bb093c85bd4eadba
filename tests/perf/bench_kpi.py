"""The KPI page (/staff/kpi) on a chain with a million orders, on PostgreSQL.

    .venv/bin/python tests/perf/bench_kpi.py [--orders 1000000] [--stores 4] [--runs 30]

Runs on PostgreSQL at TEST_DATABASE_URL (default: the local server), in a throwaway
database dropped at the end. The world of tests/helpers.build_world, --stores
cybermarkets in all, 200 000 customers, and --orders orders spread evenly over the year
before NOW, written by INSERT ... SELECT FROM generate_series (no rows travel through
Python): seven in ten paid at a terminal (reserved, paid, picking, ready, issued, a few
cancelled), three in ten online, paid on pickup (reserved, picking, ready, then issued or,
one in eight, expired), one in three with a customer; every order has its transition
events (about 4.7 per order), appeals, searches that found nothing and --carts carts
cleared by idle reset (abandoned_carts, spread over the year and the stores) besides. Then
ANALYZE, and the worker's kpi_days rows for the 60 closed days before NOW (timed). Then
for --runs random store-days among today and the 46 days before (whose 14-day charts
are kept): the KPI page's queries (kpi_figures.figures, the whole day live;
kpi_days.days, as the page and CSV read them), the page itself through the app (a
signed-in manager of the chain, the test client: Flask, templates and all), its CSV (14
days), and the older /staff/stats page. Prints p50 and p95 of each; asserts nothing.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, text

os.environ.setdefault("CYBERMARKET_DEMO", "1")  # the demo's configuration, never a store's
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from server import create_app  # noqa: E402
from server.clock import FrozenClock  # noqa: E402
from server.db import get_session  # noqa: E402
from server.models import Store  # noqa: E402
from server.services import appeals, kpi, kpi_days, kpi_figures  # noqa: E402
from tests.databases import fresh_postgres, postgres_url  # noqa: E402
from tests.helpers import STAFF_PASSWORD, app_config, build_world, make_store  # noqa: E402
from tests.page_client import PageClient  # noqa: E402

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
YEAR = 365 * 86_400
KEPT = 60  # closed days the worker has kept here (it keeps kpi_days.KEEP_DAYS in a store)
FOLDER = Path(tempfile.mkdtemp(prefix="bench-kpi-"))

ORDERS_SQL = """
WITH markets AS (SELECT array_agg(id ORDER BY id) AS ids FROM stores WHERE kind = 'cybermarket')
INSERT INTO orders (id, number, store_id, stock_store_id, status, payment_method, pickup_code,
    customer_phone, customer_id, customer_language, total_minor, bonus_minor, paid_minor,
    created_at, updated_at, hold_extensions)
SELECT g, 'Z-' || g, m.ids[1 + g % :stores], m.ids[1 + g % :stores],
    CASE WHEN g % 10 < 7 THEN (CASE WHEN g % 50 = 0 THEN 'cancelled' ELSE 'issued' END)
         ELSE (CASE WHEN g % 8 = 0 THEN 'expired' ELSE 'issued' END) END,
    CASE WHEN g % 10 < 7 THEN 'card' ELSE 'on_pickup' END,
    'Z' || lpad(g::text, 11, '0'),
    CASE WHEN g % 3 = 0 THEN '+7900' || lpad((g % 200000)::text, 7, '0') END,
    CASE WHEN g % 3 = 0 THEN :first_customer + (g % 200000) END,
    'ru', 50000 + (g::bigint * 7919) % 900000, 0, 50000 + (g::bigint * 7919) % 900000,
    :start + make_interval(secs => (g::float8 * :span / :n)),
    :start + make_interval(secs => (g::float8 * :span / :n) + 900),
    0
FROM generate_series(1, :n) AS g, markets AS m
"""

# Each order's events, seconds after it was made: the terminal's path, or the online one.
EVENTS_SQL = """
INSERT INTO order_events (order_id, from_status, to_status, at, actor)
SELECT o.id, e.from_status, e.to_status, o.created_at + make_interval(secs => e.after), 'bench'
FROM orders AS o
CROSS JOIN LATERAL (VALUES
    (NULL, 'reserved', 0, true),
    ('reserved', 'paid', 20, o.payment_method = 'card'),
    ('paid', 'picking', 20 + 30 + o.id % 60, o.payment_method = 'card'),
    ('reserved', 'picking', 3600, o.payment_method = 'on_pickup'),
    ('picking', 'ready', 20 + 90 + o.id % 120, o.payment_method = 'card'),
    ('picking', 'ready', 7200, o.payment_method = 'on_pickup'),
    ('ready', 'issued', 20 + 120 + o.id % 240, o.payment_method = 'card' AND o.status = 'issued'),
    ('paid', 'cancelled', 40, o.status = 'cancelled'),
    ('ready', 'issued', 86400 + o.id % 86400, o.payment_method = 'on_pickup'
        AND o.status = 'issued'),
    ('ready', 'expired', 3 * 86400 + 7200, o.status = 'expired')
) AS e(from_status, to_status, after, wanted)
WHERE e.wanted
"""


def seed(url: str, orders: int, stores: int, carts: int) -> None:
    app = create_app(app_config(url, FrozenClock(NOW), FOLDER))
    with app.app_context():
        session = get_session()
        build_world(session)
        for n in range(3, stores + 1):
            make_store(session, f"MSK-{n}", f"M{n}")
        session.commit()
        session.execute(
            text(
                "INSERT INTO customers (phone, created_at) SELECT '+7900' || lpad(g::text, 7, "
                "'0'), :at FROM generate_series(0, 199999) AS g"
            ),
            {"at": NOW - timedelta(days=400)},
        )
        first = session.scalar(text("SELECT min(id) FROM customers"))
        start = NOW - timedelta(seconds=YEAR)
        timed(
            "orders",
            lambda: session.execute(
                text(ORDERS_SQL),
                {
                    "n": orders,
                    "span": YEAR,
                    "start": start,
                    "stores": stores,
                    "first_customer": first,
                },
            ),
        )
        timed("events", lambda: session.execute(text(EVENTS_SQL)))
        session.execute(
            text(
                "INSERT INTO appeals (customer_phone, store_id, channel, category, text, status, "
                "created_at, created_by, due_at, bonus_minor, refund_minor) "
                "SELECT customer_phone, store_id, 'window', 'delay', 'bench', "
                "CASE WHEN id % 17 = 0 THEN 'open' ELSE 'resolved' END, created_at, 'bench', "
                "created_at + interval '2 hours', 0, 0 FROM orders WHERE id % 588 = 0"
            )
        )
        session.execute(
            text(
                "INSERT INTO search_misses (query, store_id, at, understood) SELECT 'x' || g, "
                "(SELECT min(id) FROM stores), :start + make_interval(secs => g * 60.0), '[]' "
                "FROM generate_series(1, 200000) AS g"
            ),
            {"start": start},
        )
        session.execute(
            text(
                "WITH markets AS (SELECT array_agg(id ORDER BY id) AS ids FROM stores "
                "WHERE kind = 'cybermarket') "
                "INSERT INTO abandoned_carts (store_id, device_id, at, lines, items, value_minor) "
                "SELECT m.ids[1 + g % :stores], (SELECT min(id) FROM devices), "
                ":start + make_interval(secs => (g::float8 * :span / :n)), "
                '\'[{"sku": "PHONE-1", "qty": 1, "price_minor": 2999000}]\', '
                "1 + g % 3, 100000 + (g::bigint * 7919) % 900000 "
                "FROM generate_series(1, :n) AS g, markets AS m"
            ),
            {"n": carts, "span": YEAR, "start": start, "stores": stores},
        )
        session.execute(text("SELECT setval('orders_id_seq', (SELECT max(id) FROM orders))"))
        session.commit()
    app.extensions["db"].engine.dispose()
    with app.app_context():
        timed("analyze", lambda: get_session().connection().exec_driver_sql("ANALYZE"))
        get_session().commit()
        started = time.perf_counter()
        rows = 0
        while written := kpi_days.fill_closed_days(get_session(), now=NOW, limit=1000, keep=KEPT):
            rows += written
            get_session().commit()
        took = time.perf_counter() - started
        print(
            f"  kpi_days: {rows} store-days kept in {took:.1f} s ({took / rows * 1000:.0f} ms each)"
        )
    app.extensions["db"].engine.dispose()


def timed(what: str, step: Callable[[], object]) -> None:
    started = time.perf_counter()
    step()
    print(f"  {what}: {time.perf_counter() - started:.1f} s", flush=True)


def figures_ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"


def measure(url: str, runs: int) -> None:
    app = create_app(app_config(url, FrozenClock(NOW), FOLDER))
    rng = random.Random(15)
    with app.app_context():
        session = get_session()
        stores = list(session.scalars(select(Store).where(Store.kind == "cybermarket")))
        counts = session.execute(
            text(
                "SELECT (SELECT count(*) FROM orders), (SELECT count(*) FROM order_events), "
                "(SELECT count(*) FROM abandoned_carts)"
            )
        ).one()
        print(
            f"orders {counts[0]:,}, events {counts[1]:,}, abandoned carts {counts[2]:,}, "
            f"cybermarkets {len(stores)}"
        )
        picks = [
            (rng.choice(stores).code, NOW.date() - timedelta(days=rng.randrange(0, KEPT - 13)))
            for _ in range(runs)
        ]
        sample = kpi_figures.figures(session, stores[0], picks[0][1])
        print(
            f"a store-day: {sample.orders} orders made, {sample.handed_out} handed out, "
            f"{sample.customers} customers in 90 days, {sample.abandoned_carts} carts abandoned"
        )
        session.rollback()
    app.test_client_class = PageClient  # posts with the page's CSRF token, as a browser does
    browser = app.test_client()
    answer = browser.post("/staff/login", data={"username": "staff", "password": STAFF_PASSWORD})
    assert answer.status_code == 302, answer.status_code
    results: dict[str, list[float]] = {}

    def clock(name: str, step: Callable[[], object]) -> None:
        started = time.perf_counter()
        step()
        results.setdefault(name, []).append(time.perf_counter() - started)

    def get(path: str) -> None:
        page = browser.get(path)
        assert page.status_code == 200, (path, page.status_code)

    def one_day(code: str, day: date) -> None:
        with app.app_context():
            session = get_session()
            store = session.scalar(select(Store).where(Store.code == code))
            assert store is not None
            clock("queries: figures()", lambda: kpi_figures.figures(session, store, day))
            clock(
                "queries: kpi_days.days() (14)",
                lambda: kpi_days.days(session, store, day, now=NOW),
            )
            start, end = kpi_figures.day_bounds(store, day)
            clock("  of which store_day()", lambda: kpi.store_day(session, store, start, until=end))
            clock("  of which retention", lambda: kpi_figures._buyers(session, store, end))
            clock("  of which appeal_counts()", lambda: appeals.appeal_counts(session, now=end))
            clock(
                "  of which abandoned carts (14)",
                lambda: kpi_figures._abandoned(session, store, end - timedelta(days=14), end),
            )
            session.rollback()
        where = f"store={code}&day={day.isoformat()}"
        clock("page  /staff/kpi", lambda: get(f"/staff/kpi?{where}"))
        clock("csv   /staff/kpi.csv (14 days)", lambda: get(f"/staff/kpi.csv?{where}"))

    for code, day in picks:
        one_day(code, day)
    for _ in range(min(runs, 5)):
        clock("older /staff/stats (all time)", lambda: get("/staff/stats"))
    for name, samples in results.items():
        print(f"{name:34} {figures_ms(samples)}   ({len(samples)} runs)")
    app.extensions["db"].engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--stores", type=int, default=4)
    parser.add_argument("--carts", type=int, default=200_000, help="abandoned carts in a year")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the database until Enter")
    parser.add_argument("--reuse", metavar="URL", help="measure a database kept by --keep")
    args = parser.parse_args()
    base = postgres_url()
    if base is None:
        sys.exit("no PostgreSQL answers at TEST_DATABASE_URL (or the local default)")
    print(f"load average {os.getloadavg()[0]:.2f} at start", flush=True)
    if args.reuse:
        measure(args.reuse, args.runs)
        return
    with fresh_postgres(base) as url:
        started = time.perf_counter()
        print(f"seeding {args.orders:,} orders:", flush=True)
        seed(url, args.orders, args.stores, args.carts)
        print(f"  seeded in {time.perf_counter() - started:.0f} s", flush=True)
        measure(url, args.runs)
        if args.keep:
            input(f"kept at {url} until Enter: ")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
