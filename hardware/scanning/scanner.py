"""The pickup station's camera loop: frames in, each pickup code out once.

A camera (USB webcam or an IP camera's stream URL) is read in a background thread;
every frame goes through decode_frame, and a code is handed to the callback once,
then not again while it keeps showing up within the dedupe window, since a receipt held
to the camera stays in view for many frames.

A USB barcode scanner in keyboard-wedge mode needs none of this: it types the code and
Enter into the station page's autofocused input, like a keyboard, and needs no driver.
"""

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

import numpy as np

log = logging.getLogger(__name__)

Decoder = Callable[[np.ndarray], str | None]


class FrameSource(Protocol):
    def read(self) -> np.ndarray | None:
        """The next frame, or None when there is none right now (or no more)."""
        ...


class CameraSource:
    """A cv2.VideoCapture, opened on the first read so constructing one never blocks."""

    def __init__(self, index_or_url: int | str) -> None:
        self.index_or_url = index_or_url
        self._capture: Any = None

    def read(self) -> np.ndarray | None:
        import cv2

        if self._capture is None:
            self._capture = cv2.VideoCapture(self.index_or_url)
        if not self._capture.isOpened():
            return None
        ok, frame = self._capture.read()
        return frame if ok else None

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


class FakeCamera:
    """Hands out the given frames in order, then None: a camera for tests."""

    def __init__(self, frames: Iterable[np.ndarray | None]) -> None:
        self._frames: Iterator[np.ndarray | None] = iter(frames)
        self.exhausted = False

    def read(self) -> np.ndarray | None:
        try:
            return next(self._frames)
        except StopIteration:
            self.exhausted = True
            return None


class ScanLoop:
    """Pulls frames from `source`, decodes them, and calls `on_code` once per code.

    The same code is not reported again until `dedupe_seconds` have passed since it was
    last seen, so a receipt held up for ten seconds is one scan, and showing it again
    later is a new one. `clock` is injectable for tests.
    """

    def __init__(
        self,
        source: FrameSource,
        on_code: Callable[[str], None],
        *,
        decode: Decoder | None = None,
        dedupe_seconds: float = 3.0,
        idle_seconds: float = 0.02,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.source = source
        self.on_code = on_code
        self._decode = decode
        self.dedupe_seconds = dedupe_seconds
        self.idle_seconds = idle_seconds
        self.clock = clock
        self.frames = 0
        self.last_frame_at: float | None = None  # monotonic time of the last frame read
        # The clerk's snapshot of a unit taken in for repair is this frame: no second reader
        # of the camera, which a USB webcam would not allow anyway.
        self.last_frame: np.ndarray | None = None
        self._last_seen: dict[str, float] = {}
        self._started_at: float | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._started_at = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="scan-loop", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def fps(self) -> float:
        """Frames decoded per second since start()."""
        if self._started_at is None:
            return 0.0
        elapsed = time.monotonic() - self._started_at
        return self.frames / elapsed if elapsed > 0 else 0.0

    def seeing(self, within: float = 10.0) -> bool:
        """Running, and a frame came from the camera within the last `within` seconds."""
        last = self.last_frame_at
        return self.running and last is not None and time.monotonic() - last <= within

    def snapshot(self) -> np.ndarray | None:
        """The newest frame while the camera is seeing, else None (a stale picture of a
        unit long gone from the counter is worse than none)."""
        frame = self.last_frame
        return frame if frame is not None and self.seeing() else None

    def step(self) -> bool:
        """Read and handle one frame; False when the source had none."""
        frame = self.source.read()
        if frame is None:
            return False
        self.frames += 1
        self.last_frame, self.last_frame_at = frame, time.monotonic()
        try:
            code = self._decoder()(frame)
        except Exception:  # a bad frame must never stop the station's camera
            log.exception("could not decode a camera frame")
            return True
        if code is not None:
            self._report(code)
        return True

    def _run(self) -> None:
        while not self._stop.is_set():
            if not self.step():
                self._stop.wait(self.idle_seconds)  # camera not ready: don't spin

    def _report(self, code: str) -> None:
        now = self.clock()
        last = self._last_seen.get(code)
        self._last_seen[code] = now
        if last is not None and now - last < self.dedupe_seconds:
            return
        # Forget old codes so a station running for weeks does not grow this dict.
        self._last_seen = {
            seen: at for seen, at in self._last_seen.items() if now - at < self.dedupe_seconds
        } | {code: now}
        try:
            self.on_code(code)
        except Exception:
            log.exception("the scan callback failed for a code")

    def _decoder(self) -> Decoder:
        if self._decode is None:
            from hardware.scanning.decode import decode_frame

            self._decode = decode_frame
        return self._decode
