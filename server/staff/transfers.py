"""Transfers between cybermarkets in the console: request, ship at the source, receive."""

from flask import g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select

from common import form_values
from common.form_values import BadValue
from server.clock import now
from server.db import get_session
from server.errors import DomainError, ErrorCode
from server.models import StaffRole, StaffUser, Store, StoreKind, Transfer
from server.screens.access import staff_role
from server.services import store_transfers
from server.services.catalog import list_stores
from server.services.stock_view import product_by_sku
from server.staff.console import blueprint, field, missing, picked_store, reach, rows, status_of
from server.staff.stock_labels import STATE_LABELS

bp = blueprint("transfers", __name__)
manager = staff_role(StaffRole.MANAGER)
BLANK_LINES = 5


def _cybermarkets() -> list[Store]:
    return [s for s in list_stores(get_session()) if s.kind is StoreKind.CYBERMARKET]


def _list(
    typed: list[dict[str, str]], error: str | None = None, status: int = 200
) -> ResponseReturnValue:
    return render_template(
        "server/stock/transfers.html",
        transfers=store_transfers.transfers_of(get_session(), reach()),
        stores=_cybermarkets(),
        typed=typed,
        source=field("source", 16),
        destination=field("destination", 16),
        error=error,
        state=store_transfers.state,
        states=STATE_LABELS,
    ), status


@bp.get("/transfers")
@manager
def transfers() -> ResponseReturnValue:
    return _list([{"sku": "", "qty": ""} for _n in range(BLANK_LINES)])


@bp.post("/transfers")
@manager
def create() -> ResponseReturnValue:
    typed = rows(request.form, "sku", "qty")
    if field("action", 10) == "more":
        return _list(typed + [{"sku": "", "qty": ""} for _n in range(BLANK_LINES)])
    session = get_session()
    stores = _cybermarkets()
    try:
        source, destination = picked_store(stores, "source"), picked_store(stores, "destination")
        if source is None or destination is None:
            raise DomainError(ErrorCode.VALIDATION_ERROR, _("Choose both stores."))
        wanted = [
            store_transfers.Wanted(
                product_by_sku(session, line["sku"]),
                form_values.quantity(line["qty"], high=100_000),
            )
            for line in typed
            if line["sku"] or line["qty"]
        ]
        transfer = store_transfers.request(
            session,
            source=source,
            destination=destination,
            lines=wanted,
            reach=reach(),
            staff=g.staff,
            now=now(),
        )
        session.commit()
    except (DomainError, BadValue) as exc:
        session.rollback()
        return _list(typed, error=str(exc.message), status=status_of(exc))
    return redirect(url_for("transfers.detail", transfer_id=transfer.id))


def _found(transfer_id: str) -> Transfer:
    try:
        found_id = form_values.record_id(transfer_id)
    except BadValue as exc:
        raise DomainError(ErrorCode.TRANSFER_NOT_FOUND, exc.message) from exc
    return store_transfers.get(get_session(), reach(), found_id)


def _detail(transfer: Transfer, error: str | None = None, status: int = 200) -> ResponseReturnValue:
    stores = {s.id: s for s in list_stores(get_session())}
    ids = [transfer.requested_by_id, transfer.shipped_by_id, transfer.received_by_id]
    people = {
        p.id: p.full_name
        for p in get_session().scalars(select(StaffUser).where(StaffUser.id.in_(ids)))
    }
    return render_template(
        "server/stock/transfer.html",
        transfer=transfer,
        stores=stores,
        people=people,
        state=store_transfers.state(transfer),
        states=STATE_LABELS,
        may_ship=store_transfers.may_ship(transfer, reach()),
        may_receive=store_transfers.may_receive(transfer, reach()),
        error=error,
    ), status


@bp.get("/transfers/<transfer_id>")
@manager
def detail(transfer_id: str) -> ResponseReturnValue:
    try:
        return _detail(_found(transfer_id))
    except DomainError as exc:
        return missing(exc.message)


def _quantities(transfer: Transfer) -> dict[int, int]:
    """The figures typed per line; a line left empty or unreadable is refused."""
    by_sku = {line.product.sku: line.product_id for line in transfer.lines}
    typed = {}
    for line in rows(request.form, "sku", "qty"):
        if line["sku"] in by_sku:
            typed[by_sku[line["sku"]]] = form_values.integer(
                line["qty"],
                low=0,
                high=100_000,
                message=_("%(sku)s: enter a whole number of units.", sku=line["sku"]),
            )
    return typed


@bp.post("/transfers/<transfer_id>/ship")
@manager
def ship(transfer_id: str) -> ResponseReturnValue:
    """The source sends what it counted into the boxes."""
    return _move(transfer_id, "ship")


@bp.post("/transfers/<transfer_id>/receive")
@manager
def receive(transfer_id: str) -> ResponseReturnValue:
    """The destination takes in what it counted out of the boxes."""
    return _move(transfer_id, "receive")


def _move(transfer_id: str, step: str) -> ResponseReturnValue:
    session = get_session()
    try:
        transfer = _found(transfer_id)
    except DomainError as exc:
        return missing(exc.message)
    try:
        quantities = _quantities(transfer)
        if step == "ship":
            store_transfers.ship(
                session, transfer, quantities, reach=reach(), staff=g.staff, now=now()
            )
        else:
            store_transfers.receive(
                session,
                transfer,
                quantities,
                note=field("note", 255),
                reach=reach(),
                staff=g.staff,
                now=now(),
            )
        session.commit()
    except (DomainError, BadValue) as exc:
        session.rollback()
        return _detail(_found(transfer_id), error=str(exc.message), status=status_of(exc))
    return redirect(url_for("transfers.detail", transfer_id=transfer.id))
