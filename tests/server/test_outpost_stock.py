"""An outpost's order takes its goods from the source cybermarket, and so does every
correction: a unit not found on the source's shelf is written off there."""

from sqlalchemy import select

from server.db import get_session
from server.models import Stock
from tests.helpers import Api
from tests.invariants import stock_imbalances

PHONE = "+7 916 123-45-67"


def _levels(app, world, sku):
    with app.app_context():
        row = get_session().scalar(
            select(Stock).where(
                Stock.store_id == world.store.id,
                Stock.product_id == world.products[sku].id,
            )
        )
        return row.on_hand, row.reserved


def _balanced(app):
    with app.app_context():
        assert stock_imbalances(get_session()) == []


def _outpost_order(shop, lines):
    answer = shop.post(
        "/orders",
        {"store": "OUT-1", "lines": lines, "payment": "on_pickup", "customer_phone": PHONE},
    )
    assert answer.status_code == 201, answer.json
    return answer.json


def test_missing_unit_of_outpost_order_is_written_off_at_the_source(
    app, client, world, shop, warehouse
):
    order = _outpost_order(shop, [{"sku": "TV-1", "qty": 2}, {"sku": "PHONE-1", "qty": 1}])
    number = order["number"]
    assert _levels(app, world, "TV-1") == (5, 2)
    _balanced(app)
    warehouse.post(f"/orders/{number}/picking")
    _balanced(app)

    missing = warehouse.post(f"/orders/{number}/lines/TV-1/missing", {"qty": 1})
    assert missing.status_code == 200, missing.json
    # The unit was never on MSK-1's shelf: its count drops, and so does the order's hold.
    assert _levels(app, world, "TV-1") == (4, 1)
    _balanced(app)

    assert warehouse.post(f"/orders/{number}/ship").json["status"] == "in_transit"
    assert _levels(app, world, "TV-1") == (3, 0)
    _balanced(app)

    outpost = Api(client, world.tokens["pickup-outpost"])
    assert outpost.post(f"/orders/{number}/arrived").json["status"] == "ready"
    due = outpost.get(f"/orders/{number}").json
    outpost.post(
        f"/orders/{number}/payments",
        {"method": "cash", "amount_minor": due["total_minor"] - due["paid_minor"]},
    )
    assert outpost.post(f"/orders/{number}/hand-out").json["status"] == "issued"
    assert _levels(app, world, "TV-1") == (3, 0)
    _balanced(app)


def test_outpost_order_with_nothing_found_is_not_shipped(app, world, shop, warehouse):
    order = _outpost_order(shop, [{"sku": "TV-1", "qty": 1}])
    number = order["number"]
    warehouse.post(f"/orders/{number}/picking")
    warehouse.post(f"/orders/{number}/lines/TV-1/missing", {"qty": 1})

    refused = warehouse.post(f"/orders/{number}/ship")
    assert refused.status_code == 409
    assert refused.json["error"]["code"] == "not_picked"
    assert warehouse.get(f"/orders/{number}").json["status"] == "picking"

    assert shop.post(f"/orders/{number}/cancel").json["status"] == "cancelled"
    assert _levels(app, world, "TV-1") == (4, 0)
    _balanced(app)
