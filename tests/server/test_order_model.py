"""A model of the chain, driven by Hypothesis: random sequences of what devices and time do to
orders, and after every step the server must agree with the model and keep its books.

The model is written from the order's life in DESIGN.md, not from the server's tables: each
rule says what a person would expect (a paid order taken by a picker is "picking"), and the
server's answer must match. After every step:

- no answer is a 5xx, and a refused action changes nothing;
- stock balances: reserved equals what open orders hold, and every unit's movements add up
  to what is on hand and reserved (nothing appears or vanishes without a movement);
- money: each order's paid amount is its payments less its refunds, never negative; a
  handed-out order is fully paid; a cancelled or expired one kept no money for goods it
  did not hand out;
- bonuses: no customer's balance is below zero.
"""

from collections import Counter
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import func, select

from server import create_app
from server.clock import FrozenClock
from server.db import get_session
from server.models import (
    BonusEntry,
    Order,
    Payment,
    PaymentKind,
    Stock,
    StockMovement,
)
from server.services.actors import WORKER
from server.services.order_flow import expire_due_orders
from tests import databases
from tests.helpers import T0, Api, app_config
from tests.invariants import stock_imbalances

SKUS = ["PHONE-1", "PHONE-2", "TV-1"]
PHONES = ["+79161234567", "+79031112233"]
FINAL = {"issued", "expired", "cancelled"}


@dataclass
class Expected:
    number: str
    store: str  # where it is collected
    payment: str
    lines: dict[str, int]
    status: str = "reserved"
    paid: bool = False
    picked: set[str] = field(default_factory=set)

    @property
    def travels(self) -> bool:
        return self.store == "OUT-1"


line_sets = st.dictionaries(st.sampled_from(SKUS), st.integers(1, 3), min_size=1, max_size=3)


@pytest.fixture
def machine(world_template, tmp_path_factory):
    """The state machine class, each run on a fresh copy of the world."""

    class Chain(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            folder = tmp_path_factory.mktemp("model")
            url = databases.sqlite_copy(world_template.path, folder / "chain.db")
            self.clock = FrozenClock(T0)
            self.app = create_app(app_config(url, self.clock, folder))
            client = self.app.test_client()
            tokens = world_template.world.tokens
            self.devices = {
                "terminal": Api(client, tokens["terminal"]),
                "shop": Api(client, tokens["shop"]),
                "warehouse": Api(client, tokens["warehouse"]),
                "pickup": Api(client, tokens["pickup"]),
                "pickup-outpost": Api(client, tokens["pickup-outpost"]),
            }
            self.orders: dict[str, Expected] = {}
            with self.app.app_context():
                self.start = self._stock()

        def teardown(self) -> None:
            self.app.extensions["db"].engine.dispose()

        # ---- what devices do

        def _call(self, device: str, path: str, body: object = None, ok: bool = True):
            answer = self.devices[device].post(path, body)
            assert answer.status_code < 500, (path, answer.status_code, answer.get_data(True))
            if ok:
                assert answer.status_code in (200, 201), (path, answer.json)
            else:
                assert 400 <= answer.status_code < 500, (path, answer.json)
                assert answer.json["error"]["message"]
            return answer

        def _in(self, *statuses: str, **where: object) -> list[Expected]:
            return [
                order
                for order in self.orders.values()
                if order.status in statuses
                and all(getattr(order, key) == value for key, value in where.items())
            ]

        @rule(lines=line_sets, payment=st.sampled_from(["card", "cashier"]))
        def shopper_orders_at_the_terminal(self, lines, payment):
            self._reserve("terminal", "MSK-1", lines, payment)

        @rule(
            lines=line_sets,
            payment=st.sampled_from(["online", "on_pickup"]),
            store=st.sampled_from(["MSK-1", "OUT-1"]),
            phone=st.sampled_from(PHONES),
        )
        def customer_orders_online(self, lines, payment, store, phone):
            self._reserve("shop", store, lines, payment, phone)

        def _reserve(self, device, store, lines, payment, phone=None):
            with self.app.app_context():
                free = {sku: self._available(sku) for sku in lines}
            enough = all(free[sku] >= qty for sku, qty in lines.items())
            body = {
                "store": store,
                "lines": [{"sku": sku, "qty": qty} for sku, qty in lines.items()],
                "payment": payment,
                **({"customer_phone": phone} if phone else {}),
            }
            answer = self._call(device, "/orders", body, ok=enough)
            if enough:
                assert answer.json["status"] == "reserved"
                number = answer.json["number"]
                self.orders[number] = Expected(number, store, payment, dict(lines))
            else:
                assert answer.json["error"]["code"] == "insufficient_stock"

        @precondition(lambda self: self._in("reserved", paid=False))
        @rule(data=st.data())
        def customer_pays(self, data):
            order = data.draw(
                st.sampled_from([o for o in self._in("reserved") if o.payment != "on_pickup"])
                if any(o.payment != "on_pickup" for o in self._in("reserved"))
                else st.nothing()
            )
            device, method = {
                "card": ("terminal", "card"),
                "cashier": ("pickup", "cash"),
                "online": ("shop", "online"),
            }[order.payment]
            answer = self._call(
                device,
                f"/orders/{order.number}/payments",
                {"method": method, "amount_minor": self._due(order)},
            )
            assert answer.json["status"] == "paid"
            order.status, order.paid = "paid", True

        @precondition(lambda self: self._takeable())
        @rule(data=st.data())
        def picker_takes(self, data):
            order = data.draw(st.sampled_from(self._takeable()))
            answer = self._call("warehouse", f"/orders/{order.number}/picking")
            assert answer.json["status"] == "picking"
            order.status = "picking"

        def _takeable(self) -> list[Expected]:
            return self._in("paid") + [o for o in self._in("reserved") if o.payment == "on_pickup"]

        @precondition(lambda self: self._unpicked())
        @rule(data=st.data(), found=st.booleans())
        def picker_finds_or_misses_a_line(self, data, found):
            order, sku = data.draw(st.sampled_from(self._unpicked()))
            verb = "picked" if found else "missing"
            self._call("warehouse", f"/orders/{order.number}/lines/{sku}/{verb}")
            order.picked.add(sku)
            if not found:
                order.lines[sku] = 0

        def _unpicked(self) -> list[tuple[Expected, str]]:
            return [(o, sku) for o in self._in("picking") for sku in o.lines if sku not in o.picked]

        @precondition(lambda self: self._picked_whole())
        @rule(data=st.data())
        def picker_sends_it_on(self, data):
            order = data.draw(st.sampled_from(self._picked_whole()))
            if order.travels:
                answer = self._call("warehouse", f"/orders/{order.number}/ship")
                assert answer.json["status"] == "in_transit"
                order.status = "in_transit"
            else:
                answer = self._call("warehouse", f"/orders/{order.number}/ready", {"window": 1})
                assert answer.json["status"] == "ready"
                order.status = "ready"

        def _picked_whole(self) -> list[Expected]:
            return [
                o for o in self._in("picking") if set(o.lines) == o.picked and any(o.lines.values())
            ]

        @precondition(lambda self: self._in("in_transit"))
        @rule(data=st.data())
        def outpost_receives(self, data):
            order = data.draw(st.sampled_from(self._in("in_transit")))
            answer = self._call("pickup-outpost", f"/orders/{order.number}/arrived")
            assert answer.json["status"] == "ready"
            order.status = "ready"

        @precondition(lambda self: self._in("ready"))
        @rule(data=st.data())
        def clerk_hands_out(self, data):
            order = data.draw(st.sampled_from(self._in("ready")))
            window = "pickup-outpost" if order.travels else "pickup"
            if not order.paid:  # paid on pickup: the window takes the money first
                self._call(window, f"/orders/{order.number}/hand-out", ok=False)
                self._call(
                    window,
                    f"/orders/{order.number}/payments",
                    {"method": "cash", "amount_minor": self._due(order)},
                )
                order.paid = True
            answer = self._call(window, f"/orders/{order.number}/hand-out", {})
            assert answer.json["status"] == "issued"
            order.status = "issued"
            again = self._call(window, f"/orders/{order.number}/hand-out", {}, ok=False)
            assert again.json["error"]["code"] == "already_issued"

        @precondition(lambda self: [o for o in self.orders.values() if o.status not in FINAL])
        @rule(data=st.data())
        def someone_cancels(self, data):
            order = data.draw(
                st.sampled_from([o for o in self.orders.values() if o.status not in FINAL])
            )
            device = "shop" if order.payment in ("online", "on_pickup") else "pickup"
            answer = self._call(device, f"/orders/{order.number}/cancel", {"reason": "model"})
            assert answer.json["status"] == "cancelled"
            order.status = "cancelled"

        @precondition(lambda self: self._in(*FINAL))
        @rule(data=st.data())
        def a_closed_order_refuses_everything(self, data):
            order = data.draw(st.sampled_from(self._in(*FINAL)))
            with self.app.app_context():
                before = self._books()
            self._call("shop", f"/orders/{order.number}/cancel", {}, ok=False)
            self._call("warehouse", f"/orders/{order.number}/picking", ok=False)
            self._call(
                "terminal",
                f"/orders/{order.number}/payments",
                {"method": "card", "amount_minor": 1},
                ok=False,
            )
            with self.app.app_context():
                assert self._books() == before

        @rule(minutes=st.sampled_from([5, 20, 40, 60 * 24 * 4]))
        def time_passes(self, minutes):
            self.clock.advance(minutes=minutes)
            with self.app.app_context():
                session = get_session()
                expire_due_orders(session, actor=WORKER, now=self.clock.now())
                session.commit()
                statuses = dict(session.execute(select(Order.number, Order.status)).all())
            for order in self.orders.values():
                unpaid_hold = order.status == "reserved" and order.payment != "on_pickup"
                if statuses[order.number] == "expired" and order.status != "expired":
                    assert unpaid_hold or order.status == "ready", order
                    order.status = "expired"
                assert statuses[order.number] == order.status, order

        # ---- what must always hold

        @invariant()
        def the_books_balance(self):
            with self.app.app_context():
                session = get_session()
                assert stock_imbalances(session) == []
                now_stock = self._stock()
                moved: Counter = Counter()
                held: Counter = Counter()
                rows = session.execute(
                    select(
                        StockMovement.store_id,
                        StockMovement.product_id,
                        func.sum(StockMovement.on_hand_delta),
                        func.sum(StockMovement.reserved_delta),
                    ).group_by(StockMovement.store_id, StockMovement.product_id)
                )
                for store, product, on_hand, reserved in rows:
                    moved[(store, product)] = on_hand
                    held[(store, product)] = reserved
                for key, (on_hand, reserved) in now_stock.items():
                    start_on_hand, start_reserved = self.start[key]
                    assert on_hand == start_on_hand + moved[key], key
                    assert reserved == start_reserved + held[key], key
                    assert 0 <= reserved <= on_hand
                for order in session.scalars(select(Order)):
                    paid = sum(
                        p.amount_minor * (1 if p.kind is PaymentKind.PAYMENT else -1)
                        for p in session.scalars(
                            select(Payment).where(Payment.order_id == order.id)
                        )
                    )
                    assert paid == order.paid_minor >= 0, order.number
                    handed = sum(line.price_minor * line.qty_issued for line in order.lines)
                    if order.status == "issued":
                        assert order.paid_minor == order.total_minor == handed, order.number
                    if order.status in ("cancelled", "expired"):
                        assert order.paid_minor <= handed, order.number
                balances = session.execute(
                    select(BonusEntry.customer_id, func.sum(BonusEntry.amount)).group_by(
                        BonusEntry.customer_id
                    )
                )
                assert all(points >= 0 for _customer, points in balances)

        # ---- reading the server

        def _stock(self) -> dict[tuple[int, int], tuple[int, int]]:
            rows = get_session().execute(
                select(Stock.store_id, Stock.product_id, Stock.on_hand, Stock.reserved)
            )
            return {(s, p): (on_hand, reserved) for s, p, on_hand, reserved in rows}

        def _books(self) -> tuple:
            session = get_session()
            return (
                self._stock(),
                session.scalar(select(func.count()).select_from(Payment)),
                sorted(session.execute(select(Order.number, Order.status)).all()),
            )

        def _available(self, sku: str) -> int:
            world = world_template.world
            row = get_session().scalar(
                select(Stock).where(
                    Stock.store_id == world.store.id,
                    Stock.product_id == world.products[sku].id,
                )
            )
            return row.on_hand - row.reserved if row else 0

        def _due(self, order: Expected) -> int:
            answer = self.devices["shop" if order.payment != "card" else "terminal"]
            got = answer.get(f"/orders/{order.number}")
            if got.status_code != 200:
                got = self.devices["pickup-outpost" if order.travels else "pickup"].get(
                    f"/orders/{order.number}"
                )
            return got.json["total_minor"] - got.json.get("paid_minor", 0)

    return Chain


def test_random_days_of_the_chain_keep_the_books(machine):
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=10,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
