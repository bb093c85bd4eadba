"""Reading a receipt as the clerk sees it: the first code in a short burst of frames.

A receipt held up to the camera stays in view for many frames, and what spoils one
frame (the hand's motion blur, a glare spot, a JPEG block) changes from frame to frame.
Five frames at 30 frames/s are a sixth of a second, less than a clerk notices; on the
hard set (tests/perf/bench_scan.py) they read far more receipts than any single frame.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice

import numpy as np

BURST_FRAMES = 5

Decoder = Callable[[np.ndarray], str | None]


@dataclass(frozen=True)
class BurstRead:
    code: str | None
    frame: int | None  # index of the frame that was read, None when none was
    frames_tried: int


def read_burst(
    frames: Iterable[np.ndarray], decode: Decoder | None = None, limit: int = BURST_FRAMES
) -> BurstRead:
    """The first code read in at most `limit` frames; frames after the read are not decoded."""
    if decode is None:
        from hardware.scanning.decode import decode_frame

        decode = decode_frame
    tried = 0
    for index, frame in enumerate(islice(frames, limit)):
        tried += 1
        code = decode(frame)
        if code is not None:
            return BurstRead(code, index, tried)
    return BurstRead(None, None, tried)
