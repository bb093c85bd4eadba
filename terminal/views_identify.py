"""Identify by phone on the touchscreen: the number on a digit pad, a code by SMS, then the
shopper's name, bonuses and open orders; "not me" forgets them at once."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from common.api_client import ApiError
from common.i18n import current_language
from terminal import shopper
from terminal.kiosk import kiosk

bp = Blueprint("identify", __name__)

# Codes after which the typed code can never work: the shopper needs a new one.
NEEDS_NEW_CODE = {"code_expired", "too_many_attempts", "unknown_code"}


def _digits(raw: str | None) -> str | None:
    """The ten digits after +7, from what the pad typed; None when it cannot be a mobile."""
    digits = "".join(ch for ch in (raw or "") if ch.isdigit())
    if len(digits) == 11 and digits[0] in "78":
        digits = digits[1:]
    return digits if len(digits) == 10 else None


def _phone_page(
    message: str | None = None, status: int = 200, phone: str = ""
) -> ResponseReturnValue:
    return render_template("terminal/identify.html", message=message, phone=phone), status


def _code_page(
    message: str | None = None, status: int = 200, *, expired: bool = False, good: bool = False
) -> ResponseReturnValue:
    digits = shopper.pending_phone()
    if digits is None:
        return redirect(url_for("identify.phone"))
    return render_template(
        "terminal/identify_code.html",
        message=message,
        expired=expired,
        good=good,
        masked=shopper.mask_digits(digits),
    ), status


def _send(digits: str) -> ApiError | None:
    """A code by SMS to +7 and these digits; the server's refusal (a bad number, too many
    codes) to show, or None."""
    try:
        kiosk().api.send_code(f"+7{digits}", lang=current_language())
    except ApiError as exc:
        return exc
    return None


@bp.get("/identify")
def phone() -> ResponseReturnValue:
    shopper.set_next(request.args.get("next"))
    return _phone_page()


@bp.post("/identify/phone")
def send_code() -> ResponseReturnValue:
    digits = _digits(request.form.get("phone"))
    if digits is None:
        return _phone_page(_("Enter the 10 digits of your mobile number after +7."), 422)
    refused = _send(digits)
    if refused is not None:
        # Typed digits come back only to be corrected; otherwise nobody needs them on screen.
        typed = digits if refused.code == "invalid_phone" else ""
        return _phone_page(refused.message, refused.status, phone=typed)
    shopper.set_pending(digits)
    return redirect(url_for("identify.code"))


@bp.get("/identify/code")
def code() -> ResponseReturnValue:
    return _code_page()


@bp.post("/identify/code")
def verify() -> ResponseReturnValue:
    digits = shopper.pending_phone()
    typed = "".join(ch for ch in request.form.get("code", "") if ch.isdigit())
    if digits is None:
        return redirect(url_for("identify.phone"))
    if len(typed) != 6:
        return _code_page(_("The code has 6 digits."), 422)
    try:
        found, token = kiosk().api.verify_code(f"+7{digits}", typed, lang=current_language())
    except ApiError as exc:
        return _code_page(exc.message, exc.status, expired=exc.code in NEEDS_NEW_CODE)
    page = shopper.next_page()
    shopper.remember(found, token)
    return redirect(url_for("checkout.choose" if page == "checkout" else "identify.me"))


@bp.post("/identify/resend")
def resend() -> ResponseReturnValue:
    digits = shopper.pending_phone()
    if digits is None:
        return redirect(url_for("identify.phone"))
    refused = _send(digits)
    if refused is not None:
        return _code_page(refused.message, refused.status)
    return _code_page(_("A new code is on its way."), good=True)


@bp.get("/me")
def me() -> ResponseReturnValue:
    known = shopper.current()
    if known is None:
        return redirect(url_for("identify.phone"))
    try:
        summary = kiosk().api.shopper(known.token, lang=current_language())
    except ApiError as exc:
        if exc.code != "customer_token_invalid":
            raise
        shopper.forget(kiosk().api, lang=current_language())
        return _phone_page(exc.message)
    shopper.update(summary.shopper)
    try:
        to_review = kiosk().api.to_review(known.token, lang=current_language())
    except ApiError:
        to_review = []  # the reviews wait; the greeting and the bonuses do not
    thanks = request.args.get("thanks") == "1"
    return render_template("terminal/me.html", summary=summary, to_review=to_review, thanks=thanks)


@bp.post("/identify/forget")
def forget() -> ResponseReturnValue:
    """ "Not me" or "done": the shopper's name and bonuses leave the screen at once."""
    shopper.forget(kiosk().api, lang=current_language())
    return redirect(url_for("cart.show"))
