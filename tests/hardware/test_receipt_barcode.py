"""Every pickup code the server can make prints as a barcode that scanners read back whole."""

import random

import pytest
import zxingcpp
from PIL import Image
from pyzbar import pyzbar

from hardware.receipt_symbols import barcode_image
from server.services.pickup_codes import ALPHABET

# Digit runs are where CODE128 encoders switch code sets, and where one dropped "99".
AWKWARD = ["99ERU9UDR", "999999999", "22222222A", "A99999999", "9ABCDEFGH", "ZZZZZZZZZ"]
RANDOM = ["".join(random.Random(seed).choices(ALPHABET, k=9)) for seed in range(40)]


def _scanned(code: str) -> tuple[list[str], list[str]]:
    strip = Image.new("L", (576, 200), 255)
    strip.paste(barcode_image(code, 576, 120), (0, 40))
    by_zbar = [symbol.data.decode() for symbol in pyzbar.decode(strip)]
    by_zxing = [result.text for result in zxingcpp.read_barcodes(strip)]
    return by_zbar, by_zxing


@pytest.mark.parametrize("code", AWKWARD + RANDOM)
def test_a_printed_code_scans_back_as_itself(code):
    assert _scanned(code) == ([code], [code])


def test_a_code_outside_printable_ascii_is_refused_clearly():
    with pytest.raises(ValueError, match="cannot be a CODE128"):
        barcode_image("КОД", 576, 120)
