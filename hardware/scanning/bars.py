"""Reading a located CODE128 as one averaged 1D profile, the way a laser scanner sees it.

Sampling the strip straight along the detected angle undoes any tilt; averaging many
rows along the bars removes sensor noise and JPEG blocks and ignores motion blur along
the bars; the result is so clean that it can be sharpened hard to undo defocus, which
2D decoders working on the noisy frame cannot afford.
"""

from dataclasses import replace

import cv2
import numpy as np

from hardware.scanning.locate import BarRegion
from hardware.scanning.readers import zbar_read, zxing_read

MODULES = 134  # a 9-character code in CODE128 set B, quiet zones excluded
TARGET_MODULE_PX = 5.0  # zxing reads a sharpened profile best with a few samples per module
PAD_PX = 24  # the locator's cells are 8 px: look a little past the region for the ends
# Narrow bands first: under perspective the bars are not parallel over their full height.
BANDS = ((0.3, 0.7), (0.05, 0.45), (0.55, 0.95))
# (sigma in frame px, amount) of an unsharp mask on the profile; (0, 0) leaves it alone.
SHARPEN = ((0.0, 0.0), (0.8, 2.0), (1.2, 3.0))


def read_bars(gray: np.ndarray, region: BarRegion, *, zxing: bool = True) -> str | None:
    refined = refine(gray, region)
    # Straightening converging bars reads most, but may cost a borderline one its read.
    for candidate in [refined] + ([replace(refined, fan=0.0)] if refined.fan else []):
        code = _read_straight(gray, candidate, zxing)
        if code:
            return code
    return None


def _read_straight(gray: np.ndarray, region: BarRegion, zxing: bool) -> str | None:
    base = TARGET_MODULE_PX * MODULES / region.length
    # Two sample rates: the decoders' edge finders land differently on each, and a
    # profile costs a fraction of a millisecond.
    for scale, band in [(float(np.clip(base * f, 1.0, 6.0)), b) for f in (1.0, 1.5) for b in BANDS]:
        profile = _profile(gray, region, scale, band)
        for sigma, amount in SHARPEN:
            image = _as_image(_sharpened(profile, sigma * scale, amount))
            code = zbar_read(image, qr=False)
            if not code and zxing:
                code = zxing_read(image, qr=False)
            if code:
                return code
    return None


def refine(gray: np.ndarray, region: BarRegion) -> BarRegion:
    """The bars' own extent inside a located patch.

    The locator's cells also pick up edges parallel to the bars, such as the long sides
    of a phone held the same way; rows through the bars cross dozens of edges, rows
    beside them a few, so the busiest run of rows and columns is the barcode.
    """
    reach = max(region.length, region.height) + 2 * PAD_PX
    strip = _sample(gray, region, 1.0, -reach / 2, -reach / 2, int(reach), int(reach))
    edges = np.abs(np.diff(strip.astype(np.float32), axis=1))
    rows = _busiest_run(edges.mean(axis=1), 0.5)
    if rows is None:
        return region
    cols = _busiest_run(
        cv2.blur(edges[rows[0] : rows[1]].mean(axis=0).reshape(1, -1), (9, 1)).ravel(), 0.25
    )
    if cols is None:
        return region
    (cx, cy), (ux, uy) = region.center, region.across
    du = (cols[0] + cols[1]) / 2 - reach / 2
    middle, height, shear = _slant(edges, rows, cols)
    dv = middle - reach / 2
    center = (cx + du * ux - dv * uy, cy + du * uy + dv * ux)
    fan = _fan(strip, rows, cols)
    return BarRegion(center, region.across, cols[1] - cols[0], height, region.score, shear, fan)


MIN_FAN_LEAN = 0.05  # the ends' bars lean apart by at least this (px across per px along)


def _fan(strip: np.ndarray, rows: tuple[int, int], cols: tuple[int, int]) -> float:
    """How fast the bars' lean changes across them: the lean of each piece of the
    barcode from its structure tensor, a straight line through them."""
    width = cols[1] - cols[0]
    if width < 4 * SLANT_PIECES:
        return 0.0
    patch = strip[rows[0] : rows[1]].astype(np.float32)
    gx = cv2.Sobel(patch, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(patch, cv2.CV_32F, 0, 1, ksize=3)
    xs, leans = [], []
    for piece in range(SLANT_PIECES):
        c0 = cols[0] + piece * width // SLANT_PIECES
        c1 = cols[0] + (piece + 1) * width // SLANT_PIECES
        px, py = gx[:, c0:c1], gy[:, c0:c1]
        jxx, jyy, jxy = float((px * px).sum()), float((py * py).sum()), float((px * py).sum())
        # bars run square to the gradient: turned by its angle from the x axis, they
        # move back across by its tangent per px along
        xs.append((c0 + c1) / 2)
        leans.append(-np.tan(0.5 * np.arctan2(2 * jxy, jxx - jyy)))
    fan, _ = np.polyfit(xs, leans, 1)
    spread = abs(fan) * width
    return float(fan) if MIN_FAN_LEAN <= spread <= 1.0 else 0.0


SLANT_PIECES = 6
MIN_SHEAR = 0.05  # below this the bars' middle moves less than a tenth of their height


def _slant(
    edges: np.ndarray, rows: tuple[int, int], cols: tuple[int, int]
) -> tuple[float, float, float]:
    """The bars' middle row (at the middle column), their height and their shear.

    Under perspective the bars' ends follow a slanted line: the busy rows found in
    pieces of the barcode, left to right, climb or fall. A straight line through their
    middles gives the shear, and the pieces' own runs give the bars' true height (less
    than the slanted parallelogram's bounding box).
    """
    plain = ((rows[0] + rows[1]) / 2, float(rows[1] - rows[0]), 0.0)
    width = cols[1] - cols[0]
    if width < 4 * SLANT_PIECES:
        return plain
    xs, middles, heights = [], [], []
    for piece in range(SLANT_PIECES):
        c0 = cols[0] + piece * width // SLANT_PIECES
        c1 = cols[0] + (piece + 1) * width // SLANT_PIECES
        run = _busiest_run(
            cv2.blur(edges[:, c0:c1].mean(axis=1).reshape(-1, 1), (1, 9)).ravel(), 0.5
        )
        if run is None:
            continue
        xs.append((c0 + c1) / 2)
        middles.append((run[0] + run[1]) / 2)
        heights.append(run[1] - run[0])
    if len(xs) < 4:
        return plain
    (shear, offset), residuals, *_ = np.polyfit(xs, middles, 1, full=True)
    height = float(np.median(heights))
    straight = residuals.size == 0 or np.sqrt(residuals[0] / len(xs)) < 0.1 * height
    if not straight or not MIN_SHEAR <= abs(shear) <= 1.0:
        return plain  # the pieces' middles scatter: text or another code, not a slant
    centre = (cols[0] + cols[1]) / 2
    return float(offset + shear * centre), height, float(shear)


def _busiest_run(activity: np.ndarray, share: float) -> tuple[int, int] | None:
    """The contiguous run around the peak where `activity` stays above `share` of it."""
    if activity.size == 0 or activity.max() <= 0:
        return None
    peak = int(activity.argmax())
    above = activity >= share * activity[peak]
    start, end = peak, peak
    while start > 0 and above[start - 1]:
        start -= 1
    while end < above.size - 1 and above[end + 1]:
        end += 1
    return start, end + 1


def _sample(
    gray: np.ndarray, region: BarRegion, scale: float, u0: float, v0: float, width: int, rows: int
) -> np.ndarray:
    """Output pixel (x, y) samples the frame at centre + (u0 + x/scale)·s + (v0 + y)·v,
    where s = u + shear·v."""
    (cx, cy), (ux, uy) = region.center, region.across
    vx, vy = -uy, ux  # along the bars
    # Each step across the bars also moves `shear` along them, following a slant.
    sx, sy = ux + region.shear * vx, uy + region.shear * vy
    if region.fan:
        # Bars converging: each column's rows lean across by fan·u per px along.
        u = u0 + np.arange(max(1, width), dtype=np.float32) / scale
        v = v0 + np.arange(max(1, rows), dtype=np.float32)[:, None]
        across = u[None, :] + region.fan * u[None, :] * v
        map_x = cx + across * sx + v * vx
        map_y = cy + across * sy + v * vy
        return cv2.remap(
            gray,
            map_x.astype(np.float32),
            map_y.astype(np.float32),
            cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_REPLICATE,
        )
    matrix = np.float32(
        [
            [sx / scale, vx, cx + u0 * sx + v0 * vx],
            [sy / scale, vy, cy + u0 * sy + v0 * vy],
        ]
    )
    return cv2.warpAffine(
        gray,
        matrix,
        (max(1, width), max(1, rows)),
        flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_REPLICATE,
    )


def _profile(
    gray: np.ndarray, region: BarRegion, scale: float, band: tuple[float, float]
) -> np.ndarray:
    """Mean brightness across the bars, `scale` samples per frame pixel."""
    u0 = -region.length / 2 - PAD_PX
    v0 = region.height * (band[0] - 0.5)
    width = int((region.length + 2 * PAD_PX) * scale)
    rows = max(2, int(region.height * (band[1] - band[0])))
    strip = _sample(gray, region, scale, u0, v0, width, rows)
    return strip.mean(axis=0, dtype=np.float32)


def sample_profile(
    gray: np.ndarray, region: BarRegion, scale: float, band: tuple[float, float], length: float
) -> np.ndarray:
    """Like _profile, over `length` frame px across the bars centred on the region."""
    v0 = region.height * (band[0] - 0.5)
    rows = max(2, int(region.height * (band[1] - band[0])))
    strip = _sample(gray, region, scale, -length / 2, v0, int(length * scale), rows)
    return strip.mean(axis=0, dtype=np.float32)


def _sharpened(profile: np.ndarray, sigma: float, amount: float) -> np.ndarray:
    if amount <= 0:
        return profile
    row = profile.reshape(1, -1)
    blurred = cv2.GaussianBlur(row, (0, 0), sigmaX=sigma, sigmaY=0.1).ravel()
    return profile + (profile - blurred) * amount


def _as_image(profile: np.ndarray, rows: int = 8) -> np.ndarray:
    """The profile stretched to full contrast and repeated as rows, with quiet zones."""
    low, high = np.percentile(profile, (2, 98))
    line = np.clip((profile - low) * (255.0 / max(high - low, 1.0)), 0, 255).astype(np.uint8)
    quiet = np.full(32, 255, np.uint8)
    line = np.concatenate([quiet, line, quiet])
    return np.ascontiguousarray(np.broadcast_to(line, (rows, line.size)))
