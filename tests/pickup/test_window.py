"""The clerk at the window: scan a ready order, hand it out (all or some lines), print the slip."""

import threading

from pyzbar.pyzbar import decode

from hardware.receipt_layout import render_receipt
from tests.pickup.conftest import HX, make_ready, press, scan


def test_green_scan_hand_out_all_prints_a_slip_and_second_scan_says_when_and_where(
    desk, terminal, warehouse, printer, scan_clock
):
    order = make_ready(terminal, warehouse, {"PHONE-1": 2, "TV-1": 1})
    shown = scan(desk, order["pickup_code"])
    html = shown.get_data(as_text=True)
    assert shown.status_code == 200
    assert 'data-verdict="green"' in html and order["number"] in html
    assert "Hand these goods out." in html and "Alpha phone" in html

    done = press(desk, html, "hand-out", what="all").get_data(as_text=True)
    assert "Handed out" in done and "The order is complete." in done
    assert "The slip is printed." in done
    assert terminal.get(f"/orders/{order['number']}").json["status"] == "issued"

    slip = printer.receipts[-1]
    assert slip.title == "Order handed out" and slip.order_number == order["number"]
    assert [(line.name, line.qty) for line in slip.lines] == [("Alpha phone", 2), ("Beta TV", 1)]
    assert "Handed out by pickup-1" in slip.instructions  # a station without a window number
    assert {s.data.decode() for s in decode(render_receipt(slip))} == {order["pickup_code"]}

    scan_clock.tick(5)
    again = scan(desk, order["pickup_code"]).get_data(as_text=True)
    assert 'data-verdict="red"' in again and "Do not hand out" in again
    assert "handed out on 24.11.2026 at 12:00 by pickup-1" in again
    assert "/hand-out" not in again  # nothing to hand out on a red result
    assert "Return or repair" in again  # handed-out goods may come back


def test_hand_out_selected_lines_then_the_rest(desk, terminal, warehouse, printer, scan_clock):
    order = make_ready(terminal, warehouse, {"PHONE-1": 3, "TV-1": 1})
    number = order["number"]
    html = scan(desk, order["pickup_code"]).get_data(as_text=True)

    part = press(desk, html, "hand-out", what="selected", pick=["PHONE-1"], **{"qty-PHONE-1": "2"})
    part_html = part.get_data(as_text=True)
    assert part.status_code == 200
    server = terminal.get(f"/orders/{number}").json
    assert server["status"] == "partially_issued"
    assert {line["sku"]: line["qty_issued"] for line in server["lines"]} == {
        "PHONE-1": 2,
        "TV-1": 0,
    }
    assert [(line.name, line.qty) for line in printer.receipts[-1].lines] == [("Alpha phone", 2)]
    assert "Still to hand out: 2 pcs" in printer.receipts[-1].instructions
    assert "The rest of the order is below." in part_html and "just now: 2" in part_html

    rest = press(desk, part_html, "hand-out", what="all").get_data(as_text=True)
    assert "The order is complete." in rest
    assert terminal.get(f"/orders/{number}").json["status"] == "issued"
    assert [(line.name, line.qty) for line in printer.receipts[-1].lines] == [
        ("Alpha phone", 1),
        ("Beta TV", 1),
    ]

    scan_clock.tick(5)
    assert "partly" not in scan(desk, order["pickup_code"]).get_data(as_text=True)


def test_nothing_ticked_or_tampered_quantities_change_nothing(desk, terminal, warehouse):
    order = make_ready(terminal, warehouse, {"PHONE-1": 2})
    html = scan(desk, order["pickup_code"]).get_data(as_text=True)
    for fields in (
        {},
        {"pick": ["PHONE-1"], "qty-PHONE-1": "3"},
        {"pick": ["PHONE-1"], "qty-PHONE-1": "-1"},
        {"pick": ["PHONE-1"], "qty-PHONE-1": "9" * 5000},
        {"pick": ["TV-1"], "qty-TV-1": "1"},
    ):
        answer = press(desk, html, "hand-out", what="selected", **fields)
        assert answer.status_code == 422, fields
        assert 'data-testid="notice"' in answer.get_data(as_text=True)
    assert terminal.get(f"/orders/{order['number']}").json["status"] == "ready"
    bad_step = press(desk, html.replace('value="0"', 'value="x"'), "hand-out", what="all")
    assert bad_step.status_code == 422
    gone = desk.post("/shown/not-a-token/hand-out", data={"what": "all"}, headers=HX)
    assert gone.status_code == 404 and "no longer on screen" in gone.get_data(as_text=True)


def test_double_submit_of_one_hand_out_issues_once_and_prints_once(
    desk, station_app, terminal, warehouse, printer, wire
):
    order = make_ready(terminal, warehouse, {"PHONE-1": 2})
    html = scan(desk, order["pickup_code"]).get_data(as_text=True)
    first = press(desk, html, "hand-out", what="selected", pick=["PHONE-1"], **{"qty-PHONE-1": "1"})
    second = press(
        desk, html, "hand-out", what="selected", pick=["PHONE-1"], **{"qty-PHONE-1": "1"}
    )
    assert first.status_code == second.status_code == 200
    server = terminal.get(f"/orders/{order['number']}").json
    assert server["status"] == "partially_issued" and server["lines"][0]["qty_issued"] == 1
    assert len(printer.receipts) == 1 and wire.count("/hand-out") == 1


def test_two_taps_at_once_issue_once(desk, station_app, terminal, warehouse, printer):
    order = make_ready(terminal, warehouse)
    html = scan(desk, order["pickup_code"]).get_data(as_text=True)
    other = station_app.test_client()
    other.set_cookie("session", desk.get_cookie("session").value)
    answers = []

    def tap(client) -> None:
        answers.append(press(client, html, "hand-out", what="all").status_code)

    taps = [threading.Thread(target=tap, args=(c,)) for c in (desk, other)]
    for t in taps:
        t.start()
    for t in taps:
        t.join()
    assert answers == [200, 200]
    assert terminal.get(f"/orders/{order['number']}").json["status"] == "issued"
    assert len(printer.receipts) == 1


def test_retry_with_the_same_key_after_a_lost_answer_issues_once(
    desk, station_app, terminal, warehouse, pickup
):
    """The server did the hand-out but the answer was lost: the retry gets the first answer."""
    order = make_ready(terminal, warehouse, {"PHONE-1": 2})
    html = scan(desk, order["pickup_code"]).get_data(as_text=True)
    shown = station_app.extensions["pickup"].latest()
    body = {"lines": [{"sku": "PHONE-1", "qty": 1}]}
    answer = pickup.post(f"/orders/{order['number']}/hand-out", body, key=shown.key("hand-out"))
    assert answer.status_code == 200
    press(desk, html, "hand-out", what="selected", pick=["PHONE-1"], **{"qty-PHONE-1": "1"})
    assert terminal.get(f"/orders/{order['number']}").json["lines"][0]["qty_issued"] == 1


def test_the_screen_is_russian_by_default(station_app, terminal, warehouse):
    browser = station_app.test_client()
    page = browser.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="ru">' in page
    order = make_ready(terminal, warehouse)
    html = scan(browser, order["pickup_code"]).get_data(as_text=True)
    assert "Выдайте эти товары." in html and "Телевизор Бета" in html


def test_a_stale_tap_after_the_whole_line_went_out_shows_the_new_state(desk, terminal, warehouse):
    order = make_ready(terminal, warehouse, {"PHONE-1": 1, "TV-1": 1})
    html = scan(desk, order["pickup_code"]).get_data(as_text=True)
    fields = {"what": "selected", "pick": ["PHONE-1"], "qty-PHONE-1": "1"}
    assert press(desk, html, "hand-out", **fields).status_code == 200
    stale = press(desk, html, "hand-out", **fields)
    assert stale.status_code == 200 and 'data-testid="notice"' not in stale.get_data(as_text=True)
    assert terminal.get(f"/orders/{order['number']}").json["lines"][0]["qty_issued"] == 1


def test_outpost_window_takes_in_an_arrived_order_then_hands_it_out(client, world, shop, warehouse):
    from common.api_client import ApiClient
    from hardware.printers.fake import FakePrinter
    from pickup import create_app as create_pickup
    from tests.wired import WiredTransport

    order = shop.post(
        "/orders",
        {
            "store": "OUT-1",
            "lines": [{"sku": "TV-1", "qty": 1}],
            "payment": "online",
            "customer_phone": "+7 916 123-45-67",
        },
    ).json
    number = order["number"]
    shop.post(
        f"/orders/{number}/payments", {"method": "online", "amount_minor": order["total_minor"]}
    )
    warehouse.post(f"/orders/{number}/picking")
    assert warehouse.post(f"/orders/{number}/ship").json["status"] == "in_transit"
    station = create_pickup(
        {
            "TESTING": True,
            "CAMERA": "none",
            "SERVER_URL": "http://server.test",
            "API_CLIENT": ApiClient(
                "http://server.test", world.tokens["pickup-outpost"], WiredTransport(client)
            ),
            "PRINTER_OBJECT": FakePrinter(),
        }
    ).test_client()
    hx = {"HX-Request": "true"}
    scanned = station.post("/scan", data={"code": order["pickup_code"]}, headers=hx)
    page = scanned.get_data(as_text=True)
    assert "Заказ приехал: принять" in page, page[page.find("band-message") :][:300]
    token = page.split("/shown/")[1].split("/")[0]
    step = page.split('name="step" value="')[1].split('"')[0]
    taken = station.post(f"/shown/{token}/receive", data={"step": step}, headers=hx)
    assert "Принят" in taken.get_data(as_text=True)
    assert shop.get(f"/orders/{number}").json["status"] == "ready"
