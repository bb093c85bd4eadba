"""What a receipt says, already in the shopper's language; hardware/ only lays it out.

The content is built by pure functions in the device apps (terminal/receipt.py,
pickup/slip.py); the layout (hardware/receipt_layout.py) draws it as an image so
Cyrillic prints on any ESC/POS printer, whatever code pages it has.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReceiptLine:
    name: str
    qty: int
    price: str  # formatted, e.g. "34 990,00 ₽"
    total: str


@dataclass(frozen=True)
class Receipt:
    store_name: str
    store_address: str
    title: str  # "Заказ" / "Order"
    order_number: str  # printed in large type: "A-1042"
    lines: list[ReceiptLine]
    total_label: str  # "Итого" / "Total"
    total: str
    # Where to go next, one short sentence a line: "Оплатите на кассе до 14:32".
    instructions: list[str]
    pickup_code: str  # what the barcode and the QR code carry
    pickup_code_display: str  # what a person reads or types: "ABCD-EFGH-J"
    code_label: str  # "Код получения" / "Pickup code"
    printed_at: str  # formatted local time
    footer: list[str] = field(default_factory=list)
    # Under the total, label and amount a row: "Оплачено бонусами  −12 500,00 ₽".
    amounts: list[tuple[str, str]] = field(default_factory=list)
