"""The latest scans: codes from the camera loop and the USB scanner, in arrival order.

The camera loop runs in its own thread and only pushes codes here; the clerk's page
polls for what is new and the lookup happens in that request, in the clerk's language.
"""

import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Source = Literal["camera", "keyboard"]

# Longer than any code of ours (9 characters, or 11 with dashes) with room for a scanner's
# prefix; the server refuses more than 64 anyway, and a 10 KB paste is nobody's code.
MAX_CODE_LENGTH = 64
# Scanners wrap codes in STX/ETX, GS and the like; none of them is ever part of a code.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


# An order number as people read it off the receipt and the board: "A-1001", "a1001".
# A pickup code is nine characters without a lone dash, so a dashless text that long
# is read as a code.
_ORDER_NUMBER = re.compile(r"[A-Za-z]{1,4}[- ][0-9]{3,9}|[A-Za-z]{1,4}[0-9]{3,9}")


def looks_like_order_number(text: str) -> bool:
    return bool(_ORDER_NUMBER.fullmatch(text)) and ("-" in text or " " in text or len(text) < 9)


def clean_code(raw: str) -> str:
    """A scanned or typed code without control characters, trimmed and capped."""
    return _CONTROL.sub("", raw[: MAX_CODE_LENGTH * 4]).strip()[:MAX_CODE_LENGTH]


@dataclass(frozen=True)
class Scan:
    seq: int
    code: str
    source: Source
    at: float  # the clock's seconds, for the dedupe window only


class LatestScans:
    """A short, thread-safe history of scans; a repeat of the previous code is dropped.

    "Within `dedupe_seconds`" counts from the last sighting, so a receipt left lying in
    front of the camera stays one scan however long it lies there.
    """

    def __init__(
        self,
        dedupe_seconds: float = 3.0,
        clock: Callable[[], float] = time.monotonic,
        keep: int = 20,
    ) -> None:
        self.dedupe_seconds = dedupe_seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._scans: deque[Scan] = deque(maxlen=keep)
        self._seq = 0
        self._last_code: str | None = None
        self._last_seen = float("-inf")

    @property
    def last_seq(self) -> int:
        with self._lock:
            return self._seq

    def push(self, raw: str, source: Source = "camera") -> Scan | None:
        """Record a scan; None when it is empty or repeats the previous code too soon."""
        code = clean_code(raw)
        if not code:
            return None
        with self._lock:
            now = self.clock()
            repeat = code == self._last_code and now - self._last_seen < self.dedupe_seconds
            self._last_code, self._last_seen = code, now
            if repeat:
                return None
            self._seq += 1
            scan = Scan(self._seq, code, source, now)
            self._scans.append(scan)
            return scan

    def forget(self, code: str) -> None:
        """Let the same code count again at once: its lookup never reached the server."""
        with self._lock:
            if self._last_code == code:
                self._last_code, self._last_seen = None, float("-inf")

    def newest_after(self, seq: int, source: Source = "camera") -> Scan | None:
        """The newest scan from `source` later than `seq`: older ones are already stale."""
        with self._lock:
            return next(
                (
                    scan
                    for scan in reversed(self._scans)
                    if scan.seq > seq and scan.source == source
                ),
                None,
            )
