"""Search quality on the labelled shopper queries: nDCG@10 and recall@10, new search and old.

    .venv/bin/python tests/perf/bench_search.py [--engine postgresql] [--database URL] [--show]

Without --database it loads the demo catalog (`cybermarket demo-data`) into a throwaway
SQLite file, or with --engine postgresql a throwaway database at TEST_DATABASE_URL. The old
search is the substring match every word must pass (server/services/catalog.py); the new one
is server/search/. The tuning and held-out parts of tests/search/queries.json are reported
apart. Prints figures; asserts nothing.
"""

import argparse
import math
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

# Benchmarks run the demo's configuration (demo secrets, fake provider), never a real store's.
os.environ.setdefault("CYBERMARKET_DEMO", "1")

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from flask_babel import force_locale  # noqa: E402
from sqlalchemy import select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from server import create_app  # noqa: E402
from server.clock import now  # noqa: E402
from server.db import get_session  # noqa: E402
from server.demo import load_demo_data  # noqa: E402
from server.migrate import upgrade  # noqa: E402
from server.models import Product, Store, StoreKind  # noqa: E402
from server.search.service import search_products  # noqa: E402
from server.services.catalog import list_products  # noqa: E402
from tests.databases import fresh_postgres, postgres_url  # noqa: E402
from tests.search.labelled import Labelled, load, relevant  # noqa: E402

K = 10
Search = Callable[[Session, Labelled, Store], list[Product]]


def new_search(session: Session, item: Labelled, store: Store) -> list[Product]:
    with force_locale(item.lang):
        page = search_products(session, q=item.q, store=store, limit=K, language=item.lang)
    return [row.product for row in page.rows]


def old_search(session: Session, item: Labelled, store: Store) -> list[Product]:
    page = list_products(session, q=item.q, store=store, limit=K, language=item.lang)
    return [row.product for row in page.rows]


def scores(session: Session, item: Labelled, found: list[Product]) -> tuple[float, float]:
    """(nDCG@10, recall@10); for a query nothing fits, 1 when the answer is empty."""
    if item.want is None:
        return (1.0, 1.0) if not found else (0.0, 0.0)
    everything = session.scalars(select(Product).where(Product.active.is_(True))).all()
    total = sum(1 for p in everything if relevant(p, item.want))
    gains = [1.0 if relevant(p, item.want) else 0.0 for p in found[:K]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sum(1 / math.log2(i + 2) for i in range(min(K, total)))
    return (dcg / ideal if ideal else 0.0, sum(gains) / min(K, total) if total else 0.0)


def evaluate(session: Session, search: Search, items: list[Labelled], store: Store, show: bool):
    ndcg = recall = answered = 0.0
    for item in items:
        found = search(session, item, store)
        n, r = scores(session, item, found)
        ndcg, recall, answered = ndcg + n, recall + r, answered + (n > 0)
        if show and n < 0.7:
            print(f"    {n:4.2f}  {item.q!r:40}  {[p.sku for p in found[:4]]}")
    count = len(items)
    return ndcg / count, recall / count, answered / count


def load_demo(url: str, folder: Path) -> str:
    app = create_app({"DATABASE_URL": url, "MEDIA_DIR": str(folder / "media")})
    with app.app_context():
        load_demo_data(get_session(), str(folder / "media"), now=now(), echo=lambda _: None)
        get_session().commit()
    return url


@contextmanager
def demo_database(engine: str, folder: Path) -> Iterator[str]:
    if engine == "sqlite":
        url = f"sqlite:///{folder / 'bench.db'}"
        upgrade(url)
        yield load_demo(url, folder)
        return
    base = postgres_url()
    if base is None:
        raise SystemExit("PostgreSQL does not answer at TEST_DATABASE_URL.")
    with fresh_postgres(base) as url:
        yield load_demo(url, folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--database", help="a database with the demo catalog already loaded")
    parser.add_argument("--show", action="store_true", help="list the poorly answered queries")
    parser.add_argument("--parts", default="tuning,held_out")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.database:
            report(args.database, Path(folder), args)
        else:
            with demo_database(args.engine, Path(folder)) as url:
                report(url, Path(folder), args)


def report(url: str, folder: Path, args: argparse.Namespace) -> None:
    app = create_app({"DATABASE_URL": url, "MEDIA_DIR": str(folder / "media")})
    with app.test_request_context(), app.app_context():
        session = get_session()
        store = session.scalars(
            select(Store).where(Store.kind == StoreKind.CYBERMARKET).order_by(Store.code)
        ).first()
        engine = session.get_bind().dialect.name
        print(
            f"{engine}: {'part':10} {'search':7} {'nDCG@10':>8} {'recall@10':>10} {'answered':>9}"
        )
        for part in args.parts.split(","):
            items = load(part)
            for name, search in (("old", old_search), ("new", new_search)):
                ndcg, recall, answered = evaluate(
                    session, search, items, store, args.show and name == "new"
                )
                print(
                    f"{engine}: {part:10} {name:7} {ndcg:8.3f} {recall:10.3f} {answered:9.0%}"
                    f"   ({len(items)} queries)"
                )
        app.extensions["db"].engine.dispose()


if __name__ == "__main__":
    main()
