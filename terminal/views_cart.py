"""The cart: add from a product page, change quantities, remove; shown even when offline."""

import re

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from common.i18n import current_language
from terminal import cart
from terminal.kiosk import kiosk

bp = Blueprint("cart", __name__)

SKU = re.compile(r"^[A-Za-z0-9-]{1,32}$")


class BadForm(Exception):
    """A tampered or broken form: answered with a message, never a 500."""


def _form_sku() -> str:
    sku = request.form.get("sku", "")
    if not SKU.match(sku):
        raise BadForm(_("This product cannot be added."))
    return sku


def _form_qty(low: int) -> int:
    raw = request.form.get("qty", "1").strip()
    if not raw.isdigit() or len(raw) > 3:
        raise BadForm(_("The quantity must be a whole number."))
    qty = int(raw)
    if qty < low or qty > current_app.config["MAX_LINE_QTY"]:
        raise BadForm(
            _(
                "You can take from %(low)s to %(high)s of one product.",
                low=low,
                high=current_app.config["MAX_LINE_QTY"],
            )
        )
    return qty


def _cart_answer(message: str | None = None, error: bool = False) -> ResponseReturnValue:
    if request.headers.get("HX-Request"):
        return render_template("terminal/_cart_update.html", message=message, error=error)
    return redirect(url_for("cart.show"))


@bp.get("/cart")
def show() -> str:
    return render_template("terminal/cart.html")


@bp.post("/cart/add")
def add() -> ResponseReturnValue:
    try:
        sku, qty = _form_sku(), _form_qty(low=1)
        k, lang = kiosk(), current_language()
        store = k.my_store(lang)
        product = k.api.get(f"/products/{sku}", lang=lang, store=store["code"])
        names = {lang: product["name"]}
        other = "en" if lang == "ru" else "ru"
        names[other] = k.api.get(f"/products/{sku}", lang=other)["name"]
        cart.add(
            cart.CartLine(sku, qty, names["ru"], names["en"], product["price_minor"]),
            available=product["available"] or 0,
            max_qty=current_app.config["MAX_LINE_QTY"],
            max_lines=current_app.config["MAX_CART_LINES"],
            messages={
                "not_available": _("There is no more of this product in this store."),
                "cart_full": _("The cart is full. Check out or remove something first."),
            },
        )
    except (BadForm, cart.CartError) as exc:
        return _cart_answer(str(exc), error=True), 422
    return _cart_answer(_("Added to the cart."))


@bp.post("/cart/set")
def set_qty() -> ResponseReturnValue:
    try:
        sku, qty = _form_sku(), _form_qty(low=0)
    except BadForm as exc:
        return _cart_answer(str(exc), error=True), 422
    cart.set_qty(sku, qty, max_qty=current_app.config["MAX_LINE_QTY"])
    if request.headers.get("HX-Request"):
        return render_template("terminal/_cart.html")
    return redirect(url_for("cart.show"))
