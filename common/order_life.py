"""The order's life, declared once: its statuses, which may follow which, and the groups of
statuses that the server's services and the device apps (reading orders off the wire) ask
about. transitions.record refuses any move not listed here, and docs/ORDER_LIFE.md is
drawn from this table (`python -m common.order_life`). No database here: the device apps
import it too.
"""

import enum
from dataclasses import dataclass


class OrderStatus(enum.StrEnum):
    RESERVED = "reserved"
    PAID = "paid"
    PICKING = "picking"
    IN_TRANSIT = "in_transit"
    READY = "ready"
    ISSUED = "issued"
    PARTIALLY_ISSUED = "partially_issued"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    RETURNED = "returned"


@dataclass(frozen=True)
class Move:
    source: OrderStatus | None  # None: the order is being made
    target: OrderStatus
    action: str  # what makes it happen, for the diagram


MOVES: tuple[Move, ...] = (
    Move(None, OrderStatus.RESERVED, "reserve"),
    Move(OrderStatus.RESERVED, OrderStatus.PAID, "pay"),
    Move(OrderStatus.RESERVED, OrderStatus.PICKING, "take (paid on pickup)"),
    Move(OrderStatus.RESERVED, OrderStatus.EXPIRED, "unpaid in time"),
    Move(OrderStatus.RESERVED, OrderStatus.CANCELLED, "cancel"),
    Move(OrderStatus.PAID, OrderStatus.PICKING, "take"),
    Move(OrderStatus.PAID, OrderStatus.CANCELLED, "cancel, refund"),
    Move(OrderStatus.PICKING, OrderStatus.READY, "picked, to a window"),
    Move(OrderStatus.PICKING, OrderStatus.IN_TRANSIT, "picked, shipped to the outpost"),
    Move(OrderStatus.PICKING, OrderStatus.CANCELLED, "cancel, refund"),
    Move(OrderStatus.IN_TRANSIT, OrderStatus.READY, "arrival scan"),
    Move(OrderStatus.IN_TRANSIT, OrderStatus.CANCELLED, "cancel, refund"),
    Move(OrderStatus.READY, OrderStatus.ISSUED, "hand out"),
    Move(OrderStatus.READY, OrderStatus.PARTIALLY_ISSUED, "hand out some lines"),
    Move(OrderStatus.READY, OrderStatus.EXPIRED, "not collected, refund"),
    Move(OrderStatus.READY, OrderStatus.CANCELLED, "cancel, refund"),
    Move(OrderStatus.READY, OrderStatus.IN_TRANSIT, "handed over to another store, shipped"),
    Move(OrderStatus.PARTIALLY_ISSUED, OrderStatus.PARTIALLY_ISSUED, "hand out more lines"),
    Move(OrderStatus.PARTIALLY_ISSUED, OrderStatus.ISSUED, "hand out the rest"),
    Move(OrderStatus.PARTIALLY_ISSUED, OrderStatus.EXPIRED, "not collected, refund"),
    Move(OrderStatus.PARTIALLY_ISSUED, OrderStatus.CANCELLED, "cancel, refund"),
    Move(OrderStatus.ISSUED, OrderStatus.RETURNED, "return, refund"),
)
ALLOWED: frozenset[tuple[OrderStatus | None, OrderStatus]] = frozenset(
    (move.source, move.target) for move in MOVES
)


def allowed(source: OrderStatus | None, target: OrderStatus) -> bool:
    return (source, target) in ALLOWED


def _sources_of(target: OrderStatus) -> frozenset[OrderStatus]:
    return frozenset(m.source for m in MOVES if m.target is target and m.source is not None)


# Not over yet: may still be cancelled (and paid); counted as open on the front page.
OPEN = _sources_of(OrderStatus.CANCELLED)
# A hold that ends takes these back to stock: unpaid reservations, uncollected goods.
EXPIRING = _sources_of(OrderStatus.EXPIRED)
# Nothing more can happen to these.
FINAL = frozenset(OrderStatus) - frozenset(m.source for m in MOVES if m.source is not None)
# At a window, waiting for the customer (reminded every morning, on the ready board).
WAITING = frozenset({OrderStatus.READY, OrderStatus.PARTIALLY_ISSUED})
# Paid for (or to be paid on pickup) and on its way to a window.
PREPARING = frozenset({OrderStatus.PAID, OrderStatus.PICKING, OrderStatus.IN_TRANSIT})
# Made but not yet at a window: a late online order is apologised for.
UNDERWAY = PREPARING | {OrderStatus.RESERVED}
# In the warehouse's queue (with unpaid orders to be paid on pickup).
AT_WAREHOUSE = frozenset({OrderStatus.PAID, OrderStatus.PICKING})
# An outpost's order in these has left its source's stock.
SHIPPED = WAITING | {OrderStatus.IN_TRANSIT}


def mermaid() -> str:
    """The state diagram, in Mermaid, drawn from MOVES."""
    lines = ["stateDiagram-v2"]
    for move in MOVES:
        source = "[*]" if move.source is None else move.source.value
        lines.append(f"    {source} --> {move.target.value}: {move.action}")
    lines.extend(f"    {status.value} --> [*]" for status in sorted(FINAL))
    return "\n".join(lines) + "\n"


def document() -> str:
    """docs/ORDER_LIFE.md as it must be: regenerate it after changing MOVES."""
    groups = {
        "OPEN": OPEN,
        "EXPIRING": EXPIRING,
        "FINAL": FINAL,
        "WAITING": WAITING,
        "PREPARING": PREPARING,
        "UNDERWAY": UNDERWAY,
        "AT_WAREHOUSE": AT_WAREHOUSE,
        "SHIPPED": SHIPPED,
    }
    order = list(OrderStatus)
    rows = "\n".join(
        f"| `{name}` | {', '.join(s.value for s in sorted(group, key=order.index))} |"
        for name, group in groups.items()
    )
    return (
        "# The order's life\n\n"
        "Generated from `common/order_life.py` by\n"
        "`python -m common.order_life > docs/ORDER_LIFE.md`; do not edit by hand.\n"
        "A move that is not drawn here is refused (`invalid_transition`).\n\n"
        f"```mermaid\n{mermaid()}```\n\n"
        "## Groups of statuses\n\n"
        "| group | statuses |\n|---|---|\n"
        f"{rows}\n"
    )


if __name__ == "__main__":
    print(document(), end="")
