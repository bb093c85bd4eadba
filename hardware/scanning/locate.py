"""Where in a frame the symbols may be, from the local structure tensor on an 8-px grid.

A barcode is a patch of strong edges that all run one way (high gradient energy, high
coherence); a QR code, text and the phone's card are strong edges running every way.
A paper edge is coherent too, but one cell thin, so a barcode must also be long across
its bars. Locating costs about 2 ms a frame, far less than decoding the whole frame
again, and it gives each barcode's angle, so its bars can be sampled straight.
"""

from dataclasses import dataclass

import cv2
import numpy as np

GRID = 8  # px per tensor cell; a cell averages 3x3 neighbours, so it sees 24 px
MIN_ENERGY = 1500.0  # mean squared Sobel response of faint, blurred print
ENERGY_OVER_MEDIAN = 6.0  # a symbol stands out from the frame's own texture and noise
MIN_COHERENCE = 0.6
MIN_ORIENTED_ENERGY = 600.0  # faint bars in a dim frame, one way only
ORIENTED_OVER_MEDIAN = 12.0
ANGLE_BIN = 15  # bars agree within this many degrees of a bin's centre


@dataclass(frozen=True)
class BarRegion:
    """A patch of parallel bars: `across` points across them (the gradient direction)."""

    center: tuple[float, float]
    across: tuple[float, float]  # unit vector
    length: float  # extent across the bars, px
    height: float  # extent along the bars, px
    score: float
    # How far the bars' middle moves along them per px across (bars.refine): a barcode
    # held at a slant is a parallelogram, its bars no longer square to its long side.
    shear: float = 0.0
    # How the bars' lean (px across per px along them) changes per px across: under
    # perspective the bars converge towards a vanishing point (bars.refine).
    fan: float = 0.0


@dataclass(frozen=True)
class Area:
    """A busy upright rectangle (x, y, w, h) in frame pixels: a QR code, maybe, or text."""

    rect: tuple[int, int, int, int]
    score: float


def structure(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-cell sums of gx², gy², gx·gy, smoothed over 3x3 cells."""
    gx = cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3)
    size = (max(1, gray.shape[1] // GRID), max(1, gray.shape[0] // GRID))
    return tuple(  # type: ignore[return-value]
        cv2.blur(cv2.resize(cv2.multiply(a, b), size, interpolation=cv2.INTER_AREA), (3, 3))
        for a, b in ((gx, gx), (gy, gy), (gx, gy))
    )


def locate(gray: np.ndarray) -> tuple[list[BarRegion], list[Area]]:
    """Barcode-like regions and busy areas, most promising first."""
    jxx, jyy, jxy = structure(gray)
    energy = jxx + jyy
    coherence = np.sqrt((jxx - jyy) ** 2 + 4 * jxy**2) / (energy + 1e-3)
    angle = 0.5 * np.degrees(np.arctan2(2 * jxy, jxx - jyy))
    strong = energy > max(MIN_ENERGY, ENERGY_OVER_MEDIAN * float(np.median(energy)))
    coherent = strong & (coherence > MIN_COHERENCE)
    scale = gray.shape[1] / jxx.shape[1], gray.shape[0] / jxx.shape[0]
    tensor = (jxx, jyy, jxy, energy)
    bars = _bars(coherent, angle, tensor, scale)
    if not bars:
        # In a dim, noisy frame the noise's energy is as high as faint bars': but noise
        # runs every way, so the energy that runs one way still shows bars far above the
        # rest. Only when nothing stood out, so the regions found above stay as they were.
        oriented = coherence * energy
        limit = max(MIN_ORIENTED_ENERGY, ORIENTED_OVER_MEDIAN * float(np.median(oriented)))
        bars = _bars((oriented > limit) & (coherence > MIN_COHERENCE), angle, tensor, scale)
    areas = _areas((strong & ~coherent) | (strong & (coherence < 0.8)), energy, scale)
    return bars, areas


def _bars(
    coherent: np.ndarray,
    angle: np.ndarray,
    tensor: tuple[np.ndarray, ...],
    scale: tuple[float, float],
) -> list[BarRegion]:
    bars: list[BarRegion] = []
    # Binning by angle keeps a barcode apart from text or an edge touching it at another
    # angle; bins overlap, so the same barcode found twice is dropped below.
    for centre in range(-90, 90, ANGLE_BIN):
        off = np.abs((angle - centre + 90) % 180 - 90)
        mask = (coherent & (off <= ANGLE_BIN)).astype(np.uint8)
        bars += _bar_regions(mask, tensor, scale)
    bars.sort(key=lambda region: -region.score)
    return _distinct(bars)


def _bar_regions(
    mask: np.ndarray, tensor: tuple[np.ndarray, ...], scale: tuple[float, float]
) -> list[BarRegion]:
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if count <= 1:
        return []
    # Sums over the few marked cells only: summing whole grids for each of twelve angle
    # bins cost more than the rest of the locator together.
    cells = np.flatnonzero(labels)
    flat = labels.ravel()[cells]
    ys, xs = np.divmod(cells, mask.shape[1])
    xs, ys = (xs + 0.5) * scale[0], (ys + 0.5) * scale[1]

    def sums(values: np.ndarray) -> np.ndarray:
        return np.bincount(flat, weights=values, minlength=count)

    sxx, syy, sxy, se = (sums(t.ravel()[cells]) for t in tensor)
    n = np.maximum(stats[:, cv2.CC_STAT_AREA], 1).astype(np.float64)
    mx, my = sums(xs) / n, sums(ys) / n
    cxx = sums(xs * xs) / n - mx**2
    cyy = sums(ys * ys) / n - my**2
    cxy = sums(xs * ys) / n - mx * my
    regions = []
    for label in range(1, count):
        if stats[label, cv2.CC_STAT_AREA] < 4:
            continue
        theta = 0.5 * np.arctan2(2 * sxy[label], sxx[label] - syy[label])
        u = np.cos(theta), np.sin(theta)
        # Spread of the cells along and across the bars; a uniform patch of length L
        # has variance L²/12.
        var_u = u[0] ** 2 * cxx[label] + 2 * u[0] * u[1] * cxy[label] + u[1] ** 2 * cyy[label]
        var_v = u[1] ** 2 * cxx[label] - 2 * u[0] * u[1] * cxy[label] + u[0] ** 2 * cyy[label]
        length = np.sqrt(12 * max(var_u, 0)) + GRID * 2
        height = np.sqrt(12 * max(var_v, 0)) + GRID * 2
        if length < 5 * GRID or length < 0.7 * height:
            continue  # a paper edge or a line of text, not a barcode
        coherence = np.hypot(sxx[label] - syy[label], 2 * sxy[label]) / (se[label] + 1e-3)
        score = float(se[label] * coherence)
        regions.append(BarRegion((mx[label], my[label]), u, length, height, score))
    return regions


def _distinct(bars: list[BarRegion]) -> list[BarRegion]:
    kept: list[BarRegion] = []
    for bar in bars:
        if not any(
            np.hypot(bar.center[0] - k.center[0], bar.center[1] - k.center[1]) < k.length / 2
            and abs(bar.across[0] * k.across[0] + bar.across[1] * k.across[1]) > 0.9
            for k in kept
        ):
            kept.append(bar)
    return kept


def _areas(mask: np.ndarray, energy: np.ndarray, scale: tuple[float, float]) -> list[Area]:
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), 8)
    totals = np.bincount(labels.ravel(), weights=energy.ravel(), minlength=count)
    areas = []
    for label in range(1, count):
        x, y, w, h, cells = stats[label]
        if cells < 6 or w < 3 or h < 3:
            continue
        rect = (int(x * scale[0]), int(y * scale[1]), int(w * scale[0]), int(h * scale[1]))
        areas.append(Area(rect, float(totals[label])))
    areas.sort(key=lambda area: -area.score)
    return areas
