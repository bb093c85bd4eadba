"""When something breaks: the printer, the connection to the server."""

from tests.pickup.conftest import make_order, make_ready, pay_cash, press, scan


def test_printer_out_of_paper_keeps_the_hand_out_and_prints_again(
    desk, terminal, warehouse, printer
):
    order = make_ready(terminal, warehouse)
    html = scan(desk, order["pickup_code"]).get_data(as_text=True)
    printer.fault = "paper_out"
    done = press(desk, html, "hand-out", what="all").get_data(as_text=True)
    assert "Not printed: the printer is out of paper." in done
    assert "The hand-out is recorded all the same." in done and 'data-testid="reprint"' in done
    assert terminal.get(f"/orders/{order['number']}").json["status"] == "issued"
    assert printer.receipts == []

    printer.fault = None
    again = press(desk, done, "reprint").get_data(as_text=True)
    assert "The slip is printed." in again
    assert printer.receipts[-1].order_number == order["number"]


def test_cover_open_on_a_payment_receipt_says_so(cashier, terminal, printer):
    order = make_order(terminal, payment="cashier")
    html = scan(cashier, order["pickup_code"]).get_data(as_text=True)
    printer.fault = "cover_open"
    paid = pay_cash(cashier, html).get_data(as_text=True)
    assert "printer cover is open" in paid and "The payment is recorded all the same." in paid
    assert terminal.get(f"/orders/{order['number']}").json["status"] == "paid"


def test_server_down_shows_the_banner_and_scanning_again_after_recovery_works(
    desk, terminal, warehouse, wire
):
    order = make_ready(terminal, warehouse)
    assert "offline-banner" not in desk.get("/status").get_data(as_text=True)
    wire.down = True
    failed = scan(desk, order["pickup_code"])
    html = failed.get_data(as_text=True)
    assert failed.status_code == 503
    assert "No connection to the server. Nothing was changed: scan again." in html
    assert "data-retry-when-online" in html
    assert "offline-banner" in desk.get("/status").get_data(as_text=True)
    assert desk.get("/").status_code == 200  # the screen itself still opens

    wire.down = False
    assert "offline-banner" not in desk.get("/status").get_data(as_text=True)
    again = scan(desk, order["pickup_code"])  # at once: a failed lookup does not count as seen
    assert again.status_code == 200 and 'data-verdict="green"' in again.get_data(as_text=True)


def test_connection_lost_during_a_hand_out_then_pressed_again_issues_once(
    desk, terminal, warehouse, printer, wire
):
    order = make_ready(terminal, warehouse)
    html = scan(desk, order["pickup_code"]).get_data(as_text=True)
    wire.down = True
    lost = press(desk, html, "hand-out", what="all")
    assert lost.status_code == 503 and "it will not be done twice" in lost.get_data(as_text=True)
    wire.down = False
    done = press(desk, lost.get_data(as_text=True), "hand-out", what="all").get_data(as_text=True)
    assert "Handed out" in done
    assert terminal.get(f"/orders/{order['number']}").json["status"] == "issued"
    assert len(printer.receipts) == 1


def test_camera_scan_while_offline_is_not_lost(desk, terminal, warehouse, wire, scans):
    order = make_ready(terminal, warehouse)
    wire.down = True
    scans.push(order["pickup_code"], "camera")
    offline = desk.get("/scans/latest?after=0", headers={"HX-Request": "true"})
    assert offline.status_code == 503 and "after=1" in offline.get_data(as_text=True)
    wire.down = False
    scans.push(order["pickup_code"], "camera")  # the receipt is still under the camera
    back = desk.get("/scans/latest?after=1", headers={"HX-Request": "true"})
    assert back.status_code == 200 and order["number"] in back.get_data(as_text=True)


def test_revoked_token_shows_the_servers_refusal_in_the_banner(desk, app):
    from server.db import get_session
    from server.services.devices import revoke_device
    from tests.helpers import T0

    with app.app_context():
        revoke_device(get_session(), name="pickup-1", now=T0)
        get_session().commit()
    status = desk.get("/status").get_data(as_text=True)
    assert 'data-online="0"' in status and "device token" in status
    assert 'data-verdict="red"' in scan(desk, "ABCD-EFGH-J").get_data(as_text=True)
