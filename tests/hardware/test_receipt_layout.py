from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from hardware import receipt_layout
from hardware.receipt import ReceiptLine
from hardware.receipt_layout import render_receipt
from hardware.receipt_symbols import PAPER_MARGIN_PX
from tests.hardware.receipts import make_receipt, read_codes

CODE = "K7QF2M9XRT"


def both_codes(code: str) -> set[tuple[str, str]]:
    return {("CODE128", code), ("QRCODE", code)}


def barcode_box(image: Image.Image) -> tuple[int, int, int, int]:
    """Where the scanner finds the CODE128: left, top, width, height."""
    from pyzbar.pyzbar import decode

    (symbol,) = [symbol for symbol in decode(image) if symbol.type == "CODE128"]
    return symbol.rect


def runs(image: Image.Image, y: int) -> list[tuple[int, int]]:
    """(value, length) of each run of equal pixels along row `y`."""
    row = image.convert("L").crop((0, y, image.width, y + 1)).tobytes()
    found: list[tuple[int, int]] = []
    start = 0
    for x in range(1, len(row) + 1):
        if x == len(row) or row[x] != row[start]:
            found.append((row[start], x - start))
            start = x
    return found


def ink_bands(image: Image.Image, bottom: int) -> list[int]:
    """Heights of the runs of inked rows above `bottom`: lines of text, rules, symbols."""
    heights, height = [], 0
    for y in range(bottom):
        if len(runs(image, y)) > 1:
            height += 1
        elif height:
            heights.append(height)
            height = 0
    return heights


def test_russian_receipt_is_a_tall_black_and_white_image_for_80mm_paper() -> None:
    image = render_receipt(make_receipt())

    assert image.width == 576
    assert image.height > image.width
    assert image.mode == "1"
    colors = image.convert("L").getcolors()
    assert colors is not None and {value for _, value in colors} == {0, 255}
    assert image.getpixel((0, 0)) == 255  # white paper


def test_barcode_and_qr_code_read_back_as_the_pickup_code() -> None:
    image = render_receipt(make_receipt(pickup_code=CODE))

    assert read_codes(image) == both_codes(CODE)


def test_barcode_bars_are_at_least_three_dots_wide_with_quiet_zones() -> None:
    image = render_receipt(make_receipt(pickup_code=CODE))

    _, top, _, height = barcode_box(image)
    assert height >= 100  # bars about 15 mm tall, forgiving of a tilted camera
    for y in range(top + 5, top + height - 5, 20):
        row = runs(image, y)
        narrow = min(length for value, length in row if value == 0)
        assert narrow >= 3
        # The printer leaves PAPER_MARGIN_PX of paper unprinted beyond the image's edges.
        (_, left_margin), (_, right_margin) = row[0], row[-1]
        assert left_margin + PAPER_MARGIN_PX >= 10 * narrow
        assert right_margin + PAPER_MARGIN_PX >= 10 * narrow


def test_nine_character_code_prints_four_dot_bars_and_a_big_qr_code() -> None:
    code = "K7QF2M9XR"
    image = render_receipt(make_receipt(pickup_code=code))

    assert read_codes(image) == both_codes(code)
    _, top, _, height = barcode_box(image)
    assert height >= 180
    row = runs(image, top + height // 2)
    assert min(length for value, length in row if value == 0) == 4
    import zxingcpp

    (qr,) = zxingcpp.read_barcodes(
        np.asarray(image.convert("L")), formats=zxingcpp.BarcodeFormat.QRCode
    )
    assert qr.ec_level == "H"  # 30 % of it may be lost to glare or a thumb
    assert qr.position.top_right.x - qr.position.top_left.x >= 21 * 12  # 12-dot modules


def test_order_number_is_the_first_big_thing_on_the_receipt_about_90_dots_tall() -> None:
    image = render_receipt(make_receipt(order_number="A-1042"))

    _, barcode_top, _, _ = barcode_box(image)
    bands = ink_bands(image, barcode_top)
    first_big = next(height for height in bands if height > 50)
    assert 80 <= first_big <= 100


def test_twelve_lines_with_very_long_names_still_decode() -> None:
    long_name = (
        "Ноутбук ASUS VivoBook Pro 16X OLED K6604JV-MX198 Intel Core i9-13980HX "
        "32 ГБ DDR5 1 ТБ SSD GeForce RTX 4060 8 ГБ, серебристый, с русской раскладкой"
    )
    lines = [
        ReceiptLine(f"{index}. {long_name}", index, "219 990,00 ₽", "219 990,00 ₽")
        for index in range(1, 13)
    ]
    short = render_receipt(make_receipt())
    image = render_receipt(make_receipt(lines=lines, pickup_code="ZX81QW4P7M"))

    assert image.width == 576
    assert image.height > short.height + 12 * 60  # every line wrapped, nothing cut off
    assert read_codes(image) == both_codes("ZX81QW4P7M")


def test_receipt_for_58mm_paper_is_384_dots_and_decodes() -> None:
    image = render_receipt(make_receipt(pickup_code=CODE), width_px=384)

    assert image.width == 384
    assert image.height > image.width
    assert read_codes(image) == both_codes(CODE)


def test_a_word_longer_than_the_paper_is_broken_not_cut_off() -> None:
    line = ReceiptLine("Х" * 80, 1, "1,00 ₽", "1,00 ₽")

    image = render_receipt(make_receipt(lines=[line]))

    assert image.width == 576


@pytest.mark.parametrize("width", [200, 1000])
def test_paper_width_outside_what_printers_have_is_refused(width: int) -> None:
    with pytest.raises(ValueError, match="576 for 80 mm paper"):
        render_receipt(make_receipt(), width_px=width)


def test_missing_fonts_name_the_package_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(receipt_layout, "FONT_DIRS", (str(tmp_path),))
    receipt_layout._font.cache_clear()
    try:
        with pytest.raises(receipt_layout.FontNotFoundError, match="fonts-dejavu-core"):
            render_receipt(make_receipt())
    finally:
        receipt_layout._font.cache_clear()
