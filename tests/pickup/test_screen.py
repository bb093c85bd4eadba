"""The frame of the clerk's screen: the scan box, language, mode."""

import pytest

from pickup import create_app as create_pickup
from tests.pickup.conftest import make_order, scan, station_config


def test_the_screen_has_a_focused_scan_box_posting_to_scan(desk):
    page = desk.get("/").get_data(as_text=True)
    assert 'id="scan-form"' in page and 'hx-post="/scan"' in page
    assert 'id="code"' in page and "autofocus" in page and 'maxlength="64"' in page
    assert "Scan the receipt, or type the code from the SMS or the order number" in page
    assert "pickup.js" in page and "htmx.min.js" in page


def test_language_switch_and_a_tampered_next(desk):
    assert 'lang="en"' in desk.get("/").get_data(as_text=True)
    assert desk.post("/lang/ru", data={"next": "https://evil.example/"}).location == "/"
    assert desk.post("/lang/xx", data={"next": "//evil.example/x"}).location == "/"
    assert 'lang="ru"' in desk.get("/").get_data(as_text=True)


def test_mode_toggle_shows_the_cash_and_card_buttons(desk, terminal):
    order = make_order(terminal, payment="cashier")
    scan(desk, order["pickup_code"])
    assert "pay-cash" not in desk.get("/").get_data(as_text=True)
    desk.post("/mode/cashier")
    page = desk.get("/").get_data(as_text=True)
    assert "pay-cash" in page and "Cashier" in page
    desk.post("/mode/bogus")
    assert "pay-cash" in desk.get("/").get_data(as_text=True)


def test_station_mode_from_the_configuration(world, wire):
    app = create_pickup(station_config(world, wire, STATION_MODE="cashier", PRINTER="dummy:"))
    assert 'data-testid="mode-cashier"' in app.test_client().get("/").get_data(as_text=True)
    assert 'class="mode-cashier"' in app.test_client().get("/").get_data(as_text=True)
    with pytest.raises(ValueError, match="STATION_MODE"):
        create_pickup(station_config(world, wire, STATION_MODE="kiosk", PRINTER="dummy:"))
