"""A return at the window: scan the receipt of a handed-out order, choose, confirm, slip."""

from tests.pickup.conftest import make_ready, press, scan
from tests.server.returns_support import INTAKE, refunds, stock_of, walk


def test_scan_an_old_receipt_take_one_unit_back_and_print_the_return_slip(
    app, desk, terminal, warehouse, pickup, printer, scan_clock
):
    order = make_ready(terminal, warehouse, {"PHONE-1": 2})
    number = order["number"]
    assert pickup.post(f"/orders/{number}/hand-out").status_code == 200
    html = scan(desk, order["pickup_code"]).get_data(as_text=True)
    assert "Return or repair" in html
    assert 'data-testid="return-until-PHONE-1">08.12.2026' in html  # 14 days from hand-out
    assert 'data-testid="warranty-until-PHONE-1">24.11.2027' in html

    refused = press(desk, html, "return", back=["PHONE-1"], **{"back-PHONE-1": "1"})
    assert refused.status_code == 422
    assert "Write down why the customer returns the goods." in refused.get_data(as_text=True)
    too_many = press(desk, html, "return", back=["PHONE-1"], reason="x", **{"back-PHONE-1": "3"})
    assert too_many.status_code == 422 and "choose from 1 to 2" in too_many.get_data(as_text=True)

    done = press(
        desk, html, "return", back=["PHONE-1"], reason="changed mind", **{"back-PHONE-1": "1"}
    )
    text = done.get_data(as_text=True)
    assert done.status_code == 200, text
    assert "Taken back" in text and "Refunded to the card: 29" in text
    slip = printer.receipts[-1]
    assert slip.title == "Goods returned" and slip.order_number == number
    assert [(line.name, line.qty) for line in slip.lines] == [("Alpha phone", 1)]
    assert "Reason: changed mind" in slip.instructions
    assert refunds(app, number) == [("card", 2_999_000)]
    assert stock_of(app, "MSK-1", "PHONE-1") == (9, 0, 0)
    # One unit is still with the customer: the form stays for it.
    assert 'data-testid="back-PHONE-1"' in text
    assert "The return slip is printed" in text and "payment receipt" not in text

    again = press(desk, html, "return", back=["PHONE-1"], reason="x", **{"back-PHONE-1": "1"})
    assert again.status_code == 200  # the old screen's second tap changes nothing
    assert refunds(app, number) == [("card", 2_999_000)]


def test_take_in_for_repair_prints_a_slip_whose_code_scans_back_to_the_repair(
    desk, terminal, warehouse, pickup, printer, scan_clock
):
    from pyzbar.pyzbar import decode

    from hardware.receipt_layout import render_receipt

    order = make_ready(terminal, warehouse, {"PHONE-1": 1})
    assert pickup.post(f"/orders/{order['number']}/hand-out").status_code == 200
    html = scan(desk, order["pickup_code"]).get_data(as_text=True)
    missing = press(desk, html, "repair", sku="PHONE-1", serial="", defect="dead")
    assert missing.status_code == 422
    done = press(
        desk,
        html,
        "repair",
        sku="PHONE-1",
        serial="SN-77",
        defect="does not charge",
        accessories="box, cable",
    )
    text = done.get_data(as_text=True)
    assert done.status_code == 200, text
    assert "Taken in for repair" in text
    assert "The intake slip is printed" in text and "payment receipt" not in text
    slip = printer.receipts[-1]
    assert slip.title == "Taken in for repair" and slip.code_label == "Repair code"
    assert "Serial number: SN-77" in slip.instructions
    assert "Handed in with: box, cable" in slip.instructions
    # The price it was bought for, never read as the price of the repair.
    assert slip.total_label == "Purchase price"
    (decoded,) = {s.data.decode() for s in decode(render_receipt(slip))}
    repair = pickup.get(f"/repairs/{slip.order_number}").json
    assert decoded == repair["intake_code"] and repair["status"] == "accepted"

    # Not back from the service yet: scanning the slip says so, nothing is handed back.
    scan_clock.tick(5)
    early = scan(desk, decoded).get_data(as_text=True)
    assert "is not back from the service yet" in early


def test_the_same_slip_scanned_after_the_hand_back_says_so_and_promises_nothing(
    desk, terminal, warehouse, pickup, staff_client, scan_clock
):
    order = make_ready(terminal, warehouse, {"PHONE-1": 1})
    assert pickup.post(f"/orders/{order['number']}/hand-out").status_code == 200
    repair = pickup.post("/repairs", {"order": order["number"], **INTAKE}).json
    walk(staff_client, repair["number"], "repaired")

    back = scan(desk, repair["intake_code"]).get_data(as_text=True)
    assert "give the item back to the customer" in back
    scan_clock.tick(5)
    twice = scan(desk, repair["intake_code"]).get_data(as_text=True)
    assert "was already handed back on" in twice
    assert "as soon as the item is back" not in twice  # it is with the customer already
    assert "It is with the customer already: there is nothing to hand back." in twice


def test_a_receipt_of_another_chain_gets_a_clear_answer_and_opens_nothing(desk, scan_clock):
    # A Russian fiscal receipt's QR code, and an EAN-13 from another chain's slip.
    for code in (
        "t=20261201T1412&s=1499.00&fn=9960440300123456&i=4821&fp=3184275610&n=1",
        "4601234567893",
    ):
        scan_clock.tick(5)
        answer = scan(desk, code)
        text = answer.get_data(as_text=True)
        assert answer.status_code < 500, text
        assert 'data-verdict="red"' in text
        assert "This code is not one of our orders." in text
        assert "Check that it is our receipt" in text
        assert "Return or repair" not in text


def test_out_of_warranty_the_window_takes_a_paid_repair_collected_from_home(
    desk, terminal, warehouse, pickup, printer, clock, scan_clock
):
    order = make_ready(terminal, warehouse, {"PHONE-1": 1})
    assert pickup.post(f"/orders/{order['number']}/hand-out").status_code == 200
    clock.advance(days=400)  # the warranty ended 35 days ago
    html = scan(desk, order["pickup_code"]).get_data(as_text=True)
    assert "Alpha phone (PHONE-1) · warranty over: paid repair" in html
    intake = {"sku": "PHONE-1", "serial": "SN-9", "defect": "the drum does not turn"}
    refused = press(desk, html, "repair", **intake)
    assert refused.status_code == 422  # the station says what to do, before asking anyone
    assert (
        "The warranty of Alpha phone is over: tick “the customer agrees to a paid repair” "
        "if they want one." in refused.get_data(as_text=True)
    )
    bad_day = press(desk, html, "repair", **intake, paid="yes", collect_on="31.02.2028")
    assert bad_day.status_code == 422
    assert "Choose the collection day on the calendar" in bad_day.get_data(as_text=True)

    done = press(desk, html, "repair", **intake, paid="yes", collect_on="2028-01-05")
    text = done.get_data(as_text=True)
    assert done.status_code == 200, text
    slip = printer.receipts[-1]
    repair = pickup.get(f"/repairs/{slip.order_number}").json
    assert (repair["status"], repair["under_warranty"]) == ("awaiting_collection", False)
    assert repair["collect_on"] == "2028-01-05"
    assert "Collected from your home on 05.01.2028" in slip.instructions
    assert "Paid repair: the service centre quotes the price before any work" in slip.instructions
