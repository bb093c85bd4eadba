"""Reading a CODE128 too blurred for edge-finding decoders by fitting its known shape.

A pickup code's barcode is always the same frame: start B, nine characters from the
pickup alphabet, the mod-103 check symbol and the stop pattern, 134 modules in all.
zbar and zxing find the bars' edges first; when motion or defocus spreads each bar
over the next module, the edges of one-module bars and spaces vanish and they give up.
The profile still holds the information: every CODE128 symbol begins with a bar and
ends with a space, so each 11-module character, blurred, has a shape that depends on
itself alone, and the best of the 31 possible characters can be chosen per position by
correlation. The barcode's ends (found on the profile and refined by fitting the known
start and stop patterns) give every module's place, perspective included; the two
checks (CODE128's mod 103 and the pickup code's own check character) decide which
reading to believe. Several bands of the bars add their evidence before choosing.
"""

from functools import cache

import cv2
import numpy as np
from barcode.charsets.code128 import CODES
from barcode.charsets.code128 import STOP as STOP_SYMBOL

from hardware.scanning.bars import refine, sample_profile
from hardware.scanning.codes import ALPHABET, pickup_code
from hardware.scanning.locate import BarRegion

SAMPLES = 4  # per module
DATA = 9  # characters of a pickup code
MODULES = 11 * (DATA + 2) + 13  # start B, data, check, stop (with its final bar)
START_B = CODES[104]
STOP = STOP_SYMBOL + "11"  # the stop symbol and its final two-module bar
SIGMAS = (0.35, 0.6, 0.85, 1.1, 1.4)  # blur of the templates, in modules
# A reading is believed only when its characters fit well on average (1 - r², per
# band): on the tuning seed right reads scored up to 0.30; the wrong ones that passed
# both checks scored 0.25 to 0.42 and had a runner-up swapped in (see decide).
MAX_MEAN_COST = 0.3
VALUES = np.array([ord(ch) - 32 for ch in ALPHABET])  # code set B values of the alphabet


@cache
def _templates(sigma: float) -> np.ndarray:
    """[symbol value, samples] of each 11-module pattern between a space and a bar, blurred.

    The window covers the symbol and the module either side (known: every symbol ends
    with a space and begins with a bar); the modules beyond are unknown, drawn grey.
    """
    rows = []
    for value in range(103):
        modules = [0.5, 0.5, 0.0, *map(float, CODES[value]), 1.0, 0.5, 0.5]
        rows.append(_render(modules, sigma)[2 * SAMPLES : -2 * SAMPLES])
    return _centred(np.array(rows))


def _render(modules: list[float], sigma: float) -> np.ndarray:
    line = np.repeat(np.float64(modules), SAMPLES)
    radius = int(np.ceil(3 * sigma * SAMPLES))
    x = np.arange(-radius, radius + 1) / SAMPLES
    kernel = np.exp(-0.5 * (x / sigma) ** 2)
    padded = np.pad(line, radius, mode="edge")
    return np.convolve(padded, kernel / kernel.sum(), mode="valid")


def _centred(rows: np.ndarray) -> np.ndarray:
    rows = rows - rows.mean(axis=-1, keepdims=True)
    return rows / np.maximum(np.linalg.norm(rows, axis=-1, keepdims=True), 1e-9)


@cache
def _ends(sigma: float) -> tuple[np.ndarray, np.ndarray]:
    """Start B after the quiet zone and stop before it, blurred, as centred unit vectors."""
    quiet = [0.0] * 3
    start = _render([*quiet, *map(float, START_B), 1.0, 0.5], sigma)
    stop = _render([0.5, 0.0, *map(float, STOP), *quiet], sigma)
    return _centred(start[SAMPLES:-SAMPLES]), _centred(stop[SAMPLES:-SAMPLES])


def module_positions(x0: float, x1: float, skew: float) -> np.ndarray:
    """Profile coordinates of every sample, modules 0..MODULES from x0 to x1.

    `skew` is the square root of the last module's width over the first's: the near
    end of a receipt held at a slant is wider (a projective map of the line).
    """
    t = (np.arange(MODULES * SAMPLES) + 0.5) / (MODULES * SAMPLES)
    warped = t / (t + skew * (1 - t))
    return x0 + (x1 - x0) * warped


def score_profile(darkness: np.ndarray, x0: float, x1: float, skew: float) -> np.ndarray:
    """[DATA + 1, 103] cost (1 - correlation², 0 for a perfect match) of each symbol value
    at each data position and the check position, the best over the blur widths."""
    margin = 3 * SAMPLES
    positions = module_positions(x0, x1, skew)
    step = (x1 - x0) / (MODULES * SAMPLES)
    outer = np.concatenate(
        [
            positions[0] - step * np.arange(margin, 0, -1),
            positions,
            positions[-1] + step * np.arange(1, margin + 1),
        ]
    )
    signal = np.interp(outer, np.arange(darkness.size), darkness)[
        margin - SAMPLES : -margin + SAMPLES
    ]
    # signal now starts one module before the start pattern: windows are 13 modules
    windows = np.stack([signal[(11 + 11 * i) * SAMPLES :][: 13 * SAMPLES] for i in range(DATA + 1)])
    windows = _centred(windows)
    best = np.full((DATA + 1, 103), 2.0)
    for sigma in SIGMAS:
        corr = windows @ _templates(sigma).T
        cost = 1 - np.where(corr > 0, corr, 0) ** 2
        best = np.minimum(best, cost)
    return best


def ends_cost(darkness: np.ndarray, x0: float, x1: float, skew: float) -> float:
    """How badly the start and stop patterns fit at these ends (lower is better)."""
    margin = 3 * SAMPLES
    positions = module_positions(x0, x1, skew)
    step = (x1 - x0) / (MODULES * SAMPLES)
    before = positions[0] - step * np.arange(margin, 0, -1)
    after = positions[-1] + step * np.arange(1, margin + 1)
    start_at = np.concatenate([before, positions[: 12 * SAMPLES]])[SAMPLES:]
    stop_at = np.concatenate([positions[-14 * SAMPLES :], after])[:-SAMPLES]
    grid = np.arange(darkness.size)
    start_y = _centred(np.interp(start_at, grid, darkness))
    stop_y = _centred(np.interp(stop_at, grid, darkness))
    best = 4.0
    for sigma in SIGMAS:
        start_t, stop_t = _ends(sigma)
        a, b = float(start_y @ start_t), float(stop_y @ stop_t)
        best = min(best, 2 - max(a, 0) ** 2 - max(b, 0) ** 2)
    return best


def decide(cost: np.ndarray, layers: int = 1) -> str | None:
    """The pickup code the per-position costs point to, if both checks agree with it.

    The best symbol at every position; failing the checks, the same with the one most
    doubtful position (the smallest lead over its runner-up) changed to the runner-up.
    Trying more alternatives reads more and, on the tuning seed, began to let wrong
    codes through both checks; a reading must also fit well on average.
    """
    rows = [cost[position, VALUES] for position in range(DATA)] + [cost[DATA]]
    firsts = [np.argsort(row)[:2] for row in rows]
    leads = [
        float(row[second] - row[first]) for row, (first, second) in zip(rows, firsts, strict=True)
    ]
    best = [int(first) for first, _ in firsts]
    doubtful = int(np.argmin(leads))
    swapped = best.copy()
    swapped[doubtful] = int(firsts[doubtful][1])
    for choice in (best, swapped):
        total = sum(float(row[symbol]) for row, symbol in zip(rows, choice, strict=True))
        if total / (DATA + 1) / layers > MAX_MEAN_COST:
            continue
        values = VALUES[choice[:DATA]]
        if (104 + int((values * np.arange(1, DATA + 1)).sum())) % 103 != choice[DATA]:
            continue
        code = pickup_code("".join(ALPHABET[i] for i in choice[:DATA]))
        if code:
            return code
    return None


def find_ends(profile: np.ndarray, module: float) -> tuple[float, float] | None:
    """Where the bars begin and end on a brightness profile, `module` samples a module
    roughly. CODE128 never leaves more than four modules without a bar, its quiet zones
    are ten: the bars span the run, around the middle, where the darkest sample within
    three modules is darker than mid-grey; its ends are the mid-level crossings."""

    middle = profile[profile.size // 4 : profile.size * 3 // 4]
    low, high = np.percentile(middle, (2, 98))
    if high - low < 8:
        return None
    mid = (low + high) / 2
    width = max(3, int(round(6 * module)) | 1)
    darkest = cv2.erode(profile.reshape(1, -1), np.ones((1, width), np.uint8)).ravel()
    inside = darkest < high - 0.3 * (high - low)  # narrow blurred bars stay above mid
    centre = profile.size // 2
    if not inside[centre]:
        near = np.flatnonzero(inside)
        if near.size == 0:
            return None
        centre = int(near[np.argmin(np.abs(near - centre))])
    start, end = centre, centre
    while start > 0 and inside[start - 1]:
        start -= 1
    while end < inside.size - 1 and inside[end + 1]:
        end += 1
    dark = np.flatnonzero(profile[start : end + 1] < mid)
    if dark.size < 2:
        return None
    first, last = start + int(dark[0]), start + int(dark[-1]) + 1
    if (last - first) < 0.5 * module * MODULES or (last - first) > 2 * module * MODULES:
        return None
    return _crossing(profile, first, low, high), _crossing(profile, last, low, high)


def _crossing(profile: np.ndarray, index: int, low: float, high: float) -> float:
    """Sub-sample position of the mid-level crossing between `index` - 1 and `index`."""
    mid = (low + high) / 2
    a = min(max(index - 1, 0), profile.size - 2)
    ya, yb = float(profile[a]), float(profile[a + 1])
    if ya == yb:
        return float(index)
    return a + float(np.clip((mid - ya) / (yb - ya), 0.0, 1.0))


def fit_geometry(darkness: np.ndarray, x0: float, x1: float) -> tuple[float, float, float]:
    """Ends and skew refined so the start and stop patterns fit best."""
    module = (x1 - x0) / MODULES
    shifts = np.arange(-1.5, 1.51, 0.25) * module
    skew = 1.0
    for _ in range(2):
        x0 = min((ends_cost(darkness, x0 + d, x1, skew), x0 + d) for d in shifts)[1]
        x1 = min((ends_cost(darkness, x0, x1 + d, skew), x1 + d) for d in shifts)[1]
        skew = min(
            (float(score_profile(darkness, x0, x1, s).min(axis=1).sum()), s)
            for s in (0.75, 0.85, 1.0, 1.15, 1.3)
        )[1]
        shifts = shifts / 3
    return x0, x1, skew


def read_profile(profile: np.ndarray, module: float) -> tuple[str | None, np.ndarray | None]:
    """The code on one brightness profile (either way round), and its cost table."""
    ends = find_ends(profile, module)
    if ends is None:
        return None, None
    darkness = -profile.astype(np.float64)
    tried = []
    for flip in (False, True):
        line = darkness[::-1] if flip else darkness
        x0, x1 = (line.size - 1 - ends[1], line.size - 1 - ends[0]) if flip else ends
        x0, x1 = float(x0), float(x1)
        tried.append((ends_cost(line, x0, x1, 1.0), line, x0, x1))
    _, line, x0, x1 = min(tried, key=lambda t: t[0])
    x0, x1, skew = fit_geometry(line, x0, x1)
    cost = score_profile(line, x0, x1, skew)
    return decide(cost), cost


def read_region(gray: np.ndarray, region: BarRegion) -> str | None:
    """The code in a located barcode: profiles of three bands, each read alone, then
    their costs added up (a character one band blurs, another may show)."""
    refined = refine(gray, region)
    bars = max(region.length, refined.length)
    length = bars * 1.8 + 48
    scale = float(np.clip(2.5 * MODULES / bars, 1.0, 4.0))  # 2.5 samples a module
    total = None
    for band in ((0.3, 0.7), (0.05, 0.45), (0.55, 0.95)):
        profile = sample_profile(gray, refined if refined.shear else region, scale, band, length)
        code, cost = read_profile(profile, bars * scale / MODULES)
        if code:
            return code
        if cost is not None:
            total = cost if total is None else total + cost
    return decide(total, 3) if total is not None else None
