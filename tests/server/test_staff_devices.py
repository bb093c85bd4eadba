"""/staff/devices: the fleet page for admins and managers. Register (the key shown once),
revoke (after asking), switch out of service; every device's last heartbeat."""

import re

import pytest
from sqlalchemy import select

from server.db import get_session
from server.models import Device, StaffRole, StaffUser
from server.passwords import hash_password
from tests.helpers import STAFF_PASSWORD, Api
from tests.page_client import PageClient

OK = {"version": "2.0.0", "printer": "ok", "scanner": "none"}


def _sign_in(app, role: StaffRole, *, store_id: int | None = None) -> PageClient:
    username = f"{role.value}-{store_id or 'chain'}"
    with app.app_context():
        session = get_session()
        session.add(
            StaffUser(
                username=username,
                full_name=username,
                role=role.value,
                store_id=store_id,
                password_hash=hash_password(STAFF_PASSWORD),
            )
        )
        session.commit()
    browser = PageClient(app)
    answer = browser.post("/staff/login", data={"username": username, "password": STAFF_PASSWORD})
    assert answer.status_code == 302
    return browser


@pytest.fixture
def manager(app, world) -> PageClient:
    return _sign_in(app, StaffRole.MANAGER)


def _device_id(app, name: str) -> int:
    with app.app_context():
        return get_session().scalar(select(Device.id).where(Device.name == name))


def _row(page: str, name: str) -> str:
    found = re.search(rf'<tr data-testid="device-{name}".*?</tr>', page, re.S)
    assert found, name
    return found.group(0)


def test_anonymous_and_the_wrong_role_see_nothing(app, client, world):
    assert client.get("/staff/devices").location.startswith("/staff/login")
    assert client.post("/staff/devices", data={}).status_code in (302, 400)
    for role in (StaffRole.PICKER, StaffRole.CLERK):
        browser = _sign_in(app, role)
        answer = browser.get("/staff/devices")
        assert answer.status_code == 403
        assert "terminal-1" not in answer.get_data(as_text=True)
        device_id = _device_id(app, "terminal-1")
        refused = browser.post(f"/staff/devices/{device_id}/revoke")
        assert refused.status_code == 403
    assert Api(client, world.tokens["terminal"]).get("/stores").status_code == 200


def test_a_form_from_another_site_is_refused(manager, app, world):
    manager.send_token = False
    device_id = _device_id(app, "terminal-1")
    assert manager.post(f"/staff/devices/{device_id}/revoke").status_code == 400
    manager.send_token = True
    assert Api(manager, world.tokens["terminal"]).get("/stores").status_code == 200


def test_the_fleet_page_shows_each_device_state_in_words(manager, app, world, terminal, clock):
    terminal.post("/devices/heartbeat", {**OK, "printer": "paper_out"})
    page = manager.get("/staff/devices").get_data(as_text=True)
    row = _row(page, "terminal-1")
    assert "2.0.0" in row and "нет бумаги" in row
    assert "не печатает чеки" in row  # why it is out of service
    assert "никогда" in _row(page, "pickup-1")  # never seen

    clock.advance(minutes=7)
    row = _row(manager.get("/staff/devices?lang=en").get_data(as_text=True), "terminal-1")
    assert "not seen for 7 minutes" in row and "out of paper" in row


def test_registering_shows_the_key_once_and_it_works(manager, app, client, world):
    answer = manager.post(
        "/staff/devices", data={"name": "terminal-7", "kind": "terminal", "store": "MSK-1"}
    )
    assert answer.status_code == 201
    assert "no-store" in answer.headers["Cache-Control"]
    token = re.search(r'data-testid="new-token" data-latin-ok>([^<]+)<', answer.get_data(True))
    assert token, "the key is on the answer"
    key = token.group(1)
    assert Api(client, key).post("/devices/heartbeat", OK).status_code == 200
    # Never again: not on the page, and not in the database as it is.
    assert key not in manager.get("/staff/devices").get_data(as_text=True)
    with app.app_context():
        device = get_session().scalar(select(Device).where(Device.name == "terminal-7"))
        assert device.token_hash != key and device.store.code == "MSK-1"


def test_registering_refuses_a_taken_name_or_a_store_device_without_a_store(manager):
    taken = manager.post(
        "/staff/devices", data={"name": "terminal-1", "kind": "terminal", "store": "MSK-1"}
    )
    assert taken.status_code == 409 and "terminal-1" in taken.get_data(as_text=True)
    assert 'data-testid="new-token"' not in taken.get_data(as_text=True)
    storeless = manager.post("/staff/devices", data={"name": "t-8", "kind": "terminal"})
    assert storeless.status_code == 422
    assert "Выберите магазин" in storeless.get_data(as_text=True)


def test_revoking_asks_first_then_locks_the_device_out(manager, app, world, terminal):
    device_id = _device_id(app, "terminal-1")
    question = manager.get(f"/staff/devices/{device_id}/revoke").get_data(as_text=True)
    assert "terminal-1" in question and 'data-testid="confirm-revoke"' in question
    assert terminal.post("/devices/heartbeat", OK).status_code == 200  # asking changed nothing

    assert manager.post(f"/staff/devices/{device_id}/revoke").status_code == 302
    assert terminal.post("/devices/heartbeat", OK).status_code == 401
    row = _row(manager.get("/staff/devices").get_data(as_text=True), "terminal-1")
    assert "отозван" in row and 'data-testid="out-of-service"' not in row


def test_the_out_of_service_switch_reaches_the_terminal(manager, app, terminal):
    device_id = _device_id(app, "terminal-1")
    switched = manager.post(f"/staff/devices/{device_id}/service", data={"out_of_service": "1"})
    assert switched.status_code == 302
    assert terminal.post("/devices/heartbeat", OK).json["out_of_service"] is True
    assert "выведен из работы" in _row(manager.get("/staff/devices").get_data(True), "terminal-1")

    manager.post(f"/staff/devices/{device_id}/service", data={"out_of_service": "0"})
    assert terminal.post("/devices/heartbeat", OK).json["out_of_service"] is False


def test_screens_have_no_switch_and_odd_ids_find_nothing(manager, app):
    board = _device_id(app, "board-1")
    refused = manager.post(f"/staff/devices/{board}/service", data={"out_of_service": "1"})
    assert refused.status_code == 422
    for odd in ("999999", "x", "-1", "9" * 30):
        assert manager.post(f"/staff/devices/{odd}/revoke").status_code == 404, odd
        assert manager.get(f"/staff/devices/{odd}/revoke").status_code == 404, odd


def test_a_store_manager_sees_and_manages_only_their_store(app, world):
    with app.app_context():
        other_id = get_session().merge(world.other_store).id
    browser = _sign_in(app, StaffRole.MANAGER, store_id=other_id)
    page = browser.get("/staff/devices").get_data(as_text=True)
    assert 'data-testid="device-pickup-2"' in page
    assert 'data-testid="device-terminal-1"' not in page
    terminal_id = _device_id(app, "terminal-1")
    assert browser.post(f"/staff/devices/{terminal_id}/revoke").status_code == 404
