"""Appeals over the API: the call centre (the shop device) records a customer's complaint
or question; staff answer it on /staff/appeals."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, StringConstraints

from server.api.blueprint import bp
from server.api.operation import current_device, operation
from server.api.schemas import Phone, Strict
from server.clock import now
from server.db import get_session
from server.models import AppealCategory, AppealChannel, DeviceKind
from server.services import appeals
from server.services.actors import Actor


class AppealApiIn(Strict):
    phone: Phone
    category: Literal["question", "delay", "wrong_goods", "quality", "service"]
    text: Annotated[str, StringConstraints(min_length=1, max_length=4000)]
    order: Annotated[str, StringConstraints(max_length=20)] | None = None
    channel: Literal["call_centre", "sms"] = "call_centre"


class AppealOut(BaseModel):
    id: int
    status: str
    category: str
    order: str | None
    due_at: datetime


@operation(
    bp,
    "POST",
    "/appeals",
    summary="Record a customer's complaint or question (call centre, SMS reply)",
    response=AppealOut,
    status=201,
    body=AppealApiIn,
    kinds={DeviceKind.SHOP},
)
def record_appeal(body: AppealApiIn) -> AppealOut:
    wanted = appeals.AppealIn(
        phone=body.phone,
        category=AppealCategory(body.category),
        channel=AppealChannel(body.channel),
        text=body.text,
        order_number=body.order or "",
    )
    appeal = appeals.open_appeal(
        get_session(), wanted, actor=Actor.of_device(current_device()), now=now()
    )
    return AppealOut(
        id=appeal.id,
        status=appeal.status.value,
        category=appeal.category.value,
        order=appeal.order.number if appeal.order else None,
        due_at=appeal.due_at,
    )
