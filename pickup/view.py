"""One reading of an order for the clerk: what is still to hand out, what the warehouse did
not find (and was taken off the bill), what has been handed out.

The screen's table, its header, the band's colour and the printed slips all read these
numbers, so they cannot say two different things about one order.
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LineView:
    sku: str
    name: str
    price_minor: int
    ordered: int
    missing: int  # not found in the warehouse: refunded, never handed out
    issued: int

    @property
    def to_hand_out(self) -> int:
        return max(self.ordered - self.missing - self.issued, 0)

    @property
    def here(self) -> int:
        """Units the customer gets in the end: ordered minus the ones not found."""
        return self.ordered - self.missing


@dataclass(frozen=True)
class OrderView:
    lines: list[LineView]

    @property
    def to_hand_out(self) -> int:
        return sum(line.to_hand_out for line in self.lines)

    @property
    def missing(self) -> int:
        return sum(line.missing for line in self.lines)

    @property
    def issued(self) -> int:
        return sum(line.issued for line in self.lines)

    @property
    def open_lines(self) -> list[LineView]:
        return [line for line in self.lines if line.to_hand_out]

    @property
    def missing_lines(self) -> list[LineView]:
        return [line for line in self.lines if line.missing]

    @property
    def complete(self) -> bool:
        """Everything that was found has been handed out."""
        return self.issued > 0 and self.to_hand_out == 0


def order_view(order: dict[str, Any]) -> OrderView:
    return OrderView(
        [
            LineView(
                sku=line["sku"],
                name=line["name"],
                price_minor=line["price_minor"],
                ordered=line["qty"],
                missing=line.get("qty_missing", 0),
                issued=line["qty_issued"],
            )
            for line in order["lines"]
        ]
    )
