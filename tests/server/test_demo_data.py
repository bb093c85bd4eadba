"""The demo data set: what someone opening the demo would look at, loaded once per module.

Self-contained on purpose: its own SQLite database and media folder, no conftest fixtures.
"""

import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from PIL import Image
from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from server import create_app
from server.db import database, get_session
from server.demo import load_demo_data
from server.demo.catalog import build_catalog
from server.migrate import upgrade
from server.models import (
    Category,
    Device,
    DeviceKind,
    Product,
    StaffUser,
    Stock,
    Store,
    StoreKind,
)
from server.models.catalog import fold
from server.services.devices import authenticate

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
TABLES = (Store, Category, Product, Stock, Device, StaffUser)


@dataclass
class Demo:
    app: Flask
    media: Path
    summary: str
    messages: list[str]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    tmp_path = tmp_path_factory.mktemp("demo")
    media = tmp_path / "instance" / "media"
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 't.db'}",
            "MEDIA_DIR": str(media),
        }
    )
    upgrade(app.config["DATABASE_URL"])
    messages: list[str] = []
    with app.app_context():
        session = get_session()
        summary = load_demo_data(session, str(media), now=NOW, echo=messages.append)
        session.commit()
    yield Demo(app, media, summary, messages)
    database(app).engine.dispose()


def _counts(app: Flask) -> dict[str, int]:
    with app.app_context():
        session = get_session()
        return {
            m.__tablename__: session.scalar(select(func.count()).select_from(m)) for m in TABLES
        }


def test_catalog_is_large_and_in_both_languages(demo: Demo) -> None:
    with demo.app.app_context():
        session = get_session()
        categories = session.scalars(select(Category)).all()
        products = session.scalars(select(Product)).all()
        assert len(categories) >= 12
        assert len(products) >= 300
        assert all(c.name_ru != c.name_en and re.fullmatch(r"[a-z_]+", c.code) for c in categories)
        assert min(Counter(p.category_id for p in products).values()) >= 10
        assert len({p.sku for p in products}) == len(products)
        for p in products:
            assert re.fullmatch(r"[A-Za-z0-9-]{1,32}", p.sku), p.sku
            assert p.name_ru and p.name_en and p.name_ru != p.name_en, p.sku
            assert re.search("[а-яё]", p.name_ru.lower()), p.name_ru
            assert not re.search("[а-яё]", p.name_en.lower()), p.name_en
            assert p.description_ru and p.description_en, p.sku
            assert p.price_minor > 0 and p.price_minor % 100 == 0, p.sku
            assert p.price_minor // 100 % 100 in (90, 99), (p.sku, p.price_minor)
            assert set(p.specs) == {"ru", "en"}, p.sku
            assert 4 <= len(p.specs["ru"]) == len(p.specs["en"]) <= 7, p.sku
            assert all(len(row) == 2 and all(row) for row in p.specs["ru"] + p.specs["en"])
            assert p.specs["ru"] != p.specs["en"], p.sku
            assert fold(p.sku) in p.search_text and fold(p.name_ru) in p.search_text
            assert p.active


def test_every_product_has_a_photo(demo: Demo) -> None:
    with demo.app.app_context():
        products = get_session().scalars(select(Product)).all()
    for p in products:
        assert p.photos == [f"{p.sku}.png"]
        path = demo.media / "products" / p.photos[0]
        assert path.is_file(), path
        with Image.open(path) as img:
            assert img.format == "PNG"
            assert img.size == (480, 480)


def test_two_cybermarkets_and_two_outposts_in_moscow(demo: Demo) -> None:
    with demo.app.app_context():
        stores = get_session().scalars(select(Store).order_by(Store.code)).all()
    kinds = Counter(s.kind for s in stores)
    assert kinds == {StoreKind.CYBERMARKET: 2, StoreKind.OUTPOST: 2}
    assert sorted(s.order_prefix for s in stores) == ["A", "B", "C", "D"]
    for s in stores:
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,16}", s.code)
        assert s.timezone == "Europe/Moscow"
        assert "Москва" in s.address_ru and "Moscow" in s.address_en
        assert s.name_ru != s.name_en and s.opening_hours
        assert s.pickup_windows >= (3 if s.kind is StoreKind.CYBERMARKET else 1)
    by_id = {s.id: s for s in stores}
    # Every outpost is supplied by a cybermarket, so the online shop can sell there.
    assert all(
        by_id[s.source_store_id].kind is StoreKind.CYBERMARKET
        for s in stores
        if s.kind is StoreKind.OUTPOST
    )


def test_stock_only_in_cybermarkets_with_bin_locations(demo: Demo) -> None:
    with demo.app.app_context():
        session = get_session()
        n_products = session.scalar(select(func.count()).select_from(Product))
        rows = session.execute(select(Stock, Store).join(Store)).all()
    by_store = Counter(store.code for _, store in rows)
    assert {store.kind for _, store in rows} == {StoreKind.CYBERMARKET}
    assert len(by_store) == 2
    assert all(0.8 * n_products <= n < n_products for n in by_store.values())
    for stock, _ in rows:
        assert re.fullmatch(r"[A-Z]-\d{2}-\d", stock.bin_location or ""), stock.bin_location
        assert 0 <= stock.on_hand <= 25 and stock.reserved == 0
    on_hand = [stock.on_hand for stock, _ in rows]
    assert on_hand.count(0) >= 5, "some products are sold out"
    assert sum(1 <= n <= 3 for n in on_hand) >= 10, "some are down to the last few"
    bins = {(s.product_id, store.code): s.bin_location for s, store in rows}
    both = {pid for pid, code in bins if code == "MSK-TVER"} & {
        pid for pid, code in bins if code == "MSK-YUGO"
    }
    differ = sum(bins[(pid, "MSK-TVER")] != bins[(pid, "MSK-YUGO")] for pid in both)
    assert differ > 0.8 * len(both), "each store lays out its shelves its own way"


def test_one_device_of_each_kind_with_its_token(demo: Demo) -> None:
    listed = json.loads((demo.media.parent / "demo-devices.json").read_text(encoding="utf-8"))
    with demo.app.app_context():
        session = get_session()
        devices = session.scalars(select(Device)).all()
        assert sorted(d.kind for d in devices) == sorted(DeviceKind)
        for d in devices:
            entry = listed[d.name]
            assert entry["kind"] == d.kind.value
            assert entry["store"] == (None if d.kind is DeviceKind.SHOP else "MSK-TVER")
            found = authenticate(session, entry["token"])
            assert found is not None and found.id == d.id
            assert d.name in demo.summary and entry["token"] in demo.summary


def test_admin_can_sign_in(demo: Demo) -> None:
    with demo.app.app_context():
        admin = get_session().scalars(select(StaffUser)).one()
    assert (admin.username, admin.full_name, admin.role) == ("admin", "Администратор", "admin")
    assert check_password_hash(admin.password_hash, "admin")


def test_summary_and_progress(demo: Demo) -> None:
    assert demo.messages, "progress is echoed"
    assert "products" in demo.summary and "MSK-TVER" in demo.summary
    assert len(demo.summary.splitlines()) >= 6


def test_loading_twice_changes_nothing(demo: Demo) -> None:
    before = _counts(demo.app)
    tokens_file = demo.media.parent / "demo-devices.json"
    tokens_before = tokens_file.read_text(encoding="utf-8")
    with demo.app.app_context():
        session = get_session()
        message = load_demo_data(session, str(demo.media), now=NOW, echo=lambda _: None)
        assert not session.new and not session.dirty
        session.commit()
    assert "already" in message and "\n" not in message
    assert _counts(demo.app) == before
    assert tokens_file.read_text(encoding="utf-8") == tokens_before


def test_catalog_is_the_same_every_time() -> None:
    first = build_catalog(random.Random(42))
    second = build_catalog(random.Random(42))
    assert [(i.sku, i.name_ru, i.price_minor) for i in first] == [
        (i.sku, i.name_ru, i.price_minor) for i in second
    ]


def test_demo_data_command_on_a_fresh_database_makes_its_tables_first(tmp_path: Path):
    """`cybermarket demo-data` is the demo's first step: no traceback on an empty file."""
    from click.testing import CliRunner

    from server.cli import main

    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    env = {"DATABASE_URL": url, "CYBERMARKET_MEDIA_DIR": str(tmp_path / "media")}
    result = CliRunner().invoke(main, ["demo-data"], env=env)
    assert result.exit_code == 0, result.output
    assert "admin" in result.output
