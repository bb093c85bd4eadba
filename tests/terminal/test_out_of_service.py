"""A terminal out of service: switched off by staff, or unable to print a receipt. It
shows a polite screen that sends the shopper to a working terminal nearby, takes no
money, and comes back by itself."""

import pytest

from server.db import get_session
from server.models import DeviceKind
from server.services.devices import register_device
from tests.fleet_support import stored_device, switch_out_of_service
from tests.helpers import T0, Api
from tests.terminal.test_shopping import add

POLL_FROM = "http://127.0.0.1:5001"


@pytest.fixture
def beating(terminal_app):
    """The terminal reports at every status poll (in a store: every 15 s)."""
    terminal_app.extensions["kiosk"].heartbeat.interval = 0
    return terminal_app


def poll(kiosk, page: str = "/catalog"):
    return kiosk.get("/status", headers={"HX-Request": "true", "HX-Current-URL": POLL_FROM + page})


def test_the_status_poll_reports_at_most_once_per_interval(terminal_app, kiosk, wire, app):
    poll(kiosk)
    poll(kiosk)
    assert wire.count("/devices/heartbeat") == 1
    device = stored_device(app, "terminal-1")
    assert (device.printer_state, device.scanner_state) == ("ok", "none")
    assert device.version


def test_switched_off_the_terminal_sends_shoppers_to_the_nearest_and_comes_back(
    beating, kiosk, app, client, world
):
    with app.app_context():
        store = get_session().merge(world.store)
        _device, token = register_device(
            get_session(), name="terminal-2", kind=DeviceKind.TERMINAL, store=store, now=T0
        )
        get_session().commit()
    Api(client, token).post(
        "/devices/heartbeat", {"version": "1", "printer": "ok", "scanner": "none"}
    )
    add(kiosk, "PHONE-1")
    switch_out_of_service(app, "terminal-1", True)

    answer = poll(kiosk)
    assert answer.headers["HX-Redirect"] == "/closed"
    page = kiosk.get("/closed").get_data(as_text=True)
    assert "этот терминал сейчас не работает" in page
    assert "terminal-2" in page and "рядом" in page
    for shop_page in ("/", "/catalog", "/cart", "/product/PHONE-1"):
        assert kiosk.get(shop_page).location == "/closed", shop_page
    # A shopper already at checkout finishes: the poll leaves that page alone ...
    assert "HX-Redirect" not in poll(kiosk, "/checkout").headers
    # ... but no money is taken here.
    refused = kiosk.post("/checkout", data={"method": "card"})
    assert refused.location == "/closed"

    switch_out_of_service(app, "terminal-1", False)
    assert poll(kiosk, "/closed").headers["HX-Redirect"] == "/"
    assert kiosk.get("/").status_code == 200
    assert kiosk.get("/closed").location == "/"


def test_out_of_paper_the_terminal_says_so_before_the_shopper_pays(
    terminal_app, kiosk, printer, card_reader, wire, app
):
    add(kiosk, "PHONE-1")
    printer.fault = "paper_out"
    assert kiosk.get("/checkout").location == "/closed"
    assert kiosk.post("/checkout", data={"method": "card"}).location == "/closed"
    assert wire.count("/orders") == 0 and not printer.receipts
    # The fleet page learns at once why this terminal stopped.
    assert stored_device(app, "terminal-1").printer_state == "paper_out"
    page = kiosk.get("/closed").get_data(as_text=True)
    assert "не может напечатать чек" in page
    assert "воспользуйтесь другим терминалом" in page  # no other terminal in this store

    printer.fault = None
    terminal_app.extensions["kiosk"].heartbeat.interval = 0
    assert poll(kiosk, "/closed").headers["HX-Redirect"] == "/"
    assert kiosk.get("/checkout").status_code == 200


def test_low_paper_still_sells_and_shows_on_the_fleet_page(beating, kiosk, printer, app):
    printer.paper_low = True
    add(kiosk, "PHONE-1")
    poll(kiosk)
    assert kiosk.get("/checkout").status_code == 200
    assert stored_device(app, "terminal-1").printer_state == "paper_low"


def test_a_revoked_terminal_closes_and_tells_staff_why(beating, kiosk, app):
    from server.services.devices import revoke_device

    assert "HX-Redirect" not in poll(kiosk).headers
    with app.app_context():
        revoke_device(get_session(), name="terminal-1", now=T0)
        get_session().commit()
    assert poll(kiosk).headers["HX-Redirect"] == "/closed"
    page = kiosk.get("/closed").get_data(as_text=True)
    assert "этот терминал сейчас не работает" in page
    assert 'data-testid="device-refused"' in page and "Зарегистрируйте его заново" in page
    assert kiosk.get("/catalog").location == "/closed"
