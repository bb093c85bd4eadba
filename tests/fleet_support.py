"""The fleet in tests: a device as the server keeps it, and the manager's switch."""

from flask import Flask
from sqlalchemy import select

from server.db import get_session
from server.models import Device
from server.services.fleet import switch_service


def stored_device(app: Flask, name: str) -> Device:
    """The device's row as it is now, detached, to read what its heartbeat left."""
    with app.app_context():
        device = get_session().scalar(select(Device).where(Device.name == name))
        assert device is not None, name
        get_session().expunge(device)
        return device


def switch_out_of_service(app: Flask, name: str, on: bool) -> None:
    with app.app_context():
        session = get_session()
        device = session.scalar(select(Device).where(Device.name == name))
        switch_service(session, device, out_of_service=on)
        session.commit()
