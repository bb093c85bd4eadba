"""Words people see for machine values: order statuses, money."""

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from common.i18n import current_language
from common.money import format_money
from server.models import OrderStatus

STATUS_LABELS: dict[OrderStatus, LazyString] = {
    OrderStatus.RESERVED: _l("reserved, waiting for payment"),
    OrderStatus.PAID: _l("paid"),
    OrderStatus.PICKING: _l("being picked"),
    OrderStatus.IN_TRANSIT: _l("on its way"),
    OrderStatus.READY: _l("ready"),
    OrderStatus.ISSUED: _l("handed out"),
    OrderStatus.PARTIALLY_ISSUED: _l("partly handed out"),
    OrderStatus.EXPIRED: _l("expired"),
    OrderStatus.CANCELLED: _l("cancelled"),
    OrderStatus.RETURNED: _l("returned"),
}


def status_label(status: OrderStatus) -> LazyString:
    return STATUS_LABELS[status]


class Money:
    """Kopecks shown as roubles in the reader's language when the message is rendered."""

    def __init__(self, minor: int) -> None:
        self.minor = minor

    def __str__(self) -> str:
        return format_money(self.minor, current_language())
