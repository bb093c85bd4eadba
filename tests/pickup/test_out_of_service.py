"""A pickup window switched out of service: the clerk sees it on the screen's status poll,
the fleet page sees the station's printer and camera."""

from sqlalchemy import select

from server.db import get_session
from server.models import Device
from server.services.fleet import switch_service


def _switch(app, on: bool) -> None:
    with app.app_context():
        session = get_session()
        device = session.scalar(select(Device).where(Device.name == "pickup-1"))
        switch_service(session, device, out_of_service=on)
        session.commit()


def test_the_clerk_sees_the_window_switched_off_and_back(station_app, desk, app, printer, wire):
    station_app.extensions["pickup"].heartbeat.interval = 0
    printer.paper_low = True
    assert "out-of-service" not in desk.get("/status").get_data(as_text=True)
    with app.app_context():
        device = get_session().scalar(select(Device).where(Device.name == "pickup-1"))
        assert (device.printer_state, device.camera_state) == ("paper_low", "none")

    _switch(app, True)
    page = desk.get("/status").get_data(as_text=True)
    assert "switched out of service by a manager" in page
    _switch(app, False)
    assert "out-of-service" not in desk.get("/status").get_data(as_text=True)
    assert wire.count("/devices/heartbeat") == 3
