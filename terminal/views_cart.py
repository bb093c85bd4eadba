"""The cart: add from a product page, change quantities, remove; shown even when offline."""

from flask import Blueprint, current_app, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from common import form_values
from common.api_client import ServerUnreachable
from common.i18n import current_language
from common.screens import partial_or_redirect
from terminal import cart
from terminal.kiosk import kiosk

bp = Blueprint("cart", __name__)


def _form_sku() -> str:
    return form_values.code(request.form.get("sku"), what=_l("This product cannot be added."))


def _form_qty(low: int) -> int:
    high = current_app.config["MAX_LINE_QTY"]
    return form_values.integer(
        request.form.get("qty", "1"),
        low=low,
        high=high,
        message=_l("You can take from %(low)s to %(high)s of one product.", low=low, high=high),
    )


def only_left(available: int) -> str:
    return _("Only %(n)s left in this store.", n=available)


def _cart_answer(message: str, *, status: int = 200) -> ResponseReturnValue:
    return partial_or_redirect(
        "terminal/_cart_update.html",
        url_for("cart.show"),
        status=status,
        message=message,
        error=status != 200,
    )


def _available_now(sku: str) -> int:
    terminal, lang = kiosk(), current_language()
    store = terminal.identity(lang).store
    return terminal.api.get(f"/products/{sku}", lang=lang, store=store.code)["available"] or 0


@bp.get("/cart")
def show() -> str:
    return render_template("terminal/cart.html")


@bp.post("/cart/add")
def add() -> ResponseReturnValue:
    try:
        sku, qty = _form_sku(), _form_qty(low=1)
        terminal, lang = kiosk(), current_language()
        store = terminal.identity(lang).store
        product = terminal.api.get(f"/products/{sku}", lang=lang, store=store.code)
        names = {lang: product["name"]}
        other = "en" if lang == "ru" else "ru"
        names[other] = terminal.api.get(f"/products/{sku}", lang=other)["name"]
        available = product["available"] or 0
        in_cart = cart.find(sku)
        cart.add(
            cart.CartLine(sku, qty, names["ru"], names["en"], product["price_minor"]),
            available=available,
            max_qty=current_app.config["MAX_LINE_QTY"],
            max_lines=current_app.config["MAX_CART_LINES"],
            messages={
                "not_available": _not_available(available, in_cart.qty if in_cart else 0),
                "cart_full": _("The cart is full. Check out or remove something first."),
            },
        )
    except (form_values.BadValue, cart.CartError) as exc:
        return _cart_answer(str(exc), status=422)
    return _cart_answer(_("Added to the cart."))


def _not_available(available: int, in_cart: int) -> str:
    """Say how many there are, and how many of them the cart already holds."""
    limit = current_app.config["MAX_LINE_QTY"]
    if available > limit:
        return _("You can take at most %(n)s of one product.", n=limit)
    if not available:
        return _("There is no more of this product in this store.")
    if in_cart:
        return _(
            "Only %(n)s left in this store, and %(m)s of them are already in your cart.",
            n=available,
            m=in_cart,
        )
    return only_left(available)


@bp.post("/cart/set")
def set_qty() -> ResponseReturnValue:
    try:
        sku, qty = _form_sku(), _form_qty(low=0)
    except form_values.BadValue as exc:
        return _cart_partial(str(exc), status=422)
    line = cart.find(sku)
    available = None
    if line is not None and qty > line.qty:
        # Only a "+" needs the store's count now; "−" and "remove" work offline too.
        try:
            available = _available_now(sku)
        except ServerUnreachable:
            available = line.available
    kept = cart.set_qty(sku, qty, max_qty=current_app.config["MAX_LINE_QTY"], available=available)
    message = None
    if line is not None and kept < qty:
        limit = current_app.config["MAX_LINE_QTY"]
        if available is not None and available < limit:
            message = only_left(available)
        else:
            message = _("You can take at most %(n)s of one product.", n=limit)
    return _cart_partial(message)


def _cart_partial(message: str | None, *, status: int = 200) -> ResponseReturnValue:
    return partial_or_redirect(
        "terminal/_cart.html", url_for("cart.show"), status=status, message=message
    )
