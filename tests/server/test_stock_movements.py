"""Every change of a store's stock leaves one movement, and the movements add up to it."""

import pytest
from sqlalchemy import func, select

from server.db import get_session
from server.errors import DomainError
from server.models import MovementKind, Stock, StockMovement
from server.services import stock


def _movements(world, sku):
    rows = get_session().scalars(
        select(StockMovement)
        .where(
            StockMovement.store_id == world.store.id,
            StockMovement.product_id == world.products[sku].id,
        )
        .order_by(StockMovement.id)
    )
    return [(m.kind, m.on_hand_delta, m.reserved_delta) for m in rows]


def test_an_order_reserves_and_a_cancel_releases_with_one_movement_each(app, world, terminal):
    order = terminal.post(
        "/orders", {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 2}], "payment": "cashier"}
    ).json
    assert terminal.post(f"/orders/{order['number']}/cancel").status_code == 200
    with app.app_context():
        assert _movements(world, "TV-1") == [
            (MovementKind.RESERVED, 0, 2),
            (MovementKind.RELEASED, 0, -2),
        ]


def test_receiving_and_counting_write_the_difference_and_keep_the_sum(app, world):
    with app.app_context():
        session = get_session()
        ids = {"store_id": world.store.id, "product_id": world.products["TV-1"].id}
        stock.adjust(session, **ids, on_hand_delta=4, kind=MovementKind.RECEIVED, document="DN-7")
        stock.set_on_hand(session, **ids, on_hand=8, kind=MovementKind.COUNTED, bin_location="Z-1")
        unchanged = stock.set_on_hand(session, **ids, on_hand=8, kind=MovementKind.COUNTED)
        session.commit()
        row = session.scalar(select(Stock).filter_by(**ids))
        assert (row.on_hand, row.bin_location) == (8, "Z-1")
        assert unchanged is None
        assert _movements(world, "TV-1") == [
            (MovementKind.RECEIVED, 4, 0),
            (MovementKind.COUNTED, -1, 0),
        ]
        total = session.scalar(select(func.sum(StockMovement.on_hand_delta)).filter_by(**ids))
        assert 5 + total == row.on_hand  # the world starts with 5 TVs on hand


def test_on_hand_cannot_drop_below_what_orders_hold(app, world, terminal):
    terminal.post(
        "/orders", {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 3}], "payment": "cashier"}
    )
    with app.app_context():
        session = get_session()
        ids = {"store_id": world.store.id, "product_id": world.products["TV-1"].id}
        with pytest.raises(DomainError) as refused:
            stock.set_on_hand(session, **ids, on_hand=2, kind=MovementKind.COUNTED)
        assert refused.value.code == "stock_below_reserved"
        assert "3" in str(refused.value.message)


def test_a_new_product_gets_its_stock_row_on_first_delivery(app, world):
    with app.app_context():
        session = get_session()
        ids = {"store_id": world.outpost.id, "product_id": world.products["PHONE-2"].id}
        stock.adjust(session, **ids, on_hand_delta=2, kind=MovementKind.RECEIVED)
        session.commit()
        assert session.scalar(select(Stock.on_hand).filter_by(**ids)) == 2


def test_a_price_change_keeps_the_old_price_and_who_changed_it(app, world):
    from server.services import prices

    with app.app_context():
        session = get_session()
        product = session.get(type(world.products["TV-1"]), world.products["TV-1"].id)
        assert prices.set_price(session, product, 5_499_000, source="console") is None
        prices.set_price(session, product, 4_999_000, source="import", document="offers.xml")
        session.commit()
        [change] = prices.history(session, product)
        assert (change.old_price_minor, change.new_price_minor) == (5_499_000, 4_999_000)
        assert (change.source, change.document, product.price_minor) == (
            "import",
            "offers.xml",
            4_999_000,
        )
