"""Search latency on a generated catalog: our search next to a bare full-text query on the
same engine, in the same run, and the server process's memory with that catalog loaded.

    nice .venv/bin/python tests/perf/bench_search_latency.py [--products 100000]
        [--engine sqlite|postgresql|both] [--rounds 2]

The catalog is the demo's goods copied into new models ("… Neo 37") until it holds
--products products, written with bulk inserts, then indexed by the search's own code
(server/search/sync.py documents). The queries are the labelled shopper queries
(tests/search/queries.json). "ours" is GET /products' search service (understanding,
candidates, ranking, one page of 24); "bare" is one FTS query on the plain stems of the
words (FTS5 MATCH … ORDER BY bm25 / tsquery … ORDER BY ts_rank, LIMIT 24) and loading those
24 products. PostgreSQL runs in a throwaway database named cm_bench_* next to
TEST_DATABASE_URL. Goal: p95 of ours within 1.5× the bare query; suggestions under 50 ms.
Prints figures; asserts nothing.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("CYBERMARKET_DEMO", "1")  # the demo's configuration, never a store's
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from flask_babel import force_locale  # noqa: E402
from sqlalchemy import create_engine, insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from server import create_app  # noqa: E402
from server.db import get_session, normalize_url  # noqa: E402
from server.demo.catalog import CATEGORIES, build_catalog  # noqa: E402
from server.migrate import upgrade  # noqa: E402
from server.models import Category, Product, Stock, Store, StoreKind  # noqa: E402
from server.search import engine as fts  # noqa: E402
from server.search import snapshot  # noqa: E402
from server.search.documents import names_text, specs_text, stems  # noqa: E402
from server.search.service import search_products  # noqa: E402
from tests.databases import postgres_url  # noqa: E402
from tests.search.labelled import load  # noqa: E402

SERIES = ["Neo", "Pro", "Lite", "Max", "Plus", "Air", "Mini", "Ultra", "Prime", "Go"]
PAGE = 24
BATCH = 5000


def rss_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 2**20


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def fill(url: str, size: int) -> float:
    """Categories, one store, `size` products with stock and index rows; seconds taken."""
    start = time.perf_counter()
    engine = create_engine(normalize_url(url))
    demo = build_catalog(random.Random(1))
    rng = random.Random(7)
    with engine.begin() as conn:
        conn.execute(
            insert(Category),
            [
                {"code": c, "name_ru": ru, "name_en": en, "position": i * 10}
                for i, (c, ru, en, _p, _bg) in enumerate(CATEGORIES)
            ],
        )
        cats = dict(conn.execute(select(Category.code, Category.id)).tuples().all())
        names = {c: (ru, en) for c, ru, en, _p, _bg in CATEGORIES}
        conn.execute(
            insert(Store).values(
                code="BENCH",
                kind=StoreKind.CYBERMARKET,
                name_ru="Бенч",
                name_en="Bench",
                address_ru="-",
                address_en="-",
                opening_hours="24/7",
                timezone="Europe/Moscow",
                order_prefix="Z",
                pickup_windows=1,
                hold_days=None,
                reminder_hour=9,
            )
        )
        store_id = conn.execute(select(Store.id)).scalar_one()
    made = 0
    copy = 0
    spec_docs: dict[str, str] = {}
    while made < size:
        rows, docs_src = [], []
        for item in demo:
            if made + len(rows) >= size:
                break
            suffix = f" {SERIES[copy % len(SERIES)]} {copy // len(SERIES) + 1}" if copy else ""
            specs = item.specs_json()
            rows.append(
                {
                    "sku": f"{item.sku[:24]}-{copy}",
                    "category_id": cats[item.category],
                    "brand": item.brand,
                    "name_ru": item.name_ru + suffix,
                    "name_en": item.name_en + suffix,
                    "description_ru": "",
                    "description_en": "",
                    "specs": specs,
                    "photos": [],
                    "price_minor": item.price_minor,
                    "search_text": "",
                    "active": True,
                    "model_code": None,
                    "variant": {},
                }
            )
            docs_src.append((item, suffix, specs))
        copy += 1
        with engine.begin() as conn:
            first = (conn.execute(select(Product.id).order_by(Product.id.desc())).scalar() or 0) + 1
            conn.execute(insert(Product), rows)
            ids = range(first, first + len(rows))
            conn.execute(
                insert(Stock),
                [
                    {
                        "store_id": store_id,
                        "product_id": pid,
                        "on_hand": rng.choice((0, 1, 3, 8)),
                        "reserved": 0,
                    }
                    for pid in ids
                ],
            )
            docs = [
                fts.Document(
                    pid,
                    names_text(
                        [
                            row["sku"],
                            row["brand"],
                            row["name_ru"],
                            row["name_en"],
                            *names[item.category],
                        ]
                    ),
                    spec_docs.setdefault(item.sku, specs_text(specs)),  # the same for every copy
                )
                for pid, row, (item, _s, specs) in zip(ids, rows, docs_src, strict=True)
            ]
            fts.write(conn, docs)
        made += len(rows)
    engine.dispose()
    return time.perf_counter() - start


def queries() -> list[tuple[str, str]]:
    return [(item.q, item.lang) for part in ("tuning", "held_out") for item in load(part)]


def keystrokes() -> list[str]:
    return [q[:n] for q, _lang in queries() for n in range(1, len(q) + 1)]


def bare(session, q: str) -> list[Product]:
    ids = fts.matching(session.connection(), stems(q), limit=PAGE)
    return list(session.scalars(select(Product).where(Product.id.in_(ids)))) if ids else []


def measure(url: str, size: int, rounds: int, profile: bool = False) -> None:
    app = create_app({"DATABASE_URL": url, "MEDIA_DIR": tempfile.gettempdir()})
    with app.test_request_context(), app.app_context():
        session = get_session()
        store = session.scalars(select(Store)).one()
        dialect = session.get_bind().dialect.name
        before = rss_mb()
        start = time.perf_counter()
        snapshot.current(session)
        for lang in snapshot.LANGUAGES:
            snapshot.suggest_index(session, lang)
        loaded = time.perf_counter() - start
        print(
            f"{dialect}: {size} products; the search's picture (vocabulary, suggestion indexes)"
            f" built in {loaded:.1f} s; process memory {rss_mb():.0f} MB"
            f" ({rss_mb() - before:+.0f} MB for the picture)"
        )
        asked = queries()
        times: dict[str, list[float]] = {"ours": [], "bare": []}
        for round_no in range(rounds + 1):  # the first round warms caches and is not counted
            for q, lang in asked:
                for name in ("bare", "ours"):
                    t0 = time.perf_counter()
                    if name == "bare":
                        bare(session, q)
                    else:
                        with force_locale(lang):
                            search_products(session, q=q, store=store, limit=PAGE, language=lang)
                    if round_no:
                        times[name].append((time.perf_counter() - t0) * 1000)
                session.rollback()  # a request's transaction ends with it
        for name, found in times.items():
            print(
                f"{dialect}: {name:4} search: {len(found)} queries,"
                f" p50 {statistics.median(found):.1f} ms, p95 {percentile(found, 0.95):.1f} ms"
            )
        if profile:
            import cProfile
            import pstats

            with cProfile.Profile() as prof, force_locale("ru"):
                for q, lang in asked:
                    search_products(session, q=q, store=store, limit=PAGE, language=lang)
                    session.rollback()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        ratio = percentile(times["ours"], 0.95) / percentile(times["bare"], 0.95)
        print(f"{dialect}: p95 ours / bare = {ratio:.2f} (goal ≤ 1.5)")
        index = snapshot.suggest_index(session, "ru")
        typed = keystrokes()
        found = []
        for text_ in typed:
            t0 = time.perf_counter()
            index.suggest(text_)
            found.append((time.perf_counter() - t0) * 1000)
        print(
            f"{dialect}: suggestions: {len(found)} keystrokes,"
            f" p50 {statistics.median(found):.2f} ms, p95 {percentile(found, 0.95):.2f} ms"
            " (goal < 50 ms)"
        )
        print(f"{dialect}: process memory at the end {rss_mb():.0f} MB")
        app.extensions["db"].engine.dispose()


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    if kind == "sqlite":
        url = f"sqlite:///{folder / 'bench.db'}"
        upgrade(url)
        yield url
        return
    base = postgres_url()
    if base is None:
        raise SystemExit("PostgreSQL does not answer at TEST_DATABASE_URL.")
    name = f"cm_bench_{uuid.uuid4().hex[:10]}"  # apart from the tests' cm_test_* databases
    admin = create_engine(normalize_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(normalize_url(base)).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--rounds", type=int, default=2, help="timed passes over the queries")
    parser.add_argument("--profile", action="store_true", help="where our search spends its time")
    args = parser.parse_args()
    kinds = ["sqlite", "postgresql"] if args.engine == "both" else [args.engine]
    for kind in kinds:
        with tempfile.TemporaryDirectory() as folder, database(kind, Path(folder)) as url:
            seconds = fill(url, args.products)
            print(f"{kind}: {args.products} products written and indexed in {seconds:.0f} s")
            measure(url, args.products, args.rounds, args.profile)


if __name__ == "__main__":
    main()
