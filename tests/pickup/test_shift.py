"""Hand-outs are credited to a window and the clerk on shift there, not to the PC's name."""

from html import unescape
from pathlib import Path

from sqlalchemy import select

from server.db import get_session
from server.models import Device
from tests.pickup.conftest import make_ready, press, scan
from tests.server.test_devices import run_cli


def set_window(app, name: str, window: int) -> None:
    with app.app_context():
        session = get_session()
        device = session.scalars(select(Device).where(Device.name == name)).one()
        device.window = window
        session.commit()


def test_second_scan_names_the_window_and_the_clerk(
    app, desk, terminal, warehouse, printer, scan_clock
):
    set_window(app, "pickup-1", 3)
    assert desk.post("/clerk", data={"clerk": "Anna Petrova"}).status_code == 302
    screen = desk.get("/").get_data(as_text=True)
    assert "window 3" in screen and "Anna Petrova" in screen

    order = make_ready(terminal, warehouse, {"TV-1": 1})
    html = scan(desk, order["pickup_code"]).get_data(as_text=True)
    press(desk, html, "hand-out", what="all")
    assert "Window 3 · Anna Petrova" in printer.receipts[-1].instructions

    scan_clock.tick(5)
    again = unescape(scan(desk, order["pickup_code"]).get_data(as_text=True))
    assert 'data-verdict="red"' in again
    assert "handed out on 24.11.2026 at 12:00 by window 3, Anna Petrova." in again
    assert "pickup-1" not in again.split('data-testid="message"')[1][:200]


def test_without_a_named_clerk_the_window_alone_is_said(app, desk, terminal, warehouse, scan_clock):
    set_window(app, "pickup-1", 2)
    order = make_ready(terminal, warehouse, {"TV-1": 1})
    press(desk, scan(desk, order["pickup_code"]).get_data(as_text=True), "hand-out", what="all")
    scan_clock.tick(5)
    again = unescape(scan(desk, order["pickup_code"]).get_data(as_text=True))
    assert "by window 2." in again


def test_clerk_name_with_control_characters_or_a_novel_is_kept_short_and_clean(app, desk):
    desk.post("/clerk", data={"clerk": "An\x00na" + "x" * 10_000})
    with app.app_context():
        clerk = get_session().scalars(select(Device).where(Device.name == "pickup-1")).one().clerk
    assert clerk is not None and clerk.startswith("Anna") and len(clerk) <= 60


def test_device_add_takes_the_window_number(sqlite_url: str, tmp_path: Path):
    from server import create_app
    from tests.helpers import make_store

    assert run_cli(sqlite_url, "db", "upgrade").returncode == 0
    app = create_app({"DATABASE_URL": sqlite_url})
    with app.app_context():
        make_store(get_session(), "MSK-9", "Z")
        get_session().commit()
    args = ["device", "add", "--store", "MSK-9", "--kind", "pickup", "--name", "pickup-9"]
    added = run_cli(sqlite_url, *args, "--window", "3")
    assert added.returncode == 0, added.stderr
    assert run_cli(sqlite_url, *args[:-1], "pickup-10", "--window", "0").returncode != 0
    with app.app_context():
        added_device = get_session().scalars(select(Device).where(Device.name == "pickup-9"))
        assert added_device.one().window == 3
