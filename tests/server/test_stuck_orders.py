"""/staff/stuck: every kind of stuck order is found on a frozen clock, and the worker tells
a store's managers once when the three-minute promise breaks there."""

from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from server import create_app
from server.db import get_session
from server.models import Channel, Notification, Order, OutboxStatus
from server.worker import run_once
from tests.helpers import app_config
from tests.server.care_orders_support import (
    Recorder,
    add_store_staff,
    messages,
    paid,
    ready,
    sign_in,
)


@pytest.fixture
def manager(app: Flask, world):
    add_store_staff(app, "boss", "manager", email="boss@example.com", phone="+79160000001")
    return sign_in(app, "boss")


def rows(browser, kind: str) -> int:
    page = browser.get("/staff/stuck", headers={"HX-Request": "true"})
    assert page.status_code == 200
    return page.get_data(as_text=True).count(f'data-testid="stuck-{kind}"')


def test_paid_untaken_picked_unplaced_and_late_at_the_window(
    app, world, clock, terminal, warehouse, manager
):
    paid(terminal)
    assert rows(manager, "untaken") == 0
    clock.advance(minutes=3)
    assert rows(manager, "untaken") == 1
    taken = paid(terminal)["number"]
    assert warehouse.post(f"/orders/{taken}/picking").status_code == 200
    clock.advance(minutes=6)
    assert rows(manager, "unplaced") == 1
    window = ready(terminal, warehouse)
    assert rows(manager, "at_window") == 0
    clock.advance(minutes=4)
    assert rows(manager, "at_window") == 1
    assert f"/staff/orders/{window}#resend" in manager.get("/staff/stuck").get_data(as_text=True)


def test_late_transit_hold_ending_today_failing_message_and_missing_line(
    app, world, clock, terminal, warehouse, shop, manager
):
    body = {"store": "OUT-1", "lines": [{"sku": "TV-1", "qty": 1}], "payment": "on_pickup"}
    body["customer_phone"] = "+79161234567"
    transit = shop.post("/orders", body).json["number"]
    assert warehouse.post(f"/orders/{transit}/picking").status_code == 200
    assert warehouse.post(f"/orders/{transit}/ship").json["status"] == "in_transit"
    waiting = ready(terminal, warehouse)
    missing = paid(terminal, sku="PHONE-1")["number"]
    assert warehouse.post(f"/orders/{missing}/picking").status_code == 200
    answer = warehouse.post(f"/orders/{missing}/lines/PHONE-1/missing", {"qty": 1})
    assert answer.status_code == 200, answer.json
    with app.app_context():
        session = get_session()
        moving = session.scalar(select(Order).where(Order.number == transit))
        moving.updated_at = clock.now() - timedelta(hours=25)  # shipped yesterday
        held = session.scalar(select(Order).where(Order.number == waiting))
        held.hold_until = clock.now() + timedelta(hours=2)
        message = session.scalar(select(Notification).where(Notification.kind == "ready"))
        message.status, message.attempts = OutboxStatus.PARKED, 8
        session.commit()
    assert rows(manager, "late_transit") == 1
    assert rows(manager, "hold_ends") == 1
    assert rows(manager, "message_failing") == 1
    assert rows(manager, "not_found") == 1
    page = manager.get("/staff/stuck").get_data(as_text=True)
    assert 'hx-trigger="every 2s"' in page
    assert f"/staff/orders/{waiting}#extend" in page


def test_an_order_stuck_in_one_server_process_shows_on_the_page_of_another(
    app, world, clock, terminal, manager, tmp_path
):
    other = create_app(app_config(app.config["DATABASE_URL"], clock, tmp_path))
    try:
        watcher = sign_in(other, "boss")
        assert rows(watcher, "untaken") == 0
        paid(terminal)  # through the first process
        clock.advance(minutes=3)
        assert rows(watcher, "untaken") == 1  # the next poll of the second one sees it
    finally:
        other.extensions["db"].engine.dispose()


def test_another_stores_manager_sees_nothing_stuck_here(app, world, clock, terminal):
    paid(terminal)
    clock.advance(minutes=10)
    add_store_staff(app, "other", "manager", store="MSK-2")
    page = sign_in(app, "other").get("/staff/stuck").get_data(as_text=True)
    assert "Ничего не застряло." in page


def test_a_broken_promise_alerts_the_stores_managers_once_per_period(
    app, world, clock, terminal, manager
):
    add_store_staff(app, "elsewhere", "manager", store="MSK-2", email="b2@example.com")
    recorder = Recorder()
    senders = {Channel.SMS: recorder, Channel.EMAIL: recorder}
    paid(terminal, sku="PHONE-1")
    paid(terminal, sku="PHONE-1")
    run_once(app, senders)
    assert messages(app, kind="promise_alert") == []  # within three minutes: nothing broke
    clock.advance(minutes=4)
    run_once(app, senders)
    run_once(app, senders)
    alerts = [to for to, kind in recorder.sent if kind == "promise_alert"]
    assert sorted(alerts) == ["+79160000001", "boss@example.com"]  # one each, not per order
    console = manager.get("/staff/stuck").get_data(as_text=True)
    assert "Обещание трёх минут нарушено в MSK-1" in console
    clock.advance(minutes=10)
    paid(terminal, sku="PHONE-1")
    clock.advance(minutes=4)
    run_once(app, senders)
    assert len([k for _, k in recorder.sent if k == "promise_alert"]) == 2  # still within 30 min
    clock.advance(minutes=20)
    paid(terminal, sku="PHONE-1")
    clock.advance(minutes=4)
    run_once(app, senders)
    assert len([k for _, k in recorder.sent if k == "promise_alert"]) == 4


def test_pickers_and_anonymous_are_refused(app, world):
    assert app.test_client().get("/staff/stuck").status_code in (302, 401)
    add_store_staff(app, "pick", "picker")
    assert sign_in(app, "pick").get("/staff/stuck").status_code == 403
