"""The console's stock pages: receiving, counts, corrections and thresholds keep stock true.

Each change keeps available = on hand - reserved >= 0 (and reserved what orders hold) and
writes exactly one movement per line it changes; each refusal says why and changes nothing.
"""

from server.models import MovementKind
from tests.server.stock_console_support import balanced, level, movements


def _delivery(action: str, number: str = "TN-101", **lines: str) -> dict[str, object]:
    """A delivery note of MSK-1 from the form: TV-1 expected 4 received 3, PHONE-2 2 of 2."""
    form: dict[str, object] = {
        "store": "MSK-1",
        "number": number,
        "supplier": "ООО Поставщик",
        "sku": ["TV-1", "PHONE-2", ""],
        "expected": ["4", "2", ""],
        "received": ["3", "2", ""],
        "bin": ["z-09-1", "", ""],
        "action": action,
    }
    form.update(lines)
    return form


def test_receiving_shows_differences_then_adds_stock_with_one_movement_per_line(
    app, world, staff_client
):
    checked = staff_client.post("/staff/receiving", data=_delivery("check"))
    page = checked.get_data(as_text=True)
    assert checked.status_code == 200
    assert "ожидалось 4, получено 3" in page and "-1" in page
    assert level(app, world, "TV-1") == (5, 0, "A-04-1")  # a check changes nothing

    confirmed = staff_client.post("/staff/receiving", data=_delivery("confirm"))
    assert confirmed.status_code == 302
    assert level(app, world, "TV-1") == (8, 0, "Z-09-1")
    assert level(app, world, "PHONE-2") == (5, 0, "A-07-1")
    received = movements(app, MovementKind.RECEIVED)
    assert [(delta, doc) for _s, _p, delta, doc in received] == [
        (3, "note:TN-101"),
        (2, "note:TN-101"),
    ]
    assert balanced(app)
    note = staff_client.get(confirmed.location).get_data(as_text=True)
    assert "TN-101" in note and "ООО Поставщик" in note and "Z-09-1" in note

    again = staff_client.post("/staff/receiving", data=_delivery("confirm"))
    assert again.status_code == 422
    assert "Накладная TN-101 уже принята" in again.get_data(as_text=True)
    assert level(app, world, "TV-1") == (8, 0, "Z-09-1")


def test_a_bad_delivery_note_says_what_is_wrong_and_changes_nothing(app, world, staff_client):
    bad = _delivery(
        "confirm",
        sku=["NO-SUCH", "TV-1", "TV-1"],
        expected=["1", "-2", "1"],
        received=["1", "1", "²"],
    )
    answer = staff_client.post("/staff/receiving?lang=en", data=bad)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert "There is no product NO-SUCH." in page
    assert "Expected: a whole number from 0 to 100000." in page
    assert "TV-1 is already on the note." in page
    assert "Received: a whole number from 0 to 100000." in page
    assert movements(app, MovementKind.RECEIVED) == []
    assert level(app, world, "TV-1") == (5, 0, "A-04-1")


def test_a_count_is_blind_then_shows_differences_and_sets_what_was_found(app, world, staff_client):
    sheet = staff_client.get("/staff/counts/sheet?store=MSK-1&category=phones")
    page = sheet.get_data(as_text=True)
    assert "PHONE-1" in page and "PHONE-2" in page and "TV-1" not in page
    assert "Ожидалось" not in page  # the counter does not see what the system expects

    found = {"store": "MSK-1", "category": "phones", "sku": ["PHONE-1", "PHONE-2"]}
    checked = staff_client.post(
        "/staff/counts/sheet", data={**found, "found": ["12", "1"], "action": "check"}
    )
    page = checked.get_data(as_text=True)
    assert checked.status_code == 200 and "+2" in page and "-2" in page
    assert level(app, world, "PHONE-1")[0] == 10  # not yet

    confirmed = staff_client.post(
        "/staff/counts/sheet",
        data={**found, "found": ["12", "1"], "seen": ["10", "3"], "action": "confirm"},
    )
    assert confirmed.status_code == 302
    assert level(app, world, "PHONE-1")[0] == 12 and level(app, world, "PHONE-2")[0] == 1
    counted = movements(app, MovementKind.COUNTED)
    assert [delta for _s, _p, delta, _doc in counted] == [2, -2]
    assert all(doc.startswith("count:category:phones") for *_x, doc in counted)
    assert balanced(app)


def test_a_count_below_what_orders_hold_or_on_changed_stock_is_refused(
    app, world, staff_client, terminal
):
    terminal.post(
        "/orders", {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 3}], "payment": "cashier"}
    )
    scope = {"store": "MSK-1", "bin": "A-04-1", "sku": ["TV-1"], "action": "confirm"}
    below = staff_client.post("/staff/counts/sheet", data={**scope, "found": "2", "seen": "5"})
    assert below.status_code == 422
    assert "Заказы держат 3" in below.get_data(as_text=True)
    moved = staff_client.post("/staff/counts/sheet", data={**scope, "found": "4", "seen": "6"})
    assert moved.status_code == 422
    assert "пересчитайте" in moved.get_data(as_text=True)
    assert level(app, world, "TV-1")[:2] == (5, 3)
    assert movements(app, MovementKind.COUNTED) == []
    assert balanced(app)


def test_a_correction_writes_one_movement_with_its_reason(app, world, staff_client):
    url = "/staff/stock/MSK-1/TV-1/correct"
    assert staff_client.post(url, data={"reason": "damaged", "qty": "2"}).status_code == 302
    assert staff_client.post(url, data={"reason": "found", "qty": "1"}).status_code == 302
    assert level(app, world, "TV-1")[0] == 4
    assert [d for *_x, d, _doc in movements(app, MovementKind.CORRECTED)] == [-2, 1]
    page = staff_client.get("/staff/stock/MSK-1/TV-1").get_data(as_text=True)
    assert "повреждён" in page and "найден" in page and "Staff Member" in page

    vague = staff_client.post(url + "?lang=en", data={"reason": "other", "qty": "1"})
    assert vague.status_code == 422
    assert "Say in a few words what happened." in vague.get_data(as_text=True)
    too_many = staff_client.post(url, data={"reason": "lost", "qty": "9"})
    assert too_many.status_code == 409
    assert "Only 4 can be taken away" in too_many.get_data(as_text=True)
    assert level(app, world, "TV-1")[0] == 4
    assert len(movements(app, MovementKind.CORRECTED)) == 2
    assert balanced(app)


def test_a_threshold_puts_a_product_on_the_low_stock_list_shortest_first(app, world, staff_client):
    url = "/staff/stock/MSK-1/{}/threshold"
    assert staff_client.post(url.format("PHONE-1"), data={"threshold": "20"}).status_code == 302
    assert staff_client.post(url.format("TV-1"), data={"threshold": "6"}).status_code == 302
    refused = staff_client.post(url.format("TV-1"), data={"threshold": "-1"})
    assert refused.status_code == 422
    page = staff_client.get("/staff/stock/low").get_data(as_text=True)
    rows = page.split('data-testid="low-row"')[1:]
    assert "PHONE-1" in rows[0] and "TV-1" in rows[1]  # short by 10, then by 1
    listed = staff_client.get("/staff/stock?store=MSK-1&low=1").get_data(as_text=True)
    assert "PHONE-1" in listed and "TV-1" in listed and "PHONE-2" not in listed


def test_stock_list_filters_by_store_category_and_words(staff_client, world):
    page = staff_client.get("/staff/stock?store=MSK-2&category=tv").get_data(as_text=True)
    assert page.count('data-testid="stock-row"') == 1 and "TV-1" in page
    found = staff_client.get("/staff/stock?q=альфа").get_data(as_text=True)
    assert found.count('data-testid="stock-row"') == 2  # PHONE-1 in both stores
