"""20 terminals spend the same bonus balance at once over the real API: never below zero."""

import hashlib
import threading
import uuid
from pathlib import Path

import requests
from sqlalchemy import func, select

from server import create_app
from server.db import get_session
from server.models import BonusEntry, BonusReason, Customer, CustomerToken, Device, Order, Stock
from server.services.bonuses import balance
from tests.helpers import T0, build_world, make_product
from tests.live import live_server

CLIENTS = 20
BALANCE = 1_000_000  # 10 000 RUB of bonuses
EACH = 150_000  # each terminal tries to pay 1 500 RUB of a 25 000 RUB laptop with them
TOKEN = "shopper-token-for-the-race"


def _own_products(world) -> None:  # type: ignore[no-untyped-def]
    """A product per terminal: the stock row of a shared product would already make the
    orders take turns, and the test would prove nothing about the customer's lock."""
    session = get_session()
    category = world.products["PHONE-1"].category
    for n in range(CLIENTS):
        product = make_product(session, f"LAPTOP-{n}", category, price_minor=2_500_000)
        session.add(Stock(store=world.store, product=product, on_hand=1, reserved=0))
    session.commit()


def _identified_shopper(world) -> None:  # type: ignore[no-untyped-def]
    session = get_session()
    customer = Customer(phone="+79161234567", created_at=T0)
    session.add(customer)
    session.flush()
    session.add(
        BonusEntry(
            customer_id=customer.id,
            amount=BALANCE,
            reason=BonusReason.EARNED,
            source="test",
            created_at=T0,
        )
    )
    terminal = session.scalar(select(Device).where(Device.name == "terminal-1"))
    session.add(
        CustomerToken(
            token_hash=hashlib.sha256(TOKEN.encode()).hexdigest(),
            customer_id=customer.id,
            device_id=terminal.id,
            created_at=T0,
            expires_at=T0.replace(year=2100),
        )
    )
    session.commit()


def _spend_concurrently(base: str, token: str) -> list[requests.Response]:
    skus = iter(f"LAPTOP-{n}" for n in range(CLIENTS))
    barrier = threading.Barrier(CLIENTS)
    answers: list[requests.Response] = []
    lock = threading.Lock()

    def one_terminal(sku: str) -> None:
        with requests.Session() as http:
            barrier.wait()
            answer = http.post(
                f"{base}/api/v1/orders",
                json={
                    "store": "MSK-1",
                    "lines": [{"sku": sku, "qty": 1}],
                    "payment": "card",
                    "bonus_minor": EACH,
                },
                headers={
                    "Authorization": f"Device {token}",
                    "X-Customer-Token": TOKEN,
                    "Idempotency-Key": str(uuid.uuid4()),
                },
                timeout=60,
            )
            with lock:
                answers.append(answer)

    threads = [threading.Thread(target=one_terminal, args=(next(skus),)) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_20_terminals_spend_one_balance_and_it_never_goes_below_zero(db_url: str, tmp_path: Path):
    app = create_app({"DATABASE_URL": db_url})
    with app.app_context():
        world = build_world(get_session())
        _own_products(world)
        _identified_shopper(world)
        token = world.tokens["terminal"]

    with live_server(db_url, tmp_path) as base:
        answers = _spend_concurrently(base, token)

    wins = BALANCE // EACH  # 6 orders fit in the balance; the 7th would take it below zero
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [201] * wins + [422] * (CLIENTS - wins), [a.text for a in answers]
    with app.app_context():
        session = get_session()
        left = balance(session, 1)
        assert left == BALANCE - wins * EACH == 100_000
        assert session.scalar(select(func.sum(BonusEntry.amount))) == left
        spent = session.scalar(select(func.sum(Order.bonus_minor)))
        assert spent == wins * EACH
    app.extensions["db"].engine.dispose()
