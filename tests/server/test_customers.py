"""Customers by phone: the one-time code, the customer token, the bonus ledger, the card."""

from pathlib import Path

from flask import Flask
from sqlalchemy import select

from server.db import get_session
from server.models import BonusEntry, BonusReason, Customer, CustomerCode, Order
from server.services import bonuses
from server.services.actors import Actor
from server.worker import run_once
from tests.helpers import Api

PHONE = "+7 916 123-45-67"


def last_code(sms: Path) -> str:
    """The newest one-time code in the gateway's file (other messages may have come since)."""
    for line in reversed(sms.read_text(encoding="utf-8").strip().splitlines()):
        for word in line.split():
            word = word.strip(".,:")
            if len(word) == 6 and word.isdigit():
                return word
    raise AssertionError(f"no code was sent: {sms.read_text(encoding='utf-8')[-500:]}")


def identify(api: Api, sms: Path, phone: str = PHONE) -> dict:
    assert api.post("/customers/code", {"phone": phone}).status_code == 202
    answer = api.post("/customers/verify", {"phone": phone, "code": last_code(sms)})
    assert answer.status_code == 200, answer.json
    return answer.json


def grant(app: Flask, phone: str, points: int) -> None:
    with app.app_context():
        session = get_session()
        customer = session.scalar(select(Customer).where(Customer.phone == phone))
        session.add(
            BonusEntry(
                customer_id=customer.id,
                amount=points,
                reason=BonusReason.EARNED,
                source="test",
                created_at=app.extensions["clock"].now(),
            )
        )
        session.commit()


def test_code_is_sent_at_once_hashed_and_verify_gives_masked_customer(app, world, terminal, sms):
    answer = terminal.post("/customers/code", {"phone": PHONE})
    assert answer.status_code == 202
    code = last_code(sms)
    assert len(code) == 6
    with app.app_context():
        row = get_session().scalar(select(CustomerCode))
        assert row.code_hash != code and code not in row.code_hash
    verified = terminal.post("/customers/verify", {"phone": "89161234567", "code": code})
    assert verified.status_code == 200
    assert verified.json["customer"] == {
        "phone": "+7 *** ***-45-67",
        "name": None,
        "bonus_balance": 0,
    }
    assert verified.json["customer_token"]


def test_wrong_code_then_sixth_try_refused_even_with_the_right_code(terminal, world, sms):
    terminal.post("/customers/code", {"phone": PHONE})
    code = last_code(sms)
    wrong = "000000" if code != "000000" else "111111"
    for left in (4, 3, 2, 1, 0):
        answer = terminal.post("/customers/verify", {"phone": PHONE, "code": wrong})
        assert answer.status_code == 422
        assert answer.json["error"]["code"] == "wrong_code"
        assert f"Осталось попыток: {left}" in answer.json["error"]["message"]
    sixth = terminal.post("/customers/verify", {"phone": PHONE, "code": code})
    assert sixth.status_code == 429
    assert "неверно 5 раз" in sixth.json["error"]["message"]


def test_expired_code_is_refused(app, terminal, world, sms):
    terminal.post("/customers/code", {"phone": PHONE})
    app.extensions["clock"].advance(minutes=5, seconds=1)
    answer = terminal.post("/customers/verify", {"phone": PHONE, "code": last_code(sms)})
    assert answer.status_code == 422
    assert answer.json["error"]["code"] == "code_expired"
    assert "истёк" in answer.json["error"]["message"]


def test_asking_for_codes_in_a_loop_is_throttled_in_english_too(client, app, terminal, world, sms):
    codes = [terminal.post("/customers/code", {"phone": PHONE}).status_code for _ in range(4)]
    assert codes == [202, 202, 202, 429]
    english = client.post(
        "/api/v1/customers/code",
        json={"phone": PHONE},
        headers={**terminal.headers, "Accept-Language": "en"},
    )
    assert english.status_code == 429
    assert "Too many codes" in english.json["error"]["message"]
    app.extensions["clock"].advance(minutes=16)
    assert terminal.post("/customers/code", {"phone": PHONE}).status_code == 202


def test_pickup_and_warehouse_devices_may_not_ask_for_codes(pickup, warehouse, world, sms):
    assert pickup.post("/customers/code", {"phone": PHONE}).status_code == 403
    assert (
        warehouse.post("/customers/verify", {"phone": PHONE, "code": "123456"}).status_code == 403
    )


def test_first_order_with_a_phone_makes_the_customer_and_links_it(app, terminal, world):
    for _ in range(2):
        body = {
            "store": "MSK-1",
            "lines": [{"sku": "PHONE-2", "qty": 1}],
            "payment": "card",
            "customer_phone": "8 (916) 123-45-67",
        }
        assert terminal.post("/orders", body).status_code == 201
    with app.app_context():
        session = get_session()
        customers = session.scalars(select(Customer)).all()
        assert [c.phone for c in customers] == ["+79161234567"]
        assert {o.customer_id for o in session.scalars(select(Order))} == {customers[0].id}


def order_with_bonuses(terminal: Api, token: str, lines: dict[str, int], bonus: int):
    body = {
        "store": "MSK-1",
        "lines": [{"sku": s, "qty": q} for s, q in lines.items()],
        "payment": "card",
        "bonus_minor": bonus,
    }
    return terminal.client.post(
        "/api/v1/orders", json=body, headers={**terminal.headers, "X-Customer-Token": token}
    )


def test_bonuses_pay_half_of_goods_from_2000_rub_only_on_a_mixed_cart(app, terminal, world, sms):
    token = identify(terminal, sms)["customer_token"]
    grant(app, "+79161234567", 5_000_000)
    with app.app_context():
        session = get_session()
        session.get(
            type(world.products["PHONE-2"]), world.products["PHONE-2"].id
        ).price_minor = 199_999
        session.commit()
    # PHONE-1 at 29 990 RUB counts; PHONE-2 at 1 999.99 RUB (under 2 000) does not.
    cart = {"PHONE-1": 1, "PHONE-2": 1}
    too_much = order_with_bonuses(terminal, token, cart, 1_499_501)
    assert too_much.status_code == 422
    assert too_much.json["error"]["details"]["limit_minor"] == 1_499_500
    order = order_with_bonuses(terminal, token, cart, 1_499_500)
    assert order.status_code == 201, order.json
    assert order.json["bonus_minor"] == 1_499_500
    assert order.json["total_minor"] == 2_999_000 + 199_999 - 1_499_500
    with app.app_context():
        assert bonuses.balance(get_session(), 1) == 5_000_000 - 1_499_500


def test_threshold_is_inclusive_at_exactly_2000_rub(app, terminal, world, sms):
    token = identify(terminal, sms)["customer_token"]
    grant(app, "+79161234567", 1_000_000)
    with app.app_context():
        session = get_session()
        session.get(
            type(world.products["PHONE-2"]), world.products["PHONE-2"].id
        ).price_minor = 200_000
        session.commit()
    order = order_with_bonuses(terminal, token, {"PHONE-2": 2}, 200_000)
    assert order.status_code == 201, order.json
    assert order.json["total_minor"] == 200_000


def test_spending_more_than_the_balance_or_without_token_is_refused(app, terminal, world, sms):
    token = identify(terminal, sms)["customer_token"]
    grant(app, "+79161234567", 100)
    assert order_with_bonuses(terminal, token, {"PHONE-1": 1}, 101).status_code == 422
    body = {
        "store": "MSK-1",
        "lines": [{"sku": "PHONE-1", "qty": 1}],
        "payment": "card",
        "bonus_minor": 50,
    }
    assert terminal.post("/orders", body).status_code == 422
    assert order_with_bonuses(terminal, "forged", {"PHONE-1": 1}, 50).status_code == 401


def test_cancel_returns_the_spent_bonuses(app, terminal, world, sms):
    token = identify(terminal, sms)["customer_token"]
    grant(app, "+79161234567", 300_000)
    order = order_with_bonuses(terminal, token, {"PHONE-1": 1}, 250_000).json
    assert (
        terminal.post(
            f"/orders/{order['number']}/payments", {"method": "card", "amount_minor": 2_749_000}
        ).status_code
        == 201
    )
    answer = terminal.post(f"/orders/{order['number']}/cancel", {"reason": "changed mind"})
    assert answer.status_code == 200
    with app.app_context():
        session = get_session()
        assert bonuses.balance(session, 1) == 300_000
        reasons = [e.reason for e in bonuses.ledger(session, 1)]
        assert reasons[-2:] == [BonusReason.SPENT, BonusReason.SPEND_RETURNED]
        refund = session.scalar(select(Order).where(Order.number == order["number"]))
        assert refund.paid_minor == 0


def test_hand_out_earns_5_percent_of_money_paid_and_a_refund_takes_it_back(
    app, terminal, warehouse, pickup, world, sms
):
    token = identify(terminal, sms)["customer_token"]
    grant(app, "+79161234567", 100_000)
    order = order_with_bonuses(terminal, token, {"PHONE-1": 1}, 100_000).json
    number = order["number"]
    terminal.post(f"/orders/{number}/payments", {"method": "card", "amount_minor": 2_899_000})
    warehouse.post(f"/orders/{number}/picking")
    warehouse.post(f"/orders/{number}/ready", {"window": 1})
    assert pickup.post(f"/orders/{number}/hand-out").status_code == 200
    with app.app_context():
        session = get_session()
        assert bonuses.balance(session, 1) == 2_899_000 * 5 // 100 == 144_950
        db_order = session.scalar(select(Order).where(Order.number == number))
        taken = bonuses.take_back_earned(
            session, db_order, actor=Actor("staff"), now=db_order.created_at
        )
        assert taken == 144_950
        assert bonuses.balance(session, 1) == 0


def test_card_shows_profile_orders_messages_and_ledger_to_the_shop_only(
    app, shop, terminal, world, sms
):
    identify(shop, sms)
    grant(app, "+79161234567", 700)
    body = {
        "store": "MSK-1",
        "lines": [{"sku": "PHONE-1", "qty": 1}],
        "payment": "online",
        "customer_phone": PHONE,
    }
    number = shop.post("/orders", body).json["number"]
    card = shop.get("/customers/+79161234567")
    assert card.status_code == 200
    assert card.json["bonus_balance"] == 700
    assert [o["number"] for o in card.json["orders"]] == [number]
    assert card.json["orders"][0]["events"][0]["status"] == "reserved"
    assert {m["kind"] for m in card.json["messages"]} == {"code", "created"}
    assert all(m["text"] == "******" for m in card.json["messages"] if m["kind"] == "code")
    assert [e["amount"] for e in card.json["bonus_ledger"]] == [700]
    assert terminal.get("/customers/+79161234567").status_code == 403
    assert shop.get("/customers/+79990000000").status_code == 404


def test_a_forgotten_shopper_token_no_longer_spends_and_tokens_end_after_15_minutes(
    app, terminal, world, sms
):
    token = identify(terminal, sms)["customer_token"]
    grant(app, "+79161234567", 10_000)
    with_token = {**terminal.headers, "X-Customer-Token": token}
    assert terminal.client.post("/api/v1/customers/forget", headers=with_token).status_code == 200
    assert order_with_bonuses(terminal, token, {"PHONE-1": 1}, 100).status_code == 401
    later = identify(terminal, sms, phone="+7 916 765-43-21")["customer_token"]
    app.extensions["clock"].advance(minutes=15)
    assert order_with_bonuses(terminal, later, {"PHONE-1": 1}, 100).status_code == 401


def test_expiry_of_an_unpaid_order_returns_the_spent_bonuses(app, terminal, world, sms):
    token = identify(terminal, sms)["customer_token"]
    grant(app, "+79161234567", 50_000)
    assert order_with_bonuses(terminal, token, {"PHONE-1": 1}, 50_000).status_code == 201
    with app.app_context():
        assert bonuses.balance(get_session(), 1) == 0
    app.extensions["clock"].advance(minutes=16)
    run_once(app, senders={})
    with app.app_context():
        assert bonuses.balance(get_session(), 1) == 50_000


def test_the_earn_and_spend_percentages_come_from_the_configuration(
    app, terminal, warehouse, pickup, world, sms
):
    app.config.update(BONUS_EARN_PERCENT=10, BONUS_SPEND_SHARE_PERCENT=20)
    token = identify(terminal, sms)["customer_token"]
    grant(app, "+79161234567", 1_000_000)
    assert order_with_bonuses(terminal, token, {"PHONE-1": 1}, 599_801).status_code == 422
    order = order_with_bonuses(terminal, token, {"PHONE-1": 1}, 599_800).json
    number = order["number"]
    assert order["total_minor"] == 2_399_200
    terminal.post(f"/orders/{number}/payments", {"method": "card", "amount_minor": 2_399_200})
    warehouse.post(f"/orders/{number}/picking")
    warehouse.post(f"/orders/{number}/ready", {"window": 1})
    assert pickup.post(f"/orders/{number}/hand-out").status_code == 200
    with app.app_context():
        assert bonuses.balance(get_session(), 1) == 1_000_000 - 599_800 + 239_920


def test_code_refusals_speak_english_to_an_english_screen(app, client, terminal, world, sms):
    english = {**terminal.headers, "Accept-Language": "en"}

    def verify(code: str) -> dict:
        body = {"phone": PHONE, "code": code}
        return client.post("/api/v1/customers/verify", json=body, headers=english).json

    terminal.post("/customers/code", {"phone": PHONE})
    code = last_code(sms)
    wrong = "000000" if code != "000000" else "111111"
    assert verify(wrong)["error"]["message"] == "This code is wrong. Tries left: 4."
    for _ in range(4):
        verify(wrong)
    assert verify(code)["error"]["message"] == (
        "The code was entered wrongly 5 times. Ask for a new code."
    )
    terminal.post("/customers/code", {"phone": PHONE})
    app.extensions["clock"].advance(minutes=6)
    assert verify(last_code(sms))["error"]["message"] == (
        "This code has expired. Ask for a new code."
    )
