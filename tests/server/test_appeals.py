"""/staff/appeals: recorded from any channel, answered with compensation, escalated when late."""

from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from server.db import get_session
from server.models import Appeal, BonusEntry, Channel, Customer
from server.worker import run_once
from tests.server.care_orders_support import (
    PHONE,
    Recorder,
    add_store_staff,
    messages,
    order,
    paid,
    sign_in,
)
from tests.server.test_csrf import assert_refused_for_a_person, from_another_site


@pytest.fixture
def manager(app: Flask, world):
    add_store_staff(app, "boss", "manager", email="boss@example.com")
    return sign_in(app, "boss")


def appeal(app: Flask) -> Appeal:
    with app.app_context():
        found = get_session().scalar(select(Appeal).order_by(Appeal.id.desc()))
        assert found is not None
        get_session().expunge_all()
        return found


def record(browser, **form: str):  # type: ignore[no-untyped-def]
    body = {
        "phone": "8 916 123-45-67",
        "category": "delay",
        "channel": "call_centre",
        "text": "Заказ не готов",
        "responsible": "boss",
        **form,
    }
    return browser.post("/staff/appeals", data=body)


def test_an_appeal_is_recorded_answered_and_closed_with_bonuses_and_money(
    app, world, terminal, manager
):
    made = paid(terminal)
    assert record(manager, order=made["number"].lower()).status_code == 302
    opened = appeal(app)
    assert (opened.customer_phone, opened.status.value, opened.responsible) == (
        PHONE,
        "open",
        "boss",
    )
    assert opened.due_at - opened.created_at == timedelta(hours=2)
    listing = manager.get("/staff/appeals").get_data(as_text=True)
    assert 'data-testid="appeal-row"' in listing
    assert '<strong data-testid="unresolved">1</strong>' in listing
    answer = manager.post(
        f"/staff/appeals/{opened.id}/resolve",
        data={"resolution": "Извинились, компенсировали", "bonus": "300", "refund": "100"},
    )
    assert answer.status_code == 302
    closed = appeal(app)
    assert (closed.status.value, closed.bonus_minor, closed.refund_minor) == (
        "resolved",
        30_000,
        10_000,
    )
    with app.app_context():
        session = get_session()
        customer = session.scalar(select(Customer).where(Customer.phone == PHONE))
        credits = session.scalars(
            select(BonusEntry.amount).where(BonusEntry.customer_id == customer.id)
        )
        assert 30_000 in list(credits)
        card_id = customer.id
    refunds = [
        p.amount_minor for p in order(app, made["number"]).payments if p.kind.value == "refund"
    ]
    assert refunds == [10_000]
    again = manager.post(f"/staff/appeals/{closed.id}/resolve", data={"resolution": "ещё"})
    assert again.status_code == 409
    card = manager.get(f"/staff/customers/{card_id}").get_data(as_text=True)
    assert "Извинились, компенсировали" in card and 'data-testid="appeals"' in card
    listing = manager.get("/staff/appeals").get_data(as_text=True)
    assert '<strong data-testid="unresolved">0</strong>' in listing


def test_bad_appeals_are_refused_with_a_clear_message(app, world, manager):
    for form, said in (
        ({"phone": "123"}, "неверный номер телефона"),
        ({"text": " "}, "Напишите, что сказал покупатель."),
        ({"order": "Z-404"}, "Такого заказа нет."),
        ({"responsible": "nobody"}, "Такого сотрудника нет."),
    ):
        answer = record(manager, **form)
        assert answer.status_code == 422, form
        assert said in answer.get_data(as_text=True), form
    assert record(manager).status_code == 302
    opened = appeal(app)
    too_much = manager.post(
        f"/staff/appeals/{opened.id}/resolve", data={"resolution": "x", "refund": "5"}
    )
    assert too_much.status_code == 422  # no order named: no money back
    assert appeal(app).status.value == "open"


def test_an_unanswered_appeal_escalates_once_and_tells_the_manager(app, world, clock, manager):
    record(manager)
    run_once(app, {Channel.EMAIL: Recorder(), Channel.SMS: Recorder()})
    assert appeal(app).status.value == "open"
    clock.advance(hours=2, minutes=1)
    recorder = Recorder()
    run_once(app, {Channel.EMAIL: recorder, Channel.SMS: recorder})
    run_once(app, {Channel.EMAIL: recorder, Channel.SMS: recorder})
    assert appeal(app).status.value == "escalated"
    assert recorder.sent == [("boss@example.com", "appeal_escalated")]
    assert len(messages(app, kind="appeal_escalated")) == 1
    manager = sign_in(app, "boss")  # two hours on, the morning's session has ended
    listing = manager.get("/staff/appeals").get_data(as_text=True)
    assert '<strong data-testid="overdue">1</strong>' in listing


def test_clerks_record_but_do_not_compensate_pickers_are_refused(app, world):
    add_store_staff(app, "clerk2", "clerk")
    clerk = sign_in(app, "clerk2")
    assert record(clerk, responsible="").status_code == 302
    opened = appeal(app)
    assert (
        clerk.post(f"/staff/appeals/{opened.id}/resolve", data={"resolution": "x"}).status_code
        == 403
    )
    add_store_staff(app, "pick", "picker")
    assert sign_in(app, "pick").get("/staff/appeals").status_code == 403
    assert app.test_client().get("/staff/appeals").status_code in (302, 401)
    add_store_staff(app, "other", "manager", store="MSK-2")
    assert sign_in(app, "other").get(f"/staff/appeals/{opened.id}").status_code == 404


def test_an_appeal_from_another_site_is_refused(app, world, manager):
    assert_refused_for_a_person(
        from_another_site(manager, "/staff/appeals", data={"phone": "x"}), language="ru"
    )
    with app.app_context():
        assert get_session().scalar(select(Appeal)) is None


def test_the_call_centre_records_an_appeal_over_the_api(app, world, terminal, shop, manager):
    number = paid(terminal)["number"]
    body = {"phone": "8 916 123 45 67", "category": "wrong_goods", "text": "Не тот цвет"}
    answer = shop.post("/appeals", {**body, "order": number})
    assert answer.status_code == 201, answer.json
    assert (answer.json["status"], answer.json["order"]) == ("open", number)
    assert appeal(app).created_by == "device:shop-1"
    refused = shop.post("/appeals", {**body, "order": "Z-404"})
    assert refused.status_code == 422
    assert refused.json["error"]["code"] == "appeal_invalid"
    assert terminal.post("/appeals", body).status_code == 403
