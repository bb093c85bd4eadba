"""Bonuses beyond the purchase, their expiry, and the messages after hand-out.

Amounts are points: 1 point = 1 kopeck, so "+100 bonuses" (100 ₽) is 10 000 points.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from server.clock import FrozenClock
from server.db import get_session
from server.errors import DomainError, ErrorCode
from server.models import BonusEntry, BonusReason, Channel, Customer, Notification, Order
from server.services import aftercare, bonus_rules, bonuses
from server.services.actors import Actor
from server.services.bonus_expiry import ExpiryPolicy, expire_due, warn_expiring
from server.services.customer_profile import ProfileIn, update_profile
from server.worker import run_once
from tests.helpers import T0
from tests.server.care_support import PHONE, collected

STAFF = Actor("staff:manager")


def make_customer(app: Flask, **values: object) -> int:
    with app.app_context():
        session = get_session()
        row = Customer(phone=PHONE, created_at=T0, **values)
        session.add(row)
        session.commit()
        return row.id


def messages(app: Flask, kind: str) -> list[Notification]:
    with app.app_context():
        session = get_session()
        rows = list(session.scalars(select(Notification).where(Notification.kind == kind)))
        session.expunge_all()
        return rows


def entries(app: Flask, customer_id: int) -> list[tuple[int, str]]:
    with app.app_context():
        return [(e.amount, e.reason.value) for e in bonuses.ledger(get_session(), customer_id)]


def credit_at(app: Flask, customer_id: int, amount: int, at: datetime, reason=BonusReason.EARNED):
    with app.app_context():
        session = get_session()
        session.add(
            BonusEntry(
                customer_id=customer_id, amount=amount, reason=reason, source="test", created_at=at
            )
        )
        session.commit()


# --- after hand-out: bonuses earned, the review request ---------------------------------


def test_hand_out_tells_the_customer_the_bonuses_earned_in_roubles(
    app, world, terminal, warehouse, pickup
):
    collected(terminal, warehouse, pickup, {"PHONE-1": 1})  # 29 990 ₽ paid by card
    [sms] = messages(app, "bonus_earned")
    assert sms.channel is Channel.SMS and sms.recipient == PHONE
    # 5 % of 2 999 000 kopecks = 149 950 points = 1 499,50 ₽
    assert "начислено бонусов: 1 499,50. На счёте: 1 499,50." in sms.body
    assert sms.due_at == T0  # 12:00 in Moscow: at once
    # No marketing consent: no review request.
    assert messages(app, "review_request") == []


def test_review_request_goes_once_per_order_with_consent_and_never_again(
    app, world, terminal, warehouse, pickup
):
    make_customer(app, marketing_consent=True, email="ivan@example.com", language="en")
    number = collected(terminal, warehouse, pickup, {"PHONE-1": 1, "TV-1": 1})
    requests = messages(app, "review_request")
    assert sorted(m.channel.value for m in requests) == ["email", "sms"]
    assert all(f"order {number}" in m.body and "/r/" in m.body for m in requests)
    with app.app_context():
        session = get_session()
        order = session.scalar(select(Order).where(Order.number == number))
        # Asked again for the same order (a retried hand-out, a second worker): nothing.
        assert aftercare.after_hand_out(session, order, earned=0, now=T0) == 0
        session.commit()
    assert len(messages(app, "review_request")) == 2


def test_customer_preferences_decide_the_channels(app, world, terminal, warehouse, pickup):
    make_customer(app, sms_allowed=False, email="ivan@example.com", marketing_consent=True)
    collected(terminal, warehouse, pickup, {"PHONE-2": 1})
    assert [m.channel for m in messages(app, "bonus_earned")] == [Channel.EMAIL]
    assert [m.channel for m in messages(app, "review_request")] == [Channel.EMAIL]


def test_no_sms_at_night_it_waits_for_the_morning(app, world, terminal, warehouse, pickup, clock):
    clock.current = datetime(2026, 11, 24, 20, 30, tzinfo=UTC)  # 23:30 in Moscow
    make_customer(app, marketing_consent=True)
    collected(terminal, warehouse, pickup, {"PHONE-2": 1})
    morning = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)  # 09:00 in Moscow
    for kind in ("bonus_earned", "review_request"):
        [sms] = messages(app, kind)
        assert sms.due_at == morning, kind


# --- bonuses for actions ----------------------------------------------------------------


def profile(**changes: object) -> ProfileIn:
    values: dict = dict(
        name="Иван Петров",
        email="ivan@example.com",
        birthday=date(1990, 5, 31),
        language="ru",
        sms_allowed=True,
        email_allowed=True,
        do_not_call=False,
        marketing_consent=False,
    )
    values.update(changes)
    return ProfileIn(**values)


def test_complete_profile_earns_100_roubles_once(app, world):
    customer_id = make_customer(app)
    with app.app_context():
        session = get_session()
        customer = session.get(Customer, customer_id)
        assert update_profile(session, customer, profile(birthday=None), actor=STAFF, now=T0) == 0
        assert update_profile(session, customer, profile(), actor=STAFF, now=T0) == 10_000
        assert update_profile(session, customer, profile(name="Иван"), actor=STAFF, now=T0) == 0
        with pytest.raises(DomainError) as bad:
            update_profile(session, customer, profile(email="not-an-email"), actor=STAFF, now=T0)
        assert bad.value.code is ErrorCode.PROFILE_INVALID
        session.commit()
    assert entries(app, customer_id) == [(10_000, "profile")]


def test_social_mention_earns_150_roubles_per_post(app, world):
    customer_id = make_customer(app)
    post = "https://vk.com/wall-1_2"
    with app.app_context():
        session = get_session()
        customer = session.get(Customer, customer_id)
        assert bonus_rules.confirm_social_mention(session, customer, post, actor=STAFF, now=T0) == (
            15_000
        )
        for link, code in ((post, "bonus_already_granted"), ("vk.com", "bonus_grant_invalid")):
            with pytest.raises(DomainError) as refused:
                bonus_rules.confirm_social_mention(session, customer, link, actor=STAFF, now=T0)
            assert refused.value.code == code
        session.commit()
    assert entries(app, customer_id) == [(15_000, "social_mention")]


def test_goodwill_credit_needs_a_reason_and_stays_within_5000_roubles(app, world):
    customer_id = make_customer(app)
    with app.app_context():
        session = get_session()
        customer = session.get(Customer, customer_id)
        for points, reason in ((30_000, ""), (0, "late"), (500_001, "late")):
            with pytest.raises(DomainError) as refused:
                bonus_rules.grant_goodwill(session, customer, points, reason, actor=STAFF, now=T0)
            assert refused.value.code is ErrorCode.BONUS_GRANT_INVALID
        bonus_rules.grant_goodwill(
            session, customer, 30_000, "Order A-1001 was late", actor=STAFF, now=T0
        )
        session.commit()
        [entry] = bonuses.ledger(session, customer_id)
        assert (entry.amount, entry.reason, entry.note, entry.source) == (
            30_000,
            BonusReason.GOODWILL,
            "Order A-1001 was late",
            "staff:manager",
        )


@pytest.mark.parametrize(
    ("text", "pros", "cons", "points"),
    [
        ("Хороший телефон", "", "", 10_000),
        ("х" * 1_500, "", "Дорогой", 10_000),  # long, but no pros: short
        ("х" * 299, "Быстрый экран", "Дорогой чехол", 10_000),
        ("х" * 300, "Быстрый экран", "Дорогой чехол", 50_000),
        ("х" * 800, "Быстрый экран", "Дорогой чехол", 100_000),
        ("х" * 1_500, "Быстрый экран", "Дорогой чехол", 150_000),
        ("х" * 4_000, "Быстрый экран", "Дорогой чехол", 150_000),
    ],
)
def test_review_bonus_from_100_to_1500_roubles(text, pros, cons, points):
    from server.models import ProductReview

    review = ProductReview(rating=5, text=text, pros=pros, cons=cons)
    assert bonus_rules.review_points(review) == points


# --- expiry -----------------------------------------------------------------------------

POLICY = ExpiryPolicy(lifetime=timedelta(days=365), warn_before=timedelta(days=14))


def test_old_bonuses_expire_oldest_first_and_only_once(app, world):
    customer_id = make_customer(app)
    credit_at(app, customer_id, 10_000, T0 - timedelta(days=370))
    credit_at(app, customer_id, 5_000, T0 - timedelta(days=100))
    credit_at(app, customer_id, -3_000, T0 - timedelta(days=50), BonusReason.SPENT)
    with app.app_context():
        session = get_session()
        # The 3 000 spent came out of the oldest credit: 7 000 of it is left to expire.
        assert expire_due(session, policy=POLICY, now=T0) == 7_000
        session.commit()
        assert expire_due(session, policy=POLICY, now=T0) == 0
        assert bonuses.balance(session, customer_id) == 5_000
    assert entries(app, customer_id)[-1] == (-7_000, "expired")


def test_nothing_expires_when_the_old_bonuses_were_spent_and_balance_stays_positive(app, world):
    customer_id = make_customer(app)
    credit_at(app, customer_id, 10_000, T0 - timedelta(days=400))
    credit_at(app, customer_id, -10_000, T0 - timedelta(days=380), BonusReason.SPENT)
    credit_at(app, customer_id, 2_000, T0 - timedelta(days=10))
    with app.app_context():
        session = get_session()
        assert expire_due(session, policy=POLICY, now=T0) == 0
        assert bonuses.balance(session, customer_id) == 2_000


def test_customer_is_warned_once_before_bonuses_expire(app, world):
    customer_id = make_customer(app)
    credit_at(app, customer_id, 25_050, T0 - timedelta(days=365 - 10))  # expires in 10 days
    with app.app_context():
        session = get_session()
        assert warn_expiring(session, policy=POLICY, now=T0) == 1
        session.commit()
        assert warn_expiring(session, policy=POLICY, now=T0 + timedelta(days=1)) == 0
        session.commit()
    [sms] = messages(app, "bonus_expiring")
    assert sms.recipient == PHONE
    assert sms.body.startswith("04.12.2026 сгорят бонусы: 250,50.")


def test_the_worker_expires_after_the_configured_lifetime(app, world, clock: FrozenClock):
    app.config["BONUS_LIFETIME_DAYS"] = 30
    customer_id = make_customer(app)
    credit_at(app, customer_id, 4_000, T0 - timedelta(days=31))
    run_once(app, senders={})
    assert entries(app, customer_id) == [(4_000, "earned"), (-4_000, "expired")]


def test_expiry_takes_turns_on_both_engines(any_db_app):
    """The customer's row is locked before counting: a second pass finds nothing left."""
    from tests.helpers import build_world

    with any_db_app.app_context():
        build_world(get_session())
    customer_id = make_customer(any_db_app)
    credit_at(any_db_app, customer_id, 9_000, T0 - timedelta(days=366))
    credit_at(any_db_app, customer_id, -1_000, T0 - timedelta(days=10), BonusReason.SPENT)
    with any_db_app.app_context():
        session = get_session()
        assert expire_due(session, policy=POLICY, now=T0) == 8_000
        session.commit()
        assert expire_due(session, policy=POLICY, now=T0 + timedelta(days=1)) == 0
        assert bonuses.balance(session, customer_id) == 0
