"""/r/<token>: the small mobile page the review request links to. No login: the signed
token names one order (server/services/reviews.py); anything else is a plain 404."""

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue

from common.i18n import current_language, keep_language_choice
from server.clock import now
from server.db import get_session
from server.errors import DomainError, ErrorCode
from server.models import Order
from server.services import reviews
from server.services.reviews import ReviewIn

bp = Blueprint("review_page", __name__)
bp.before_request(keep_language_choice)


def _clean(raw: str | None, limit: int) -> str:
    """Free text that may keep its line breaks; control characters dropped."""
    kept = "".join(ch for ch in (raw or "") if ch.isprintable() or ch in "\n ")
    return kept[: limit + 1]  # one over the limit: the service says it is too long


def _rating(raw: str | None) -> int | None:
    text = (raw or "").strip()
    if not text:
        return None  # skipped
    return int(text) if text in {"1", "2", "3", "4", "5"} else 0  # 0: "choose 1 to 5"


def _page(
    order: Order, token: str, *, error: str | None = None, status: int = 200
) -> ResponseReturnValue:
    return render_template(
        "server/review.html",
        order=order,
        token=token,
        lines=reviews.reviewable_lines(order),
        done=reviews.reviews_of_order(get_session(), order),
        form=request.form,
        error=error,
    ), status


def _missing(exc: DomainError) -> ResponseReturnValue:
    return render_template("server/review_missing.html", message=str(exc.message)), 404


@bp.get("/r/<token>")
def review_form(token: str) -> ResponseReturnValue:
    try:
        order = reviews.order_of_token(get_session(), token[:200])
    except DomainError as exc:
        return _missing(exc)
    return _page(order, token)


@bp.post("/r/<token>")
def submit(token: str) -> ResponseReturnValue:
    session = get_session()
    try:
        order = reviews.order_of_token(session, token[:200], lock=True)
    except DomainError as exc:
        return _missing(exc)
    answers = [
        ReviewIn(
            product_id=line.product_id,
            rating=_rating(request.form.get(f"rating-{line.product_id}")),
            text=_clean(request.form.get(f"text-{line.product_id}"), reviews.TEXT_MAX),
            pros=_clean(request.form.get(f"pros-{line.product_id}"), reviews.PROS_CONS_MAX),
            cons=_clean(request.form.get(f"cons-{line.product_id}"), reviews.PROS_CONS_MAX),
        )
        for line in reviews.reviewable_lines(order)
    ]
    try:
        reviews.submit_reviews(session, order, answers, lang=current_language(), now=now())
        session.commit()
    except DomainError as exc:
        session.rollback()
        if exc.code is ErrorCode.REVIEW_NOT_FOUND:
            return _missing(exc)
        order = reviews.order_of_token(session, token[:200])
        return _page(order, token, error=str(exc.message), status=exc.status)
    return render_template("server/review_thanks.html", order=order)
