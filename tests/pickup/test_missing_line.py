"""An order with a unit the warehouse did not find: the screen, its header and the slip agree."""

import re

from tests.pickup.conftest import make_order, pay, press, scan


def ready_with_one_missing(terminal, warehouse) -> dict:
    """Ten phones paid for; the picker finds nine and sends the order to window 1."""
    order = make_order(terminal, {"PHONE-1": 10})
    pay(terminal, order)
    number = order["number"]
    assert warehouse.post(f"/orders/{number}/picking").status_code == 200
    missing = warehouse.post(f"/orders/{number}/lines/PHONE-1/missing", {"qty": 1})
    assert missing.status_code == 200, missing.json
    assert warehouse.post(f"/orders/{number}/ready", {"window": 1}).status_code == 200
    return order


def cell(html: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</td>', html, re.S)
    assert found, testid
    return re.sub(r"<[^>]+>", " ", found.group(1)).split()[0] if found.group(1).strip() else ""


def test_a_line_not_found_shows_nine_to_hand_out_and_a_slip_without_a_phantom_unit(
    desk, terminal, warehouse, printer
):
    order = ready_with_one_missing(terminal, warehouse)
    html = scan(desk, order["pickup_code"]).get_data(as_text=True)

    # The status says ready and the clerk may hand out: the band is green, not "not ready".
    assert 'data-verdict="green"' in html and "Not ready yet" not in html
    assert "Hand out the rest." in html
    # The other store is named as people know it, not by its code.
    assert "Cybermarket MSK-2 (2)" in html
    # Ten ordered, one not found, nine to hand out now.
    assert cell(html, "ordered-PHONE-1") == "10"
    assert cell(html, "missing-PHONE-1") == "1"
    assert 'data-testid="qty-PHONE-1"' in html and 'value="9"' in html and 'data-max="9"' in html
    assert "1 unit was not found in the warehouse" in html

    done = press(desk, html, "hand-out", what="all").get_data(as_text=True)
    assert terminal.get(f"/orders/{order['number']}").json["status"] == "issued"
    assert cell(done, "issued-PHONE-1") == "9"
    assert "Everything found is handed out; 1 unit not found was taken off the bill." in done
    assert "The order is complete." not in done

    slip = printer.receipts[-1]
    assert [(line.name, line.qty) for line in slip.lines] == [("Alpha phone", 9)]
    assert "Not found in the warehouse, refunded: 1 pcs" in slip.instructions
    assert "The whole order is handed out" in slip.instructions
    assert not any("Still to hand out" in text for text in slip.instructions)


def test_tampered_quantity_above_what_was_found_is_refused(desk, terminal, warehouse):
    order = ready_with_one_missing(terminal, warehouse)
    html = scan(desk, order["pickup_code"]).get_data(as_text=True)
    answer = press(
        desk, html, "hand-out", what="selected", pick=["PHONE-1"], **{"qty-PHONE-1": "10"}
    )
    assert answer.status_code == 422
    assert "Alpha phone: choose from 1 to 9." in answer.get_data(as_text=True)
