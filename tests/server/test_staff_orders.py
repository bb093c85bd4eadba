"""/staff/orders: find an order any way the customer says it, read its story, act with a reason."""

from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from server.db import get_session
from server.models import Customer, Notification, OutboxStatus
from tests.server.care_orders_support import (
    PHONE,
    add_store_staff,
    messages,
    order,
    paid,
    ready,
    sign_in,
)
from tests.server.test_csrf import assert_refused_for_a_person, from_another_site


@pytest.fixture
def manager(app: Flask, world):
    add_store_staff(app, "boss", "manager", email="boss@example.com")
    return sign_in(app, "boss")


def found(browser, words: str) -> str:
    page = browser.get("/staff/orders", query_string={"q": words})
    assert page.status_code == 200
    return page.get_data(as_text=True)


def test_an_order_is_found_by_number_phone_in_any_format_code_and_customer(
    app, world, terminal, manager
):
    made = paid(terminal)
    number, link = made["number"], f"/staff/orders/{made['number']}"
    with app.app_context():
        session = get_session()
        session.scalar(select(Customer).where(Customer.phone == PHONE)).name = "Анна Смирнова"
        session.commit()
    for words in (
        number,
        number.lower().replace("-", ""),
        "8 (916) 123-45-67",
        "+7 916 1234567",
        made["pickup_code"],
        "смирнова",
    ):
        assert link in found(manager, words), words
    assert "Таких заказов не найдено." in found(manager, "Z-99999")


def test_another_stores_manager_finds_nothing_and_the_page_answers_like_a_missing_one(
    app, world, terminal
):
    number = paid(terminal)["number"]
    add_store_staff(app, "other", "manager", store="MSK-2")
    other = sign_in(app, "other")
    assert f"/staff/orders/{number}" not in found(other, number)
    assert other.get(f"/staff/orders/{number}").status_code == 404
    assert other.get("/staff/orders/Z-404").status_code == 404


def test_the_timeline_shows_transitions_with_person_and_device_payments_and_messages(
    app, world, terminal, warehouse, manager
):
    number = ready(terminal, warehouse)
    html = manager.get(f"/staff/orders/{number}").get_data(as_text=True)
    for seen in ("оплачен", "собирается", "готов", "terminal-1", "warehouse-1", "14\xa0990 ₽"):
        assert seen in html, seen
    assert 'data-testid="payment-payment"' in html
    assert len(messages(app, kind="ready")) == 1
    # The "ready" text message as the customer read it, its channel and state.
    assert f"Заказ {number} ждёт вас" in html and "СМС" in html


def test_cancel_refunds_what_was_paid_and_records_who_and_why(app, world, terminal, manager):
    made = paid(terminal)
    path = f"/staff/orders/{made['number']}/cancel"
    refused = manager.post(path, data={"reason": "  "})
    assert refused.status_code == 422
    assert "Напишите причину" in refused.get_data(as_text=True)
    assert manager.post(path, data={"reason": "покупатель передумал"}).status_code == 302
    done = order(app, made["number"])
    assert done.status.value == "cancelled" and done.paid_minor == 0
    refunds = [p.amount_minor for p in done.payments if p.kind.value == "refund"]
    assert refunds == [made["total_minor"]]
    assert done.events[-1].actor == "staff:boss"
    assert "покупатель передумал" in (done.events[-1].reason or "")
    again = manager.post(path, data={"reason": "ещё раз"})
    assert again.status_code == 409 and "отменён" in again.get_data(as_text=True)


def test_a_hold_is_extended_twice_and_refused_the_third_time(
    app, world, terminal, warehouse, manager
):
    number = ready(terminal, warehouse)
    first = order(app, number).hold_until
    assert first is not None
    path = f"/staff/orders/{number}/extend"
    for _ in range(2):
        assert manager.post(path, data={"reason": "покупатель в командировке"}).status_code == 302
    assert order(app, number).hold_until == first + timedelta(days=6)
    third = manager.post(path, data={"reason": "ещё раз"})
    assert third.status_code == 409
    assert "уже продлевали 2 раза" in third.get_data(as_text=True)
    assert order(app, number).hold_until == first + timedelta(days=6)


def test_resend_queues_one_new_message_of_that_kind(app, world, terminal, warehouse, manager):
    number = ready(terminal, warehouse)
    before = messages(app, kind="ready")
    assert len(before) == 1
    answer = manager.post(
        f"/staff/orders/{number}/resend", data={"kind": "ready", "reason": "не дошло"}
    )
    assert answer.status_code == 302
    after = messages(app, kind="ready")
    assert len(after) == 2
    assert after[1].status is OutboxStatus.PENDING and after[1].body == before[0].body
    nothing = manager.post(
        f"/staff/orders/{number}/resend", data={"kind": "delayed", "reason": "x"}
    )
    assert nothing.status_code == 409
    with app.app_context():
        assert (
            get_session().scalar(select(Notification).where(Notification.kind == "delayed")) is None
        )


def test_anonymous_and_pickers_are_refused_clerks_may_not_cancel(app, world, terminal):
    number = paid(terminal)["number"]
    anonymous = app.test_client()
    assert anonymous.get("/staff/orders").status_code in (302, 401)
    add_store_staff(app, "pick", "picker")
    assert sign_in(app, "pick").get(f"/staff/orders/{number}").status_code == 403
    add_store_staff(app, "clerk2", "clerk")
    clerk = sign_in(app, "clerk2")
    assert clerk.get(f"/staff/orders/{number}").status_code == 200
    assert clerk.post(f"/staff/orders/{number}/cancel", data={"reason": "x"}).status_code == 403
    assert order(app, number).status.value == "paid"


def test_a_cancel_from_another_site_is_refused(app, world, terminal, manager):
    number = paid(terminal)["number"]
    answer = from_another_site(manager, f"/staff/orders/{number}/cancel", data={"reason": "x"})
    assert_refused_for_a_person(answer, language="ru")
    assert order(app, number).status.value == "paid"
