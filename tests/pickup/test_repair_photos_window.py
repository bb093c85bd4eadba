"""Photos of a unit at the repair intake: the camera's latest frame, or a file when the
station has no camera; each goes to the server with the repair just taken in."""

import io
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from hardware.scanning.scanner import FakeCamera, ScanLoop
from tests.pickup.conftest import HX, make_ready, panel_form, press, scan


def taken_in(desk, terminal, warehouse, pickup) -> str:
    order = make_ready(terminal, warehouse, {"PHONE-1": 1})
    assert pickup.post(f"/orders/{order['number']}/hand-out").status_code == 200
    html = scan(desk, order["pickup_code"]).get_data(as_text=True)
    done = press(desk, html, "repair", sku="PHONE-1", serial="SN-9", defect="cracked screen")
    assert done.status_code == 200
    return done.get_data(as_text=True)


@pytest.fixture
def camera(station_app):
    """The station's real camera loop, reading one frame from a fake camera (BGR, as
    OpenCV gives it) and then nothing more, so that frame stays the latest."""
    frame = np.zeros((720, 1280, 3), np.uint8)
    frame[:, :, 2] = 255  # red in BGR
    loop = ScanLoop(FakeCamera([frame]), lambda code: None, decode=lambda frame: None)
    loop.start()
    deadline = time.monotonic() + 10
    while loop.last_frame is None and time.monotonic() < deadline:
        time.sleep(0.01)
    station = station_app.extensions["pickup"]
    station.camera_wanted, station.camera = True, loop
    yield loop
    loop.stop()
    station.camera = None


def attach(desk, html: str, data: bytes, name: str = "unit.png"):
    url, hidden = panel_form(html, "repair-photo")
    fields = {**hidden, "source": "file", "photo": (io.BytesIO(data), name)}
    return desk.post(url, data=fields, headers=HX, content_type="multipart/form-data")


def test_the_camera_frame_and_an_attached_file_go_with_the_repair(
    app, desk, terminal, warehouse, pickup, camera, scan_clock
):
    html = taken_in(desk, terminal, warehouse, pickup)
    assert 'data-testid="photo-camera"' in html
    snap = press(desk, html, "repair-photo", source="camera")
    text = snap.get_data(as_text=True)
    assert snap.status_code == 200, text
    assert "1 photo is attached to repair R-00001." in text

    # A noisy PNG of about 270 KB: far over the station's usual 16 KB a form may carry.
    png = io.BytesIO()
    noise = np.random.default_rng(16).integers(0, 255, (300, 300, 3), dtype=np.uint8)
    Image.fromarray(noise).save(png, format="PNG")
    assert png.tell() > 200_000
    second = attach(desk, text, png.getvalue())
    assert "2 photos are attached to repair R-00001." in second.get_data(as_text=True)
    # The first screen's button pressed again does nothing twice.
    assert press(desk, html, "repair-photo", source="camera").status_code == 200

    first, _second = pickup.get("/repairs/R-00001").json["photos"]
    with Image.open(Path(app.config["MEDIA_DIR"]) / "repairs" / first) as kept:
        # The camera's frame as it saw it: whole, and red (OpenCV's BGR read the right way).
        assert kept.size == (1280, 720)
        red, green, blue = kept.convert("RGB").getpixel((640, 360))
        assert red > 200 and green < 60 and blue < 60


def test_without_a_camera_the_clerk_attaches_a_file_and_a_non_picture_is_refused(
    desk, terminal, warehouse, pickup, scan_clock
):
    html = taken_in(desk, terminal, warehouse, pickup)
    assert 'data-testid="photo-camera"' not in html and 'data-testid="photo-file"' in html
    no_camera = press(desk, html, "repair-photo", source="camera")
    assert no_camera.status_code == 422
    assert "The camera gives no picture now" in no_camera.get_data(as_text=True)
    text = attach(desk, html, b"%PDF-1.4 not a picture", "scan.pdf")
    assert text.status_code == 422
    assert "This file is not a picture." in text.get_data(as_text=True)
    url, _hidden = panel_form(html, "repair-photo")
    huge = desk.post(
        url,
        data=b"\0" * (13 * 1024 * 1024),
        headers=HX,
        content_type="multipart/form-data; boundary=x",
    )
    assert huge.status_code == 413
    assert "at most 12 MB" in huge.get_data(as_text=True)
    empty = attach(desk, html, b"")
    assert "Choose a picture of the unit first." in empty.get_data(as_text=True)
    assert pickup.get("/repairs/R-00001").json["photos"] == []
