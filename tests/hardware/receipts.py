"""Receipts as the terminal builds them, and reading their codes back like a scanner."""

from typing import Any

from PIL import Image

from hardware.receipt import Receipt, ReceiptLine

PHONE = ReceiptLine(
    name="Смартфон Samsung Galaxy A55 8/256 ГБ, тёмно-синий",
    qty=1,
    price="34 990,00 ₽",
    total="34 990,00 ₽",
)
CASE = ReceiptLine(
    name="Чехол-книжка для Samsung Galaxy A55, чёрный",
    qty=2,
    price="1 290,00 ₽",
    total="2 580,00 ₽",
)


def make_receipt(**overrides: Any) -> Receipt:
    fields: dict[str, Any] = {
        "store_name": "Кибермаркет «Ленинградский»",
        "store_address": "Москва, Ленинградский проспект, 39, стр. 79",
        "title": "Заказ",
        "order_number": "A-1042",
        "lines": [PHONE, CASE],
        "total_label": "Итого",
        "total": "37 570,00 ₽",
        "instructions": ["Оплатите на кассе до 14:32", "Затем получите заказ в окне 3"],
        "pickup_code": "K7QF2M9XRT",
        "pickup_code_display": "K7QF-2M9X-RT",
        "code_label": "Код получения",
        "printed_at": "12.05.2025 14:17",
        "footer": ["Спасибо за покупку!"],
    }
    fields.update(overrides)
    return Receipt(**fields)


def read_codes(image: Image.Image) -> set[tuple[str, str]]:
    """(symbol type, text) of every barcode pyzbar finds, as the pickup scanner would."""
    from pyzbar.pyzbar import decode

    return {(symbol.type, symbol.data.decode()) for symbol in decode(image)}
