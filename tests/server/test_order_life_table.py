"""The order's life is one table: only its moves pass, and the drawn diagram is that table."""

from pathlib import Path

import pytest

from common import order_life
from server.errors import DomainError, ErrorCode
from server.models import Order, OrderStatus
from server.services import transitions
from server.services.actors import Actor
from tests.helpers import T0

ROOT = Path(__file__).resolve().parents[2]
# The life drawn in the design document, written out once more so that a change to the
# table is a decision someone makes here too.
DESIGNED = {
    (None, "reserved"),
    ("reserved", "paid"),
    ("reserved", "picking"),  # paid on pickup
    ("reserved", "expired"),
    ("reserved", "cancelled"),
    ("paid", "picking"),
    ("paid", "cancelled"),
    ("picking", "ready"),
    ("picking", "in_transit"),
    ("picking", "cancelled"),
    ("in_transit", "ready"),
    ("in_transit", "cancelled"),
    ("ready", "issued"),
    ("ready", "partially_issued"),
    ("ready", "expired"),
    ("ready", "cancelled"),
    ("ready", "in_transit"),  # handed over to another store, from its window (docs/CARE.md)
    ("partially_issued", "partially_issued"),
    ("partially_issued", "issued"),
    ("partially_issued", "expired"),
    ("partially_issued", "cancelled"),
    ("issued", "returned"),
}


class Recorder:
    """Stands in for the session: keeps what record() adds."""

    def __init__(self) -> None:
        self.added: list[object] = []
        self.info: dict[str, object] = {}  # where the session keeps lines to log at commit

    def add(self, thing: object) -> None:
        self.added.append(thing)


@pytest.mark.parametrize("source", [None, *OrderStatus])
def test_only_declared_moves_pass(app, source):
    with app.app_context():
        for target in OrderStatus:
            order = Order(number="A-1001", status=source)
            session = Recorder()
            designed = (source and source.value, target.value) in DESIGNED
            if designed:
                transitions.record(session, order, target, actor=Actor("test"), now=T0)
                assert order.status is target and len(session.added) == 1
                continue
            with pytest.raises(DomainError) as refused:
                transitions.record(session, order, target, actor=Actor("test"), now=T0)
            assert refused.value.code is ErrorCode.INVALID_TRANSITION
            assert order.status is source and session.added == []


def test_groups_follow_from_the_moves():
    assert {s for s in OrderStatus if (s.value, "cancelled") in DESIGNED} == order_life.OPEN
    assert {s for s in OrderStatus if (s.value, "expired") in DESIGNED} == order_life.EXPIRING
    assert {
        OrderStatus.EXPIRED,
        OrderStatus.CANCELLED,
        OrderStatus.RETURNED,
    } == order_life.FINAL


def test_committed_diagram_is_drawn_from_the_table():
    committed = (ROOT / "docs" / "ORDER_LIFE.md").read_text(encoding="utf-8")
    assert committed == order_life.document(), (
        "run: python -m common.order_life > docs/ORDER_LIFE.md"
    )
    for move in order_life.MOVES:
        assert f"--> {move.target.value}: {move.action}" in committed
