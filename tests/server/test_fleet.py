"""The heartbeat: devices say how they are; the answer says whether they serve, and where
to send shoppers when they do not."""

from server.clock import now
from server.db import get_session
from server.models import DeviceKind
from server.services.devices import register_device, revoke_device
from tests.fleet_support import stored_device, switch_out_of_service
from tests.helpers import T0, Api

OK = {"version": "1.4.2", "printer": "ok", "scanner": "none"}


def _second_terminal(app, client, world, name: str = "terminal-2") -> Api:
    with app.app_context():
        session = get_session()
        store = session.merge(world.store)
        _device, token = register_device(
            session, name=name, kind=DeviceKind.TERMINAL, store=store, now=T0
        )
        session.commit()
    return Api(client, token)


def test_heartbeat_keeps_what_the_device_said_and_answers_in_service(app, terminal):
    answer = terminal.post("/devices/heartbeat", {**OK, "printer": "paper_low", "camera": "none"})
    assert answer.status_code == 200
    assert answer.json == {"out_of_service": False, "reason": None, "nearest": None}
    device = stored_device(app, "terminal-1")
    assert device.last_seen_at == T0
    assert (device.version, device.printer_state, device.scanner_state) == (
        "1.4.2",
        "paper_low",
        "none",
    )


def test_a_pickup_station_reports_its_camera(app, pickup):
    answer = pickup.post("/devices/heartbeat", {**OK, "scanner": "offline", "camera": "offline"})
    assert answer.status_code == 200 and answer.json["out_of_service"] is False
    device = stored_device(app, "pickup-1")
    assert (device.scanner_state, device.camera_state) == ("offline", "offline")


def test_heartbeat_refuses_words_it_does_not_know(terminal):
    for body in (
        {**OK, "printer": "on_fire"},
        {**OK, "scanner": "ok", "extra": 1},
        {"printer": "ok", "scanner": "ok"},
        {**OK, "version": "1.0; DROP TABLE"},
        {**OK, "version": "x" * 41},
    ):
        answer = terminal.post("/devices/heartbeat", body)
        assert answer.status_code == 422, body
        assert answer.json["error"]["code"] == "validation_error"


def test_a_revoked_device_is_refused(app, client, world, terminal):
    with app.app_context():
        revoke_device(get_session(), name="terminal-1", now=now())
        get_session().commit()
    answer = terminal.post("/devices/heartbeat", OK)
    assert answer.status_code == 401 and answer.json["error"]["code"] == "unauthorized"
    assert Api(client, "not-a-token").post("/devices/heartbeat", OK).status_code == 401


def test_switched_off_terminal_hears_it_and_where_the_nearest_working_one_is(
    app, client, world, terminal, clock
):
    far = _second_terminal(app, client, world, "terminal-9")
    near = _second_terminal(app, client, world, "terminal-2")
    assert far.post("/devices/heartbeat", OK).status_code == 200
    assert near.post("/devices/heartbeat", OK).status_code == 200
    switch_out_of_service(app, "terminal-1", True)

    answer = terminal.post("/devices/heartbeat", OK).json
    assert answer == {"out_of_service": True, "reason": "switched_off", "nearest": "terminal-2"}

    # terminal-2 runs out of paper: it no longer serves, so terminal-9 is the nearest.
    assert near.post("/devices/heartbeat", {**OK, "printer": "paper_out"}).json == {
        "out_of_service": True,
        "reason": "printer",
        "nearest": "terminal-9",
    }
    assert terminal.post("/devices/heartbeat", OK).json["nearest"] == "terminal-9"

    # A terminal not heard from for minutes is not sent shoppers either.
    clock.advance(minutes=10)
    assert terminal.post("/devices/heartbeat", OK).json["nearest"] is None

    switch_out_of_service(app, "terminal-1", False)
    assert terminal.post("/devices/heartbeat", OK).json["out_of_service"] is False


def test_a_terminal_that_cannot_print_is_out_of_service_until_it_can(terminal, pickup):
    for state in ("paper_out", "cover_open", "offline"):
        answer = terminal.post("/devices/heartbeat", {**OK, "printer": state}).json
        assert (answer["out_of_service"], answer["reason"]) == (True, "printer"), state
    assert terminal.post("/devices/heartbeat", {**OK, "printer": "paper_low"}).json == {
        "out_of_service": False,
        "reason": None,
        "nearest": None,
    }
    # A pickup window without paper still hands out goods: only its slip is missing.
    assert (
        pickup.post("/devices/heartbeat", {**OK, "printer": "paper_out"}).json["out_of_service"]
        is False
    )


def test_heartbeat_is_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").json
    assert "post" in document["paths"]["/api/v1/devices/heartbeat"]
