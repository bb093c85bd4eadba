"""The store screens: the warehouse picks first-in-first-out, the board follows, KPIs add up."""

from tests.conftest import paired
from tests.helpers import Api


def paid_order(terminal: Api, **lines: int) -> dict:
    body = {
        "store": "MSK-1",
        "payment": "card",
        "lines": [{"sku": sku.replace("_", "-"), "qty": q} for sku, q in lines.items()],
    }
    order = terminal.post("/orders", body).json
    terminal.post(
        f"/orders/{order['number']}/payments",
        {"method": "card", "amount_minor": order["total_minor"]},
    )
    return order


def test_screens_need_pairing_with_the_right_kind_of_device(app, client, world):
    assert client.get("/warehouse").location.startswith("/screens/pair")
    refused = client.post("/screens/pair", data={"token": world.tokens["terminal"]})
    assert refused.status_code == 422
    assert paired(app, world.tokens["warehouse"]).get("/warehouse").status_code == 200


def test_warehouse_lists_paid_orders_first_in_first_out_with_bins(app, world, terminal, clock):
    first = paid_order(terminal, TV_1=1)
    clock.advance(minutes=1)
    second = paid_order(terminal, PHONE_1=2)
    terminal.post(
        "/orders", {"store": "MSK-1", "lines": [{"sku": "PHONE-2", "qty": 1}], "payment": "cashier"}
    )  # unpaid: not for the warehouse yet
    page = paired(app, world.tokens["warehouse"]).get("/warehouse").get_data(as_text=True)
    assert page.index(first["number"]) < page.index(second["number"])
    assert "Товар PHONE-2" not in page
    assert "A-04-1" in page  # TV-1's bin location in MSK-1
    clock.advance(minutes=4)
    screen = paired(app, world.tokens["warehouse"])
    taken = screen.post(f"/warehouse/orders/{first['number']}/take").get_data(as_text=True)
    assert "ждёт 5 мин" in taken  # counted from the payment, not from the last change


def test_picker_takes_picks_reports_missing_and_sends_to_a_window(app, world, terminal, pickup):
    order = paid_order(terminal, PHONE_1=2, TV_1=1)
    number = order["number"]
    screen = paired(app, world.tokens["warehouse"])
    hx = {"HX-Request": "true"}

    taken = screen.post(f"/warehouse/orders/{number}/take", headers=hx).get_data(as_text=True)
    assert f"picked-{number}-TV-1" in taken
    screen.post(f"/warehouse/orders/{number}/picked", data={"sku": "TV-1"}, headers=hx)
    missing = screen.post(
        f"/warehouse/orders/{number}/missing", data={"sku": "PHONE-1"}, headers=hx
    ).get_data(as_text=True)
    assert "1 нет на месте" in missing and "требует внимания" in missing
    done = screen.post(f"/warehouse/orders/{number}/ready", data={"window": "2"}, headers=hx)
    assert number not in done.get_data(as_text=True)

    state = pickup.get(f"/orders/{number}").json
    assert (state["status"], state["window"], state["needs_attention"]) == (
        "ready",
        2,
        "item_missing",
    )


def test_warehouse_refuses_a_bad_window_with_a_message(app, world, terminal):
    number = paid_order(terminal, TV_1=1)["number"]
    screen = paired(app, world.tokens["warehouse"])
    screen.post(f"/warehouse/orders/{number}/take")
    answer = screen.post(
        f"/warehouse/orders/{number}/ready", data={"window": "99"}, headers={"HX-Request": "true"}
    )
    assert answer.status_code == 422
    assert "окна с 1 по 3" in answer.get_data(as_text=True)


def test_board_shows_numbers_and_answers_204_until_something_changes(
    app, world, terminal, warehouse
):
    board = paired(app, world.tokens["board"])
    order = paid_order(terminal, TV_1=1)
    number = order["number"]
    page = board.get("/board").get_data(as_text=True)
    assert f"preparing-{number}" in page
    assert "+7" not in page  # numbers only, nothing personal

    version = page.split('data-version="')[1].split('"')[0]
    assert board.get("/board/items", query_string={"v": version}).status_code == 204
    warehouse.post(f"/orders/{number}/picking")
    warehouse.post(f"/orders/{number}/ready", {"window": 3})
    changed = board.get("/board/items", query_string={"v": version})
    assert changed.status_code == 200
    assert f"ready-{number}" in changed.get_data(as_text=True)
    assert "окно 3" in changed.get_data(as_text=True)


def test_todays_times_against_the_three_minute_promise(
    staff_client, world, terminal, warehouse, pickup, clock
):
    for minutes in (2, 4):
        order = paid_order(terminal, PHONE_1=1)
        number = order["number"]
        clock.advance(seconds=30)
        warehouse.post(f"/orders/{number}/picking")
        clock.advance(seconds=30)
        warehouse.post(f"/orders/{number}/ready", {"window": 1})
        clock.advance(minutes=minutes - 1)
        pickup.post(f"/orders/{number}/hand-out")
    page = staff_client.get("/staff/stats").get_data(as_text=True)
    row = page.split('data-testid="stats-MSK-1"')[1].split("</tr>")[0]
    # Two orders: 2 and 4 minutes from payment to goods in hand.
    assert ">2<" in row and "3:00" in row and "50%" in row


def test_outpost_order_is_shipped_from_the_warehouse_screen(app, world, shop, warehouse):
    order = shop.post(
        "/orders",
        {
            "store": "OUT-1",
            "lines": [{"sku": "TV-1", "qty": 1}],
            "payment": "on_pickup",
            "customer_phone": "+7 916 123-45-67",
        },
    ).json
    number = order["number"]
    screen = paired(app, world.tokens["warehouse"])
    page = screen.get("/warehouse").get_data(as_text=True)
    assert number in page and "для OUT-1" in page
    taken = screen.post(f"/warehouse/orders/{number}/take").get_data(as_text=True)
    assert f"ship-{number}" not in taken  # nothing is marked picked yet
    picked = screen.post(f"/warehouse/orders/{number}/picked", data={"sku": "TV-1"})
    page = picked.get_data(as_text=True)
    assert f"ship-{number}" in page and f"ready-{number}-1" not in page
    screen.post(f"/warehouse/orders/{number}/ship")
    assert warehouse.get(f"/orders/{number}").json["status"] == "in_transit"
