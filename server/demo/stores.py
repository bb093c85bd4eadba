"""Demo stores in Moscow and the stock the two cybermarkets hold."""

import random
from collections import defaultdict
from typing import Any

from sqlalchemy.orm import Session

from server.models import Product, Stock, Store, StoreKind

STORES: list[dict[str, Any]] = [
    dict(
        code="MSK-TVER",
        kind=StoreKind.CYBERMARKET,
        name_ru="Кибермаркет на Тверской",
        name_en="Cybermarket Tverskaya",
        address_ru="Москва, ул. Тверская, д. 18, стр. 1",
        address_en="18 Tverskaya St., bldg. 1, Moscow",
        opening_hours="24/7",
        order_prefix="A",
        pickup_windows=4,
    ),
    dict(
        code="MSK-YUGO",
        kind=StoreKind.CYBERMARKET,
        name_ru="Кибермаркет Юго-Западный",
        name_en="Cybermarket Yugo-Zapadny",
        address_ru="Москва, пр-т Вернадского, д. 86А",
        address_en="86A Vernadskogo Ave., Moscow",
        opening_hours="24/7",
        order_prefix="B",
        pickup_windows=3,
    ),
    dict(
        code="MSK-P01",
        kind=StoreKind.OUTPOST,
        name_ru="Пункт выдачи «Сокол»",
        name_en="Sokol pickup point",
        address_ru="Москва, Ленинградский пр-т, д. 74, корп. 2",
        address_en="74 Leningradsky Ave., bldg. 2, Moscow",
        opening_hours="10:00–22:00",
        order_prefix="C",
        pickup_windows=1,
    ),
    dict(
        code="MSK-P02",
        kind=StoreKind.OUTPOST,
        name_ru="Пункт выдачи «Марьино»",
        name_en="Maryino pickup point",
        address_ru="Москва, Люблинская ул., д. 169, корп. 2",
        address_en="169 Lyublinskaya St., bldg. 2, Moscow",
        opening_hours="10:00–22:00",
        order_prefix="D",
        pickup_windows=1,
    ),
]

# Aisle letters a stock picker cannot misread (no I, J, O, Q).
AISLES = "ABCDEFGHKLMNPRSTUVWXYZ"
# Big boxes stand one to a floor-level place, not two to a shelf.
BULKY = {"washers", "fridges", "tvs"}


def add_stores(session: Session) -> list[Store]:
    stores = [Store(timezone="Europe/Moscow", **data) for data in STORES]
    # Each outpost is supplied by a cybermarket: Sokol from Tverskaya, Maryino from the south-west.
    markets = [s for s in stores if s.kind is StoreKind.CYBERMARKET]
    outposts = [s for s in stores if s.kind is StoreKind.OUTPOST]
    for outpost, market in zip(outposts, markets, strict=True):
        outpost.source_store = market
    session.add_all(stores)
    session.flush()
    return stores


def _quantity(rng: random.Random, bulky: bool) -> int:
    """Mostly a healthy shelf, some sold out, some down to the last few."""
    roll = rng.random()
    if roll < 0.05:
        return 0
    if roll < 0.15:
        return rng.randint(1, 3)
    return rng.randint(4, 12) if bulky else rng.randint(4, 25)


def _bin(aisle: str, slot: int, bulky: bool) -> str:
    """Aisle-rack-shelf, e.g. "A-03-2"; bulky goods take a whole bottom shelf each."""
    if bulky:
        return f"{aisle}-{slot + 1:02d}-1"
    return f"{aisle}-{slot // 8 + 1:02d}-{slot % 8 // 2 + 1}"


def add_stock(
    session: Session, rng: random.Random, stores: list[Store], products: list[Product]
) -> dict[str, int]:
    """Stock rows for ~90 % of the catalog in every cybermarket; rows per store code."""
    by_category: dict[str, list[Product]] = defaultdict(list)
    for product in products:
        by_category[product.category.code].append(product)
    counts: dict[str, int] = {}
    for store in stores:
        if store.kind is not StoreKind.CYBERMARKET:
            continue
        codes = sorted(by_category)
        assert len(codes) <= len(AISLES), "one aisle per category"
        rng.shuffle(codes)  # each store lays its aisles out its own way
        rows = []
        for aisle, code in zip(AISLES, codes, strict=False):
            bulky = code in BULKY
            shelf_order = list(by_category[code])
            rng.shuffle(shelf_order)
            for slot, product in enumerate(shelf_order):
                if rng.random() >= 0.9:
                    continue  # not carried here
                rows.append(
                    Stock(
                        store=store,
                        product=product,
                        on_hand=_quantity(rng, bulky),
                        reserved=0,
                        bin_location=_bin(aisle, slot, bulky),
                    )
                )
        session.add_all(rows)
        counts[store.code] = len(rows)
    session.flush()
    return counts
