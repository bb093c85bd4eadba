"""A return at the window: scan the receipt of a handed-out order, choose, confirm, slip."""

from tests.pickup.conftest import make_ready, press, scan
from tests.server.returns_support import refunds, stock_of


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

    again = press(desk, html, "return", back=["PHONE-1"], reason="x", **{"back-PHONE-1": "1"})
    assert again.status_code == 200  # the old screen's second tap changes nothing
    assert refunds(app, number) == [("card", 2_999_000)]
