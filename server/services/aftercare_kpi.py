"""Returns and repairs as the chain measures them: per 10 000 orders handed out, and the
days a unit spends in repair (docs/RETURNS.md)."""

import statistics
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.models import Order, OrderReturn, OrderStatus, Repair

PER = 10_000


@dataclass(frozen=True)
class Aftercare:
    handed_out: int  # orders handed out in full, ever
    returns_per_10k: float | None
    repairs_per_10k: float | None
    repair_days_median: float | None  # closed repairs: taken in to handed back
    open_repairs: int


def figures(session: Session, now: datetime) -> Aftercare:
    """The chain's figures since it began; None where nothing was handed out or closed."""
    # Handed out in full: issued, or issued and since returned (the status index answers;
    # counting "issued" events would read every transition ever recorded).
    handed = session.scalar(
        select(func.count(Order.id)).where(
            Order.status.in_((OrderStatus.ISSUED, OrderStatus.RETURNED))
        )
    )
    handed = int(handed or 0)
    returned = int(session.scalar(select(func.count(func.distinct(OrderReturn.order_id)))) or 0)
    taken = int(session.scalar(select(func.count(Repair.id))) or 0)
    closed = session.execute(
        select(Repair.created_at, Repair.closed_at).where(Repair.closed_at.is_not(None))
    ).all()
    days = [(end - start).total_seconds() / 86_400 for start, end in closed]
    return Aftercare(
        handed_out=handed,
        returns_per_10k=returned * PER / handed if handed else None,
        repairs_per_10k=taken * PER / handed if handed else None,
        repair_days_median=statistics.median(days) if days else None,
        open_repairs=taken - len(closed),
    )
