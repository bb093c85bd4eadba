"""The identified shopper's reviews at the terminal: what they collected and have not
reviewed yet, and a rating with a short text that joins the moderation queue."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from common.i18n import current_language
from server.api.blueprint import bp
from server.api.customers import SHOPPER_DEVICES
from server.api.operation import operation
from server.api.schemas import LangQuery, Strict
from server.api.shopper import current_shopper
from server.clock import now
from server.db import get_session
from server.services import returns, shopper_reviews


class ToReviewOut(BaseModel):
    order: str
    sku: str
    name: str
    collected_at: datetime | None


class ToReviewList(BaseModel):
    items: list[ToReviewOut]


class ReviewIn(Strict):
    order: Annotated[str, Field(min_length=1, max_length=20)]
    sku: Annotated[str, Field(min_length=1, max_length=64)]
    rating: Annotated[int, Field(ge=1, le=5)]
    text: Annotated[str, Field(max_length=5_000)]


class ReviewOut(BaseModel):
    sku: str
    status: str = Field(description="pending: shown, and its bonus granted, once approved")


@operation(
    bp,
    "GET",
    "/customers/me/reviews",
    summary="What the identified shopper collected and has not reviewed yet (X-Customer-Token)",
    response=ToReviewList,
    query=LangQuery,
    kinds=SHOPPER_DEVICES,
)
def to_review(query: LangQuery) -> ToReviewList:
    lang = current_language()
    items = shopper_reviews.to_review(get_session(), current_shopper())
    return ToReviewList(
        items=[
            ToReviewOut(
                order=item.order.number or "",
                sku=item.line.sku,
                name=item.line.name(lang),
                collected_at=returns.handed_out_at(item.order),
            )
            for item in items
        ]
    )


@operation(
    bp,
    "POST",
    "/customers/me/reviews",
    summary="The identified shopper rates a product they collected; it waits for moderation",
    response=ReviewOut,
    status=201,
    body=ReviewIn,
    kinds=SHOPPER_DEVICES,
)
def leave_review(body: ReviewIn) -> ReviewOut:
    review = shopper_reviews.review_collected(
        get_session(),
        current_shopper(),
        order_number=body.order,
        sku=body.sku,
        rating=body.rating,
        text=body.text,
        lang=current_language(),
        now=now(),
    )
    return ReviewOut(sku=body.sku, status=review.status.value)
