"""After a scan the clerk sees the card of the order's customer: name, bonuses, earlier
orders and messages, the phone masked; never for an order the station has not on screen."""

import re

from tests.pickup.conftest import HX, make_order, pay, scan
from tests.server.test_customers import grant


def ready_for(terminal, warehouse, phone: str | None) -> dict:
    body = {"store": "MSK-1", "lines": [{"sku": "PHONE-2", "qty": 1}], "payment": "card"}
    if phone:
        body["customer_phone"] = phone
    order = terminal.post("/orders", body).json
    pay(terminal, order)
    warehouse.post(f"/orders/{order['number']}/picking")
    warehouse.post(f"/orders/{order['number']}/ready", {"window": 1})
    return order


def card_of(desk, html: str):
    slot = re.search(r'hx-get="(/shown/[0-9a-f-]{36}/customer)"', html)
    assert slot, "no customer card slot on the panel"
    return desk.get(slot.group(1), headers=HX)


def test_scan_then_the_card_shows_name_bonuses_orders_and_messages_masked(
    desk, app, terminal, warehouse
):
    earlier = make_order(terminal, {"TV-1": 1})
    order = ready_for(terminal, warehouse, "+7 916 123-45-67")
    terminal.post(
        "/orders",
        {
            "store": "MSK-1",
            "lines": [{"sku": "TV-1", "qty": 1}],
            "payment": "cashier",
            "customer_phone": "+79161234567",
        },
    )
    grant(app, "+79161234567", 45_000)
    html = scan(desk, order["pickup_code"]).get_data(as_text=True)
    card = card_of(desk, html)
    text = card.get_data(as_text=True)
    assert card.status_code == 200
    assert 'data-testid="customer-card"' in text
    assert "Name not given" in text
    assert "+7 *** ***-45-67" in text and "9161234567" not in text
    assert "450 ₽" in text
    assert "Orders: 2" in text and order["number"] in text and earlier["number"] not in text
    assert "готов" in text  # the "ready" SMS in the customer's language, its code hidden
    assert order["pickup_code"][:4] not in text


def test_order_without_a_phone_says_there_is_no_card(desk, terminal, warehouse):
    order = ready_for(terminal, warehouse, None)
    text = card_of(desk, scan(desk, order["pickup_code"]).get_data(as_text=True)).get_data(
        as_text=True
    )
    assert "without a phone number" in text


def test_a_token_the_station_never_showed_gets_nothing(desk, wire):
    answer = desk.get("/shown/00000000-0000-0000-0000-000000000000/customer", headers=HX)
    assert answer.status_code == 204
    assert wire.count("/customer") == 0
