"""Stock pages of the console: every product in every store, one product's history, its
low-stock threshold and corrections, and the low-stock list."""

from collections.abc import Callable

from flask import g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from common import form_values
from common.form_values import BadValue
from server.db import get_session
from server.errors import DomainError
from server.models import StaffRole, Stock
from server.screens.access import staff_role
from server.services import stock_view
from server.services.catalog import list_categories
from server.services.corrections import REASON_LABELS, Reason, correct, reason_label
from server.services.overview import LOW_STOCK
from server.staff.console import blueprint, field, missing, picked_store, reach, status_of
from server.staff.stock_labels import KIND_LABELS, document_label

bp = blueprint("stock", __name__)
manager = staff_role(StaffRole.MANAGER)
THRESHOLD_MESSAGE = _l("A threshold is a whole number from 0 to 100000.")


@bp.get("/stock")
@manager
def overview() -> str:
    stores = reach()
    store = picked_store(stores)
    page = form_values.counter(request.args.get("page"), default=1)
    found = stock_view.stock_page(
        get_session(),
        [store] if store else stores,
        category=field("category", 40) or None,
        q=field("q") or None,
        low_only=request.args.get("low") == "1",
        page=page,
    )
    return render_template(
        "server/stock/list.html",
        found=found,
        stores=stores,
        store=store,
        categories=list_categories(get_session()),
        threshold_of=stock_view.threshold_of,
    )


@bp.get("/stock/low")
@manager
def low() -> str:
    rows = stock_view.low_stock(get_session(), reach())
    return render_template(
        "server/stock/low.html",
        rows=rows,
        threshold_of=stock_view.threshold_of,
    )


def _item_page(
    store_code: str, sku: str, error: str | None = None, status: int = 200
) -> ResponseReturnValue:
    session = get_session()
    try:
        store = stock_view.store_in_reach(reach(), store_code)
        row = stock_view.stock_row(session, store, sku)
    except DomainError as exc:
        return missing(exc.message)
    return render_template(
        "server/stock/item.html",
        row=row,
        history=stock_view.history(session, row),
        threshold=stock_view.threshold_of(row),
        default_threshold=LOW_STOCK,
        kinds=KIND_LABELS,
        reasons=REASON_LABELS,
        reason_label=reason_label,
        document_label=document_label,
        error=error,
    ), status


@bp.get("/stock/<store_code>/<sku>")
@manager
def item(store_code: str, sku: str) -> ResponseReturnValue:
    return _item_page(store_code, sku)


def _change(
    store_code: str, sku: str, change: Callable[[Session, Stock], object]
) -> ResponseReturnValue:
    """Make one change to the store's row for the product, then show its page again."""
    session = get_session()
    try:
        store = stock_view.store_in_reach(reach(), store_code)
        change(session, stock_view.stock_row(session, store, sku))
        session.commit()
    except (DomainError, BadValue) as exc:
        session.rollback()
        return _item_page(store_code, sku, error=str(exc.message), status=status_of(exc))
    return redirect(url_for("stock.item", store_code=store_code, sku=sku))


@bp.post("/stock/<store_code>/<sku>/threshold")
@manager
def threshold(store_code: str, sku: str) -> ResponseReturnValue:
    raw = request.form.get("threshold", "").strip()

    def set_threshold(_session: Session, row: Stock) -> None:
        figure = None
        if raw:
            figure = form_values.integer(raw, low=0, high=100_000, message=THRESHOLD_MESSAGE)
        stock_view.set_threshold(row, figure)

    return _change(store_code, sku, set_threshold)


@bp.post("/stock/<store_code>/<sku>/correct")
@manager
def correction(store_code: str, sku: str) -> ResponseReturnValue:
    def record(session: Session, row: Stock) -> None:
        correct(
            session,
            row,
            qty=form_values.quantity(request.form.get("qty"), high=100_000),
            reason=Reason(form_values.choice(field("reason", 16), set(Reason), default="other")),
            direction={"add": 1, "remove": -1}.get(field("direction", 8), 0),
            text=field("text", 200),
            staff=g.staff,
        )

    return _change(store_code, sku, record)
