"""The pickup station on a real socket in this process, with a camera the test holds things up to.

Like running_terminal: the test keeps the station's printer, card reader, latest scans
and camera, and the station talks to the server over HTTP with its device token.
"""

import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
from flask import Flask
from werkzeug.serving import make_server

from common.api_client import ApiClient
from hardware.card_reader import FakeCardReader
from hardware.printers.fake import FakePrinter
from hardware.scanning.scanner import FakeCamera
from pickup import create_app as create_pickup
from pickup.scans import LatestScans, Scan


class HeldUpCamera:
    """A FakeCamera that shows what the test holds up to it, and nothing in between.

    The station's ScanLoop reads it like a real camera: a frame while something is in
    view, None (an empty counter) the rest of the time.
    """

    def __init__(self) -> None:
        self._frames: queue.SimpleQueue[np.ndarray] = queue.SimpleQueue()
        self.last_frame_at = float("-inf")  # time.monotonic() of the last frame handed out
        self.camera = FakeCamera(self._stream())

    def _stream(self) -> Iterator[np.ndarray | None]:
        while True:
            try:
                frame = self._frames.get_nowait()
            except queue.Empty:
                yield None
            else:
                self.last_frame_at = time.monotonic()
                yield frame

    def show(self, frame: np.ndarray, frames: int = 3) -> None:
        """Hold `frame` in view for `frames` camera frames, as a hand holds a receipt."""
        for _ in range(frames):
            self._frames.put(frame)

    def out_of_view_for(self, seconds: float) -> None:
        """Wait until nothing has been in view for `seconds` (the station's dedupe window)."""
        deadline = time.monotonic() + 30
        while not self._frames.empty() or time.monotonic() - self.last_frame_at < seconds:
            assert time.monotonic() < deadline, "the camera loop stopped taking frames"
            time.sleep(0.05)


@dataclass
class Station:
    url: str
    app: Flask
    printer: FakePrinter
    card_reader: FakeCardReader
    held_up: HeldUpCamera | None

    @property
    def scans(self) -> LatestScans:
        scans: LatestScans = self.app.extensions["pickup"].scans
        return scans

    def camera_scan_after(self, seq: int, timeout: float = 5.0) -> Scan:
        """The first camera scan the station accepts after `seq` (its `at` is monotonic time)."""
        deadline = time.monotonic() + timeout
        while (scan := self.scans.newest_after(seq, "camera")) is None:
            assert time.monotonic() < deadline, f"the station's camera read no code in {timeout} s"
            time.sleep(0.01)
        return scan


@contextmanager
def running_pickup(
    server_url: str, token: str, *, camera: bool = False, **config: Any
) -> Iterator[Station]:
    """The pickup app on a free port of this process; with `camera`, its real scan loop runs."""
    printer, card_reader = FakePrinter(), FakeCardReader()
    held_up = HeldUpCamera() if camera else None
    api = ApiClient(server_url, token)
    app = create_pickup(
        {
            "TESTING": True,
            "SERVER_URL": server_url,
            "API_CLIENT": api,
            "PRINTER": "dummy:",
            "PRINTER_OBJECT": printer,
            "CARD_READER_OBJECT": card_reader,
            "CAMERA_OBJECT": held_up.camera if held_up else None,
            "CAMERA": "none",  # the held-up camera, or none: never the machine's own
            **config,
        }
    )
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.1,), name="pickup", daemon=True)
    thread.start()
    try:
        if camera:
            assert "pickup_camera" in app.extensions, "the station's camera loop did not start"
        yield Station(f"http://127.0.0.1:{httpd.server_port}", app, printer, card_reader, held_up)
    finally:
        loop = app.extensions.get("pickup_camera")
        if loop is not None:
            loop.stop()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
        session = getattr(api.transport, "session", None)
        if session is not None:
            session.close()
