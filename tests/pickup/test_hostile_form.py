"""Every form, query and path value of the station: "²", NUL, 10 KB get a clear 4xx, not 500."""

import pytest

from tests.pickup.conftest import HX, make_order, make_ready, panel_form, press, scan

JUNK = ["²", "³³", "\x00", "1\x00", "9" * 10_000, "٣", "-1", "1e3", " "]


@pytest.mark.parametrize("junk", JUNK)
def test_hostile_step_and_quantity_on_a_hand_out(desk, terminal, warehouse, junk):
    order = make_ready(terminal, warehouse, {"PHONE-1": 3})
    html = scan(desk, order["pickup_code"]).get_data(as_text=True)
    url, _hidden = panel_form(html, "hand-out")
    bad_step = desk.post(url, data={"step": junk, "what": "all"}, headers=HX)
    assert bad_step.status_code == 422, "step"
    assert "This screen is out of date. Scan the receipt again." in bad_step.get_data(as_text=True)
    bad_qty = press(
        desk, html, "hand-out", what="selected", pick=["PHONE-1"], **{"qty-PHONE-1": junk}
    )
    assert bad_qty.status_code == 422, "qty"
    assert "Alpha phone: choose from 1 to 3." in bad_qty.get_data(as_text=True)
    assert terminal.get(f"/orders/{order['number']}").json["status"] == "ready"


@pytest.mark.parametrize("junk", JUNK)
def test_hostile_poll_counter_is_read_as_from_the_start(desk, junk):
    answer = desk.get("/scans/latest", query_string={"after": junk}, headers=HX)
    assert answer.status_code in (200, 204)


@pytest.mark.parametrize("junk", JUNK)
def test_hostile_values_on_the_cash_step_the_lookup_and_the_clerk(cashier, terminal, junk):
    order = make_order(terminal, payment="cashier")
    html = scan(cashier, order["pickup_code"]).get_data(as_text=True)
    for fields in ({"stage": junk}, {"stage": "count", "tendered": junk}):
        assert press(cashier, html, "cash", **fields).status_code < 500
    assert press(cashier, html, "pay", method=junk).status_code == 422
    confirm = cashier.post("/confirm", data={"number": junk, "proof": junk}, headers=HX)
    assert 400 <= confirm.status_code < 500
    assert cashier.post("/clerk", data={"clerk": junk}).status_code == 302
    for path in (f"/lang/{junk}", f"/mode/{junk}", f"/shown/{junk}/pay"):
        assert cashier.post(path, data={"step": "0"}).status_code < 500
