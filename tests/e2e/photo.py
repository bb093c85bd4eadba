"""A shopper holds the printed receipt up to the pickup window's camera: make that frame.

The receipt is the one the terminal printed, laid out by hardware.receipt_layout; the
camera's faults (light, blur, sensor noise, JPEG) are the scan benchmark's own, from
tests/perf/scan_camera.py, so this frame is no kinder than the benchmark's.
"""

import cv2
import numpy as np

from hardware.receipt import Receipt
from hardware.receipt_layout import render_receipt
from tests.perf import scan_camera as camera

FRAME_W, FRAME_H = 1280, 720
PAPER, INK = 225.0, 45.0  # thermal paper is never white, its ink never black


def photograph_receipt(
    receipt: Receipt,
    *,
    seed: int,
    tilt_deg: float = 15.0,
    perspective: float = 0.08,
    height_share: float = 0.6,
    blur_sigma: float = 1.2,
    noise: float = 8.0,
    jpeg_quality: int = 75,
) -> np.ndarray:
    """A 1280x720 BGR frame of the receipt's lower part (from a little above the barcode):
    tilted, in perspective, out of focus, noisy and scaled down to `height_share` of the
    frame height."""
    rng = np.random.default_rng(seed)
    page = np.asarray(render_receipt(receipt).convert("L"), np.float32)
    top = max(0, _barcode_top(page) - 300)
    sheet = INK + (PAPER - INK) * page[top:] / 255.0
    scale = height_share * FRAME_H / sheet.shape[0]
    small = cv2.resize(sheet, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    homography = _pose(small.shape, tilt_deg, perspective, rng)
    warped = cv2.warpPerspective(small, homography, (FRAME_W, FRAME_H), flags=cv2.INTER_LINEAR)
    inside = cv2.warpPerspective(np.ones_like(small), homography, (FRAME_W, FRAME_H))
    frame = _counter(rng)
    frame += (warped[..., None] - frame) * inside[..., None]
    frame = camera.uneven_light(frame, rng)
    frame = camera.defocus(frame, blur_sigma)
    frame = camera.sensor_noise(frame, rng, noise)
    return camera.jpeg(frame, jpeg_quality)


def _barcode_top(page: np.ndarray) -> int:
    """The first row of the CODE128: the longest run of rows with many ink edges (a line
    of text has many edges too, but over far fewer rows)."""
    edgy = [*((np.abs(np.diff(page, axis=1)) > 0).sum(axis=1) > 50), False]
    best_start, best_length, start = 0, 0, None
    for y, many in enumerate(edgy):
        if many and start is None:
            start = y
        elif not many and start is not None:
            if y - start > best_length:
                best_start, best_length = start, y - start
            start = None
    return best_start


def _pose(
    shape: tuple[int, ...], tilt_deg: float, perspective: float, rng: np.random.Generator
) -> np.ndarray:
    """Rotate about the sheet's middle, push each corner a little, centre it in the frame."""
    h, w = shape[:2]
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    theta = np.deg2rad(tilt_deg)
    rotation = np.float32([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    placed = (corners - [w / 2, h / 2]) @ rotation.T
    placed += rng.uniform(-1, 1, (4, 2)) * perspective * np.float32([w, h])
    low, high = placed.min(axis=0), placed.max(axis=0)
    placed += np.float32([FRAME_W, FRAME_H]) / 2 - (low + high) / 2
    return cv2.getPerspectiveTransform(corners, placed.astype(np.float32))


def _counter(rng: np.random.Generator) -> np.ndarray:
    """A grey counter top with a slow shade across it, in BGR floats."""
    shade = np.linspace(0.85, 1.1, FRAME_W, dtype=np.float32)[None, :, None]
    tone = np.float32(rng.uniform(80, 120)) * np.float32([1.0, 1.03, 1.08])
    return np.ones((FRAME_H, FRAME_W, 3), np.float32) * tone * shade
