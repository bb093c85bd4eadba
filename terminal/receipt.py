"""The terminal's receipt, as content: a pure function of the order, the store and the language.

Its texts live here rather than in the gettext catalog because a receipt is printed in
the shopper's language whatever the request around it, and this stays a plain function.
"""

from datetime import datetime

from common.money import format_money
from common.receipts import local_time, order_receipt, receipt_line
from common.wire import Order, Store
from hardware.receipt import Receipt

TEXTS = {
    "ru": {
        "title": "Заказ",
        "total": "Итого",
        "pay_cashier": "Оплатите на кассе до {time}",
        "then_window": "Затем заберите заказ в окне выдачи",
        "paid_card": "Оплачено картой",
        "watch_board": "Номер появится на табло, когда заказ будет готов",
        "footer": "Спасибо за покупку! Сохраните чек до получения товара.",
        "bonus": "Оплачено бонусами",
        "paid_money": "Оплачено картой",
        "to_pay": "К оплате",
    },
    "en": {
        "title": "Order",
        "total": "Total",
        "pay_cashier": "Pay at the cashier by {time}",
        "then_window": "Then collect your order at the pickup window",
        "paid_card": "Paid by card",
        "watch_board": "Your number appears on the board when the order is ready",
        "footer": "Thank you! Keep this receipt until you collect your goods.",
        "bonus": "Paid with bonuses",
        "paid_money": "Paid by card",
        "to_pay": "To pay",
    },
}


def pay_by(order: Order, store: Store) -> str | None:
    """When an unpaid order's hold ends, on the store's clock: "14:32"; None without a hold."""
    if order.hold_until is None:
        return None
    return local_time(order.hold_until, store).strftime("%H:%M")


def build_receipt(order: Order, store: Store, *, lang: str, now: datetime) -> Receipt:
    """What to print for an order: paid by card, or waiting for the cashier."""
    text = TEXTS["en" if lang == "en" else "ru"]
    if order.paid:
        instructions = [text["paid_card"], text["watch_board"]]
    else:
        until = pay_by(order, store)
        instructions = [text["pay_cashier"].format(time=until), text["then_window"]]
    return order_receipt(
        order,
        store,
        title=text["title"],
        lang=lang,
        now=now,
        lines=[receipt_line(line, line.qty, lang) for line in order.lines],
        total_label=text["total"],
        total=format_money(order.total_minor + order.bonus_minor, lang),
        amounts=_amounts(order, text, lang),
        instructions=instructions,
        footer=[text["footer"]],
    )


def _amounts(order: Order, text: dict[str, str], lang: str) -> list[tuple[str, str]]:
    """With bonuses spent: how much they paid, and what is paid (or to pay) in money."""
    if not order.bonus_minor:
        return []
    money = text["paid_money"] if order.paid else text["to_pay"]
    return [
        (text["bonus"], "−" + format_money(order.bonus_minor, lang)),
        (money, format_money(order.total_minor, lang)),
    ]
