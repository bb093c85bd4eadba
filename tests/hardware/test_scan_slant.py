"""Hard-set frames (the tuning seed) that the decoder missed until it learned them: codes
held at a steep slant, a product's barcode stronger than the receipt's, a dim frame."""

import cv2
import numpy as np
import pytest

from hardware.scanning.areas import finder_patterns
from hardware.scanning.bars import refine
from hardware.scanning.decode import Stages, decode_stages
from hardware.scanning.locate import locate
from tests.perf.scan_hard import DEV_SEED, make_burst


def hard_frame(index: int, frame: int = 0) -> tuple[np.ndarray, str]:
    burst = make_burst(DEV_SEED, index, frames=frame + 1)
    return burst.frames[frame], burst.code


@pytest.mark.parametrize("index", [103, 196], ids=["receipt", "phone"])
def test_qr_code_at_a_steep_slant_is_mapped_square_from_its_finder_patterns(index: int) -> None:
    frame, code = hard_frame(index)
    assert decode_stages(frame, Stages()) == (code, "areas")
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    x, y, w, h = locate(gray)[1][0].rect
    assert len(finder_patterns(gray[y : y + h, x : x + w])) == 3


def test_barcode_at_a_slant_is_sampled_along_its_slanted_bars() -> None:
    frame, code = hard_frame(180, frame=2)  # the receipt's bar ends climb steeply
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    bars = locate(gray)[0]
    assert abs(refine(gray, bars[1]).shear) > 0.3  # bars[0] is a product's EAN-13
    assert decode_stages(frame, Stages()) == (code, "bars")


def test_barcode_with_converging_bars_is_sampled_along_each_bar() -> None:
    frame, code = hard_frame(111)  # perspective: the bars lean apart towards one end
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    region = refine(gray, locate(gray)[0][1])  # [0] is a product's EAN-13
    assert abs(region.fan) * region.length > 0.2  # the ends' bars lean a fifth apart
    assert decode_stages(frame, Stages()) == (code, "bars")


def test_receipt_barcode_is_fitted_when_a_products_barcode_is_stronger() -> None:
    frame, code = hard_frame(138)  # barcode only, JPEG quality under 20, an EAN-13 beside
    assert decode_stages(frame, Stages()) == (code, "fit")


def test_faint_barcode_in_a_dim_noisy_frame_is_found_by_the_way_its_edges_run() -> None:
    frame, code = hard_frame(182)  # a fifth of the light: the noise is as strong as the bars
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    assert locate(gray)[0]  # found only by the energy that runs one way
    assert decode_stages(frame, Stages()) == (code, "fit")
