"""Lays a Receipt out as one black-and-white image for a thermal receipt printer.

Printing an image rather than text means Cyrillic (and the rouble sign) print the same
on every ESC/POS printer whatever code pages it has, and what we test is what comes out.
Sizes are designed for 576 px (80 mm paper at 203 dpi) and scaled for other widths,
such as 384 px for 58 mm paper.
"""

from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from hardware.receipt import Receipt, ReceiptLine
from hardware.receipt_symbols import BLACK, DESIGN, WHITE, SymbolDesign, barcode_image, qr_image

PAPER_80MM_PX = 576
PAPER_58MM_PX = 384
MIN_WIDTH_PX = 384
MAX_WIDTH_PX = 832  # 104 mm, the widest common receipt paper

# Where Debian, Fedora and Arch put the DejaVu fonts; DejaVu has Cyrillic and "₽".
FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
)
REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"
MONO_BOLD = "DejaVuSansMono-Bold.ttf"

# Anti-aliased text is cut at this grey level, not dithered: a dithered edge prints as
# speckle and makes bar edges ragged for a scanner.
INK_THRESHOLD = 150
# Capital letters and digits are about 0.73 em tall in DejaVu Sans Bold.
CAP_HEIGHT_EM = 0.73

Font = ImageFont.FreeTypeFont


class FontNotFoundError(RuntimeError):
    """The receipt font is not installed on this machine."""


def render_receipt(
    receipt: Receipt, width_px: int = PAPER_80MM_PX, design: SymbolDesign = DESIGN
) -> Image.Image:
    """The whole receipt as a mode "1" image `width_px` wide, white paper and black ink."""
    if not MIN_WIDTH_PX <= width_px <= MAX_WIDTH_PX:
        raise ValueError(
            f"receipt width must be {MIN_WIDTH_PX} to {MAX_WIDTH_PX} px "
            f"(576 for 80 mm paper, 384 for 58 mm), not {width_px}"
        )
    scale = width_px / PAPER_80MM_PX
    # Body text shrinks less than the paper: below about 2 mm letters get hard to read.
    text_scale = max(scale, 0.8)

    def px(size: float) -> int:
        return max(1, round(size * scale))

    def pt(size: float) -> int:
        return round(size * text_scale)

    margin = px(10)
    inner = width_px - 2 * margin
    blocks = [
        _gap(width_px, px(8)),
        _text(receipt.store_name, _font(BOLD, pt(34)), width_px, margin, "center"),
        _text(receipt.store_address, _font(REGULAR, pt(22)), width_px, margin, "center"),
        _gap(width_px, px(12)),
        _rule(width_px, margin, px(3)),
        _gap(width_px, px(14)),
        _text(receipt.title, _font(BOLD, pt(36)), width_px, margin, "center"),
        _gap(width_px, px(8)),
        # The number a shopper compares with the ready board: big enough to read at arm's length.
        _big_text(receipt.order_number, BOLD, px(90), width_px, margin),
        _gap(width_px, px(20)),
        _rule(width_px, margin, px(2), dashed=True),
        _gap(width_px, px(10)),
    ]
    for line in receipt.lines:
        blocks += [_line(line, width_px, margin, pt(24)), _gap(width_px, px(12))]
    blocks += [
        _rule(width_px, margin, px(3)),
        _gap(width_px, px(10)),
        _row(receipt.total_label, receipt.total, _font(BOLD, pt(40)), width_px, margin),
        _gap(width_px, px(18)),
    ]
    for label, amount in receipt.amounts:
        blocks += [
            _row(label, amount, _font(BOLD, pt(28)), width_px, margin),
            _gap(width_px, px(12)),
        ]
    if receipt.instructions:
        text = "\n".join(receipt.instructions)
        box = _text(text, _font(BOLD, pt(30)), inner, px(14), "center", pad=px(12))
        blocks += [_framed(box, width_px, margin, px(3)), _gap(width_px, px(22))]
    blocks += [
        barcode_image(receipt.pickup_code, width_px, px(design.bar_height_px), design),
        _gap(width_px, px(16)),
        qr_image(receipt.pickup_code, width_px, min(design.qr_target_px, inner), design),
        _gap(width_px, px(4)),
        _text(receipt.code_label, _font(REGULAR, pt(22)), width_px, margin, "center"),
        _gap(width_px, px(4)),
        _big_text(receipt.pickup_code_display, MONO_BOLD, px(44), width_px, margin),
        _gap(width_px, px(18)),
        _text(receipt.printed_at, _font(REGULAR, pt(20)), width_px, margin, "center"),
    ]
    if receipt.footer:
        footer = "\n".join(receipt.footer)
        blocks.append(_text(footer, _font(REGULAR, pt(20)), width_px, margin, "center"))
    blocks.append(_gap(width_px, px(24)))
    return _to_one_bit(_stack(blocks, width_px))


def _line(line: ReceiptLine, width: int, margin: int, size: int) -> Image.Image:
    font = _font(REGULAR, size)
    name = _text(line.name, font, width, margin, "left")
    amounts = _row(f"{line.qty} × {line.price}", line.total, font, width, margin)
    return _stack([name, _gap(width, size // 12), amounts], width)


@lru_cache(maxsize=64)
def _font(name: str, size: int) -> Font:
    return ImageFont.truetype(str(_font_path(name)), size)


def _font_path(name: str) -> Path:
    for folder in FONT_DIRS:
        path = Path(folder) / name
        if path.is_file():
            return path
    if name == MONO_BOLD:
        return _font_path(BOLD)  # a fine stand-in for the pickup code
    raise FontNotFoundError(
        f"Receipt font {name} not found in {', '.join(FONT_DIRS)}: install the DejaVu "
        "fonts (Debian/Ubuntu package fonts-dejavu-core: apt-get install fonts-dejavu-core)"
    )


def _wrap(text: str, font: Font, width: int) -> list[str]:
    """Word-wrap to `width` px, one paragraph per line of `text`."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _wrap_paragraph(paragraph, font, width)
    return lines


def _wrap_paragraph(paragraph: str, font: Font, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    # Ordinary spaces only: a no-break space keeps "80 980 ₽" in one piece on paper.
    for word in (part for part in paragraph.split(" ") if part):
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while font.getlength(current) > width:  # longer than the line: break between letters
            cut = len(current) - 1
            while cut > 1 and font.getlength(current[:cut]) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    lines.append(current)
    # "до 14:32", not "до" and a lone "14:32" below: a short last word takes its neighbour.
    if len(lines) > 1 and len(lines[-1]) <= 5 and " " in lines[-2]:
        head, _, tail = lines[-2].rpartition(" ")
        if font.getlength(f"{tail} {lines[-1]}") <= width:
            lines[-2:] = [head, f"{tail} {lines[-1]}"]
    return lines


def _text(
    text: str,
    font: Font,
    width: int,
    margin: int,
    align: str,
    *,
    pad: int = 0,
    reserve_right: int = 0,
) -> Image.Image:
    ascent, descent = font.getmetrics()
    line_height = ascent + descent
    lines = _wrap(text, font, width - 2 * margin - reserve_right)
    image = Image.new("L", (width, len(lines) * line_height + 2 * pad), WHITE)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        y = pad + index * line_height + ascent
        if align == "center":
            draw.text((width // 2, y), line, font=font, fill=BLACK, anchor="ms")
        else:
            draw.text((margin, y), line, font=font, fill=BLACK, anchor="ls")
    return image


def _big_text(text: str, font_name: str, cap_px: int, width: int, margin: int) -> Image.Image:
    """One centred line whose capitals are `cap_px` tall, shrunk if it would not fit."""
    size = round(cap_px / CAP_HEIGHT_EM)
    font = _font(font_name, size)
    while size > 8 and font.getlength(text) > width - 2 * margin:
        size -= 2
        font = _font(font_name, size)
    _, top, _, bottom = font.getbbox(text, anchor="ms")
    image = Image.new("L", (width, round(bottom - top)), WHITE)
    ImageDraw.Draw(image).text((width // 2, -top), text, font=font, fill=BLACK, anchor="ms")
    return image


def _row(left: str, right: str, font: Font, width: int, margin: int) -> Image.Image:
    """`left` flush left (wrapped if long) and `right` flush right on its first line."""
    right_px = round(font.getlength(right))
    gap = round(font.size * 0.6)
    left_block = _text(left, font, width, margin, "left", reserve_right=right_px + gap)
    ascent, _ = font.getmetrics()
    ImageDraw.Draw(left_block).text(
        (width - margin, ascent), right, font=font, fill=BLACK, anchor="rs"
    )
    return left_block


def _framed(content: Image.Image, width: int, margin: int, border: int) -> Image.Image:
    image = Image.new("L", (width, content.height + 2 * border), WHITE)
    image.paste(content, (margin, border))
    ImageDraw.Draw(image).rectangle(
        (margin, 0, width - margin - 1, image.height - 1), outline=BLACK, width=border
    )
    return image


def _rule(width: int, margin: int, thickness: int, *, dashed: bool = False) -> Image.Image:
    image = Image.new("L", (width, thickness), WHITE)
    draw = ImageDraw.Draw(image)
    step = thickness * 6 if dashed else width
    for x in range(margin, width - margin, step):
        end = min(x + (step // 2 if dashed else width), width - margin) - 1
        draw.rectangle((x, 0, end, thickness - 1), fill=BLACK)
    return image


def _gap(width: int, height: int) -> Image.Image:
    return Image.new("L", (width, height), WHITE)


def _stack(blocks: list[Image.Image], width: int) -> Image.Image:
    image = Image.new("L", (width, sum(block.height for block in blocks)), WHITE)
    y = 0
    for block in blocks:
        image.paste(block, (0, y))
        y += block.height
    return image


def _to_one_bit(image: Image.Image) -> Image.Image:
    return image.point(lambda value: WHITE if value >= INK_THRESHOLD else BLACK, mode="1")
