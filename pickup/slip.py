"""What the station prints, as content: pure functions of the order, the store and the language.

A hand-out slip and a payment receipt are both hardware Receipts, so they are laid out
and printed like the terminal's. Their texts live here rather than in the gettext
catalog, as in terminal/receipt.py, so these stay plain functions of their arguments.
"""

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from common.money import format_money
from common.receipts import local_time, order_receipt, receipt_line
from common.wire import Order, Store
from hardware.receipt import Receipt

TEXTS = {
    "ru": {
        "slip_title": "Выдача заказа",
        "handed_total": "Сумма",
        "handed_at": "Выдано {day} в {time}",
        "handed_by": "Окно {window} · {device}",
        "handed_by_device": "Выдал: {device}",
        "left": "Осталось выдать: {n} шт.",
        "not_found": "Не найдено на складе, деньги возвращены: {n} шт.",
        "all_done": "Заказ выдан полностью",
        "paid_title": "Оплачено",
        "total": "Итого",
        "paid_cash": "Оплачено наличными: {amount}",
        "tendered": "Получено: {amount}",
        "change": "Сдача: {amount}",
        "paid_card": "Оплачено картой: {amount}",
        "card_auth": "Код авторизации {auth}",
        "collect": "Заберите заказ в окне выдачи",
        "watch_board": "Номер появится на табло, когда заказ будет готов",
        "slip_footer": "Спасибо за покупку!",
        "paid_footer": "Сохраните чек до получения товара.",
        "return_title": "Возврат товара",
        "return_total": "Стоимость",
        "return_reason": "Причина: {reason}",
        "refund_card": "Возврат на карту: {amount}",
        "refund_cash": "Выдано наличными: {amount}",
        "bonus_restored": "Бонусы возвращены: {points}",
        "bonus_taken_back": "Бонусы списаны: {points}",
        "returned_at": "Принято {day} в {time}",
        "not_resaleable": "Товар передан на проверку (брак)",
        "return_footer": "Сохраните этот чек.",
        "intake_title": "Приём в ремонт",
        "intake_code": "Код ремонта",
        "intake_serial": "Серийный номер: {serial}",
        "intake_defect": "Неисправность: {defect}",
        "intake_condition": "Состояние: {condition}",
        "intake_accessories": "Комплект: {accessories}",
        "intake_order": "Заказ {number}",
        "intake_footer": "Предъявите этот чек, чтобы забрать товар из ремонта.",
        "intake_price": "Цена покупки",
        "intake_collect": "Заберём у вас дома {day}",
        "intake_paid": "Платный ремонт: сервис назовёт цену до начала работ",
    },
    "en": {
        "slip_title": "Order handed out",
        "handed_total": "Value",
        "handed_at": "Handed out on {day} at {time}",
        "handed_by": "Window {window} · {device}",
        "handed_by_device": "Handed out by {device}",
        "left": "Still to hand out: {n} pcs",
        "not_found": "Not found in the warehouse, refunded: {n} pcs",
        "all_done": "The whole order is handed out",
        "paid_title": "Paid",
        "total": "Total",
        "paid_cash": "Paid in cash: {amount}",
        "tendered": "Received: {amount}",
        "change": "Change: {amount}",
        "paid_card": "Paid by card: {amount}",
        "card_auth": "Authorisation code {auth}",
        "collect": "Collect your order at the pickup window",
        "watch_board": "Your number appears on the board when the order is ready",
        "slip_footer": "Thank you for shopping with us!",
        "paid_footer": "Keep this receipt until you collect your goods.",
        "return_title": "Goods returned",
        "return_total": "Value",
        "return_reason": "Reason: {reason}",
        "refund_card": "Refunded to the card: {amount}",
        "refund_cash": "Paid out in cash: {amount}",
        "bonus_restored": "Bonuses given back: {points}",
        "bonus_taken_back": "Bonuses taken back: {points}",
        "returned_at": "Taken back on {day} at {time}",
        "not_resaleable": "The goods went for inspection (faulty)",
        "return_footer": "Keep this receipt.",
        "intake_title": "Taken in for repair",
        "intake_code": "Repair code",
        "intake_serial": "Serial number: {serial}",
        "intake_defect": "Defect: {defect}",
        "intake_condition": "Condition: {condition}",
        "intake_accessories": "Handed in with: {accessories}",
        "intake_order": "Order {number}",
        "intake_footer": "Show this slip to collect the item after the repair.",
        "intake_price": "Purchase price",
        "intake_collect": "Collected from your home on {day}",
        "intake_paid": "Paid repair: the service centre quotes the price before any work",
    },
}


def _money(minor: int, lang: str) -> str:
    """A sum that stays on one line of paper: "80 980 ₽", never "80" above "980 ₽"."""
    return format_money(minor, lang).replace(" ", "\u00a0")


def _text(lang: str) -> dict[str, str]:
    return TEXTS["en" if lang == "en" else "ru"]


def build_slip(
    order: Order,
    handed: dict[str, int],
    store: Store,
    *,
    device: str,
    lang: str,
    now: datetime,
    window: int | None = None,
    clerk: str | None = None,
) -> Receipt:
    """The hand-out slip: what went over the counter (SKU -> qty), when, and at which window."""
    text = _text(lang)
    lines = [(line, handed[line.sku]) for line in order.lines if handed.get(line.sku)]
    at = local_time(now, store)
    # The window and the person who handed it out; the PC's name only when neither is known.
    who = clerk or device
    where = (
        text["handed_by"].format(window=window, device=who)
        if window
        else text["handed_by_device"].format(device=who)
    )
    return order_receipt(
        order,
        store,
        title=text["slip_title"],
        lang=lang,
        now=now,
        lines=[receipt_line(line, qty, lang) for line, qty in lines],
        total_label=text["handed_total"],
        total=format_money(sum(line.price_minor * qty for line, qty in lines), lang),
        instructions=[
            text["handed_at"].format(day=at.strftime("%d.%m.%Y"), time=at.strftime("%H:%M")),
            where,
            *([text["not_found"].format(n=order.qty_missing)] if order.qty_missing else []),
            text["left"].format(n=order.qty_to_hand_out)
            if order.qty_to_hand_out
            else text["all_done"],
        ],
        footer=[text["slip_footer"]],
    )


def build_payment_receipt(
    order: Order,
    store: Store,
    *,
    method: str,
    amount_minor: int,
    auth_code: str | None,
    lang: str,
    now: datetime,
    tendered_minor: int | None = None,
) -> Receipt:
    """The cashier's receipt: paid, how much and how (cash: given and change), and where to
    collect the order."""
    text = _text(lang)
    amount = _money(amount_minor, lang)
    paid = text["paid_card" if method == "card" else "paid_cash"].format(amount=amount)
    instructions = [paid]
    if method == "cash" and tendered_minor is not None:
        instructions.append(text["tendered"].format(amount=_money(tendered_minor, lang)))
        change = _money(tendered_minor - amount_minor, lang)
        instructions.append(text["change"].format(amount=change))
    if method == "card" and auth_code:
        instructions.append(text["card_auth"].format(auth=auth_code))
    instructions.append(text["collect"])
    if not order.at_the_window:
        instructions.append(text["watch_board"])
    return order_receipt(
        order,
        store,
        title=text["paid_title"],
        lang=lang,
        now=now,
        # What the customer paid for: units the warehouse did not find are off the bill.
        lines=[receipt_line(line, line.qty_here, lang) for line in order.lines if line.qty_here],
        total_label=text["total"],
        total=format_money(order.total_minor, lang),
        instructions=instructions,
        footer=[text["paid_footer"]],
    )


def build_return_slip(
    order: Order,
    returned: dict[str, int],
    refund: dict[str, Any],
    store: Store,
    *,
    reason: str,
    lang: str,
    now: datetime,
) -> Receipt:
    """The return slip: the goods taken back (SKU -> qty), the money and bonuses given back."""
    text = _text(lang)
    lines = [(line, returned[line.sku]) for line in order.lines if returned.get(line.sku)]
    at = local_time(now, store)
    amount = _money(refund["refund_minor"], lang)
    money = text["refund_cash" if refund["refund_method"] == "cash" else "refund_card"]
    instructions = [
        text["returned_at"].format(day=at.strftime("%d.%m.%Y"), time=at.strftime("%H:%M")),
        text["return_reason"].format(reason=reason),
        money.format(amount=amount),
    ]
    if refund["bonus_restored"]:
        points = _money(refund["bonus_restored"], lang).replace("₽", "").strip()
        instructions.append(text["bonus_restored"].format(points=points))
    if refund["bonus_taken_back"]:
        points = _money(refund["bonus_taken_back"], lang).replace("₽", "").strip()
        instructions.append(text["bonus_taken_back"].format(points=points))
    if not refund["resaleable"]:
        instructions.append(text["not_resaleable"])
    return order_receipt(
        order,
        store,
        title=text["return_title"],
        lang=lang,
        now=now,
        lines=[receipt_line(line, qty, lang) for line, qty in lines],
        total_label=text["return_total"],
        total=format_money(sum(line.price_minor * qty for line, qty in lines), lang),
        instructions=instructions,
        footer=[text["return_footer"]],
    )


def build_intake_slip(
    order: Order, repair: dict[str, Any], store: Store, *, lang: str, now: datetime
) -> Receipt:
    """The repair intake slip: what was handed in, and the repair's own code to collect it."""
    text = _text(lang)
    line = next(line for line in order.lines if line.sku == repair["sku"])
    instructions = [
        text["intake_order"].format(number=order.number),
        text["intake_serial"].format(serial=repair["serial"]),
        text["intake_defect"].format(defect=repair["defect"]),
    ]
    if repair.get("condition"):
        instructions.append(text["intake_condition"].format(condition=repair["condition"]))
    if repair.get("accessories"):
        instructions.append(text["intake_accessories"].format(accessories=repair["accessories"]))
    if repair.get("collect_on"):
        day = date.fromisoformat(str(repair["collect_on"])).strftime("%d.%m.%Y")
        instructions.append(text["intake_collect"].format(day=day))
    if repair.get("under_warranty") is False:
        instructions.append(text["intake_paid"])
    slip = order_receipt(
        order,
        store,
        title=text["intake_title"],
        lang=lang,
        now=now,
        lines=[receipt_line(line, 1, lang)],
        total_label=text["intake_price"],
        total=format_money(line.price_minor, lang),
        instructions=instructions,
        footer=[text["intake_footer"]],
    )
    code = repair["intake_code"]
    return replace(
        slip,
        order_number=repair["number"],
        pickup_code=code,
        pickup_code_display=f"{code[:4]}-{code[4:8]}-{code[8:]}",
        code_label=text["intake_code"],
    )
