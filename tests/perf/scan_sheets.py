"""The flat things a shopper holds up to the pickup camera: a printed receipt or a phone.

A Sheet is what the camera would see if it looked straight at the thing from close up:
grey levels (paper and ink, or screen light) and where each symbol is, so the photo
generator can aim glare at one symbol and know how big its modules end up in the frame.
"""

from dataclasses import dataclass
from functools import lru_cache

import barcode
import numpy as np
import qrcode
import qrcode.constants

from hardware.receipt_layout import render_receipt
from hardware.receipt_symbols import DESIGN, SymbolDesign, barcode_image, code128_modules, qr_image
from server.services.pickup_codes import ALPHABET, BODY_LENGTH, check_character, display
from tests.hardware.receipts import make_receipt


@dataclass(frozen=True)
class Symbol:
    kind: str  # "code128" or "qr"
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in sheet pixels, quiet zone excluded
    module_px: float  # narrowest bar or QR module, in sheet pixels


@dataclass(frozen=True)
class Sheet:
    image: np.ndarray  # float32 grey, 0..255
    symbols: tuple[Symbol, ...]
    screen: tuple[int, int, int, int] | None = None  # the lit glass of a phone


def random_code(rng: np.random.Generator) -> str:
    body = "".join(rng.choice(list(ALPHABET), BODY_LENGTH))
    return body + check_character(body)


@lru_cache(maxsize=1024)
def receipt_page(
    code: str, order_number: str, design: SymbolDesign = DESIGN
) -> tuple[np.ndarray, Symbol, Symbol]:
    """The terminal's real receipt for `code`, rendered once and kept for later runs."""
    receipt = make_receipt(
        pickup_code=code, pickup_code_display=display(code), order_number=order_number
    )
    page = np.asarray(render_receipt(receipt, design=design).convert("L"))
    page.setflags(write=False)
    bars = _barcode_rows(page)
    qr_rows = _next_block(page, bars[1])
    cols = np.flatnonzero((page[qr_rows[0] : qr_rows[1]] < 128).any(axis=0))
    qr_box = (int(cols[0]), qr_rows[0], int(cols[-1]) + 1, qr_rows[1])
    bar_cols = np.flatnonzero(page[bars[0]] < 128)
    bar_box = (int(bar_cols[0]), bars[0], int(bar_cols[-1]) + 1, bars[1])
    bar_module = (bar_box[2] - bar_box[0]) / len(code128_modules(code))
    qr_module = (qr_box[2] - qr_box[0]) / _qr_modules(code)
    return page, Symbol("code128", bar_box, bar_module), Symbol("qr", qr_box, qr_module)


def receipt_sheet(code: str, rng: np.random.Generator, design: SymbolDesign = DESIGN) -> Sheet:
    """The part of the receipt in view: from somewhere above the barcode to the end.

    Thermal ink is a dark grey, not black, and paper is never quite white.
    """
    order = f"{rng.choice(list('ABCDEK'))}-{rng.integers(1000, 9999)}"
    page, bars, qr = receipt_page(code, order, design)
    top = max(0, bars.box[1] - int(rng.uniform(30, 220)))
    paper, ink = rng.uniform(175, 240), rng.uniform(20, 75)
    image = ink + (paper - ink) * (page[top:].astype(np.float32) / 255.0)
    return Sheet(image, (_shifted(bars, top), _shifted(qr, top)))


def phone_sheet(
    code: str, rng: np.random.Generator, symbol: str | None = None, design: SymbolDesign = DESIGN
) -> Sheet:
    """A phone showing the code from the SMS link: QR or barcode, light or dark theme.

    Apps put the code on a white card even in a dark theme so scanners can read it.
    """
    width, height, bezel = 540, 1170, int(rng.integers(14, 30))
    dark = rng.random() < 0.5
    lit = rng.uniform(215, 255)  # screens are bright and often clip on the sensor
    screen = np.full((height, width), lit * (0.1 if dark else 1.0), np.float32)
    text = lit * (0.75 if dark else 0.25)
    for y in range(90, 420, 46):  # the SMS text above the code, as grey word blocks
        x = 40
        while x < width - 80:
            word = int(rng.integers(30, 110))
            screen[y : y + 22, x : min(x + word, width - 40)] = text
            x += word + 16
    drawn = rng.random() < 0.55
    if symbol == "qr" or (symbol is None and drawn):
        symbol_img = np.asarray(qr_image(code, width, 300, design), np.float32)
        kind, count = "qr", _qr_modules(code)
    else:
        symbol_img = np.asarray(barcode_image(code, width, 160, design), np.float32)
        kind, count = "code128", len(code128_modules(code))
    top = 480
    card = screen[top - 30 : top + symbol_img.shape[0] + 30, 20 : width - 20]
    card[:] = lit
    screen[top : top + symbol_img.shape[0], 20 : width - 20] = lit * symbol_img[:, 20:-20] / 255.0
    cols = np.flatnonzero((symbol_img < 128).any(axis=0))
    rows = np.flatnonzero((symbol_img < 128).any(axis=1))
    box = (int(cols[0]), top + int(rows[0]), int(cols[-1]) + 1, top + int(rows[-1]) + 1)
    body = np.full((height + 2 * bezel, width + 2 * bezel), rng.uniform(8, 30), np.float32)
    body[bezel:-bezel, bezel:-bezel] = screen
    symbol = _shifted(Symbol(kind, box, (box[2] - box[0]) / count), -bezel, -bezel)
    return Sheet(body, (symbol,), screen=(bezel, bezel, bezel + width, bezel + height))


def stray_ean13(rng: np.random.Generator, module_px: int) -> np.ndarray:
    """A product's EAN-13, as on a box lying on the counter: a real barcode that is not ours."""
    digits = "".join(str(d) for d in rng.integers(0, 10, 12))
    modules = barcode.get("ean13", digits).build()[0]
    row = np.array([0.0 if m == "1" else 255.0 for m in modules], np.float32)
    row = np.pad(np.repeat(row, module_px), 10 * module_px, constant_values=255.0)
    return np.tile(row, (int(len(modules) * module_px * 0.6), 1))


def _qr_modules(code: str) -> int:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    qr.add_data(code)
    qr.make(fit=True)
    return len(qr.get_matrix())


def _barcode_rows(page: np.ndarray) -> tuple[int, int]:
    """The longest run of rows with many bar edges: text lines have edges too, but few rows."""
    edges = (np.diff(page.astype(np.int16), axis=1) != 0).sum(axis=1) > 50
    best, start = (0, 0), None
    for y, edgy in enumerate([*edges, False]):
        if edgy and start is None:
            start = y
        elif not edgy and start is not None:
            best = max(best, (start, y), key=lambda run: run[1] - run[0])
            start = None
    return best


def _next_block(page: np.ndarray, y: int) -> tuple[int, int]:
    inked = (page < 128).any(axis=1)
    while not inked[y]:
        y += 1
    start = y
    while inked[y]:
        y += 1
    return start, y


def _shifted(symbol: Symbol, dy: int, dx: int = 0) -> Symbol:
    x0, y0, x1, y1 = symbol.box
    return Symbol(symbol.kind, (x0 - dx, y0 - dy, x1 - dx, y1 - dy), symbol.module_px)
