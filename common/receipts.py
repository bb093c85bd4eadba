"""What every paper a device prints for an order shares: the store, the order number, the
pickup code (barcode, QR code and the grouped text a person types) and the local time.

The terminal's receipt (terminal/receipt.py) and the pickup's slips (pickup/slip.py) add
their own lines, totals and instructions. Texts live here rather than in the gettext
catalog because paper is printed in the customer's language whatever the request around it.
"""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from common.money import format_money
from common.pickup_code import display_pickup_code
from common.wire import Order, OrderLine, Store
from hardware.receipt import Receipt, ReceiptLine

CODE_LABEL = {"ru": "Код получения", "en": "Pickup code"}


def local_time(moment: datetime, store: Store) -> datetime:
    """A moment on the store's own clock."""
    return moment.astimezone(ZoneInfo(store.timezone))


def receipt_line(line: OrderLine, qty: int, lang: str) -> ReceiptLine:
    return ReceiptLine(
        name=line.name,
        qty=qty,
        price=format_money(line.price_minor, lang),
        total=format_money(line.price_minor * qty, lang),
    )


def order_receipt(
    order: Order, store: Store, *, title: str, lang: str, now: datetime, **rest: Any
) -> Receipt:
    """A Receipt for ``order`` with the parts every paper shares; ``rest`` is the body."""
    return Receipt(
        store_name=store.name,
        store_address=store.address,
        title=title,
        order_number=order.number,
        pickup_code=order.pickup_code,
        pickup_code_display=display_pickup_code(order.pickup_code),
        code_label=CODE_LABEL["en" if lang == "en" else "ru"],
        printed_at=local_time(now, store).strftime("%d.%m.%Y %H:%M"),
        **rest,
    )
