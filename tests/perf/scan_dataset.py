"""A deterministic set of pickup-camera photos, each with the pickup code it carries.

    photos = generate_photos(240, seed=SEED)   # Photo(frame=BGR 1280x720 uint8, code, shot)
    frames = generate_frames(240, seed=SEED)   # [(frame, code), ...]

Receipts are the terminal's real ones (hardware.receipt_layout.render_receipt) with
random pickup codes; about 15% of the frames show a phone with the code from the SMS
instead. Each frame's distortions are drawn from the ranges a pickup window sees: tilt
up to ±35°, perspective up to 20% corner displacement, defocus sigma up to 2.5 px and
motion blur up to 9 px at frame scale, sensor noise sigma up to 12, JPEG quality 30-90,
the receipt's visible part 25-70% of the frame height, uneven light, glare on at most
one of the two symbols. Frame i depends only on (seed, i), so a test can take a few.
"""

from dataclasses import dataclass, replace

import cv2
import numpy as np

from tests.perf import scan_camera as camera
from tests.perf.scan_sheets import (
    Sheet,
    Symbol,
    phone_sheet,
    random_code,
    receipt_sheet,
    stray_ean13,
)

SEED = 20250512
FRAME_W, FRAME_H = 1280, 720
# Below these sizes a symbol's modules are not resolved by the sensor at all.
MIN_MODULE_PX = {"qr": 1.5, "code128": 1.0}
# Blur that leaves the finest pattern of every visible symbol (one dark module next to one
# light) less than this share of its contrast leaves no code in the picture for any
# decoder, and a clerk would see a smear: such blur is scaled back until one symbol keeps
# it. 0.29 is what a Gaussian of half a module leaves.
MIN_CONTRAST = 0.29


@dataclass(frozen=True)
class Shot:
    """How one photo is taken; everything else (positions, tones, shapes) comes from the rng."""

    sheet: str = "receipt"  # or "phone"
    size: float = 0.5  # the sheet's height as a share of the frame height
    tilt_deg: float = 0.0
    perspective: float = 0.0  # largest corner displacement, as a share of the sheet
    blur_sigma: float = 0.0
    motion_px: float = 0.0
    motion_angle: float = 0.0
    noise: float = 2.0
    jpeg_quality: int = 90
    glare_on: int | None = None  # index of the symbol a glare spot partly covers
    stray_barcode: bool = False  # a product's EAN-13 elsewhere in the frame


@dataclass(frozen=True)
class Photo:
    frame: np.ndarray
    code: str
    shot: Shot  # as taken, after blur was capped to what the symbols can bear


def draw_shot(rng: np.random.Generator) -> Shot:
    phone = rng.random() < 0.15
    moving = rng.random() < 0.35
    return Shot(
        sheet="phone" if phone else "receipt",
        size=rng.uniform(0.7, 1.4) if phone else rng.uniform(0.25, 0.70),
        tilt_deg=rng.uniform(-35, 35),
        perspective=rng.uniform(0, 0.2),
        # Autofocus gets most frames nearly sharp; the long tail is a receipt moved too close.
        blur_sigma=2.5 * rng.beta(1.5, 2.5),
        motion_px=rng.uniform(2, 9) if moving else 0.0,
        motion_angle=rng.uniform(0, np.pi),
        noise=rng.uniform(1, 12),
        jpeg_quality=int(rng.integers(30, 91)),
        glare_on=int(rng.integers(0, 2)) if not phone and rng.random() < 0.4 else None,
        stray_barcode=rng.random() < 0.2,
    )


def make_photo(seed: int, index: int, shot: Shot | None = None) -> Photo:
    """Frame `index` of the set `seed`; `shot` overrides the drawn distortions (for tests)."""
    rng = np.random.default_rng([seed, index])
    drawn = draw_shot(rng)
    code = random_code(rng)
    return photograph(code, shot or drawn, rng)


def generate_photos(count: int = 240, seed: int = SEED) -> list[Photo]:
    return [make_photo(seed, index) for index in range(count)]


def generate_frames(count: int = 240, seed: int = SEED) -> list[tuple[np.ndarray, str]]:
    return [(photo.frame, photo.code) for photo in generate_photos(count, seed)]


def photograph(code: str, shot: Shot, rng: np.random.Generator) -> Photo:
    sheet = phone_sheet(code, rng) if shot.sheet == "phone" else receipt_sheet(code, rng)
    scale = shot.size * FRAME_H / sheet.image.shape[0]
    small = cv2.resize(sheet.image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    homography = _pose(small.shape, sheet.symbols, scale, shot, rng)
    boxes = [_frame_box(homography, s.box, scale) for s in sheet.symbols]
    sizes = [_resolution(homography, s, scale) for s in sheet.symbols]
    shot = _feasible(shot, sheet.symbols, sizes)

    tint = np.float32(1.0) + rng.uniform(-0.06, 0.06, 3).astype(np.float32)
    warped = cv2.warpPerspective(small, homography, (FRAME_W, FRAME_H), flags=cv2.INTER_LINEAR)
    inside = cv2.warpPerspective(np.ones_like(small), homography, (FRAME_W, FRAME_H))
    frame = _background(rng, shot.stray_barcode)
    frame += (warped[..., None] * tint - frame) * inside[..., None]
    if sheet.screen is not None:
        frame = camera.moire(frame, rng, _screen_mask(sheet, homography, small.shape, scale))
    frame = camera.uneven_light(frame, rng)
    aimed = None
    if shot.glare_on is not None:
        aimed = _aimed_glare(homography, sheet.symbols, shot.glare_on, scale, rng)
    frame = camera.glare(frame, rng, aimed, avoid=boxes)
    frame = camera.defocus(frame, shot.blur_sigma)
    frame = camera.motion_blur(frame, shot.motion_px, shot.motion_angle)
    frame = camera.sensor_noise(frame, rng, shot.noise)
    return Photo(camera.jpeg(frame, shot.jpeg_quality), code, shot)


def _pose(
    shape: tuple[int, ...],
    symbols: tuple[Symbol, ...],
    scale: float,
    shot: Shot,
    rng: np.random.Generator,
) -> np.ndarray:
    """Tilt and perspective around the sheet's middle, then a place where the codes are in view."""
    h, w = shape[:2]
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    theta = np.deg2rad(shot.tilt_deg)
    rotation = np.float32([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    placed = (corners - [w / 2, h / 2]) @ rotation.T
    placed += rng.uniform(-1, 1, (4, 2)) * shot.perspective * np.float32([w, h])
    homography = cv2.getPerspectiveTransform(corners, placed.astype(np.float32))
    boxes = np.array([_frame_box(homography, s.box, scale) for s in symbols])
    x0, y0 = boxes[:, :2].min(axis=0)
    x1, y1 = boxes[:, 2:].max(axis=0)
    margin = 12
    dx = _place(x0, x1, FRAME_W, margin, rng)
    dy = _place(y0, y1, FRAME_H, margin, rng)
    return np.float64([[1, 0, dx], [0, 1, dy], [0, 0, 1]]) @ homography


def _aimed_glare(
    homography: np.ndarray,
    symbols: tuple[Symbol, ...],
    index: int,
    scale: float,
    rng: np.random.Generator,
) -> camera.Spot:
    """A spot on the outer edge of one symbol (the barcode's top, the QR's bottom), small
    enough to stay off the other symbol: glare washes out one of them, never both."""
    x0, y0, x1, y1 = (v * scale for v in symbols[index].box)
    edge_y = y0 if index == 0 else y1
    points = np.float32([[[rng.uniform(x0, x1), edge_y], [x0, y0], [x1, y1]]])
    centre, corner_a, corner_b = cv2.perspectiveTransform(points, homography)[0]
    size = np.abs(corner_b - corner_a)
    rx, ry = rng.uniform(0.15, 0.35) * size[0], rng.uniform(0.25, 0.5) * size[1]
    for other_index, other in enumerate(symbols):
        if other_index == index:
            continue
        ox0, oy0, ox1, oy1 = (v * scale for v in other.box)
        corners = np.float32([[[ox0, oy0], [ox1, oy0], [ox1, oy1], [ox0, oy1]]])
        polygon = cv2.perspectiveTransform(corners, homography)[0]
        gap = -cv2.pointPolygonTest(polygon, (float(centre[0]), float(centre[1])), True)
        shrink = min(1.0, gap / (1.6 * max(rx, ry)))  # 1.6 radii: where the spot fades out
        rx, ry = rx * shrink, ry * shrink
    return float(centre[0]), float(centre[1]), max(rx, 4.0), max(ry, 4.0)


def _place(low: float, high: float, extent: int, margin: int, rng: np.random.Generator) -> float:
    lo, hi = margin - low, extent - margin - high
    return float(rng.uniform(lo, hi)) if lo < hi else (lo + hi) / 2


def _frame_box(
    homography: np.ndarray, box: tuple[int, int, int, int], scale: float
) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (v * scale for v in box)
    points = np.float32([[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]])
    mapped = cv2.perspectiveTransform(points, homography)[0]
    return (*mapped.min(axis=0), *mapped.max(axis=0))


@dataclass(frozen=True)
class _Resolution:
    module_px: float  # module size in the frame
    across: float | None  # direction across a barcode's bars (radians); None for a QR


def _resolution(homography: np.ndarray, symbol: Symbol, scale: float) -> _Resolution:
    """Module size in the frame: across the bars for a barcode, the narrower axis for a QR."""
    x0, y0, x1, y1 = (v * scale for v in symbol.box)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    points = np.float32([[[cx, cy], [cx + 1, cy], [cx, cy + 1]]])
    centre, right, down = cv2.perspectiveTransform(points, homography)[0]
    gain_x, gain_y = np.linalg.norm(right - centre), np.linalg.norm(down - centre)
    if symbol.kind == "code128":
        across = float(np.arctan2(*(right - centre)[::-1]))
        return _Resolution(float(symbol.module_px * scale * gain_x), across)
    return _Resolution(float(symbol.module_px * scale * min(gain_x, gain_y)), None)


def _contrast_left(shot: Shot, symbol: _Resolution) -> float:
    """How much of the finest pattern's contrast (one module dark, one light) survives
    the blur: the Gaussian's and the motion streak's transfer at 1/(2 modules)."""
    frequency = 1 / (2 * symbol.module_px)
    gaussian = np.exp(-2 * (np.pi * shot.blur_sigma * frequency) ** 2)
    streak = shot.motion_px  # a QR has modules every way, so any streak crosses some
    if symbol.across is not None:  # a streak along the bars costs a barcode nothing
        streak *= abs(np.cos(shot.motion_angle - symbol.across))
    return float(gaussian * abs(np.sinc(streak * frequency)))


def _feasible(shot: Shot, symbols: tuple[Symbol, ...], sizes: list[_Resolution]) -> Shot:
    """The shot with blur scaled back until the best unglared symbol keeps MIN_CONTRAST."""
    visible = [
        size
        for index, (symbol, size) in enumerate(zip(symbols, sizes, strict=True))
        if index != shot.glare_on and size.module_px >= MIN_MODULE_PX[symbol.kind]
    ]
    if not visible and shot.glare_on is not None:
        return _feasible(replace(shot, glare_on=None), symbols, sizes)
    visible = visible or sizes
    for _ in range(40):
        if max(_contrast_left(shot, size) for size in visible) >= MIN_CONTRAST:
            break
        shot = replace(shot, blur_sigma=shot.blur_sigma * 0.95, motion_px=shot.motion_px * 0.95)
    return shot


def _screen_mask(
    sheet: Sheet, homography: np.ndarray, shape: tuple[int, ...], scale: float
) -> np.ndarray:
    x0, y0, x1, y1 = (round(v * scale) for v in sheet.screen or (0, 0, 0, 0))
    glass = np.zeros(shape[:2], np.float32)
    glass[y0:y1, x0:x1] = 1.0
    return cv2.warpPerspective(glass, homography, (FRAME_W, FRAME_H)) > 0.5


def _background(rng: np.random.Generator, stray_barcode: bool) -> np.ndarray:
    """A counter, a wall and whatever lies about: flat shapes, texture, maybe a product box."""
    ys = np.linspace(0, 1, FRAME_H, dtype=np.float32)[:, None, None]
    xs = np.linspace(0, 1, FRAME_W, dtype=np.float32)[None, :, None]
    frame = (
        _muted(rng) + xs * np.float32(rng.uniform(-40, 40)) + ys * np.float32(rng.uniform(-40, 40))
    )
    for _ in range(int(rng.integers(2, 6))):
        quad = rng.uniform([-200, -200], [FRAME_W + 200, FRAME_H + 200], (4, 2))
        hull = cv2.convexHull(quad.astype(np.int32))
        cv2.fillConvexPoly(frame, hull, _muted(rng).tolist(), cv2.LINE_AA)
    grain = rng.standard_normal((FRAME_H // 4, FRAME_W // 4), np.float32)
    grain = cv2.resize(cv2.GaussianBlur(grain, (0, 0), 1.0), (FRAME_W, FRAME_H))
    frame += (grain * np.float32(rng.uniform(5, 20)))[..., None]
    if stray_barcode:
        label = stray_ean13(rng, module_px=int(rng.integers(2, 4)))
        h, w = label.shape
        y, x = int(rng.integers(0, FRAME_H - h)), int(rng.integers(0, FRAME_W - w))
        frame[y : y + h, x : x + w] = (label * np.float32(rng.uniform(0.7, 0.95)))[..., None]
    return frame


def _muted(rng: np.random.Generator) -> np.ndarray:
    """A colour as surfaces in a shop are: mostly grey, a little tinted."""
    return (rng.uniform(30, 210) * (1 + rng.uniform(-0.25, 0.25, 3))).astype(np.float32)
