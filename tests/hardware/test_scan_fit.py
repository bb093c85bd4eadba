"""Barcode-only frames blurred past what edge-finding decoders read (hardware/scanning/fit.py)."""

import cv2
import numpy as np
import pytest

from hardware.receipt_symbols import barcode_image
from hardware.scanning.decode import Stages, decode_frame, decode_stages
from tests.perf import scan_camera as camera
from tests.perf.scan_sheets import random_code

FRAME_W, FRAME_H = 1280, 720


def blurred_barcode_frame(
    seed: int, module_px: float, defocus: float, motion: float, tilt_deg: float = 8.0
) -> tuple[np.ndarray, str]:
    """A receipt's barcode alone (its QR folded away), small, tilted, out of focus and
    smeared across its bars, on a grey counter: a 1280x720 BGR frame and its code."""
    rng = np.random.default_rng(seed)
    code = random_code(rng)
    while any(code[i : i + 4].isdigit() for i in range(len(code) - 3)):
        code = random_code(rng)  # four digits in a row are printed in set C: not fitted
    strip = np.pad(np.asarray(barcode_image(code, 640, 200), np.float32), 40, constant_values=255)
    sheet = 40 + (215 - 40) * strip / 255  # thermal ink and paper
    height, width = sheet.shape
    pose = cv2.getRotationMatrix2D((width / 2, height / 2), tilt_deg, module_px / 4)
    pose[:, 2] += (FRAME_W / 2 - width / 2, FRAME_H / 2 - height / 2)
    warped = cv2.warpAffine(sheet, pose, (FRAME_W, FRAME_H), borderValue=-1)
    gray = np.where(warped >= 0, warped, np.float32(90))
    frame = camera.defocus(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR), defocus)
    frame = camera.motion_blur(frame, motion, np.deg2rad(tilt_deg))  # across the bars
    frame = camera.sensor_noise(frame, rng, 4)
    return camera.jpeg(frame, 70), code


# seed, module px, defocus sigma px, motion px across the bars
CASES = {
    "defocused, 1.8 px modules": (15, 1.8, 1.6, 0.0),
    "defocused, 1.6 px modules": (12, 1.6, 1.4, 0.0),
    "moving across the bars": (13, 2.0, 1.2, 4.0),
    "moving faster, less defocus": (14, 2.2, 1.0, 5.0),
}


@pytest.mark.parametrize("name", CASES)
def test_blurred_barcode_only_frame_reads_with_the_fit(name: str) -> None:
    frame, code = blurred_barcode_frame(*CASES[name])
    # The stages before the fit (zxing, zbar on the straightened profile) miss it ...
    assert decode_stages(frame, Stages(fit=False))[0] is None
    # ... the fit reads it, and the full pipeline with it.
    assert decode_stages(frame, Stages()) == (code, "fit")
    assert decode_frame(frame) == code


def test_fit_reads_nothing_from_a_blank_or_noisy_frame() -> None:
    noise = np.random.default_rng(3).integers(0, 256, (FRAME_H, FRAME_W), dtype=np.uint8)
    stripes = np.tile(np.repeat(np.array([40, 215], np.uint8), 3), (FRAME_H, FRAME_W // 6))
    for frame in (np.full((FRAME_H, FRAME_W), 200, np.uint8), noise, stripes):
        assert decode_stages(frame, Stages(whole_frame=False, bars=False, areas=False)) == (
            None,
            "",
        )
