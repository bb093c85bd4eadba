"""Words people read for the stock pages' machine values: movement kinds, documents."""

from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from server.models import MovementKind
from server.services.store_transfers import TransferState

KIND_LABELS: dict[MovementKind, LazyString] = {
    MovementKind.RESERVED: _l("reserved by an order"),
    MovementKind.RELEASED: _l("released (order cancelled or expired)"),
    MovementKind.ISSUED: _l("handed out or shipped to an outpost"),
    MovementKind.WRITTEN_OFF: _l("written off"),
    MovementKind.RETURNED: _l("returned to the shelf"),
    MovementKind.RECEIVED: _l("received from a supplier"),
    MovementKind.COUNTED: _l("stock count"),
    MovementKind.CORRECTED: _l("correction"),
    MovementKind.IMPORTED: _l("imported from accounting"),
    MovementKind.MOVED_OUT: _l("sent to another store"),
    MovementKind.MOVED_IN: _l("arrived from another store"),
}

STATE_LABELS: dict[TransferState, LazyString] = {
    TransferState.REQUESTED: _l("requested"),
    TransferState.SHIPPED: _l("on its way"),
    TransferState.RECEIVED: _l("received"),
}


def document_label(document: str | None) -> str:
    """A movement's paper as a person reads it ("delivery note 7781"); other papers as kept."""
    prefix, sep, what = (document or "").partition(":")
    if not sep:
        return document or ""
    if prefix == "note":
        return _("delivery note %(what)s", what=what)
    if prefix == "transfer":
        return _("transfer no. %(what)s", what=what)
    if prefix == "count":
        scope, _sep, what = what.partition(":")
        if scope == "bin":
            return _("count of bin %(what)s", what=what)
        return _("count of category %(what)s", what=what)
    return document or ""
