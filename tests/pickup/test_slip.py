"""The slip and the payment receipt as content: pure functions of the order and the store."""

from datetime import UTC, datetime

from pyzbar.pyzbar import decode

from common.wire import Order, Store
from hardware.receipt_layout import render_receipt
from pickup.slip import build_payment_receipt, build_slip

STORE = Store(
    code="MSK-1",
    name="Кибермаркет MSK-1",
    address="Москва, Тверская ул., 1",
    timezone="Europe/Moscow",
)
ORDER = {
    "number": "A-1042",
    "status": "partially_issued",
    "pickup_code": "ABCD2345X",
    "window": 3,
    "total_minor": 7_497_000,
    "paid_minor": 7_497_000,
    "lines": [
        {
            "sku": "PHONE-1",
            "name": "Смартфон Альфа",
            "qty": 2,
            "qty_issued": 1,
            "price_minor": 2_999_000,
        },
        {
            "sku": "TV-1",
            "name": "Телевизор Бета",
            "qty": 1,
            "qty_issued": 0,
            "price_minor": 1_499_000,
        },
    ],
}
AT = datetime(2026, 11, 24, 11, 2, tzinfo=UTC)


def test_slip_lists_what_was_handed_out_when_and_where():
    slip = build_slip(
        Order.from_json(ORDER),
        {"PHONE-1": 1},
        STORE,
        device="pickup-3",
        window=3,
        clerk="Анна",
        lang="ru",
        now=AT,
    )
    assert slip.title == "Выдача заказа" and slip.order_number == "A-1042"
    assert [(line.name, line.qty, line.total) for line in slip.lines] == [
        ("Смартфон Альфа", 1, "29\xa0990 ₽")
    ]
    assert slip.instructions == [
        "Выдано 24.11.2026 в 14:02",
        "Окно 3 · Анна",
        "Осталось выдать: 2 шт.",
    ]
    assert slip.pickup_code_display == "ABCD-2345-X"
    assert {s.data.decode() for s in decode(render_receipt(slip))} == {"ABCD2345X"}


def test_slip_in_english_for_a_complete_order_without_a_window():
    done = {
        **ORDER,
        "window": None,
        "lines": [{**line, "qty_issued": line["qty"]} for line in ORDER["lines"]],
    }
    slip = build_slip(
        Order.from_json(done), {"TV-1": 1}, STORE, device="pickup-1", lang="en", now=AT
    )
    assert slip.title == "Order handed out"
    assert slip.instructions[1:] == ["Handed out by pickup-1", "The whole order is handed out"]


def test_payment_receipt_says_paid_how_and_where_to_collect():
    paid = {**ORDER, "status": "paid"}
    receipt = build_payment_receipt(
        Order.from_json(paid),
        STORE,
        method="card",
        amount_minor=7_497_000,
        auth_code="000042",
        lang="ru",
        now=AT,
    )
    assert receipt.title == "Оплачено" and receipt.order_number == "A-1042"
    assert receipt.instructions == [
        "Оплачено картой: 74\xa0970\xa0₽",
        "Код авторизации 000042",
        "Заберите заказ в окне выдачи",
        "Номер появится на табло, когда заказ будет готов",
    ]
    assert receipt.printed_at == "24.11.2026 14:02"
