"""Every message a customer can receive: its trigger and its text in Russian and English.

A message is written in the order's (or customer's) language when its cause happens, and
sent by the worker (SMS outside quiet hours). Each belongs to a class:

- service: about an order the customer placed; always goes, on the channels the order gives;
- account: about the customer's bonuses; goes only on channels the customer allows;
- marketing: asks something of the customer (a review); also needs marketing consent.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    trigger: str  # when it is sent, for people reading this catalogue
    subject: dict[str, str]  # e-mail subject
    text: dict[str, str]  # SMS and e-mail body; {placeholders} filled from the order
    audience: str = "service"  # service, account or marketing (see above)
    # May still go once the order is handed out (others are cancelled then).
    after_pickup: bool = False


CATALOGUE: dict[str, Message] = {
    "created": Message(
        trigger="an online or call-centre order is accepted",
        subject={"ru": "Заказ {number} принят", "en": "Order {number} accepted"},
        text={
            "ru": "Заказ {number} принят. Мы сообщим, когда он будет готов к выдаче "
            "({store}). Вопросы: {chain_phone}",
            "en": "Order {number} is accepted. We will tell you when it is ready for pickup "
            "({store}). Questions: {chain_phone}",
        },
    ),
    "taken": Message(
        trigger="the warehouse takes the order for picking",
        subject={"ru": "Заказ {number} собирается", "en": "Order {number} is being picked"},
        text={
            "ru": "Заказ {number} взят в работу, собираем.",
            "en": "Order {number} is being picked.",
        },
    ),
    "ready": Message(
        trigger="the order is ready at a cybermarket, or has arrived at an outpost",
        subject={"ru": "Заказ {number} ждёт вас", "en": "Order {number} is waiting for you"},
        text={
            "ru": "Заказ {number} готов к выдаче: {store}, {address}, {hours}. Код получения "
            "{code}. Храним до {until}.",
            "en": "Order {number} is ready: {store}, {address}, {hours}. Pickup code {code}. "
            "Kept until {until}.",
        },
    ),
    "reminder": Message(
        trigger="every morning at the store's reminder hour while the order waits",
        subject={"ru": "Напоминание: заказ {number}", "en": "Reminder: order {number}"},
        text={
            "ru": "Напоминаем: заказ {number} ждёт вас по адресу {address} ({hours}). Код "
            "{code}. Храним до {until}.",
            "en": "Reminder: order {number} is waiting at {address} ({hours}). Code {code}. "
            "Kept until {until}.",
        },
    ),
    "expired": Message(
        trigger="the hold ended without pickup; the goods went back on sale",
        subject={"ru": "Заказ {number} отменён", "en": "Order {number} cancelled"},
        text={
            "ru": "Срок хранения заказа {number} истёк, заказ отменён.{refund} Вопросы: "
            "{chain_phone}",
            "en": "The hold of order {number} ended and the order is cancelled.{refund} "
            "Questions: {chain_phone}",
        },
    ),
    "issued": Message(
        trigger="the whole order is handed out",
        subject={"ru": "Заказ {number} выдан", "en": "Order {number} handed out"},
        text={
            "ru": "Заказ {number} выдан. Спасибо за покупку!",
            "en": "Order {number} is handed out. Thank you!",
        },
        after_pickup=True,
    ),
    "returned": Message(
        trigger="goods of a handed-out order are taken back at a window (once per return)",
        subject={"ru": "Возврат по заказу {number}", "en": "Return for order {number}"},
        text={
            "ru": "Возврат товаров по заказу {number} оформлен.{refund} Вопросы: {chain_phone}",
            "en": "The return of goods from order {number} is done.{refund} "
            "Questions: {chain_phone}",
        },
        after_pickup=True,
    ),
    "repair_accepted": Message(
        trigger="a unit is taken in for repair at a window",
        subject={"ru": "Ремонт {repair} принят", "en": "Repair {repair} accepted"},
        text={
            "ru": "{product} из заказа {number} принят в ремонт, номер {repair}. Код для "
            "получения {intake}. Мы сообщим, когда ремонт будет готов. Вопросы: {chain_phone}",
            "en": "{product} from order {number} is taken in for repair, number {repair}. "
            "Collection code {intake}. We will tell you when it is done. Questions: "
            "{chain_phone}",
        },
        after_pickup=True,
    ),
    "repair_repaired": Message(
        trigger="the service centre repaired the unit",
        subject={"ru": "Ремонт {repair}: отремонтировано", "en": "Repair {repair}: repaired"},
        text={
            "ru": "Ремонт {repair}: {product} отремонтирован. Мы сообщим, когда его можно "
            "будет забрать.",
            "en": "Repair {repair}: your {product} is repaired. We will tell you when you "
            "can collect it.",
        },
        after_pickup=True,
    ),
    "repair_replaced": Message(
        trigger="the service centre replaced the unit with a new one",
        subject={"ru": "Ремонт {repair}: замена", "en": "Repair {repair}: replaced"},
        text={
            "ru": "Ремонт {repair}: {product} заменён на новый. Мы сообщим, когда его можно "
            "будет забрать.",
            "en": "Repair {repair}: your {product} is replaced with a new one. We will tell "
            "you when you can collect it.",
        },
        after_pickup=True,
    ),
    "repair_refused": Message(
        trigger="the service centre refused the warranty repair",
        subject={"ru": "Ремонт {repair}: отказ", "en": "Repair {repair}: refused"},
        text={
            "ru": "Ремонт {repair}: сервисный центр отказал в гарантийном ремонте ({note}). "
            "Вопросы: {chain_phone}",
            "en": "Repair {repair}: the service centre refused the warranty repair ({note}). "
            "Questions: {chain_phone}",
        },
        after_pickup=True,
    ),
    "repair_collection": Message(
        trigger="a big appliance is to be collected from the customer's home for repair",
        subject={
            "ru": "Ремонт {repair}: заберём {day}",
            "en": "Repair {repair}: collection on {day}",
        },
        text={
            "ru": "Ремонт {repair}: курьер заберёт {product} из дома {day}. Вопросы: {chain_phone}",
            "en": "Repair {repair}: a courier collects your {product} from home on {day}. "
            "Questions: {chain_phone}",
        },
        after_pickup=True,
    ),
    "repair_quoted": Message(
        trigger="out of warranty: the service centre quoted a paid repair",
        subject={"ru": "Ремонт {repair}: стоимость", "en": "Repair {repair}: the price"},
        text={
            "ru": "Ремонт {repair} ({product}) не гарантийный: стоимость {price}. Согласны? "
            "Ответьте по телефону {chain_phone}.",
            "en": "Repair {repair} ({product}) is out of warranty: it costs {price}. Do you "
            "agree? Call us at {chain_phone}.",
        },
        after_pickup=True,
    ),
    "repair_ready": Message(
        trigger="the unit is back from the service centre and waits at the window",
        subject={"ru": "Ремонт {repair} готов", "en": "Repair {repair} is ready"},
        text={
            "ru": "Заберите {product} (ремонт {repair}): {store}, {address}, {hours}. "
            "Код {intake}.",
            "en": "Collect your {product} (repair {repair}): {store}, {address}, {hours}. "
            "Code {intake}.",
        },
        after_pickup=True,
    ),
    "bonus_earned": Message(
        trigger="the whole order is handed out to an identified customer who earned bonuses",
        subject={"ru": "Бонусы за заказ {number}", "en": "Bonuses for order {number}"},
        text={
            "ru": "За заказ {number} начислено бонусов: {points}. На счёте: {balance}.",
            "en": "Order {number} earned you bonuses: {points}. Balance: {balance}.",
        },
        audience="account",
        after_pickup=True,
    ),
    "review_request": Message(
        trigger="the whole order is handed out; once per order, never again",
        subject={"ru": "Как вам покупка?", "en": "How do you like your purchase?"},
        text={
            "ru": "Спасибо за покупку! Оцените товары из заказа {number} и получите бонусы: {link}",
            "en": "Thank you for your purchase! Rate the goods of order {number} and get "
            "bonuses: {link}",
        },
        audience="marketing",
        after_pickup=True,
    ),
    "bonus_expiring": Message(
        trigger="bonuses will expire within the warning period (once per period)",
        subject={"ru": "Бонусы скоро сгорят", "en": "Your bonuses expire soon"},
        text={
            "ru": "{date} сгорят бонусы: {points}. Потратьте их на товары от 2 000 ₽. "
            "Вопросы: {chain_phone}",
            "en": "Bonuses expiring on {date}: {points}. Spend them on goods from 2 000 RUB. "
            "Questions: {chain_phone}",
        },
        audience="account",
    ),
    "delayed": Message(
        trigger="an online order is not ready within the expected time",
        subject={"ru": "Заказ {number} задерживается", "en": "Order {number} is delayed"},
        text={
            "ru": "Извините: заказ {number} задерживается. Мы сообщим, как только он будет "
            "готов. Вопросы: {chain_phone}",
            "en": "Sorry: order {number} is delayed. We will tell you as soon as it is ready. "
            "Questions: {chain_phone}",
        },
    ),
    "handed_over": Message(
        trigger="staff hand the order over to another store for pickup",
        subject={
            "ru": "Заказ {number} будет ждать вас в другом магазине",
            "en": "Order {number} will wait for you at another store",
        },
        text={
            "ru": "Заказ {number} теперь выдаём здесь: {store}, {address}, {hours}. Мы "
            "сообщим, когда он будет готов. Вопросы: {chain_phone}",
            "en": "Order {number} will now be handed out at {store}, {address}, {hours}. We "
            "will tell you when it is ready. Questions: {chain_phone}",
        },
    ),
    "late_payment": Message(
        trigger="a payment arrives for an order that had expired, was cancelled or was paid",
        subject={
            "ru": "Возврат оплаты заказа {number}",
            "en": "Your payment for order {number} is refunded",
        },
        text={
            "ru": "Оплата заказа {number} пришла, когда заказ уже был отменён или оплачен. "
            "Мы возвращаем деньги: они придут на карту в течение нескольких дней. Вопросы: "
            "{chain_phone}",
            "en": "Your payment for order {number} arrived after the order was cancelled or "
            "already paid. We are returning the money: it will reach your card within a few "
            "days. Questions: {chain_phone}",
        },
    ),
}

REFUND_NOTE = {
    "ru": " Деньги вернутся на карту в течение нескольких дней.",
    "en": " The money will return to your card within a few days.",
}
