"""The same station as a cashier: take cash or a card for a "pay at the cashier" order."""

from hardware.receipt_layout import REGULAR, _font, _wrap
from tests.pickup.conftest import HX, make_order, pay_cash, press, scan


def test_cashier_takes_cash_for_a_pay_at_cashier_order_and_prints_the_receipt(
    cashier, terminal, printer
):
    order = make_order(terminal, {"TV-1": 1}, payment="cashier")
    html = scan(cashier, order["pickup_code"]).get_data(as_text=True)
    assert 'data-verdict="amber"' in html and "Take the payment first" in html
    assert "Waiting for payment." in html and "54,990 ₽" in html
    assert 'data-testid="pay-cash"' in html and 'data-testid="pay-card"' in html

    paid = pay_cash(cashier, html).get_data(as_text=True)
    server = terminal.get(f"/orders/{order['number']}").json
    assert server["status"] == "paid" and server["paid_minor"] == order["total_minor"]
    assert "went to the warehouse" in paid and "payment receipt is printed" in paid

    receipt = printer.receipts[-1]
    assert receipt.title == "Paid" and receipt.order_number == order["number"]
    assert receipt.instructions[:3] == [
        "Paid in cash: 54,990\u00a0₽",
        "Received: 54,990\u00a0₽",
        "Change: 0\u00a0₽",
    ]
    assert "Collect your order at the pickup window" in receipt.instructions
    assert receipt.pickup_code == order["pickup_code"]


def test_cash_receipt_in_russian_says_collect_at_the_window(station_app, terminal, printer):
    browser = station_app.test_client()
    browser.post("/mode/cashier")
    order = make_order(terminal, payment="cashier")
    html = scan(browser, order["pickup_code"]).get_data(as_text=True)
    pay_cash(browser, html)
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
    assert printer.receipts[-1].instructions[0] == "Paid by card: 14,990\u00a0₽"


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
    started = press(cashier, html, "cash", stage="start").get_data(as_text=True)
    counted = press(cashier, started, "cash", stage="count", tendered="100000")
    press(cashier, counted.get_data(as_text=True), "pay", method="cash")
    press(cashier, counted.get_data(as_text=True), "pay", method="cash")
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

    paid = pay_cash(desk, html).get_data(as_text=True)
    assert "Now hand the goods out." in paid and 'data-testid="hand-out-all"' in paid
    press(desk, paid, "hand-out", what="all")
    assert terminal.get(f"/orders/{order['number']}").json["status"] == "issued"


def test_no_charge_when_the_server_is_gone_before_the_card(cashier, terminal, card_reader, wire):
    order = make_order(terminal, payment="cashier")
    html = scan(cashier, order["pickup_code"]).get_data(as_text=True)
    wire.down = True
    assert press(cashier, html, "pay", method="card").status_code == 503
    assert card_reader.charges == []


def test_cash_is_counted_change_shown_and_confirmed_before_it_is_recorded(
    cashier, terminal, printer, wire
):
    order = make_order(terminal, {"TV-1": 1, "PHONE-1": 1}, payment="cashier")  # 84 980 ₽
    html = scan(cashier, order["pickup_code"]).get_data(as_text=True)

    # One tap on "Cash" records nothing: it opens the amount tendered.
    started = press(cashier, html, "cash", stage="start").get_data(as_text=True)
    assert wire.count("/payments") == 0 and 'data-testid="tendered"' in started
    assert 'data-testid="quick-84980"' in started and 'data-testid="quick-85000"' in started
    assert 'data-testid="quick-90000"' in started and 'data-pad-key="0"' in started
    # A stale or forged "cash" on /pay is not a payment either.
    assert press(cashier, html, "pay", method="cash").status_code == 422
    assert wire.count("/payments") == 0

    short = press(cashier, started, "cash", stage="count", tendered="80000")
    assert short.status_code == 422 and "less than the sum to pay" in short.get_data(as_text=True)
    counted = press(cashier, started, "cash", stage="count", tendered="85000")
    confirm = counted.get_data(as_text=True)
    assert 'data-testid="change">20 ₽<' in confirm and wire.count("/payments") == 0

    paid = press(cashier, confirm, "pay", method="cash").get_data(as_text=True)
    assert terminal.get(f"/orders/{order['number']}").json["status"] == "paid"
    assert 'data-testid="change-given"' in paid and "20 ₽" in paid
    assert printer.receipts[-1].instructions[:3] == [
        "Paid in cash: 84,980\u00a0₽",
        "Received: 85,000\u00a0₽",
        "Change: 20\u00a0₽",
    ]


def test_hostile_tendered_amounts_are_refused_with_a_sentence(cashier, terminal, wire):
    order = make_order(terminal, payment="cashier")
    html = scan(cashier, order["pickup_code"]).get_data(as_text=True)
    started = press(cashier, html, "cash", stage="start").get_data(as_text=True)
    for junk in ("²²²²²", "1\x00", "9" * 10_000, "-5", "", "1e9"):
        answer = press(cashier, started, "cash", stage="count", tendered=junk)
        assert answer.status_code == 422, junk[:10]
        assert "Type the cash the customer gave, in roubles." in answer.get_data(as_text=True)
    assert wire.count("/payments") == 0


def test_a_sum_on_the_paper_receipt_never_breaks_between_its_digits():
    font = _font(REGULAR, 24)
    line = "Оплачено наличными: 80\u00a0980\u00a0₽"
    for width in range(160, 520, 8):
        assert all("80" not in row or "980" in row for row in _wrap(line, font, width)), width
