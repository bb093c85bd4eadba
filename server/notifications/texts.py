"""A message's words for one order: the store's quiet hours, the placeholders, the text.

Pure: nothing here reads or writes the database; outbox.py queues what render() makes.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Protocol, cast
from zoneinfo import ZoneInfo

from flask import current_app

from server.models import Order, OrderStatus, Store
from server.notifications.catalogue import CATALOGUE, REFUND_NOTE


@dataclass(frozen=True)
class NotifyPolicy:
    chain_phone: str
    quiet_from: int = 21  # local hour when SMS stop
    quiet_until: int = 9  # local hour when they may go again


def sms_due(now: datetime, timezone: str, policy: NotifyPolicy) -> datetime:
    """Now, or the end of the store's quiet hours if now falls inside them."""
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    morning = datetime.combine(local.date(), time(policy.quiet_until), zone)
    if local.hour >= policy.quiet_from:
        return morning + timedelta(days=1)
    if local.hour < policy.quiet_until:
        return morning
    return now


def _display(code: str) -> str:
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


class Addressee(Protocol):
    """What a message needs of its order: an Order, or a row of these columns."""

    @property
    def id(self) -> int: ...
    @property
    def number(self) -> str | None: ...
    @property
    def status(self) -> OrderStatus: ...
    @property
    def customer_language(self) -> str: ...
    @property
    def customer_phone(self) -> str | None: ...
    @property
    def customer_email(self) -> str | None: ...
    @property
    def pickup_code(self) -> str: ...
    @property
    def hold_until(self) -> datetime | None: ...


# The columns of an Addressee, for callers that read a batch as rows instead of Orders.
ADDRESSEE_COLUMNS = (
    Order.id,
    Order.number,
    Order.status,
    Order.customer_language,
    Order.customer_phone,
    Order.customer_email,
    Order.pickup_code,
    Order.hold_until,
    Order.store_id,
)


def store_values(store: Store, lang: str, policy: NotifyPolicy) -> dict[str, str]:
    """The placeholders that are the same for every order of the store in this language."""
    return {
        "store": store.name(lang),
        "address": store.address(lang),
        "hours": store.opening_hours,
        "chain_phone": policy.chain_phone,
    }


def render(
    order: Addressee,
    kind: str,
    policy: NotifyPolicy,
    *,
    refunded: bool = False,
    extra: dict[str, str] | None = None,
    store: Store | None = None,
    same: dict[str, str] | None = None,
) -> tuple[str, str]:
    """The subject and text of this message for the order, in its customer's language.

    `store`: the order's store (else order.store); `same`: store_values already made for
    that store and language, so a batch fills those once."""
    lang = "en" if order.customer_language == "en" else "ru"
    store = store if store is not None else cast(Order, order).store
    until = ""
    if order.hold_until is not None:
        until = order.hold_until.astimezone(ZoneInfo(store.timezone)).strftime("%d.%m %H:%M")
    values = {
        **(same if same is not None else store_values(store, lang, policy)),
        "number": order.number,
        "code": _display(order.pickup_code),
        "until": until,
        "refund": REFUND_NOTE[lang] if refunded else "",
        **(extra or {}),
    }
    message = CATALOGUE[kind]
    return message.subject[lang].format(**values), message.text[lang].format(**values)


def configured_policy() -> NotifyPolicy:
    config = current_app.config
    return NotifyPolicy(
        config["CHAIN_PHONE"], config["QUIET_FROM_HOUR"], config["QUIET_UNTIL_HOUR"]
    )
