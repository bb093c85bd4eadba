import threading
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from hardware.receipt_layout import render_receipt
from hardware.scanning.codes import pickup_code
from hardware.scanning.decode import decode_frame, decode_image_file
from hardware.scanning.scanner import FakeCamera, ScanLoop
from server.services.pickup_codes import check_character, display, new_pickup_code, normalize
from tests.hardware.receipts import make_receipt
from tests.perf.scan_dataset import SEED, Shot, make_photo

# Moderate shots, one distortion each at about two thirds of the benchmark's worst.
MODERATE = {
    "tilted": Shot(size=0.5, tilt_deg=25, noise=4, jpeg_quality=70),
    "perspective": Shot(size=0.55, tilt_deg=-8, perspective=0.15, noise=4, jpeg_quality=70),
    "defocused": Shot(size=0.6, tilt_deg=5, blur_sigma=1.5, noise=5, jpeg_quality=60),
    "motion": Shot(size=0.6, motion_px=6, motion_angle=0.3, noise=5, jpeg_quality=60),
    "small": Shot(size=0.33, tilt_deg=-12, blur_sigma=0.6, noise=4, jpeg_quality=75),
    "glare on the QR": Shot(size=0.5, tilt_deg=10, glare_on=1, noise=4, jpeg_quality=70),
    "phone": Shot(sheet="phone", size=1.0, tilt_deg=15, blur_sigma=0.6, noise=4),
}


def receipt_frame(code: str) -> np.ndarray:
    receipt = make_receipt(pickup_code=code, pickup_code_display=display(code))
    return np.asarray(render_receipt(receipt).convert("L"))


@pytest.fixture(scope="module")
def codes() -> list[str]:
    return [new_pickup_code() for _ in range(2)]


@pytest.fixture(scope="module")
def frames(codes: list[str]) -> list[np.ndarray]:
    return [receipt_frame(code) for code in codes]


def test_clean_receipt_decodes(frames: list[np.ndarray], codes: list[str]) -> None:
    assert decode_frame(frames[0]) == codes[0]
    assert decode_frame(cv2.cvtColor(frames[1], cv2.COLOR_GRAY2BGR)) == codes[1]


@pytest.mark.parametrize("name", MODERATE)
def test_moderately_distorted_photo_decodes(name: str) -> None:
    photo = make_photo(SEED, 1000 + list(MODERATE).index(name), MODERATE[name])
    assert photo.frame.shape == (720, 1280, 3)
    assert decode_frame(photo.frame) == photo.code


def test_blank_and_noise_frames_read_nothing() -> None:
    noise = np.random.default_rng(1).integers(0, 256, (720, 1280), dtype=np.uint8)
    assert decode_frame(np.full((720, 1280, 3), 200, np.uint8)) is None
    assert decode_frame(noise) is None
    assert decode_frame(np.zeros((1, 1), np.uint8)) is None


def test_code_with_wrong_check_character_is_not_accepted() -> None:
    good = new_pickup_code()
    wrong = next(ch for ch in "23456789ABC" if ch != good[-1])
    forged = good[:-1] + wrong
    assert normalize(forged) is None
    assert decode_frame(receipt_frame(forged)) is None


def test_check_rule_matches_the_server() -> None:
    for _ in range(200):
        code = new_pickup_code()
        assert pickup_code(code) == normalize(code) == code
        assert pickup_code(code[:-1] + "0") is None
    body = "ABCDEFGH"
    assert pickup_code(f"{body[:4]}-{body[4:]}-{check_character(body)}".lower()) is not None


def test_decode_image_file_reads_png_and_refuses_other_files(tmp_path: Path) -> None:
    code = new_pickup_code()
    png = tmp_path / "receipt.png"
    cv2.imwrite(str(png), receipt_frame(code))
    text = tmp_path / "notes.png"
    text.write_text("not an image at all\n")
    assert decode_image_file(png) == code
    assert decode_image_file(text) is None
    assert decode_image_file(tmp_path / "missing.jpg") is None
    assert decode_image_file(tmp_path) is None


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_scan_loop_reports_a_code_once_within_the_window_and_again_after(
    frames: list[np.ndarray], codes: list[str]
) -> None:
    clock = FakeClock()
    seen: list[str] = []
    a, b = frames
    loop = ScanLoop(FakeCamera([a, a, b, a, b, a]), seen.append, clock=clock)
    # a is held up, b shown beside it; both stay in view, then a comes back after a gap.
    for step_at in (0.0, 1.0, 1.5, 2.5, 4.0, 6.0):
        clock.now = 100.0 + step_at
        assert loop.step()
    assert seen == [codes[0], codes[1], codes[0]]
    assert not loop.step()  # the camera has no more frames
    assert loop.frames == 6


def test_scan_loop_survives_bad_frames_and_stops_cleanly(
    frames: list[np.ndarray], codes: list[str]
) -> None:
    seen: list[str] = []
    delivered = threading.Event()

    def on_code(code: str) -> None:
        seen.append(code)
        delivered.set()

    bad = [np.zeros((3,), np.uint8), np.zeros((4, 4, 2), np.uint8), np.zeros((1, 1), np.uint8)]
    camera = FakeCamera([*bad, None, frames[0]])
    loop = ScanLoop(camera, on_code, idle_seconds=0.001)
    loop.start()
    assert delivered.wait(10), "the loop died on a bad frame"
    started = time.monotonic()
    loop.stop()
    assert time.monotonic() - started < 2
    assert not loop.running
    assert seen == [codes[0]]
    assert loop.frames == 4
    assert loop.fps > 0
