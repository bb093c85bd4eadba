"""What reaches the screen: other stores' orders, hostile input, repeats, and the camera."""

import sys
import time
import types
from html import unescape

import pytest

from pickup import create_app as create_pickup
from pickup.camera import camera_callback, camera_source
from pickup.scans import LatestScans, clean_code
from tests.helpers import Api
from tests.pickup.conftest import HX, make_order, make_ready, scan, station_config


def test_order_of_another_store_is_red_and_names_the_store(desk, client, world):
    shop = Api(client, world.tokens["shop"])
    order = make_order(shop, {"TV-1": 1}, payment="online", store="MSK-2")
    html = unescape(scan(desk, order["pickup_code"]).get_data(as_text=True))
    assert 'data-verdict="red"' in html and "Another store's order" in html
    assert f"Order {order['number']} is collected at store Cybermarket MSK-2." in html
    assert 'hx-post="/shown/' not in html


HOSTILE = [
    "A" * 10_000,
    "\x00\x01\x02\x1b[2J\x7f",
    "ABCD\x00EFGH\x1dJ",
    "' OR 1=1; DROP TABLE orders; --",
    "<script>alert(1)</script>",
    "ABCDEFGHJ",  # a guess in our alphabet
    "23456789A",
    "\u202eEDOC\u200b",
    "%s%s%n",
]


@pytest.mark.parametrize("code", HOSTILE)
def test_hostile_or_guessed_codes_get_a_clear_red_answer(desk, code):
    answer = scan(desk, code)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert 'data-verdict="red"' in html and "<script>" not in html
    assert "Unknown code" in html or "Not a pickup code" in html


def test_too_large_a_body_is_a_red_answer_not_a_crash(desk):
    answer = desk.post("/scan", data={"code": "Z" * 20_000}, headers=HX)
    assert answer.status_code == 413
    assert "This is not a pickup code." in answer.get_data(as_text=True)


def test_empty_scan_does_nothing(desk, wire):
    assert scan(desk, "   \r\n\t").status_code == 204
    assert wire.count("/pickups/scan") == 0


def test_the_code_sent_is_trimmed_and_capped():
    assert clean_code("  \x02ABCD-EFGH-J\x03\r\n") == "ABCD-EFGH-J"
    assert len(clean_code("B" * 10_000)) == 64


def test_same_code_twice_within_three_seconds_counts_once(
    desk, terminal, warehouse, wire, scan_clock
):
    order = make_ready(terminal, warehouse)
    assert scan(desk, order["pickup_code"]).status_code == 200
    scan_clock.tick(2.5)
    assert scan(desk, order["pickup_code"]).status_code == 204
    assert wire.count("/pickups/scan") == 1
    scan_clock.tick(3.5)
    assert scan(desk, order["pickup_code"]).status_code == 200
    assert wire.count("/pickups/scan") == 2


def test_another_code_in_between_lets_the_first_count_again(
    desk, terminal, warehouse, wire, scan_clock
):
    first, second = make_ready(terminal, warehouse), make_ready(terminal, warehouse)
    for order in (first, second, first):
        assert scan(desk, order["pickup_code"]).status_code == 200
        scan_clock.tick(0.5)
    assert wire.count("/pickups/scan") == 3


def test_a_receipt_lying_under_the_camera_stays_one_scan(scan_clock):
    scans = LatestScans(dedupe_seconds=3.0, clock=scan_clock)
    assert scans.push("ABCDEFGHJ") is not None
    for _ in range(10):  # seen again every second, for ten seconds
        scan_clock.tick(1)
        assert scans.push("ABCDEFGHJ") is None
    scan_clock.tick(3.1)
    assert scans.push("ABCDEFGHJ") is not None


def test_camera_scan_shows_through_the_latest_scans_poll(
    desk, station_app, terminal, warehouse, scans
):
    order = make_ready(terminal, warehouse)
    page = desk.get("/").get_data(as_text=True)
    assert 'hx-get="/scans/latest?after=0"' in page and 'hx-trigger="every 300ms"' in page
    assert desk.get("/scans/latest?after=0", headers=HX).status_code == 204

    camera_callback(scans)(order["pickup_code"])  # what the camera loop does from its thread
    shown = desk.get("/scans/latest?after=0", headers=HX)
    html = shown.get_data(as_text=True)
    assert shown.status_code == 200 and order["number"] in html and 'data-verdict="green"' in html
    assert 'hx-swap-oob="true"' in html and "after=1" in html  # the poll moves on
    assert desk.get("/scans/latest?after=1", headers=HX).status_code == 204
    for junk in ("-1", "abc", "9" * 40):
        assert desk.get(f"/scans/latest?after={junk}", headers=HX).status_code in (200, 204)


def test_keyboard_scans_do_not_come_back_through_the_camera_poll(desk, terminal, warehouse, scans):
    order = make_ready(terminal, warehouse)
    scan(desk, order["pickup_code"])
    assert scans.last_seq == 1
    assert desk.get("/scans/latest?after=0", headers=HX).status_code == 204


def test_camera_setting_starts_the_loop_and_feeds_the_queue(world, wire, monkeypatch):
    started: list = []

    class FakeLoop:
        def __init__(self, source, on_code, dedupe_seconds=3.0) -> None:
            self.source, self.on_code, self.dedupe_seconds = source, on_code, dedupe_seconds

        def start(self) -> None:
            started.append(self)

        def stop(self) -> None:
            pass

    fake = types.ModuleType("hardware.scanning.scanner")
    fake.ScanLoop = FakeLoop
    fake.CameraSource = lambda index_or_url: ("camera", index_or_url)
    monkeypatch.setitem(sys.modules, "hardware.scanning", types.ModuleType("hardware.scanning"))
    monkeypatch.setitem(sys.modules, "hardware.scanning.scanner", fake)
    monkeypatch.setattr("atexit.register", lambda fn: fn)

    app = create_pickup(station_config(world, wire, CAMERA=0, PRINTER="dummy:"))
    (loop,) = started
    assert loop.source == ("camera", 0) and loop.dedupe_seconds == 3.0
    loop.on_code("ABCD-EFGH-J")
    assert app.extensions["pickup"].scans.newest_after(0).code == "ABCD-EFGH-J"


def test_station_works_without_the_camera_loop(world, wire, monkeypatch):
    monkeypatch.setitem(sys.modules, "hardware.scanning.scanner", None)  # import fails
    app = create_pickup(station_config(world, wire, CAMERA="rtsp://cam.local/1", PRINTER="dummy:"))
    assert app.test_client().get("/").status_code == 200


def test_camera_setting_is_an_index_or_a_url():
    assert camera_source("0") == 0 and camera_source(2) == 2
    assert camera_source(" rtsp://10.0.0.5/stream ") == "rtsp://10.0.0.5/stream"


def test_a_receipt_held_to_the_camera_reaches_the_screen(
    world, wire, terminal, warehouse, scans, monkeypatch
):
    """The real camera loop on a fake camera: frames in, the order on the clerk's screen."""
    scanner = pytest.importorskip("hardware.scanning.scanner")
    np = pytest.importorskip("numpy")
    from PIL import Image

    from hardware.receipt_symbols import barcode_image

    order = make_ready(terminal, warehouse)
    canvas = Image.new("RGB", (1280, 720), "white")
    canvas.paste(barcode_image(order["pickup_code"], 576, 140).convert("RGB"), (352, 290))
    frame = np.asarray(canvas)[:, :, ::-1].copy()  # OpenCV's frames are BGR
    monkeypatch.setattr("atexit.register", lambda fn: fn)
    app = create_pickup(
        station_config(
            world,
            wire,
            PRINTER="dummy:",
            SCANS_OBJECT=scans,
            CAMERA_OBJECT=scanner.FakeCamera([frame] * 5),
        )
    )
    try:
        deadline = time.monotonic() + 10
        while scans.newest_after(0) is None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        app.extensions["pickup_camera"].stop()
    assert scans.last_seq == 1  # five frames of one receipt: one scan
    shown = app.test_client().get("/scans/latest?after=0", headers=HX).get_data(as_text=True)
    assert order["number"] in shown and 'data-verdict="green"' in shown


def test_camera_auto_picks_the_first_attached_camera_or_none(tmp_path):
    from pickup.config import resolve_camera

    assert resolve_camera("auto", str(tmp_path / "video*")) == "none"
    (tmp_path / "video2").touch()
    (tmp_path / "video0").touch()
    assert resolve_camera("auto", str(tmp_path / "video*")) == "0"
    assert resolve_camera("none") == "none" and resolve_camera(1) == "1"


def test_the_camera_state_follows_its_frames():
    """What the heartbeat and /health say of the camera: ok while frames come, offline when
    it stops giving them, none when the station has no camera."""
    import numpy as np

    from hardware.scanning.scanner import FakeCamera, ScanLoop
    from pickup.station import Station

    station = Station(api=None, printer=None, card_reader=None)  # type: ignore[arg-type]
    assert station.camera_state() == "none"
    station.camera_wanted = True
    assert station.scanner_state() == "offline"  # configured, never started
    frame = np.zeros((8, 8, 3), dtype=np.uint8)
    loop = ScanLoop(FakeCamera([frame]), lambda code: None, decode=lambda image: None)
    station.camera = loop
    loop.start()
    try:
        deadline = time.monotonic() + 5
        while loop.frames == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert station.camera_state() == "ok"
    finally:
        loop.stop()
    assert station.camera_state() == "offline"  # the loop is gone
