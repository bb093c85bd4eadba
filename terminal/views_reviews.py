"""Reviews on the touchscreen: once identified, the shopper rates what they collected and
writes a few words on the on-screen keyboard. The server keeps the rules (10 characters at
least, one review per product) and the moderation; bonuses come only when approved."""

import hashlib

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from common import form_values
from common.api_client import ApiError
from common.customer_wire import ToReview
from common.i18n import current_language
from terminal import shopper
from terminal.kiosk import kiosk

bp = Blueprint("reviews", __name__)
TEXT_LIMIT = 500  # a short text typed by touch; longer reviews go through the SMS link


def _opened(order: str, sku: str) -> tuple[shopper.Identified, ToReview] | Response:
    """The shopper and the product as the server lists it for them (nothing else can be
    reviewed), or the way back: to the phone pad when nobody is identified, else to /me."""
    known = shopper.current()
    if known is None:
        return redirect(url_for("identify.phone", next="me"))
    try:
        items = kiosk().api.to_review(known.token, lang=current_language())
    except ApiError as exc:
        return _ended(exc)
    item = next((i for i in items if (i.order, i.sku) == (order[:20], sku[:64])), None)
    if item is None:
        return redirect(url_for("identify.me"))
    return known, item


def _ended(exc: ApiError) -> Response:
    """The shopper's 15 minutes are over (or "not me" elsewhere): ask for the phone again."""
    if exc.code != "customer_token_invalid":
        raise exc
    shopper.forget(kiosk().api, lang=current_language())
    return redirect(url_for("identify.phone", next="me"))


def _page(
    item: ToReview,
    *,
    message: str | None = None,
    rating: int = 0,
    text: str = "",
    status: int = 200,
) -> ResponseReturnValue:
    return render_template(
        "terminal/review.html",
        item=item,
        message=message,
        rating=rating,
        text=text,
        limit=TEXT_LIMIT,
    ), status


@bp.get("/me/review/<order>/<sku>")
def write(order: str, sku: str) -> ResponseReturnValue:
    opened = _opened(order, sku)
    return opened if isinstance(opened, Response) else _page(opened[1])


@bp.post("/me/review/<order>/<sku>")
def send(order: str, sku: str) -> ResponseReturnValue:
    opened = _opened(order, sku)
    if isinstance(opened, Response):
        return opened
    known, item = opened
    text = " ".join((request.form.get("text") or "").split())[:TEXT_LIMIT]
    try:
        rating = form_values.integer(
            request.form.get("rating"), low=1, high=5, message=_("Tap the stars to rate it.")
        )
    except form_values.BadValue as exc:
        return _page(item, message=str(exc.message), text=text, status=422)
    # The same taps give the same key (a second tap repeats the first); a corrected text
    # after a refusal is a new request.
    typed = f"{known.token}|{item.order}|{item.sku}|{rating}|{text}".encode()
    key = "review-" + hashlib.sha256(typed).hexdigest()[:32]
    try:
        kiosk().api.leave_review(known.token, item, rating, text, key=key, lang=current_language())
    except ApiError as exc:
        if exc.code == "customer_token_invalid":
            return _ended(exc)
        return _page(item, message=exc.message, rating=rating, text=text, status=exc.status)
    return redirect(url_for("identify.me", thanks=1))
