"""Returns at the window: money back the way it came, stock, bonuses and one message each."""

from sqlalchemy import select

from server.db import get_session
from server.models import Category, MovementKind, Order
from server.services import bonuses
from tests.server.care_support import collected
from tests.server.returns_support import (
    PHONE,
    messages,
    movements,
    paid_on_pickup_in_cash,
    refunds,
    stock_of,
)
from tests.server.test_customers import grant, identify, order_with_bonuses


def _order(app, number: str) -> Order:
    with app.app_context():
        order = get_session().scalar(select(Order).where(Order.number == number))
        assert order is not None
        return order


def _balance(app) -> int:
    with app.app_context():
        return bonuses.balance(get_session(), 1)


def test_card_return_in_two_parts_refunds_exactly_what_was_paid_and_spent(
    app, terminal, warehouse, pickup, world, sms
):
    token = identify(terminal, sms)["customer_token"]
    grant(app, PHONE, 300_000)
    order = order_with_bonuses(terminal, token, {"PHONE-1": 1, "PHONE-2": 2}, 300_000).json
    number = order["number"]
    assert order["total_minor"] == 5_697_000
    terminal.post(f"/orders/{number}/payments", {"method": "card", "amount_minor": 5_697_000})
    warehouse.post(f"/orders/{number}/picking")
    warehouse.post(f"/orders/{number}/ready", {"window": 1})
    assert pickup.post(f"/orders/{number}/hand-out").status_code == 200
    assert _balance(app) == 284_850  # 5 % of the money paid
    assert stock_of(app, "MSK-1", "PHONE-2") == (1, 0, 0)

    first = pickup.post(
        f"/orders/{number}/returns",
        {"lines": [{"sku": "PHONE-2", "qty": 1}], "reason": "does not fit"},
    )
    assert first.status_code == 201, first.json
    body = first.json
    # The unit's price less its share of the 3 000 ₽ of bonuses spent on the order.
    assert body["refund_minor"] == 1_424_013
    assert body["refund_method"] == "card"
    assert body["bonus_restored"] == 74_987
    assert body["bonus_taken_back"] == 71_200
    assert body["order"]["status"] == "issued"
    assert body["order"]["paid_minor"] == 5_697_000 - 1_424_013
    assert [ln["qty_returned"] for ln in body["order"]["lines"]] == [0, 1]
    assert stock_of(app, "MSK-1", "PHONE-2") == (2, 0, 0)
    assert _balance(app) == 284_850 + 74_987 - 71_200

    rest = pickup.post(
        f"/orders/{number}/returns",
        {"lines": [{"sku": "PHONE-1", "qty": 1}, {"sku": "PHONE-2", "qty": 1}], "reason": "x"},
    )
    assert rest.status_code == 201, rest.json
    assert rest.json["order"]["status"] == "returned"
    assert rest.json["order"]["paid_minor"] == 0
    assert refunds(app, number) == [("card", 1_424_013), ("card", 5_697_000 - 1_424_013)]
    # Everything came back: every point spent is back, every point earned is taken back.
    assert _balance(app) == 300_000
    assert stock_of(app, "MSK-1", "PHONE-1") == (10, 0, 0)
    assert stock_of(app, "MSK-1", "PHONE-2") == (3, 0, 0)
    assert [m[1] for m in movements(app, MovementKind.RETURNED)] == [1, 1, 1]
    sent = messages(app, number, "returned")
    assert len(sent) == 2  # one for each return
    assert all(m.startswith("sms:") and "Деньги вернутся на карту" in m for m in sent)

    again = pickup.post(
        f"/orders/{number}/returns", {"lines": [{"sku": "PHONE-1", "qty": 1}], "reason": "x"}
    )
    assert again.status_code == 409
    assert again.json["error"]["code"] == "already_returned"


def test_cash_return_of_a_faulty_unit_pays_cash_and_puts_it_aside(
    app, shop, warehouse, pickup, world
):
    number = paid_on_pickup_in_cash(shop, warehouse, pickup, {"PHONE-1": 1})
    answer = pickup.post(
        f"/orders/{number}/returns",
        {"lines": [{"sku": "PHONE-1", "qty": 1}], "reason": "screen broken", "resaleable": False},
    )
    assert answer.status_code == 201, answer.json
    assert answer.json["refund_method"] == "cash"
    assert answer.json["refund_minor"] == 2_999_000
    assert answer.json["order"]["status"] == "returned"
    assert refunds(app, number) == [("cash", 2_999_000)]
    assert _order(app, number).paid_minor == 0
    # Not back on sale: on hand stays where the hand-out left it, one unit is put aside.
    assert stock_of(app, "MSK-1", "PHONE-1") == (9, 0, 1)
    assert movements(app, MovementKind.DEFECTIVE) == [("MSK-1", 0, f"return-{number}-1")]
    assert movements(app, MovementKind.RETURNED) == []
    sent = messages(app, number, "returned")
    assert sent == [f"sms:Возврат товаров по заказу {number} оформлен. Вопросы: 8 800 555-35-35"]


def test_any_cybermarket_takes_goods_back_onto_its_own_shelf(
    app, client, terminal, warehouse, pickup, world
):
    from tests.helpers import Api

    number = collected(terminal, warehouse, pickup, {"PHONE-2": 2})
    elsewhere = Api(client, world.tokens["pickup-other"])
    answer = elsewhere.post(
        f"/orders/{number}/returns", {"lines": [{"sku": "PHONE-2", "qty": 1}], "reason": "gift"}
    )
    assert answer.status_code == 201, answer.json
    assert stock_of(app, "MSK-2", "PHONE-2") == (3, 0, 0)
    assert stock_of(app, "MSK-1", "PHONE-2") == (1, 0, 0)


def test_refusals_say_why_and_change_nothing(app, clock, terminal, warehouse, pickup, world):
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1, "PHONE-2": 2})

    def attempt(lines: list[dict], device=pickup):
        return device.post(f"/orders/{number}/returns", {"lines": lines, "reason": "why"})

    too_many = attempt([{"sku": "PHONE-1", "qty": 2}])
    assert (too_many.status_code, too_many.json["error"]["code"]) == (422, "too_many_returned")
    assert "only 1 can be returned" in too_many.json["error"]["message"] or "1" in str(
        too_many.json["error"]["details"]
    )
    unknown = attempt([{"sku": "TV-1", "qty": 1}])
    assert unknown.json["error"]["code"] == "too_many_returned"
    twice = attempt([{"sku": "PHONE-2", "qty": 1}, {"sku": "PHONE-2", "qty": 1}])
    assert twice.json["error"]["code"] == "duplicate_line"
    assert attempt([{"sku": "PHONE-2", "qty": 2}]).status_code == 201
    again = attempt([{"sku": "PHONE-2", "qty": 1}])
    assert (again.status_code, again.json["error"]["code"]) == (409, "already_returned")
    wrong_device = attempt([{"sku": "PHONE-1", "qty": 1}], device=terminal)
    assert wrong_device.status_code == 403
    missing = pickup.post(
        "/orders/Z-999/returns", {"lines": [{"sku": "PHONE-1", "qty": 1}], "reason": "x"}
    )
    assert missing.json["error"]["code"] == "order_not_found"

    clock.advance(days=14, minutes=1)
    late = attempt([{"sku": "PHONE-1", "qty": 1}])
    assert (late.status_code, late.json["error"]["code"]) == (409, "return_period_over")
    assert _order(app, number).paid_minor == 5_997_000 - 2 * 1_499_000
    # A category with a longer period (phones: 30 days) still takes it back.
    with app.app_context():
        session = get_session()
        session.scalar(select(Category).where(Category.code == "phones")).return_days = 30
        session.commit()
    assert attempt([{"sku": "PHONE-1", "qty": 1}]).status_code == 201


def test_an_order_not_handed_out_cannot_be_returned(terminal, warehouse, pickup, world):
    order = terminal.post(
        "/orders", {"store": "MSK-1", "lines": [{"sku": "PHONE-1", "qty": 1}], "payment": "card"}
    ).json
    answer = pickup.post(
        f"/orders/{order['number']}/returns",
        {"lines": [{"sku": "PHONE-1", "qty": 1}], "reason": "x"},
    )
    assert (answer.status_code, answer.json["error"]["code"]) == (409, "not_returnable")
