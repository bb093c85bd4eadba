"""Transfers between stores, who may open the stock pages, and how fast others see a change."""

import re
import threading

import pytest
from flask import Flask

from server import create_app
from server.db import get_session
from server.models import MovementKind
from tests.helpers import Api, app_config, build_world
from tests.server.stock_console_support import balanced, level, movements, signed_in
from tests.server.test_csrf import assert_refused_for_a_person, from_another_site


def _request(browser, **overrides) -> str:
    """Request TV-1 x3 from MSK-1 to MSK-2; the transfer's page."""
    form = {"source": "MSK-1", "destination": "MSK-2", "sku": ["TV-1", ""], "qty": ["3", ""]}
    form.update(overrides)
    answer = browser.post("/staff/transfers", data={**form, "action": "create"})
    assert answer.status_code == 302, answer.get_data(as_text=True)[-800:]
    return answer.location


def test_a_transfer_moves_stock_out_when_shipped_and_in_when_received(app, world, staff_client):
    page = _request(staff_client)
    assert "Запрошено" in staff_client.get(page).get_data(as_text=True)
    assert level(app, world, "TV-1") == (5, 0, "A-04-1")  # a request moves nothing

    assert staff_client.post(page + "/ship", data={"sku": "TV-1", "qty": "3"}).status_code == 302
    assert level(app, world, "TV-1")[0] == 2
    again = staff_client.post(page + "/ship", data={"sku": "TV-1", "qty": "3"})
    assert again.status_code == 409 and "уже отправлено" in again.get_data(as_text=True)

    silent = staff_client.post(page + "/receive", data={"sku": "TV-1", "qty": "2"})
    assert silent.status_code == 422
    assert "напишите, что о нём известно" in silent.get_data(as_text=True)
    received = staff_client.post(
        page + "/receive", data={"sku": "TV-1", "qty": "2", "note": "коробка вскрыта"}
    )
    assert received.status_code == 302
    assert level(app, world, "TV-1", "other_store")[0] == 4  # 2 + 2 arrived
    assert [d for *_x, d, _doc in movements(app, MovementKind.MOVED_OUT)] == [-3]
    assert [d for *_x, d, _doc in movements(app, MovementKind.MOVED_IN)] == [2]
    shown = staff_client.get(page).get_data(as_text=True)
    assert "коробка вскрыта" in shown and "Недостача" in shown
    assert balanced(app)


def test_a_transfer_cannot_ship_more_than_is_available(app, world, staff_client, terminal):
    terminal.post(
        "/orders", {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 4}], "payment": "cashier"}
    )
    page = _request(staff_client)
    refused = staff_client.post(page + "/ship?lang=en", data={"sku": "TV-1", "qty": "3"})
    assert refused.status_code == 409
    assert "TV-1: only 1 available to send." in refused.get_data(as_text=True)
    assert level(app, world, "TV-1")[:2] == (5, 4)
    assert movements(app, MovementKind.MOVED_OUT) == []
    assert balanced(app)


def test_two_people_shipping_one_transfer_at_once_move_its_stock_once(any_db_app):
    """The transfer's row lock: the second "ship" waits, then finds it already shipped."""
    with any_db_app.app_context():
        build_world(get_session())
    first, second = (signed_in(any_db_app, "manager", name=n) for n in ("ann", "bob"))
    page = _request(first)
    barrier, answers = threading.Barrier(2), []

    def ship(browser) -> None:
        barrier.wait()
        answers.append(browser.post(page + "/ship", data={"sku": "TV-1", "qty": "3"}).status_code)

    threads = [threading.Thread(target=ship, args=(b,)) for b in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [302, 409]
    assert [d for *_x, d, _doc in movements(any_db_app, MovementKind.MOVED_OUT)] == [-3]
    assert balanced(any_db_app)


def test_a_bad_transfer_request_says_why(app, world, staff_client):
    same = staff_client.post(
        "/staff/transfers?lang=en",
        data={"source": "MSK-1", "destination": "MSK-1", "sku": "TV-1", "qty": "1"},
    )
    assert same.status_code == 422 and "Choose two different stores." in same.get_data(as_text=True)
    unknown = staff_client.post(
        "/staff/transfers",
        data={"source": "MSK-1", "destination": "MSK-2", "sku": "NOPE", "qty": "1"},
    )
    assert unknown.status_code == 422 and "NOPE" in unknown.get_data(as_text=True)


def test_a_store_manager_reaches_only_their_store(app, world, staff_client):
    page = _request(staff_client)
    at_destination = signed_in(app, "manager", store_id=world.other_store.id)
    refused = at_destination.post(page + "/ship", data={"sku": "TV-1", "qty": "3"})
    assert refused.status_code == 403 and level(app, world, "TV-1")[0] == 5
    listed = at_destination.get("/staff/stock").get_data(as_text=True)
    assert "MSK-2" in listed and "MSK-1" not in listed
    assert at_destination.get("/staff/stock/MSK-1/TV-1").status_code == 404


STOCK_PAGES = [
    "/staff/stock",
    "/staff/stock/low",
    "/staff/stock/MSK-1/TV-1",
    "/staff/counts",
    "/staff/counts/sheet?store=MSK-1&bin=A-04-1",
    "/staff/transfers",
]
STOCK_FORMS = [
    "/staff/stock/MSK-1/TV-1/threshold",
    "/staff/stock/MSK-1/TV-1/correct",
    "/staff/counts/sheet",
    "/staff/transfers",
    "/staff/transfers/1/ship",
    "/staff/transfers/1/receive",
    "/staff/receiving",
]


def test_anonymous_and_pickers_are_refused_and_clerks_only_receive(app, client, world):
    picker, clerk = signed_in(app, "picker"), signed_in(app, "clerk")
    for url in [*STOCK_PAGES, "/staff/receiving"]:
        assert client.get(url).location.startswith("/staff/login"), url
        assert picker.get(url).status_code == 403, url
    for url in STOCK_FORMS:
        assert client.post(url).location.startswith("/staff/login"), url
        assert picker.post(url).status_code == 403, url
    assert clerk.get("/staff/receiving").status_code == 200
    assert clerk.get("/staff/stock").status_code == 403


@pytest.mark.parametrize("url", STOCK_FORMS)
def test_every_stock_form_refuses_a_post_without_its_token(staff_client, url):
    assert_refused_for_a_person(from_another_site(staff_client, url + "?lang=en"))


def test_a_delivery_is_on_sale_at_once_in_another_server_process(
    app, world, staff_client, tmp_path
):
    """Two server processes on one database: no cache stands between the staff page's
    change and the terminal's next answer, or the warehouse screen's bins."""
    other = create_app(app_config(app.config["DATABASE_URL"], app.extensions["clock"], tmp_path))
    terminal = Api(other.test_client(), world.tokens["terminal"])
    before = terminal.get("/products/PHONE-2", store="MSK-1").get_json()
    assert before["available"] == 3
    form = {"store": "MSK-1", "number": "TN-7", "supplier": "Поставщик", "action": "confirm"}
    form.update(sku="PHONE-2", expected="4", received="4", bin="Q-01-1")
    assert staff_client.post("/staff/receiving", data=form).status_code == 302
    after = terminal.get("/products/PHONE-2", store="MSK-1").get_json()
    assert after["available"] == 7
    _pick_phone_2(other, world.tokens)
    other.extensions["db"].engine.dispose()


def _pick_phone_2(server: Flask, tokens: dict[str, str]) -> None:
    """The warehouse screen of the other process shows the bin the delivery set."""
    terminal = Api(server.test_client(), tokens["terminal"])
    body = {"store": "MSK-1", "lines": [{"sku": "PHONE-2", "qty": 1}], "payment": "card"}
    order = terminal.post("/orders", body).get_json()
    payment = {"method": "card", "amount_minor": order["total_minor"], "reference": "1"}
    assert terminal.post(f"/orders/{order['number']}/payments", payment).status_code < 300
    screen = server.test_client()
    assert screen.post("/screens/pair", data={"token": tokens["warehouse"]}).status_code == 302
    page = screen.get("/warehouse").get_data(as_text=True)
    assert re.search(r"Q-01-1", page), "the warehouse screen shows the new bin"
