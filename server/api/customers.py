"""Customers over the API: a one-time code by SMS, verify it, the customer card."""

from typing import Annotated, Literal

from flask import current_app, request
from pydantic import BaseModel, StringConstraints

from server.api.blueprint import bp
from server.api.operation import current_device, operation
from server.api.schemas import LangQuery, Language, Phone, Strict
from server.clock import now
from server.db import get_session
from server.errors import ErrorCode
from server.models import Channel, Customer, DeviceKind
from server.notifications.channels import make_senders
from server.services import customer_card, customer_codes
from server.services.bonuses import balance
from server.services.customers import mask_phone
from server.services.phones import normalize_phone

# Only the devices a shopper identifies at: the terminal and the online shop.
SHOPPER_DEVICES = {DeviceKind.TERMINAL, DeviceKind.SHOP}


class CodeIn(Strict):
    phone: Phone
    language: Language = "ru"


class VerifyIn(Strict):
    phone: Phone
    code: Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")]


class CodeSent(BaseModel):
    sent: Literal[True] = True
    phone: str


class CustomerOut(BaseModel):
    phone: str
    name: str | None
    bonus_balance: int


class VerifiedOut(BaseModel):
    customer: CustomerOut
    customer_token: str


def customer_out(customer: Customer) -> CustomerOut:
    return CustomerOut(
        phone=mask_phone(customer.phone),
        name=customer.name,
        bonus_balance=balance(get_session(), customer.id),
    )


def identified_shopper() -> Customer | None:
    """The shopper this device identified, from X-Customer-Token; None without the header.

    Raises CUSTOMER_TOKEN_INVALID for a token that is unknown, ended or another device's.
    """
    token = request.headers.get("X-Customer-Token", "").strip()
    if not token:
        return None
    return customer_codes.customer_of_token(
        get_session(), token, device_id=current_device().id, now=now()
    )


@operation(
    bp,
    "POST",
    "/customers/code",
    summary="Send a one-time code by SMS to identify a shopper by phone",
    response=CodeSent,
    status=202,
    body=CodeIn,
    kinds=SHOPPER_DEVICES,
)
def send_code(body: CodeIn) -> CodeSent:
    phone = normalize_phone(body.phone)
    customer_codes.send_code(
        get_session(),
        phone,
        device_id=current_device().id,
        sender=make_senders(current_app.config).get(Channel.SMS),
        language=body.language,
        now=now(),
    )
    return CodeSent(phone=mask_phone(phone))


@operation(
    bp,
    "POST",
    "/customers/verify",
    summary="Check the code; the shopper is identified on this device for 15 minutes",
    response=VerifiedOut,
    body=VerifyIn,
    kinds=SHOPPER_DEVICES,
    # A wrong code counts as a try although the answer is an error.
    keeps={ErrorCode.WRONG_CODE},
)
def verify(body: VerifyIn) -> VerifiedOut:
    customer, token = customer_codes.verify_code(
        get_session(),
        normalize_phone(body.phone),
        body.code,
        device_id=current_device().id,
        now=now(),
    )
    return VerifiedOut(customer=customer_out(customer), customer_token=token)


class Forgotten(BaseModel):
    forgotten: Literal[True] = True


@operation(
    bp,
    "POST",
    "/customers/forget",
    summary="The device forgets the shopper (idle reset, end of checkout): X-Customer-Token ends",
    response=Forgotten,
    kinds=SHOPPER_DEVICES,
)
def forget() -> Forgotten:
    token = request.headers.get("X-Customer-Token", "").strip()
    if token:
        customer_codes.end_token(get_session(), token, device_id=current_device().id, now=now())
    return Forgotten()


@operation(
    bp,
    "GET",
    "/customers/<phone>",
    summary="The customer card: profile, orders with events, messages, bonus ledger",
    response=customer_card.CardOut,
    query=LangQuery,
    kinds={DeviceKind.SHOP},
)
def get_customer(phone: str, query: LangQuery) -> customer_card.CardOut:
    return customer_card.card(get_session(), normalize_phone(phone))
