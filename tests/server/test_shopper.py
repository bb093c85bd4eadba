"""What a device sees of one customer: the terminal's identified shopper and bonus quote,
the pickup window's card of an order's customer."""

from tests.helpers import Api
from tests.server.test_customers import PHONE, grant, identify, order_with_bonuses

SHOPPER = "+79161234567"


def as_shopper(api: Api, token: str) -> dict[str, str]:
    return {**api.headers, "X-Customer-Token": token}


def quote(api: Api, token: str, lines: dict[str, int]):
    body = {"lines": [{"sku": sku, "qty": qty} for sku, qty in lines.items()]}
    return api.client.post(
        "/api/v1/customers/me/bonus-quote", json=body, headers=as_shopper(api, token)
    )


def test_me_shows_the_masked_phone_balance_and_open_orders_only(app, terminal, world, sms):
    token = identify(terminal, sms)["customer_token"]
    grant(app, SHOPPER, 12_345)
    open_one = order_with_bonuses(terminal, token, {"PHONE-2": 1}, 0).json
    over = order_with_bonuses(terminal, token, {"PHONE-1": 1}, 0).json
    terminal.post(f"/orders/{over['number']}/cancel", {"reason": "changed mind"})
    me = terminal.client.get("/api/v1/customers/me", headers=as_shopper(terminal, token))
    assert me.status_code == 200
    assert me.json["customer"] == {
        "phone": "+7 *** ***-45-67",
        "name": None,
        "bonus_balance": 12_345,
    }
    assert [o["number"] for o in me.json["open_orders"]] == [open_one["number"]]
    assert me.json["open_orders"][0]["status"] == "reserved"
    assert "9161234567" not in me.get_data(as_text=True)


def test_me_without_or_with_an_ended_token_is_refused(terminal, world, sms):
    assert terminal.get("/customers/me").status_code == 401
    token = identify(terminal, sms)["customer_token"]
    terminal.client.post("/api/v1/customers/forget", headers=as_shopper(terminal, token))
    ended = terminal.client.get("/api/v1/customers/me", headers=as_shopper(terminal, token))
    assert ended.status_code == 401
    assert ended.json["error"]["code"] == "customer_token_invalid"


def test_quote_is_half_of_goods_from_2000_rub_capped_by_the_balance(app, terminal, world, sms):
    token = identify(terminal, sms)["customer_token"]
    grant(app, SHOPPER, 1_000_000)
    # PHONE-1 29 990 RUB counts; PHONE-2 14 990 RUB counts too; 2 × PHONE-1 + 1 × PHONE-2.
    answer = quote(terminal, token, {"PHONE-1": 2, "PHONE-2": 1})
    assert answer.status_code == 200
    assert answer.json == {
        "bonus_balance": 1_000_000,
        "limit_minor": (2 * 2_999_000 + 1_499_000) // 2,
        "spendable_minor": 1_000_000,
    }
    grant(app, SHOPPER, 5_000_000)
    assert quote(terminal, token, {"PHONE-1": 1}).json["spendable_minor"] == 1_499_500


def test_quote_is_what_the_order_then_accepts(app, terminal, world, sms):
    token = identify(terminal, sms)["customer_token"]
    grant(app, SHOPPER, 5_000_000)
    allowed = quote(terminal, token, {"PHONE-1": 1}).json["spendable_minor"]
    assert order_with_bonuses(terminal, token, {"PHONE-1": 1}, allowed + 1).status_code == 422
    assert order_with_bonuses(terminal, token, {"PHONE-1": 1}, allowed).status_code == 201


def test_quote_needs_the_shopper_and_a_shopper_device(terminal, pickup, world, sms):
    body = {"lines": [{"sku": "PHONE-1", "qty": 1}]}
    assert terminal.post("/customers/me/bonus-quote", body).status_code == 401
    token = identify(terminal, sms)["customer_token"]
    assert quote(pickup, token, {"PHONE-1": 1}).status_code == 403


def _ready_order(terminal: Api, warehouse: Api, phone: str | None) -> dict:
    body = {"store": "MSK-1", "lines": [{"sku": "PHONE-2", "qty": 1}], "payment": "card"}
    if phone:
        body["customer_phone"] = phone
    order = terminal.post("/orders", body).json
    number = order["number"]
    terminal.post(f"/orders/{number}/payments", {"method": "card", "amount_minor": 1_499_000})
    warehouse.post(f"/orders/{number}/picking")
    warehouse.post(f"/orders/{number}/ready", {"window": 1})
    return order


def test_window_sees_the_card_of_its_orders_customer_masked_and_without_codes(
    app, terminal, warehouse, pickup, world
):
    earlier = _ready_order(terminal, warehouse, PHONE)
    order = _ready_order(terminal, warehouse, PHONE)
    grant(app, SHOPPER, 700)
    card = pickup.get(f"/orders/{order['number']}/customer")
    assert card.status_code == 200, card.json
    assert card.json["phone"] == "+7 *** ***-45-67"
    assert card.json["bonus_balance"] == 700
    assert [o["number"] for o in card.json["orders"]] == [order["number"], earlier["number"]]
    assert any(m["kind"] == "ready" for m in card.json["messages"])
    text = card.get_data(as_text=True)
    for secret in (order["pickup_code"], earlier["pickup_code"], "9161234567"):
        assert secret not in text
    assert order["pickup_code"][:4] + "-" not in text


def test_card_of_an_order_out_of_reach_is_answered_like_a_missing_order(
    app, terminal, warehouse, pickup, world, client
):
    order = _ready_order(terminal, warehouse, PHONE)
    other = Api(client, world.tokens["pickup-other"])
    foreign = other.get(f"/orders/{order['number']}/customer")
    missing = other.get("/orders/A-999999/customer")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json["error"]["code"] == missing.json["error"]["code"] == "order_not_found"
    assert "45-67" not in foreign.get_data(as_text=True)
    assert terminal.get(f"/orders/{order['number']}/customer").status_code == 403


def test_order_without_a_phone_has_no_card(terminal, warehouse, pickup, world):
    order = _ready_order(terminal, warehouse, None)
    answer = pickup.get(f"/orders/{order['number']}/customer")
    assert answer.status_code == 404
    assert answer.json["error"]["code"] == "customer_not_found"
