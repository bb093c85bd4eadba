"""What the hall's ready board shows: numbers only, never names or phones."""

import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from common import order_life
from server.models import Order


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
    """Orders being prepared and orders waiting at a window. Raises no domain error."""
    rows = session.execute(
        select(Order.number, Order.status, Order.window)
        .where(
            Order.store_id == store_id,
            Order.status.in_(order_life.PREPARING | order_life.WAITING),
        )
        .order_by(Order.id)
    ).all()
    return BoardState(
        preparing=[number for number, status, _w in rows if status in order_life.PREPARING],
        ready=[(n, window) for n, status, window in rows if status in order_life.WAITING],
    )
