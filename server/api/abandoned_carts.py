"""A terminal's report of a cart its idle reset (or "start over") cleared unbought."""

from typing import Annotated

from pydantic import BaseModel, Field

from server.api.blueprint import bp
from server.api.operation import current_device, operation
from server.api.schemas import Code, Money, Quantity, Sku, Strict
from server.clock import now
from server.db import get_session
from server.models import DeviceKind
from server.services import abandoned_carts


class AbandonedLineIn(Strict):
    sku: Sku
    qty: Quantity
    price_minor: Money = Field(description="The price the terminal showed, in kopecks")


class AbandonedCartIn(Strict):
    lines: Annotated[list[AbandonedLineIn], Field(min_length=1, max_length=50)]
    total_minor: Annotated[int, Field(strict=True, ge=1, le=10**13)] = Field(
        description="The cart's value in kopecks: the sum of its lines"
    )
    store: Code | None = Field(None, description="The terminal's own store, if named")


class AbandonedCartOut(BaseModel):
    store: str
    items: int
    value_minor: int


@operation(
    bp,
    "POST",
    "/terminal/abandoned-carts",
    summary="Report a cart cleared by idle reset with goods still in it (for the KPIs)",
    response=AbandonedCartOut,
    status=201,
    body=AbandonedCartIn,
    kinds={DeviceKind.TERMINAL},
)
def report_abandoned_cart(body: AbandonedCartIn) -> AbandonedCartOut:
    cart = abandoned_carts.record_abandoned_cart(
        get_session(),
        current_device(),
        lines=[abandoned_carts.CartLine(li.sku, li.qty, li.price_minor) for li in body.lines],
        total_minor=body.total_minor,
        store_code=body.store,
        now=now(),
    )
    store = current_device().store
    code = store.code if store is not None else ""  # always a store: the service checked
    return AbandonedCartOut(store=code, items=cart.items, value_minor=cart.value_minor)
