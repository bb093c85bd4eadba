"""The payment provider behind one small interface: where the customer pays, how we refund.

Config picks it by name (CYBERMARKET_PAYMENT_PROVIDER): "fake" is the demo's own page and
exists only in demo mode; "manual" is for a chain whose online shop takes the payment
itself and reports it by webhook, and whose staff refund in the provider's dashboard.
A real provider is one more module with these two methods and an entry in PROVIDERS.
"""

from typing import Protocol

from flask import Flask, current_app

from server.config import ConfigError
from server.models import Order, OrderStatus, PaymentMethod


class RefundFailed(Exception):
    """The provider refused or did not answer; staff see the reason and refund by hand."""


class PaymentProvider(Protocol):
    def checkout_url(self, order: Order) -> str | None:
        """Where the customer pays what is due on this order, or None when the shop knows."""

    def refund(self, order: Order, amount_minor: int, *, reference: str) -> str | None:
        """Give back a payment; the provider's refund id, or None if staff must do it by hand.

        Raises RefundFailed when the provider refuses.
        """


class ManualProvider:
    """No checkout link of ours, and refunds made by staff in the provider's own dashboard."""

    def checkout_url(self, order: Order) -> str | None:
        return None

    def refund(self, order: Order, amount_minor: int, *, reference: str) -> str | None:
        return None


def _fake() -> PaymentProvider:
    from server.payments.fake_provider import FakeProvider

    return FakeProvider()


PROVIDERS = {"fake": _fake, "manual": ManualProvider}


def init_app(app: Flask) -> None:
    name = app.config["PAYMENT_PROVIDER"]
    if name not in PROVIDERS:
        raise ConfigError(
            f"CYBERMARKET_PAYMENT_PROVIDER must be one of {', '.join(sorted(PROVIDERS))}."
        )
    app.extensions["payment_provider"] = PROVIDERS[name]()


def payment_provider() -> PaymentProvider:
    return current_app.extensions["payment_provider"]


def payment_url(order: Order) -> str | None:
    """The customer's link to pay an online order that still waits for its payment."""
    waiting = (
        order.payment_method is PaymentMethod.ONLINE
        and not order.is_paid
        and order.status is OrderStatus.RESERVED
    )
    return payment_provider().checkout_url(order) if waiting else None
