"""A shopper at the terminal, through its pages: browse, cart, pay, receipt; and what goes wrong."""

from flask import Flask
from pyzbar.pyzbar import decode

from hardware.receipt_layout import render_receipt


def add(kiosk, sku: str, qty: int = 1):
    return kiosk.post(
        "/cart/add", data={"sku": sku, "qty": str(qty)}, headers={"HX-Request": "true"}
    )


def checkout(kiosk, method: str):
    kiosk.get("/checkout")
    return kiosk.post("/checkout", data={"method": method})


def barcodes(printer) -> set[str]:
    return {symbol.data.decode() for symbol in decode(render_receipt(printer.receipts[-1]))}


def test_catalog_category_and_product_pages_show_stock_here(kiosk):
    assert "Смартфоны" in kiosk.get("/catalog").get_data(as_text=True)
    listing = kiosk.get("/catalog/phones").get_data(as_text=True)
    assert "Смартфон Альфа" in listing and "10 шт. в этом магазине" in listing
    page = kiosk.get("/product/PHONE-1").get_data(as_text=True)
    assert "29\xa0990 ₽" in page and "Вес" in page


def test_product_out_here_says_where_it_is(kiosk, app: Flask, world):
    from server.db import get_session
    from server.models import Stock

    with app.app_context():
        session = get_session()
        row = (
            session.query(Stock)
            .filter_by(store_id=world.store.id, product_id=world.products["TV-1"].id)
            .one()
        )
        row.on_hand = 0
        session.commit()
    page = kiosk.get("/product/TV-1").get_data(as_text=True)
    assert "Сейчас нет в этом магазине" in page
    assert "Кибермаркет MSK-2" in page and "2 шт." in page


def test_card_checkout_pays_and_prints_a_receipt_whose_barcode_is_the_pickup_code(
    kiosk, printer, card_reader, terminal
):
    assert "Добавлено в корзину" in add(kiosk, "PHONE-1", 2).get_data(as_text=True)
    add(kiosk, "TV-1")
    done = checkout(kiosk, "card")
    assert done.status_code == 302
    page = kiosk.get(done.location).get_data(as_text=True)
    number = done.location.rsplit("/", 1)[-1]
    assert number in page and "Оплачено" in page

    order = terminal.get(f"/orders/{number}").json
    assert order["status"] == "paid"
    assert order["total_minor"] == 2 * 2_999_000 + 5_499_000
    assert card_reader.charges[-1].amount_minor == order["total_minor"]
    assert barcodes(printer) == {order["pickup_code"]}
    assert printer.receipts[-1].order_number == number
    assert kiosk.get("/cart").get_data(as_text=True).count("Корзина пуста") == 1


def test_double_tap_makes_one_order_and_one_charge(kiosk, terminal_app, card_reader, app, world):
    import threading

    from sqlalchemy import func, select

    from server.db import get_session
    from server.models import Order

    add(kiosk, "PHONE-2")
    kiosk.get("/checkout")
    cookie = kiosk.get_cookie("session")
    second = terminal_app.test_client()
    second.set_cookie("session", cookie.value)
    answers = []

    def tap(client) -> None:
        answers.append(client.post("/checkout", data={"method": "card"}))

    taps = [threading.Thread(target=tap, args=(c,)) for c in (kiosk, second)]
    for t in taps:
        t.start()
    for t in taps:
        t.join()

    assert len({a.location for a in answers}) == 1
    assert len(card_reader.charges) == 1
    with app.app_context():
        assert get_session().scalar(select(func.count()).select_from(Order)) == 1


def test_cashier_checkout_reserves_and_receipt_sends_to_the_cashier(kiosk, printer, terminal):
    add(kiosk, "TV-1")
    done = checkout(kiosk, "cashier")
    number = done.location.rsplit("/", 1)[-1]
    assert terminal.get(f"/orders/{number}").json["status"] == "reserved"
    receipt = printer.receipts[-1]
    assert receipt.instructions[0].startswith("Оплатите на кассе до ")
    assert "Оплатите на кассе" in kiosk.get(done.location).get_data(as_text=True)


def test_declined_card_keeps_the_reservation_and_offers_the_way_out(
    kiosk, card_reader, printer, terminal
):
    add(kiosk, "TV-1")
    card_reader.next_outcomes.append("declined")
    done = checkout(kiosk, "card")
    page = kiosk.get(done.location).get_data(as_text=True)
    number = done.location.rsplit("/", 1)[-1]
    assert "Карта отклонена" in page and "Попробовать картой ещё раз" in page
    assert terminal.get(f"/orders/{number}").json["status"] == "reserved"
    assert printer.receipts == []

    kiosk.post(f"/order/{number}/retry-card")
    assert terminal.get(f"/orders/{number}").json["status"] == "paid"
    assert len(card_reader.charges) == 2
    assert barcodes(printer) == {terminal.get(f"/orders/{number}").json["pickup_code"]}


def test_declined_then_pay_at_cashier_prints_a_cashier_receipt(kiosk, card_reader, printer):
    add(kiosk, "TV-1")
    card_reader.next_outcomes.append("timeout")
    done = checkout(kiosk, "card")
    number = done.location.rsplit("/", 1)[-1]
    assert "не дождался ответа" in kiosk.get(done.location).get_data(as_text=True)
    kiosk.post(f"/order/{number}/pay-at-cashier")
    assert printer.receipts[-1].instructions[0].startswith("Оплатите на кассе")


def test_printer_out_of_paper_keeps_the_order_and_allows_a_reprint(
    kiosk, printer, terminal, monkeypatch
):
    """The roll ends during this very receipt: the sensor said "ok" when the shopper paid.
    (A printer already out of paper closes the terminal first: test_out_of_service.py.)"""
    from hardware.printers import PrinterStatus

    add(kiosk, "PHONE-1")
    printer.fault = "paper_out"
    monkeypatch.setattr(printer, "status", lambda: PrinterStatus.OK)
    done = checkout(kiosk, "card")
    number = done.location.rsplit("/", 1)[-1]
    page = kiosk.get(done.location).get_data(as_text=True)
    assert "закончилась бумага" in page and number in page
    assert terminal.get(f"/orders/{number}").json["status"] == "paid"

    printer.fault = None
    kiosk.post(f"/order/{number}/reprint")
    assert printer.receipts[-1].order_number == number
    assert "Возьмите чек" in kiosk.get(done.location).get_data(as_text=True)


def test_server_unreachable_keeps_the_cart_and_recovers(kiosk, wire, terminal):
    add(kiosk, "PHONE-1")
    wire.down = True
    kiosk.get("/checkout")
    failed = kiosk.post("/checkout", data={"method": "cashier"})
    assert failed.status_code == 503
    assert "Нет связи с сервером" in failed.get_data(as_text=True)
    assert "offline-banner" in kiosk.get("/status").get_data(as_text=True)
    assert "Смартфон Альфа" in kiosk.get("/cart").get_data(as_text=True)

    wire.down = False
    assert "offline-banner" not in kiosk.get("/status").get_data(as_text=True)
    done = kiosk.post("/checkout", data={"method": "cashier"})
    assert done.status_code == 302


def test_english_on_request(kiosk):
    kiosk.post("/lang/en", data={"next": "/catalog"})
    page = kiosk.get("/catalog/phones").get_data(as_text=True)
    assert "Alpha phone" in page and "10 in stock here" in page


def test_tampered_forms_get_a_clear_answer(kiosk, world):
    for sku, qty in [
        ("PHONE-1", "-1"),
        ("PHONE-1", "9999999999"),
        ("PHONE-1", "abc"),
        ("<script>", "1"),
        ("NOPE-1", "1"),
        ("PHONE-2", "4"),
        ("", ""),
    ]:
        answer = kiosk.post(
            "/cart/add", data={"sku": sku, "qty": qty}, headers={"HX-Request": "true"}
        )
        assert answer.status_code in (404, 409, 422), (sku, qty, answer.status_code)
        assert "<script>" not in answer.get_data(as_text=True)
    assert kiosk.post("/checkout", data={"method": "bitcoin"}).status_code == 302
    assert kiosk.get("/order/A-9999").status_code == 404
    assert kiosk.get("/product/%3Cscript%3E").status_code == 404
    assert kiosk.post("/lang/xx", data={"next": "https://evil.example/"}).location == "/"


def test_reset_clears_the_cart(kiosk):
    add(kiosk, "PHONE-1")
    kiosk.post("/reset")
    assert "Корзина пуста" in kiosk.get("/cart").get_data(as_text=True)
