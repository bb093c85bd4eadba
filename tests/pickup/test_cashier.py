"""The same station as a cashier: take cash or a card for a "pay at the cashier" order."""

from tests.pickup.conftest import HX, make_order, press, scan


def test_cashier_takes_cash_for_a_pay_at_cashier_order_and_prints_the_receipt(
    cashier, terminal, printer
):
    order = make_order(terminal, {"TV-1": 1}, payment="cashier")
    html = scan(cashier, order["pickup_code"]).get_data(as_text=True)
    assert 'data-verdict="amber"' in html and "Take the payment first" in html
    assert "Waiting for payment." in html and "54,990 ₽" in html
    assert 'data-testid="pay-cash"' in html and 'data-testid="pay-card"' in html

    paid = press(cashier, html, "pay", method="cash").get_data(as_text=True)
    server = terminal.get(f"/orders/{order['number']}").json
    assert server["status"] == "paid" and server["paid_minor"] == order["total_minor"]
    assert "went to the warehouse" in paid and "payment receipt is printed" in paid

    receipt = printer.receipts[-1]
    assert receipt.title == "Paid" and receipt.order_number == order["number"]
    assert receipt.instructions[0] == "Paid in cash: 54,990 ₽"
    assert "Collect your order at the pickup window" in receipt.instructions
    assert receipt.pickup_code == order["pickup_code"]


def test_cash_receipt_in_russian_says_collect_at_the_window(station_app, terminal, printer):
    browser = station_app.test_client()
    browser.post("/mode/cashier")
    order = make_order(terminal, payment="cashier")
    html = scan(browser, order["pickup_code"]).get_data(as_text=True)
    press(browser, html, "pay", method="cash")
    receipt = printer.receipts[-1]
    assert receipt.title == "Оплачено"
    assert "Заберите заказ в окне выдачи" in receipt.instructions


def test_declined_card_changes_nothing_then_approved_card_pays(
    cashier, terminal, card_reader, printer
):
    order = make_order(terminal, {"PHONE-2": 1}, payment="cashier")
    html = scan(cashier, order["pickup_code"]).get_data(as_text=True)
    card_reader.next_outcomes.append("declined")
    declined = press(cashier, html, "pay", method="card").get_data(as_text=True)
    assert "The card was declined. Nothing was charged" in declined
    assert 'data-testid="pay-cash"' in declined and 'data-sound="amber"' in declined
    assert terminal.get(f"/orders/{order['number']}").json["status"] == "reserved"
    assert printer.receipts == []

    approved = press(cashier, declined, "pay", method="card").get_data(as_text=True)
    assert "Paid" in approved
    assert terminal.get(f"/orders/{order['number']}").json["status"] == "paid"
    assert [c.amount_minor for c in card_reader.charges] == [order["total_minor"]] * 2
    assert printer.receipts[-1].instructions[0] == "Paid by card: 14,990 ₽"


def test_card_approved_but_server_unreachable_records_later_without_a_second_charge(
    cashier, terminal, card_reader, wire, printer
):
    order = make_order(terminal, payment="cashier")
    html = scan(cashier, order["pickup_code"]).get_data(as_text=True)
    cashier.get("/status")  # the station knows its store before the cable is pulled
    wire.down = True
    lost = press(cashier, html, "pay", method="card")
    assert lost.status_code == 503 and "nothing was confirmed" in lost.get_data(as_text=True)
    wire.down = False
    assert 'data-testid="pay-cash"' not in lost.get_data(as_text=True)  # the card is charged
    press(cashier, lost.get_data(as_text=True), "pay", method="cash")  # a stale cash button
    server = terminal.get(f"/orders/{order['number']}").json
    assert server["status"] == "paid"
    assert len(card_reader.charges) == 1
    assert printer.receipts[-1].instructions[0].startswith("Paid by card")


def test_double_tap_on_cash_records_one_payment(cashier, terminal, printer, wire):
    order = make_order(terminal, payment="cashier")
    html = scan(cashier, order["pickup_code"]).get_data(as_text=True)
    press(cashier, html, "pay", method="cash")
    press(cashier, html, "pay", method="cash")
    assert wire.count("/payments") == 1 and len(printer.receipts) == 1


def test_window_mode_sends_a_pay_at_cashier_order_to_the_cashier(desk, terminal):
    order = make_order(terminal, payment="cashier")
    html = scan(desk, order["pickup_code"]).get_data(as_text=True)
    assert 'data-verdict="amber"' in html and "send-to-cashier" in html
    assert "pay-cash" not in html
    token = desk.application.extensions["pickup"].latest().token
    refused = desk.post(f"/shown/{token}/pay", data={"step": "0", "method": "cash"}, headers=HX)
    assert refused.status_code == 422
    assert terminal.get(f"/orders/{order['number']}").json["status"] == "reserved"


def test_order_paid_on_pickup_is_paid_and_handed_out_at_the_window(desk, shop, warehouse, terminal):
    order = make_order(shop, {"PHONE-2": 1}, payment="on_pickup")
    warehouse.post(f"/orders/{order['number']}/picking")
    warehouse.post(f"/orders/{order['number']}/ready", {"window": 2})
    html = scan(desk, order["pickup_code"]).get_data(as_text=True)
    assert 'data-testid="pay-cash"' in html and "hand-out-all" not in html

    paid = press(desk, html, "pay", method="cash").get_data(as_text=True)
    assert "Now hand the goods out." in paid and 'data-testid="hand-out-all"' in paid
    press(desk, paid, "hand-out", what="all")
    assert terminal.get(f"/orders/{order['number']}").json["status"] == "issued"


def test_no_charge_when_the_server_is_gone_before_the_card(cashier, terminal, card_reader, wire):
    order = make_order(terminal, payment="cashier")
    html = scan(cashier, order["pickup_code"]).get_data(as_text=True)
    wire.down = True
    assert press(cashier, html, "pay", method="card").status_code == 503
    assert card_reader.charges == []
