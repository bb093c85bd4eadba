"""What the hall's ready board shows: numbers only, never names or phones."""

import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import Order, OrderStatus

S = OrderStatus
PREPARING = [S.PAID, S.PICKING, S.IN_TRANSIT]
WAITING = [S.READY, S.PARTIALLY_ISSUED]


@dataclass(frozen=True)
class BoardState:
    preparing: list[str]
    ready: list[tuple[str, int | None]]  # (number, window)

    @property
    def version(self) -> str:
        """Changes exactly when what the board shows changes: the screen polls with it."""
        text = "|".join(self.preparing) + "#" + "|".join(f"{n}:{w}" for n, w in self.ready)
        return hashlib.sha1(text.encode()).hexdigest()[:16]


def board_state(session: Session, store_id: int) -> BoardState:
    rows = session.execute(
        select(Order.number, Order.status, Order.window)
        .where(Order.store_id == store_id, Order.status.in_(PREPARING + WAITING))
        .order_by(Order.id)
    ).all()
    return BoardState(
        preparing=[number for number, status, _w in rows if status in PREPARING],
        ready=[(number, window) for number, status, window in rows if status in WAITING],
    )
