"""Where one reservation's time goes: SQL statements, CPU per request, the top functions.

    .venv/bin/python tests/perf/profile_reserve.py [--requests 300] [--profile 25]

Runs POST /api/v1/orders in one process through the Flask test client (no HTTP, no
threads) against a throwaway PostgreSQL database (TEST_DATABASE_URL or the local
server), as a terminal sends it: one line, an Idempotency-Key. Prints the statements
of one request, the CPU and wall time per request, and the slowest functions by
cumulative time under cProfile. Asserts nothing.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
import uuid
from pathlib import Path

from sqlalchemy import event

os.environ.setdefault("CYBERMARKET_DEMO", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


from server import create_app  # noqa: E402
from server.db import get_session  # noqa: E402
from tests.databases import fresh_postgres, postgres_url  # noqa: E402
from tests.helpers import build_world  # noqa: E402

BODY = {"store": "MSK-1", "lines": [{"sku": "PHONE-1", "qty": 1}], "payment": "card"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", type=int, default=25, help="functions to list")
    args = parser.parse_args()
    base_url = postgres_url()
    if base_url is None:
        sys.exit("PostgreSQL does not answer at TEST_DATABASE_URL or 127.0.0.1:5432")
    with fresh_postgres(base_url) as url:
        app = create_app({"DATABASE_URL": url})
        with app.app_context():
            world = build_world(get_session(), stock={"PHONE-1": 10_000_000})
            get_session().commit()
        client = app.test_client()
        headers = {"Authorization": f"Device {world.tokens['terminal']}"}
        statements: list[str] = []
        engine = app.extensions["db"].engine

        @event.listens_for(engine, "before_cursor_execute")
        def count(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
            statements.append(statement)

        def reserve() -> None:
            headers["Idempotency-Key"] = uuid.uuid4().hex
            answer = client.post("/api/v1/orders", json=BODY, headers=headers)
            assert answer.status_code == 201, answer.get_json()

        for _ in range(20):  # warm caches: compiled statements, pools, translations
            reserve()
        statements.clear()
        reserve()
        print(f"SQL statements in one reservation: {len(statements)}")
        for statement in statements:
            print("   ", " ".join(statement.split())[:110])
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(args.requests):
            reserve()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(
            f"{args.requests} reservations, one after another: "
            f"{wall / args.requests * 1000:.2f} ms wall, "
            f"{cpu / args.requests * 1000:.2f} ms CPU of this process each, "
            f"{args.requests / wall:.0f}/s"
        )
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            reserve()
        profiler.disable()
        stats = pstats.Stats(profiler)
        ours = r"/(server|common)/"  # the project's own functions, then everything by own time
        stats.sort_stats("cumulative").print_stats(ours, args.profile)
        stats.sort_stats("tottime").print_stats(args.profile)
        engine.dispose()


if __name__ == "__main__":
    main()
