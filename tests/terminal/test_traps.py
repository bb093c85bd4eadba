"""What used to trap a shopper: a terminal locked after a refusal, a cart beyond the stock,
refusals that never reached the screen, odd form values answered with a server error."""

import pytest

from tests.helpers import new_key
from tests.terminal.test_shopping import add, checkout

HX = {"HX-Request": "true"}


def set_qty(kiosk, sku: str, qty: str):
    return kiosk.post("/cart/set", data={"sku": sku, "qty": qty}, headers=HX)


def someone_else_takes(terminal, sku: str, qty: int) -> str:
    body = {"store": "MSK-1", "lines": [{"sku": sku, "qty": qty}], "payment": "cashier"}
    answer = terminal.post("/orders", body, key=new_key())
    assert answer.status_code == 201
    return answer.json["number"]


@pytest.mark.parametrize("method", ["card", "cashier"])
def test_after_a_stock_refusal_a_smaller_cart_and_the_next_shopper_can_pay(kiosk, terminal, method):
    add(kiosk, "PHONE-2", 3)
    someone_else_takes(terminal, "PHONE-2", 2)

    refused = checkout(kiosk, method)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "в этом магазине осталось 1" in page
    assert "Idempotency" not in page

    set_qty(kiosk, "PHONE-2", "1")
    assert checkout(kiosk, method).status_code == 302

    # The next shopper, on the same terminal, with a brand-new cart.
    add(kiosk, "TV-1")
    assert checkout(kiosk, method).status_code == 302


def test_the_same_cart_tapped_again_after_a_refusal_is_asked_anew(kiosk, terminal):
    add(kiosk, "PHONE-2", 2)
    other = someone_else_takes(terminal, "PHONE-2", 2)
    assert checkout(kiosk, "cashier").status_code == 409
    # The other order is cancelled: the same cart, tapped again, now goes through.
    assert terminal.post(f"/orders/{other}/cancel", {}, key=new_key()).status_code == 200
    assert checkout(kiosk, "cashier").status_code == 302


def test_a_protocol_refusal_reads_as_a_plain_sentence(kiosk, wire, terminal_app):
    from common.api_client import ApiError

    refusal = ApiError(422, "idempotency_key_reused", "This Idempotency-Key was used for another")
    with terminal_app.test_request_context(headers=HX):
        answer = terminal_app.make_response(terminal_app.handle_user_exception(refusal))
    body, status = answer.get_data(as_text=True), answer.status_code
    assert status == 422
    assert "Idempotency" not in body and "Nothing was charged" not in body
    assert "ничего не списано" in body.lower() or "Ничего не списано" in body


def test_cart_plus_stops_at_the_stock_and_says_how_many_there_are(kiosk):
    add(kiosk, "PHONE-2", 2)  # 3 in this store
    assert "Осталось только 3" not in kiosk.get("/cart").get_data(as_text=True)
    assert "Осталось только 3" in set_qty(kiosk, "PHONE-2", "3").get_data(as_text=True)
    more = set_qty(kiosk, "PHONE-2", "4").get_data(as_text=True)
    assert "Осталось только 3 шт. в этом магазине." in more
    assert '<span class="qty-show">3</span>' in more  # "+" did not go beyond the stock
    assert "disabled" in more


def test_cart_plus_learns_of_stock_taken_since_the_product_was_added(kiosk, terminal):
    add(kiosk, "PHONE-1", 2)  # 10 in this store
    someone_else_takes(terminal, "PHONE-1", 7)
    answer = set_qty(kiosk, "PHONE-1", "4").get_data(as_text=True)
    assert "Осталось только 3 шт. в этом магазине." in answer
    assert '<span class="qty-show">3</span>' in answer


def test_adding_more_than_is_left_says_how_many_are_left(kiosk):
    add(kiosk, "PHONE-2", 2)
    refused = add(kiosk, "PHONE-2", 2)
    assert refused.status_code == 422
    text = refused.get_data(as_text=True)
    assert "Осталось только 3" in text and "2 из них уже в корзине" in text


def test_product_stepper_explains_where_it_stops(kiosk):
    page = kiosk.get("/product/PHONE-2").get_data(as_text=True)
    assert 'data-max="3"' in page
    assert "Осталось только 3 шт. в этом магазине." in page  # shown when "+" reaches 3


def test_terminal_page_lets_htmx_show_refusals(kiosk):
    page = kiosk.get("/catalog").get_data(as_text=True)
    assert '"responseHandling"' in page and '"[2345].."' in page


def test_the_terminal_has_a_favicon(kiosk):
    page = kiosk.get("/catalog").get_data(as_text=True)
    assert 'rel="icon"' in page
    with kiosk.get("/favicon.ico", follow_redirects=True) as icon:
        assert icon.status_code == 200 and b"<svg" in icon.data


@pytest.mark.parametrize("value", ["²", "\x00", "1" * 10_000, "-1", "٣", "1.5", ""])
def test_odd_quantities_get_a_clear_refusal(kiosk, value):
    for answer in (
        kiosk.post("/cart/add", data={"sku": "PHONE-1", "qty": value}, headers=HX),
        set_qty(kiosk, "PHONE-1", value),
        kiosk.post("/cart/add", data={"sku": "PHONE-1", "qty": value}),
    ):
        assert 400 <= answer.status_code < 500, (value, answer.status_code)


@pytest.mark.parametrize("value", ["²", "\x00", "1" * 10_000, "<b>"])
def test_odd_page_sort_sku_and_search_values_never_break_a_page(kiosk, value):
    for path, params in [
        ("/catalog/phones", {"page": value}),
        ("/catalog/phones", {"sort": value}),
        ("/search", {"q": value}),
        ("/search", {"q": "альфа", "page": value}),
    ]:
        answer = kiosk.get(path, query_string=params)
        assert answer.status_code < 500, (path, params, answer.status_code)
    assert kiosk.get("/product/" + value.replace("\x00", "%00")).status_code == 404
    answer = kiosk.post("/cart/add", data={"sku": value, "qty": "1"}, headers=HX)
    assert answer.status_code in (404, 422)


def test_cart_plus_stops_at_the_line_limit_and_says_so(kiosk, app, world):
    from sqlalchemy import update

    from server.db import get_session
    from server.models import Stock

    with app.app_context():
        session = get_session()
        session.execute(update(Stock).values(on_hand=50))
        session.commit()
    add(kiosk, "PHONE-1", 10)
    page = set_qty(kiosk, "PHONE-1", "11").get_data(as_text=True)
    assert "Одного товара можно взять не больше 10 шт." in page
    assert '<span class="qty-show">10</span>' in page
