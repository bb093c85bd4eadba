"""Checkout: choose card or cashier, pay, and the screen with the order number."""

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from common import form_values
from common.api_client import ApiError, new_key
from common.i18n import current_language
from terminal import cart, checkout, shopper
from terminal.kiosk import kiosk
from terminal.receipt import pay_by

bp = Blueprint("checkout", __name__)


@bp.get("/checkout")
def choose() -> ResponseReturnValue:
    if not cart.lines():
        return redirect(url_for("cart.show"))
    if not kiosk().can_take_money():
        return redirect(url_for("kiosk.closed"))
    offer = checkout.bonus_offer(kiosk(), cart.lines(), lang=current_language())
    cart.checkout_key()
    return render_template(
        "terminal/checkout.html", offer=offer, bonus=offer.chosen if offer else 0
    )


@bp.post("/checkout/bonus")
def use_bonus() -> ResponseReturnValue:
    """Pay part with bonuses, or not: what may be spent is asked of the server anew."""
    use = request.form.get("use") == "1"
    offer = checkout.bonus_offer(kiosk(), cart.lines(), lang=current_language())
    shopper.choose_bonus(offer.quote.spendable_minor if use and offer else 0)
    # Another amount is another order: the next tap on "pay" must not replay the old one.
    cart.forget_checkout_key()
    return redirect(url_for("checkout.choose"))


@bp.post("/checkout")
def place() -> ResponseReturnValue:
    method = form_values.choice(request.form.get("method"), {"card", "cashier"}, default="")
    lines, key = cart.lines(), cart.current_checkout_key()
    if not kiosk().can_take_money():
        return redirect(url_for("kiosk.closed"))
    if not method or not lines or key is None:
        return redirect(url_for("checkout.choose"))
    try:
        done = checkout.place_order(
            kiosk(),
            key=key,
            method=method,
            lines=lines,
            lang=current_language(),
            identified=shopper.current(),
            bonus_minor=shopper.chosen_bonus(),
        )
    except ApiError as exc:
        # A refusal is the final answer to this attempt; the shopper's next tap is new.
        cart.forget_checkout_key()
        if exc.code == "insufficient_stock" and "available" in exc.details:
            cart.remember_available(exc.details.get("sku", ""), exc.details["available"])
        raise
    cart.clear()
    # Checkout's end: the next person at the screen is nobody in particular.
    shopper.forget(kiosk().api, lang=current_language())
    session["last_order"] = done.number
    return redirect(url_for("checkout.done", number=done.number))


@bp.get("/order-from/<source>/<sku>")
def from_store(source: str, sku: str) -> ResponseReturnValue:
    """Goods not in this store, ordered from another one and collected here."""
    terminal, lang = kiosk(), current_language()
    here = terminal.identity(lang).store.code
    source, sku = _code(source), _code(sku)
    product = terminal.api.get(f"/products/{sku}", lang=lang, store=here)
    stores = {s["code"]: s for s in terminal.api.get("/stores", lang=lang)["items"]}
    offer = next(
        (s for s in product["stores"] if s["store"] == source and s.get("lead_hours") is not None),
        None,
    )
    if offer is None or source not in stores:
        return redirect(url_for("catalog.product", sku=sku))
    session["from_store"] = {"sku": sku, "source": source, "key": new_key()}
    return render_template(
        "terminal/order_from.html", product=product, store=stores[source], offer=offer
    )


@bp.post("/order-from")
def place_from_store() -> ResponseReturnValue:
    kept = session.get("from_store")
    if not isinstance(kept, dict) or not {"sku", "source", "key"} <= kept.keys():
        return redirect(url_for("catalog.categories"))
    terminal, lang = kiosk(), current_language()
    product = terminal.api.get(f"/products/{kept['sku']}", lang=lang)
    line = cart.CartLine(kept["sku"], 1, product["name"], product["name"], product["price_minor"])
    done = checkout.place_order(
        terminal, key=kept["key"], method="card", lines=[line], lang=lang, source=kept["source"]
    )
    session.pop("from_store", None)
    session["last_order"] = done.number
    return redirect(url_for("checkout.done", number=done.number))


def _code(raw: str) -> str:
    try:
        return form_values.code(raw)
    except form_values.BadValue:
        abort(404)


def _mine(number: str) -> checkout.Checkout:
    """Only the order this terminal just made, never an order number typed into the URL."""
    found = kiosk().find(number)
    if found is None or session.get("last_order") != number:
        abort(404)
    return found


@bp.get("/order/<number>")
def done(number: str) -> str:
    found = _mine(number)
    checkout.settle(kiosk(), found)
    until = None if found.paid else pay_by(found.order, kiosk().identity(found.lang).store)
    return render_template("terminal/done.html", checkout=found, pay_by=until)


@bp.post("/order/<number>/retry-card")
def retry_card(number: str) -> ResponseReturnValue:
    checkout.retry_card(kiosk(), _mine(number))
    return redirect(url_for("checkout.done", number=number))


@bp.post("/order/<number>/pay-at-cashier")
def pay_at_cashier(number: str) -> ResponseReturnValue:
    checkout.pay_at_cashier(kiosk(), _mine(number))
    return redirect(url_for("checkout.done", number=number))


@bp.post("/order/<number>/reprint")
def reprint(number: str) -> ResponseReturnValue:
    found = _mine(number)
    with kiosk().lock:
        checkout.print_receipt(kiosk(), found)
    return redirect(url_for("checkout.done", number=number))
