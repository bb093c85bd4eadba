"""Product photos for the demo: a soft background, a drawn silhouette, brand and model.

Drawn at twice the size and halved, so edges come out smooth; no network, no assets
beyond a system font (DejaVu when installed, Pillow's own font otherwise).
"""

import colorsys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = 480
SCALE = 2
CANVAS = SIZE * SCALE
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
TEXT = (34, 38, 50)
SUBTEXT = (78, 84, 100)
DEFAULT_BODY = (58, 62, 72)

RGB = tuple[int, int, int]
Box = tuple[float, float, float, float]


def shade(rgb: RGB, factor: float) -> RGB:
    """Darker by factor (0.8 keeps 80 % of the light)."""
    return (int(rgb[0] * factor), int(rgb[1] * factor), int(rgb[2] * factor))


def tint(rgb: RGB, amount: float) -> RGB:
    """Lighter: amount 0.5 goes halfway to white."""
    return (
        int(rgb[0] + (255 - rgb[0]) * amount),
        int(rgb[1] + (255 - rgb[1]) * amount),
        int(rgb[2] + (255 - rgb[2]) * amount),
    )


def luminance(rgb: RGB) -> float:
    return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]


@dataclass
class Pen:
    """What a silhouette draws with: the canvas, the product colour and the background."""

    img: Image.Image
    draw: ImageDraw.ImageDraw
    body: RGB
    bg: RGB

    @property
    def edge(self) -> RGB:
        return tint(self.body, 0.35) if luminance(self.body) < 70 else shade(self.body, 0.68)

    @property
    def dark(self) -> RGB:
        return (30, 33, 42)

    def rr(self, box: Box, radius: float, fill: RGB | None = None, edge: bool = True) -> None:
        self.draw.rounded_rectangle(
            box,
            radius,
            fill=fill or self.body,
            outline=self.edge if edge else None,
            width=6 if edge else 0,
        )

    def ellipse(self, box: Box, fill: RGB | None = None, edge: bool = True) -> None:
        self.draw.ellipse(
            box, fill=fill or self.body, outline=self.edge if edge else None, width=6 if edge else 0
        )

    def circle(self, cx: float, cy: float, r: float, fill: RGB, edge: bool = False) -> None:
        self.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill, edge=edge)

    def screen(self, box: Box, radius: float, glass: bool = False) -> None:
        """A lit screen (or dark glass) with a soft diagonal glare."""
        x0, y0, x1, y1 = (int(v) for v in box)
        w, h = x1 - x0, y1 - y0
        top, bottom = ((52, 58, 70), (22, 24, 30)) if glass else _wallpaper(self.bg)
        mask = Image.linear_gradient("L").resize((w, h))
        panel = Image.composite(
            Image.new("RGB", (w, h), bottom), Image.new("RGB", (w, h), top), mask
        )
        glare = ImageDraw.Draw(panel)
        glare.polygon([(0, 0), (w * 0.55, 0), (0, h * 0.55)], fill=tint(top, 0.12))
        shape = Image.new("L", (w, h), 0)
        ImageDraw.Draw(shape).rounded_rectangle((0, 0, w - 1, h - 1), radius, fill=255)
        self.img.paste(panel, (x0, y0), shape)


def _wallpaper(bg: RGB) -> tuple[RGB, RGB]:
    """A screen glow in the hue of the category colour, deeper and more saturated."""
    hue, _, _ = colorsys.rgb_to_hsv(*(c / 255 for c in bg))
    top = colorsys.hsv_to_rgb(hue, 0.55, 0.85)
    bottom = colorsys.hsv_to_rgb((hue + 0.08) % 1, 0.75, 0.3)
    return _rgb(top), _rgb(bottom)


def _rgb(values: tuple[float, float, float]) -> RGB:
    return (int(values[0] * 255), int(values[1] * 255), int(values[2] * 255))


@lru_cache(maxsize=64)
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _fitted(
    text: str, size: int, bold: bool, width: int
) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    font = _font(size, bold)
    while size > 28 and ImageDraw.Draw(Image.new("L", (1, 1))).textlength(text, font=font) > width:
        size -= 4
        font = _font(size, bold)
    return font


@lru_cache(maxsize=32)
def _background(bg: RGB) -> Image.Image:
    """Lighter at the top, the category colour at the bottom, a soft shadow to stand on."""
    mask = Image.linear_gradient("L").resize((CANVAS, CANVAS))
    top, bottom = (
        Image.new("RGB", (CANVAS, CANVAS), tint(bg, 0.55)),
        Image.new("RGB", (CANVAS, CANVAS), bg),
    )
    img = Image.composite(bottom, top, mask)
    ImageDraw.Draw(img).ellipse((190, 612, 770, 688), fill=shade(bg, 0.9))
    return img


def render_photo(
    path: Path, *, shape: str, body: RGB | None, bg: RGB, brand: str, model: str
) -> None:
    """Draw one product photo and save it as a 480×480 PNG at path."""
    from server.demo.photo_shapes import SHAPES

    img = _background(bg).copy()
    draw = ImageDraw.Draw(img)
    SHAPES[shape](Pen(img, draw, body or DEFAULT_BODY, bg))
    brand_font = _fitted(brand, 66, True, CANVAS - 120)
    model_font = _fitted(model, 46, False, CANVAS - 120)
    draw.text((CANVAS / 2, 760), brand, font=brand_font, fill=TEXT, anchor="mm")
    draw.text((CANVAS / 2, 840), model, font=model_font, fill=SUBTEXT, anchor="mm")
    img.reduce(SCALE).save(path, format="PNG", compress_level=3)
