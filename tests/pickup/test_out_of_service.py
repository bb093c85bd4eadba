"""A pickup window switched out of service: the clerk sees it on the screen's status poll,
the fleet page sees the station's printer and camera."""

from tests.fleet_support import stored_device, switch_out_of_service


def test_the_clerk_sees_the_window_switched_off_and_back(station_app, desk, app, printer, wire):
    station_app.extensions["pickup"].heartbeat.interval = 0
    printer.paper_low = True
    assert "out-of-service" not in desk.get("/status").get_data(as_text=True)
    device = stored_device(app, "pickup-1")
    assert (device.printer_state, device.camera_state) == ("paper_low", "none")

    switch_out_of_service(app, "pickup-1", True)
    page = desk.get("/status").get_data(as_text=True)
    assert "switched out of service by a manager" in page
    switch_out_of_service(app, "pickup-1", False)
    assert "out-of-service" not in desk.get("/status").get_data(as_text=True)
    assert wire.count("/devices/heartbeat") == 3
