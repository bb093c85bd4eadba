"""The order number typed at the window: it opens the order only once the customer confirms."""

from html import unescape

from tests.helpers import Api
from tests.pickup.conftest import HX, make_order, make_ready, pay, scan


def ready_online(shop: Api, warehouse: Api) -> dict:
    """An order from the online shop (phone ending 4567), paid and ready at window 1."""
    order = make_order(shop, {"TV-1": 1}, payment="online")
    pay(shop, order, "online")
    number = order["number"]
    assert warehouse.post(f"/orders/{number}/picking").status_code == 200
    assert warehouse.post(f"/orders/{number}/ready", {"window": 1}).status_code == 200
    return order


def confirm(desk, number: str, proof: str):
    return desk.post("/confirm", data={"number": number, "proof": proof}, headers=HX)


def test_typed_number_asks_for_the_phone_digits_and_opens_nothing_by_itself(desk, shop, warehouse):
    order = ready_online(shop, warehouse)
    asked = unescape(scan(desk, order["number"].lower()).get_data(as_text=True))
    assert 'data-testid="confirm"' in asked and "Unknown code" not in asked
    assert "ask for the last 4 digits of the customer's phone, or the pickup code" in asked
    assert "Beta TV" not in asked and order["pickup_code"] not in asked  # nothing opened yet

    opened = confirm(desk, order["number"], "4567").get_data(as_text=True)
    assert 'data-verdict="green"' in opened and "Beta TV" in opened and "hand-out" in opened


def test_the_pickup_code_confirms_a_terminal_order_without_a_phone(desk, terminal, warehouse):
    order = make_ready(terminal, warehouse, {"TV-1": 1})
    code = order["pickup_code"]
    typed = f"{code[:4]}-{code[4:8]}-{code[8:]}".lower()
    opened = confirm(desk, order["number"].replace("-", ""), typed).get_data(as_text=True)
    assert 'data-verdict="green"' in opened and "Beta TV" in opened


def test_wrong_digits_ask_again_and_count_towards_the_guess_limit(app, desk, shop, warehouse):
    order = ready_online(shop, warehouse)
    app.config["SCAN_GUESS_LIMIT"] = 3
    for _ in range(3):
        wrong = confirm(desk, order["number"], "0000")
        html = unescape(wrong.get_data(as_text=True))
        assert wrong.status_code == 404 and 'data-testid="confirm"' in html
        assert "No order here matches this number and this confirmation." in html
        assert "Beta TV" not in html
    refused = unescape(confirm(desk, order["number"], "4567").get_data(as_text=True))
    assert "Too many unknown codes from this window." in refused and "Beta TV" not in refused


def test_another_stores_order_is_not_found_even_with_the_right_digits(pickup, shop, warehouse):
    order = make_order(shop, {"TV-1": 1}, payment="online", store="MSK-2")
    answer = pickup.post("/pickups/lookup", {"number": order["number"], "proof": "4567"})
    assert answer.status_code == 404 and answer.json["error"]["code"] == "order_not_found"
    assert order["pickup_code"] not in answer.get_data(as_text=True)


def test_hostile_number_or_confirmation_gets_a_clear_refusal(desk):
    for number, proof in (
        ("A-1001", "²²²²"),
        ("A-1001", "\x00" * 4),
        ("\x00", "4567"),
        ("A-1001", "9" * 10_000),
        ("9" * 10_000, "4567"),
    ):
        answer = confirm(desk, number, proof)
        assert 400 <= answer.status_code < 500, (number[:8], proof[:8])
