"""Demo data for an empty database: stores, catalog with photos, stock, devices, an admin.

Everything comes from random.Random(42), so two runs give the same catalog and stock
(device tokens are fresh each time). The caller commits; this only adds and flushes.
"""

import json
import os
import random
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.demo.catalog import BACKGROUND, CATEGORIES, build_catalog
from server.demo.photos import render_photo
from server.demo.reviews import add_reviews
from server.demo.stores import add_stock, add_stores
from server.demo.together import add_accessory_links
from server.models import Category, Device, DeviceKind, Product, StaffUser, Store, StoreKind
from server.passwords import hash_password
from server.services.devices import register_device

DEVICES = [
    ("terminal-1", DeviceKind.TERMINAL),
    ("pickup-1", DeviceKind.PICKUP),
    ("warehouse-1", DeviceKind.WAREHOUSE),
    ("board-1", DeviceKind.BOARD),
    ("shop-1", DeviceKind.SHOP),
]
DEVICES_FILE = "demo-devices.json"


def load_demo_data(
    session: Session, media_dir: str, *, now: datetime, echo: Callable[[str], None]
) -> str:
    """Fill an empty database with the demo chain; a one-line note if it is not empty."""
    if session.scalar(select(Store.id).limit(1)) is not None:
        return "The demo data is already there (the database has stores); nothing was changed."
    busy = [m.__tablename__ for m in (Category, Product, Device, StaffUser) if _any(session, m)]
    if busy:
        return f"The database is not empty ({', '.join(busy)}); demo data was not loaded."

    rng = random.Random(42)
    stores = add_stores(session)
    echo(f"Stores: {', '.join(s.code for s in stores)}.")

    categories = _add_categories(session)
    products = _add_products(session, rng, categories, Path(media_dir) / "products", echo)
    stock = add_stock(session, rng, stores, products)
    echo(f"Stock: {', '.join(f'{code} {n} rows' for code, n in stock.items())}.")
    echo(f"Reviews: {add_reviews(session, products, now)}.")
    echo(f"Accessory links: {add_accessory_links(session, categories, products)}.")

    devices = _add_devices(session, stores[0], now)
    session.add(
        StaffUser(
            username="admin",
            full_name="Администратор",
            password_hash=hash_password("admin"),
            role="admin",
            active=True,
        )
    )
    session.flush()
    devices_path = _write_devices(Path(media_dir).parent / DEVICES_FILE, devices)
    return _summary(stores, categories, products, stock, devices, media_dir, devices_path)


def _any(session: Session, model: type) -> bool:
    return session.scalar(select(model.id).limit(1)) is not None  # type: ignore[attr-defined]


def _add_categories(session: Session) -> dict[str, Category]:
    categories = {
        code: Category(code=code, name_ru=name_ru, name_en=name_en, position=(i + 1) * 10)
        for i, (code, name_ru, name_en, _, _) in enumerate(CATEGORIES)
    }
    session.add_all(categories.values())
    session.flush()
    return categories


def _add_products(
    session: Session,
    rng: random.Random,
    categories: dict[str, Category],
    photo_dir: Path,
    echo: Callable[[str], None],
) -> list[Product]:
    items = build_catalog(rng)
    echo(f"Catalog: {len(categories)} categories, {len(items)} products; drawing photos…")
    photo_dir.mkdir(parents=True, exist_ok=True)
    products = []
    for item in items:
        product = Product(
            sku=item.sku,
            category=categories[item.category],
            brand=item.brand,
            name_ru=item.name_ru,
            name_en=item.name_en,
            description_ru=item.description_ru,
            description_en=item.description_en,
            specs=item.specs_json(),
            photos=[f"{item.sku}.png"],
            price_minor=item.price_minor,
            active=True,
            model_code=item.model_code,
            variant=item.variant,
        )
        product.refresh_search_text()
        render_photo(
            photo_dir / f"{item.sku}.png",
            shape=item.shape,
            body=item.colour.rgb if item.colour else None,
            bg=BACKGROUND[item.category],
            brand=item.brand,
            model=item.short,
        )
        products.append(product)
    session.add_all(products)
    session.flush()
    return products


def _add_devices(session: Session, store: Store, now: datetime) -> list[tuple[Device, str]]:
    added = [
        register_device(
            session, name=name, kind=kind, store=None if kind is DeviceKind.SHOP else store, now=now
        )
        for name, kind in DEVICES
    ]
    for device, _token in added:
        if device.kind is DeviceKind.PICKUP:
            device.window = 1  # the demo's one pickup station serves window 1
    return added


def _write_devices(path: Path, devices: list[tuple[Device, str]]) -> Path:
    """Names and tokens for the run script; readable by the owner only, as tokens are secrets."""
    data = {
        device.name: {
            "kind": device.kind.value,
            "store": device.store.code if device.store else None,
            "token": token,
        }
        for device, token in devices
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    return path


def _summary(
    stores: list[Store],
    categories: dict[str, Category],
    products: list[Product],
    stock: dict[str, int],
    devices: list[tuple[Device, str]],
    media_dir: str,
    devices_path: Path,
) -> str:
    markets = [s.code for s in stores if s.kind is StoreKind.CYBERMARKET]
    outposts = [s.code for s in stores if s.kind is StoreKind.OUTPOST]
    lines = [
        "Demo data loaded:",
        f"  stores: {len(markets)} cybermarkets ({', '.join(markets)}), "
        f"{len(outposts)} outposts ({', '.join(outposts)})",
        f"  catalog: {len(categories)} categories, {len(products)} products, "
        f"photos in {Path(media_dir) / 'products'}",
        "  stock rows: " + ", ".join(f"{code} {n}" for code, n in stock.items()),
        "  staff: admin (password: admin)",
        f"Devices (tokens also in {devices_path}):",
    ]
    width = max(len(device.name) for device, _ in devices)
    for device, token in devices:
        where = device.store.code if device.store else "-"
        lines.append(f"  {device.name:<{width}}  {device.kind.value:<9}  {where:<8}  {token}")
    return "\n".join(lines)
