"""Hostile input on the store screens and staff pages: a clear 4xx with a sentence, never a 500;
and the pairing token never travels in a URL."""

import pytest

from tests.conftest import paired
from tests.server.test_screens import paid_order

HX = {"HX-Request": "true"}


@pytest.mark.parametrize(
    ("window", "sentence"),
    [
        ("²", "Выберите окно от 1 до 99."),
        ("9" * 10_000, "Выберите окно от 1 до 99."),
        ("0", "Выберите окно от 1 до 99."),
        ("", "Выберите окно от 1 до 99."),
    ],
)
def test_warehouse_window_that_cannot_be_read_is_refused_with_a_sentence(
    app, world, terminal, window, sentence
):
    number = paid_order(terminal, TV_1=1)["number"]
    screen = paired(app, world.tokens["warehouse"])
    screen.post(f"/warehouse/orders/{number}/take", headers=HX)
    answer = screen.post(f"/warehouse/orders/{number}/ready", data={"window": window}, headers=HX)
    assert answer.status_code == 400
    assert sentence in answer.get_data(as_text=True)
    assert f'data-testid="order-{number}"' in answer.get_data(as_text=True)  # the queue stays


@pytest.mark.parametrize("number", ["A" * 65, "A 1001"])
def test_warehouse_order_number_that_cannot_be_read_is_refused(app, world, number):
    screen = paired(app, world.tokens["warehouse"])
    answer = screen.post(f"/warehouse/orders/{number}/take", headers=HX)
    assert answer.status_code == 400
    assert "Такого заказа нет." in answer.get_data(as_text=True)


@pytest.mark.parametrize("number", ["A-10\x0001", "A" * 201])
def test_warehouse_address_with_control_characters_or_too_long_is_not_a_page(app, world, number):
    screen = paired(app, world.tokens["warehouse"])
    answer = screen.post(f"/warehouse/orders/{number}/take", headers=HX)
    assert answer.status_code == 404
    assert "По этому адресу ничего нет." in answer.get_data(as_text=True)


def test_warehouse_sku_with_a_nul_byte_is_refused(app, world, terminal):
    number = paid_order(terminal, TV_1=1)["number"]
    screen = paired(app, world.tokens["warehouse"])
    screen.post(f"/warehouse/orders/{number}/take", headers=HX)
    answer = screen.post(f"/warehouse/orders/{number}/picked", data={"sku": "TV-1\x00"}, headers=HX)
    assert answer.status_code == 400


@pytest.mark.parametrize("message_id", [str(2**40), "0", "²", "1" * 5000])
def test_outbox_retry_of_an_id_out_of_range_is_a_clear_404(staff_client, message_id):
    answer = staff_client.post(f"/staff/outbox/{message_id}/retry")
    assert answer.status_code == 404
    assert "По этому адресу ничего нет." in answer.get_data(as_text=True)


def test_pairing_token_in_a_url_pairs_nothing(app, client, world):
    """Only the form's body carries the token: a link with it pairs no screen."""
    shown = client.get("/screens/pair", query_string={"token": world.tokens["warehouse"]})
    assert shown.status_code == 200
    assert 'method="post"' in shown.get_data(as_text=True)
    assert client.get("/warehouse").location.startswith("/screens/pair")

    paired_now = client.post("/screens/pair", data={"token": world.tokens["warehouse"]})
    assert paired_now.status_code == 302
    assert client.get("/warehouse").status_code == 200


def test_pairing_keeps_where_the_screen_was_going(client, world):
    target = client.get("/board").location
    assert target.startswith("/screens/pair") and "token" not in target
    page = client.get(target).get_data(as_text=True)
    assert 'name="next" value="/board"' in page
    answer = client.post(target, data={"token": world.tokens["board"], "next": "/board"})
    assert answer.location == "/board"
