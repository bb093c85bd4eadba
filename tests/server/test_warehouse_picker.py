"""The person, not only the device: a picker chooses themself on the warehouse screen, and a
clerk named at a window is found among the store's clerks; their order events carry them."""

from flask import Flask
from sqlalchemy import select

from server.db import get_session
from server.models import AuditEntry, Device, OrderEvent, StaffUser
from server.services import staff_accounts
from tests.conftest import paired
from tests.helpers import Api
from tests.server.test_screens import paid_order


def events_of(app: Flask, number: str) -> list[tuple[str, str, int | None]]:
    with app.app_context():
        rows = get_session().execute(
            select(OrderEvent.to_status, OrderEvent.actor, OrderEvent.staff_id)
            .join(OrderEvent.order)
            .where(OrderEvent.order.has(number=number))
            .order_by(OrderEvent.id)
        )
        return [(str(status), actor, staff) for status, actor, staff in rows]


def give_pin(app: Flask, username: str, pin: str) -> int:
    with app.app_context():
        session = get_session()
        staff = session.scalars(select(StaffUser).where(StaffUser.username == username)).one()
        staff_accounts.set_pin(session, staff, pin)
        session.commit()
        return staff.id


def test_a_picker_chooses_themself_with_a_pin_and_their_taps_carry_them(
    app: Flask, world, terminal: Api
):
    picker_id = give_pin(app, "picker", "4321")
    screen = paired(app, world.tokens["warehouse"])
    choose = screen.get("/warehouse/picker").text
    assert "Pavel Picker" in choose and "Marina Manager" not in choose  # pickers only
    wrong = screen.post("/warehouse/picker", data={"staff_id": picker_id, "pin": "0000"})
    assert wrong.status_code == 422 and "Неверный PIN" in wrong.text
    chosen = screen.post("/warehouse/picker", data={"staff_id": picker_id, "pin": "4321"})
    assert chosen.location == "/warehouse"
    assert "Pavel Picker" in screen.get("/warehouse").text

    order = paid_order(terminal, TV_1=1)
    screen.post(f"/warehouse/orders/{order['number']}/take")
    assert events_of(app, order["number"])[-1] == ("picking", "picker:Pavel Picker", picker_id)

    screen.post("/warehouse/picker/leave")
    screen.post(f"/warehouse/orders/{order['number']}/picked", data={"sku": "TV-1"})
    screen.post(f"/warehouse/orders/{order['number']}/ready", data={"window": "1"})
    # Nobody chosen: the device alone.
    assert events_of(app, order["number"])[-1] == ("ready", "device:warehouse-1", None)
    with app.app_context():
        entry = get_session().scalars(select(AuditEntry)).one()
        assert (entry.username, entry.action, entry.target) == (
            "picker",
            "picker_on_shift",
            "warehouse-1",
        )


def test_guessing_a_pin_is_stopped(app: Flask, world, clock):
    picker_id = give_pin(app, "picker", "4321")
    screen = paired(app, world.tokens["warehouse"])
    for guess in range(5):
        screen.post("/warehouse/picker", data={"staff_id": picker_id, "pin": f"{guess:04d}"})
    locked = screen.post("/warehouse/picker", data={"staff_id": picker_id, "pin": "4321"})
    assert locked.status_code == 429
    clock.advance(minutes=16)
    assert (
        screen.post("/warehouse/picker", data={"staff_id": picker_id, "pin": "4321"}).status_code
        == 302
    )


def test_a_picker_of_another_store_cannot_be_chosen(app: Flask, world):
    admin_id = 1
    screen = paired(app, world.tokens["warehouse"])
    answer = screen.post("/warehouse/picker", data={"staff_id": admin_id})
    assert answer.status_code == 422


def test_a_clerk_named_at_the_window_is_found_among_the_stores_clerks(
    app: Flask, world, pickup: Api
):
    assert pickup.post("/device/shift", {"clerk": "klara clerk"}).status_code == 200
    with app.app_context():
        device = get_session().scalars(select(Device).where(Device.name == "pickup-1")).one()
        assert device.clerk == "klara clerk" and device.staff_id == 3
    pickup.post("/device/shift", {"clerk": "Somebody Else"})
    with app.app_context():
        device = get_session().scalars(select(Device).where(Device.name == "pickup-1")).one()
        assert device.staff_id is None
