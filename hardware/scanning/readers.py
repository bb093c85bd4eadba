"""The two symbol decoders behind one call each, returning only codes that pass the check.

zbar (pyzbar) is part of the design. zxing-cpp earns its place in the benchmark
(tests/perf/bench_scan.py): on a whole 1280x720 frame it finds and reads a QR code
about ten times faster than zbar and reads more of them, so it is the first pass;
zbar is still the better reader of a clean 1D profile, so each keeps the job it
does best. The imports happen here, on first use, so the server never needs them.
"""

from functools import cache
from typing import Any

import numpy as np

from hardware.scanning.codes import pickup_code


@cache
def _zbar() -> Any:
    from pyzbar import pyzbar

    return pyzbar


@cache
def _zxing() -> Any:
    import zxingcpp

    return zxingcpp


def zbar_read(gray: np.ndarray, *, qr: bool = True, code128: bool = True) -> str | None:
    pyzbar = _zbar()
    symbols = [pyzbar.ZBarSymbol.QRCODE] * qr + [pyzbar.ZBarSymbol.CODE128] * code128
    for symbol in pyzbar.decode(np.ascontiguousarray(gray), symbols=symbols):
        code = pickup_code(symbol.data.decode("latin-1"))
        if code:
            return code
    return None


def zxing_read(gray: np.ndarray, *, qr: bool = True, code128: bool = True) -> str | None:
    zxingcpp = _zxing()
    formats = [zxingcpp.BarcodeFormat.QRCode] * qr + [zxingcpp.BarcodeFormat.Code128] * code128
    # Receipts and phone cards are dark on light: trying inverted images only costs time.
    for result in zxingcpp.read_barcodes(gray, formats=formats, try_invert=False):
        code = pickup_code(result.text)
        if code:
            return code
    return None
