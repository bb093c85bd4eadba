"""Suggestions as the shopper types: time per keystroke on a generated catalog.

    .venv/bin/python tests/perf/bench_suggest.py [--products 100000] [--api]

The catalog is the demo's goods copied into new models ("Смартфон Samsung Galaxy A15 Neo 37")
until it holds --products products; the keystrokes are every prefix of every labelled
shopper query (tests/search/queries.json), typed letter by letter as on the terminal's keys.
It prints the index's build time and the process's memory for it, and p50/p95/max per
keystroke of the in-memory lookup (server/search/suggest.py). With --api it also times
GET /api/v1/products/suggest end to end on the demo catalog in a throwaway SQLite file
(device token, validation, JSON). Goal: p95 under 50 ms. Prints figures; asserts nothing.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

# Benchmarks run the demo's configuration (demo secrets, fake provider), never a real store's.
os.environ.setdefault("CYBERMARKET_DEMO", "1")

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from server.demo.catalog import CATEGORIES, build_catalog  # noqa: E402
from server.search.suggest import SuggestIndex, build_index  # noqa: E402
from server.search.vocabulary import load_lexicon  # noqa: E402
from tests.search.labelled import load  # noqa: E402

SERIES = ["Neo", "Pro", "Lite", "Max", "Plus", "Air", "Mini", "Ultra", "Prime", "Go"]


def generated_catalog(size: int) -> list[tuple[str, str, str]]:
    """(SKU, brand, Russian model name) for `size` products, variants sharing a model name."""
    demo = build_catalog(random.Random(1))
    out: list[tuple[str, str, str]] = []
    copy = 0
    while len(out) < size:
        for item in demo:
            model = (item.variant or {}).get("model", {}).get("ru", item.name_ru)
            suffix = f"{SERIES[copy % len(SERIES)]} {copy // len(SERIES) + 1}" if copy else ""
            out.append((f"{item.sku}-{copy}", item.brand, f"{model} {suffix}".strip()))
            if len(out) == size:
                break
        copy += 1
    return out


def keystrokes() -> list[str]:
    queries = [item.q for part in ("tuning", "held_out") for item in load(part)]
    return [q[:n] for q in queries for n in range(1, len(q) + 1)]


def rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096 / 2**20


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed(index: SuggestIndex, typed: list[str]) -> list[float]:
    times = []
    for text in typed:
        start = time.perf_counter()
        index.suggest(text)
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(name: str, times: list[float]) -> None:
    print(
        f"{name}: {len(times)} keystrokes, p50 {statistics.median(times):.2f} ms,"
        f" p95 {percentile(times, 0.95):.2f} ms, max {max(times):.2f} ms (goal: p95 < 50 ms)"
    )


def in_memory(size: int) -> None:
    catalog = generated_catalog(size)
    categories = [(code, ru) for code, ru, _en, _prefix, _bg in CATEGORIES]
    lexicon = load_lexicon()
    before = rss_mb()
    start = time.perf_counter()
    index = build_index(
        categories, {b for _s, b, _n in catalog}, [(s, n) for s, _b, n in catalog], lexicon
    )
    built = time.perf_counter() - start
    print(
        f"catalog: {size} products, {len(index)} suggestions to offer;"
        f" index built in {built:.2f} s, {rss_mb() - before:.0f} MB of the process's memory"
    )
    typed = keystrokes()
    timed(index, typed[:200])  # warm the stemmer's and the allocator's caches
    report("in-memory lookup", timed(index, typed))


def through_api() -> None:
    from sqlalchemy import select

    from server import create_app
    from server.clock import now
    from server.db import get_session
    from server.demo import load_demo_data
    from server.migrate import upgrade
    from server.models import DeviceKind, Store
    from server.services.devices import register_device

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        upgrade(url)
        app = create_app({"DEMO": True, "DATABASE_URL": url, "MEDIA_DIR": f"{folder}/media"})
        with app.app_context():
            session = get_session()
            load_demo_data(session, f"{folder}/media", now=now(), echo=lambda _: None)
            store = session.scalars(select(Store)).first()
            _device, token = register_device(
                session, name="bench", kind=DeviceKind.TERMINAL, store=store, now=now()
            )
            session.commit()
        client = app.test_client()
        headers = {"Authorization": f"Device {token}"}
        typed = keystrokes()
        times = []
        for text in [typed[0], *typed]:  # the first builds the index
            start = time.perf_counter()
            answer = client.get(
                "/api/v1/products/suggest", query_string={"q": text}, headers=headers
            )
            times.append((time.perf_counter() - start) * 1000)
            assert answer.status_code == 200, answer.text
        report("GET /api/v1/products/suggest, demo catalog", times[1:])
        app.extensions["db"].engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--api", action="store_true", help="also time the endpoint end to end")
    args = parser.parse_args()
    in_memory(args.products)
    if args.api:
        through_api()


if __name__ == "__main__":
    main()
