"""The repair statuses as people read them, on the staff page, the station and the API."""

from flask_babel import lazy_gettext as _l

from server.models import RepairStatus

REPAIR_STATUSES = {
    RepairStatus.ACCEPTED: _l("accepted"),
    RepairStatus.AWAITING_COLLECTION: _l("to be collected from home"),
    RepairStatus.QUOTED: _l("paid repair quoted"),
    RepairStatus.QUOTE_ACCEPTED: _l("price accepted by the customer"),
    RepairStatus.SENT_TO_SERVICE: _l("sent to the service centre"),
    RepairStatus.DIAGNOSED: _l("diagnosed"),
    RepairStatus.REPAIRED: _l("repaired"),
    RepairStatus.REPLACED: _l("replaced"),
    RepairStatus.REFUSED: _l("refused by the service centre"),
    RepairStatus.READY_FOR_PICKUP: _l("ready for pickup"),
    RepairStatus.RETURNED_TO_CUSTOMER: _l("handed back to the customer"),
    RepairStatus.DECLINED: _l("quote declined"),
}
