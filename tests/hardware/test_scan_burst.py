"""The burst reader and the hard set it is measured on (tests/perf/scan_hard.py)."""

import numpy as np

from hardware.receipt_layout import render_receipt
from hardware.scanning.burst import BURST_FRAMES, read_burst
from server.services.pickup_codes import display, new_pickup_code
from tests.hardware.receipts import make_receipt
from tests.perf.scan_hard import DEV_SEED, generate_bursts, make_burst

BLANK = np.full((720, 1280), 200, np.uint8)


def receipt_frame(code: str) -> np.ndarray:
    receipt = make_receipt(pickup_code=code, pickup_code_display=display(code))
    return np.asarray(render_receipt(receipt).convert("L"))


class CountingDecoder:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, frame: np.ndarray) -> str | None:
        from hardware.scanning.decode import decode_frame

        self.calls += 1
        return decode_frame(frame)


def test_burst_returns_the_first_read_and_stops_decoding() -> None:
    first, second = new_pickup_code(), new_pickup_code()
    decode = CountingDecoder()
    frames = [BLANK, BLANK, receipt_frame(first), receipt_frame(second), BLANK]
    read = read_burst(frames, decode)
    assert (read.code, read.frame, read.frames_tried) == (first, 2, 3)
    assert decode.calls == 3


def test_burst_gives_up_after_five_frames() -> None:
    code = new_pickup_code()
    frames = [BLANK] * BURST_FRAMES + [receipt_frame(code)]
    read = read_burst(frames)
    assert (read.code, read.frame, read.frames_tried) == (None, None, BURST_FRAMES)
    assert read_burst(frames, limit=6).code == code


def test_hard_burst_is_five_distinct_frames_of_one_receipt() -> None:
    burst = make_burst(DEV_SEED, 3)
    assert len(burst.frames) == BURST_FRAMES
    assert all(frame.shape == (720, 1280, 3) for frame in burst.frames)
    # The hand moves and the noise is new: no two frames are the same picture.
    assert not np.array_equal(burst.frames[0], burst.frames[1])
    again = make_burst(DEV_SEED, 3)
    assert again.code == burst.code and np.array_equal(again.frames[4], burst.frames[4])


def test_hard_set_can_be_taken_one_kind_of_code_at_a_time() -> None:
    bursts = generate_bursts(8, DEV_SEED, kinds=("qr",))
    assert bursts and {burst.kind for burst in bursts} == {"qr"}
