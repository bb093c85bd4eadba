"""The pickup code as a CODE128 barcode and a QR code, drawn pixel-exact for a thermal printer.

We draw the bars and modules ourselves from the libraries' module patterns instead of
using their image writers: those size things in millimetres and round, which smears
bars across pixel boundaries and leaves grey that thresholding turns into uneven bars.
Whole-pixel modules stay crisp on a 203 dpi head and in a phone photo of the receipt.
"""

from dataclasses import dataclass

import qrcode
import qrcode.constants
from barcode.charsets import code128
from PIL import Image, ImageDraw

WHITE = 255
BLACK = 0

# A scanner needs a white margin of at least 10 narrow bars on each side of a CODE128.
# The printer leaves 4 mm of paper unprinted on each side of its 72 mm (576 dots) on
# 80 mm paper, 32 dots: printing 4 modules of the margin keeps 12 of 4-dot bars in all,
# and buys the fourth dot of bar width (a 9-character code is 134 modules).
QUIET_MODULES = 10
PRINTED_QUIET_MODULES = 4
PAPER_MARGIN_PX = 32
# Three-pixel bars (0.375 mm at 203 dpi) survive a blurry, tilted phone photo; four is
# plenty, and wider only makes a long code overflow the paper.
MIN_GOOD_MODULE_PX = 3
MAX_MODULE_PX = 4
# On 58 mm paper a 9-character code needs 154 modules: at 3 px that is 462 px and does
# not fit in 384, so we fall back to 2 px there rather than refuse to print.
MIN_MODULE_PX = 2

QR_BORDER_MODULES = 4  # the quiet zone the QR specification asks for
_QR_ERROR = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}


@dataclass(frozen=True)
class SymbolDesign:
    """How big the codes are and how they are protected.

    tests/perf/bench_scan.py --design measures what each choice earns on the camera's
    hard set. Against the earlier receipt (3-dot bars 120 dots tall, a 260-dot QR at
    level M), receipts with only one of the codes in view read within 5 frames went from
    81 % to 97 % on the tuning seed and from 82 % to 84 % on the held-out seed (single
    frames 64 % to 73 %), for 25 mm more paper.
    """

    max_module_px: int = MAX_MODULE_PX  # the barcode's narrowest bar, at most
    quiet_modules: int = PRINTED_QUIET_MODULES
    # Taller bars leave more rows to average and more bar in view under steep
    # perspective (at 576 px paper).
    bar_height_px: int = 200
    # A 9-character code fits a version 1 QR (21 modules) at every error-correction
    # level, so H (30% of the code may be lost to glare or a thumb) costs no paper.
    qr_error: str = "H"
    # 13-dot modules (1.6 mm): a QR stays readable under as much motion blur again.
    qr_target_px: int = 380


DESIGN = SymbolDesign()


def code128_modules(code: str) -> str:
    """The bar pattern of `code` as a string of '1' (bar) and '0' (space) modules.

    All in code set B, encoded here from the standard's table: python-barcode switches a
    leading "99" to code set C and drops it ("99ERU9UDR" scanned as "ERU9UDR"). Set B holds
    every printable ASCII character, and a 9-character code gains nothing from set C.
    """
    if not code or any(not 32 <= ord(ch) < 127 for ch in code):
        raise ValueError(f"the pickup code {code!r} cannot be a CODE128 barcode")
    values = [code128.START_CODES["B"]] + [code128.B[ch] for ch in code]
    checksum = (values[0] + sum(i * v for i, v in enumerate(values[1:], start=1))) % 103
    symbols = "".join(str(code128.CODES[v]) for v in [*values, checksum])
    return symbols + str(code128.STOP) + "11"  # the stop pattern ends with a 2-module bar


def barcode_image(
    code: str, width_px: int, height_px: int, design: SymbolDesign = DESIGN
) -> Image.Image:
    """A CODE128 of `code`, centred on a white strip `width_px` wide with its quiet zones."""
    modules = code128_modules(code)
    module_px = min(design.max_module_px, width_px // (len(modules) + 2 * design.quiet_modules))
    if module_px < MIN_MODULE_PX:
        raise ValueError(
            f"the pickup code {code!r} is too long for a readable barcode on "
            f"{width_px} px wide paper"
        )
    image = Image.new("L", (width_px, height_px), WHITE)
    draw = ImageDraw.Draw(image)
    left = (width_px - len(modules) * module_px) // 2
    start = None
    for index, module in enumerate(modules + "0"):
        if module == "1" and start is None:
            start = index
        elif module == "0" and start is not None:
            x0 = left + start * module_px
            x1 = left + index * module_px - 1
            draw.rectangle((x0, 0, x1, height_px - 1), fill=BLACK)
            start = None
    return image


def qr_image(
    code: str, width_px: int, target_px: int, design: SymbolDesign = DESIGN
) -> Image.Image:
    """A QR code of `code`, about `target_px` square, centred, with its quiet zone."""
    qr = qrcode.QRCode(
        error_correction=_QR_ERROR[design.qr_error],
        border=QR_BORDER_MODULES,
        box_size=1,
    )
    qr.add_data(code)
    qr.make(fit=True)
    matrix = qr.get_matrix()  # includes the border
    count = len(matrix)
    box = max(1, min(round(target_px / count), width_px // count))
    side = count * box
    image = Image.new("L", (width_px, side), WHITE)
    draw = ImageDraw.Draw(image)
    left = (width_px - side) // 2
    for row, cells in enumerate(matrix):
        for col, dark in enumerate(cells):
            if dark:
                x0, y0 = left + col * box, row * box
                draw.rectangle((x0, y0, x0 + box - 1, y0 + box - 1), fill=BLACK)
    return image
