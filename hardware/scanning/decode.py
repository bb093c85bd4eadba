"""The pickup station's decoder: one camera frame in, the pickup code or None out.

Staged so an easy frame costs little and only a hard one pays for more:

1. whole frame, as it is: zxing-cpp finds and reads most QR codes in a few ms;
2. locate: the structure tensor marks barcode-like patches (with their angle) and busy
   areas (locate.py), about 2 ms; in a dim, noisy frame, by the energy running one way;
3. each barcode patch is read as an averaged, straightened, sharpened 1D profile
   (bars.py), following a slant and converging bars: this reads tilted, slanted,
   blurred and noisy barcodes no 2D pass reads;
4. each busy area is cropped, enlarged and sharpened for the QR decoders, or mapped
   square from its finder patterns when held at a steep slant (areas.py);
5. the two strongest barcode patches are fitted character by character against the
   known shape of a pickup code's CODE128 (fit.py): this reads bars blurred past the
   point where the decoders' edge finders see single modules.

Every candidate must pass the check character (codes.py) before it is returned, so
stopping at the first one is safe. tests/perf/bench_scan.py measures each stage.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from hardware.scanning.areas import read_area
from hardware.scanning.bars import read_bars
from hardware.scanning.fit import read_region
from hardware.scanning.locate import locate
from hardware.scanning.readers import zbar_read, zxing_read

# On the hard set (tests/perf/bench_scan.py) every barcode read came from the two
# strongest regions; trying more cost a frame that reads nothing three times the time
# and read no receipt the next frames missed. A phone's SMS text is often busier than
# its small QR code, so the two busiest areas are tried (tuning seed: 1 receipt more in
# 200, 1.5 ms a frame).
MAX_BAR_REGIONS = 2
MAX_AREAS = 2
# The fit costs a few decoders' time: only for the two strongest barcodes (the strongest
# is often a product's EAN-13 lying on the counter).
MAX_FITTED = 2


@dataclass(frozen=True)
class Stages:
    """Which stages run; everything on is the pipeline, the rest is for the benchmark."""

    whole_frame: bool = True
    bars: bool = True
    areas: bool = True
    fit: bool = True  # the strongest barcode fitted character by character (fit.py)
    zxing: bool = True  # False: zbar does every read, to measure what zxing-cpp adds


ALL_STAGES = Stages()


def decode_frame(frame: np.ndarray) -> str | None:
    """The pickup code in a BGR or grey camera frame, or None when there is none to read."""
    return decode_stages(frame, ALL_STAGES)[0]


def decode_stages(frame: np.ndarray, stages: Stages) -> tuple[str | None, str]:
    """The code and the name of the stage that read it ("" when none did)."""
    gray = _gray(frame)
    if min(gray.shape) < 8:  # nothing a code could fit in (the decoders refuse empty images)
        return None, ""
    if stages.whole_frame:
        code = zxing_read(gray) if stages.zxing else zbar_read(gray)
        if code:
            return code, "whole_frame"
    if not (stages.bars or stages.areas or stages.fit):
        return None, ""
    bars, areas = locate(gray)
    tries: list[tuple[str, Callable[[], str | None]]] = []
    if stages.bars:
        tries += [
            ("bars", lambda r=region: read_bars(gray, r, zxing=stages.zxing))
            for region in bars[:MAX_BAR_REGIONS]
        ]
    if stages.areas:
        tries += [
            ("areas", lambda a=area: read_area(gray, a, zxing=stages.zxing))
            for area in areas[:MAX_AREAS]
        ]
    if stages.fit:
        tries += [("fit", lambda r=region: read_region(gray, r)) for region in bars[:MAX_FITTED]]
    for name, attempt in tries:
        code = attempt()
        if code:
            return code, name
    return None, ""


def decode_image_file(path: str | Path) -> str | None:
    """The pickup code in an image file; None for no code, a missing file or a non-image."""
    try:
        image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    except cv2.error:
        return None
    if image is None:
        return None
    return decode_frame(image)


def _gray(frame: np.ndarray) -> np.ndarray:
    if frame.ndim == 3 and frame.shape[2] == 3:
        return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    if frame.ndim == 3 and frame.shape[2] == 4:
        return cv2.cvtColor(frame, cv2.COLOR_BGRA2GRAY)
    if frame.ndim == 2:
        return np.ascontiguousarray(frame, dtype=np.uint8)
    raise ValueError(f"not an image frame: shape {frame.shape}")
