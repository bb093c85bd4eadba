"""The idle reset (or "start over") tells the server about a cart it cleared with goods in
it, once; an empty cart, one emptied line by line or one bought tells it nothing; a server
out of reach at that moment never holds the reset up nor shows the shopper an error."""

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from server.db import get_session
from server.models import AbandonedCart
from tests.terminal.test_shopping import add, checkout

REPORT = "/terminal/abandoned-carts"


def reset(kiosk: FlaskClient, **kw: Any) -> TestResponse:
    """POST /reset, and the response closed as the server does once it has sent it (the
    report goes then, after the screen has its answer)."""
    answer = kiosk.post("/reset", **kw)
    answer.close()
    return answer


def kept(app: Flask) -> list[tuple[list[dict], int]]:
    with app.app_context():
        carts = get_session().scalars(select(AbandonedCart).order_by(AbandonedCart.id))
        return [(cart.lines, cart.value_minor) for cart in carts]


def test_an_idle_reset_with_a_cart_reports_it_once_and_an_empty_one_nothing(kiosk, app, wire):
    reset(kiosk)  # nobody shopped
    assert wire.count(REPORT) == 0
    add(kiosk, "PHONE-1", 2)
    add(kiosk, "TV-1")
    answer = kiosk.post("/reset", headers={"HX-Request": "true"})  # the idle timer's call
    assert answer.status_code == 200 and answer.headers["HX-Redirect"] == "/"
    assert wire.count(REPORT) == 0  # the screen has its answer before the server is told
    answer.close()
    reset(kiosk)  # the timer again, or a tap on "start over": the cart is gone
    assert wire.count(REPORT) == 1
    assert kept(app) == [
        (
            [
                {"sku": "PHONE-1", "qty": 2, "price_minor": 2_999_000},
                {"sku": "TV-1", "qty": 1, "price_minor": 5_499_000},
            ],
            11_497_000,
        )
    ]
    assert "Корзина пуста" in kiosk.get("/cart").get_data(as_text=True)


def test_a_cart_emptied_by_the_shopper_or_bought_is_not_abandoned(kiosk, app, wire):
    add(kiosk, "PHONE-1")
    kiosk.post("/cart/set", data={"sku": "PHONE-1", "qty": "0"})  # removed by hand
    reset(kiosk)
    add(kiosk, "PHONE-1")
    assert checkout(kiosk, "cashier").status_code == 302
    reset(kiosk)  # "next shopper" on the receipt screen
    assert wire.count(REPORT) == 0 and kept(app) == []


def test_the_server_out_of_reach_at_reset_loses_the_figure_not_the_reset(kiosk, app, wire):
    add(kiosk, "PHONE-1")
    wire.down = True
    answer = reset(kiosk)
    assert answer.status_code == 302 and answer.location == "/"
    assert "Корзина пуста" in kiosk.get("/cart").get_data(as_text=True)
    wire.down = False
    reset(kiosk)  # the cart went with the reset: nothing is sent late or twice
    assert kept(app) == []
