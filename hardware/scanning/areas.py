"""Reading a QR code in a busy area the first pass missed: crop, enlarge, sharpen.

A small or blurred QR code fails in the decoders' binarizers, not in their error
correction: cubic enlargement gives the finder-pattern search more pixels, and an
unsharp mask restores the contrast blur took from single modules. Working on a crop
keeps each try to a millisecond or two.
"""

from collections.abc import Iterator

import cv2
import numpy as np

from hardware.scanning.locate import Area
from hardware.scanning.readers import zbar_read, zxing_read

PAD_PX = 16
MAX_SIDE_PX = 900  # an enlarged crop beyond this costs more than it finds
QR_MODULES = 21  # a 9-character pickup code always fits a version 1 QR code
RECTIFIED_MODULE_PX = 8


def read_area(
    gray: np.ndarray, area: Area, *, zxing: bool = True, sharpen: bool = False
) -> str | None:
    """The code in `area`; `sharpen` adds two unsharp-masked tries, which on the hard set
    read 0.3 % more single frames and no more 5-frame bursts, at twice the time."""
    x, y, w, h = area.rect
    crop = gray[max(0, y - PAD_PX) : y + h + PAD_PX, max(0, x - PAD_PX) : x + w + PAD_PX]
    sharp = crop
    for image in _variants(crop, sharpen):
        code = _read_qr(image, zxing)
        if code:
            return code
        sharp = image
    return _read_rectified(sharp, zxing)


def _read_qr(image: np.ndarray, zxing: bool) -> str | None:
    if zxing:
        code = zxing_read(image, code128=False)
        if code:
            return code
    return zbar_read(image, code128=False)


def _read_rectified(image: np.ndarray, zxing: bool) -> str | None:
    """OpenCV's QR detector still finds the corners of a code too soft for the decoders
    to sample; warped square and thresholded once, the modules are easy to read."""
    found, corners = cv2.QRCodeDetector().detect(image)
    if not found or corners is None:
        return None
    side = QR_MODULES * RECTIFIED_MODULE_PX
    quiet = 4 * RECTIFIED_MODULE_PX
    target = np.float32([[0, 0], [side, 0], [side, side], [0, side]]) + quiet
    warp = cv2.getPerspectiveTransform(corners.reshape(4, 2).astype(np.float32), target)
    square = cv2.warpPerspective(
        image, warp, (side + 2 * quiet, side + 2 * quiet), flags=cv2.INTER_CUBIC, borderValue=255
    )
    _, binary = cv2.threshold(square, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return _read_qr(binary, zxing)


def _variants(crop: np.ndarray, sharpen: bool) -> Iterator[np.ndarray]:
    yield crop
    factor = min(2.0, MAX_SIDE_PX / max(crop.shape))
    big = crop
    if factor > 1.2:
        big = cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
        yield big
    if sharpen:
        yield _unsharp(big, 1.0 * factor, 1.5)
        yield _unsharp(big, 2.0 * factor, 3.0)


def _unsharp(image: np.ndarray, sigma: float, amount: float) -> np.ndarray:
    blurred = cv2.GaussianBlur(image, (0, 0), sigma)
    return cv2.addWeighted(image, 1 + amount, blurred, -amount, 0)
