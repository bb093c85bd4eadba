"""What a cheap camera does to a picture: light, glare, blur, noise, moiré and JPEG.

Each function takes a float32 BGR frame (0..255) and a seeded numpy Generator, so the
photo set in scan_dataset.py is the same on every run and every machine.
"""

import cv2
import numpy as np

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in frame pixels


def uneven_light(frame: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A lamp off to one side, vignetting, and sometimes the soft shadow of a hand."""
    h, w = frame.shape[:2]
    # Light varies slowly: work out the field at 1/8 size and stretch it.
    yy, xx = np.mgrid[0:h:8, 0:w:8].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = ((xx - w / 2) * np.cos(angle) + (yy - h / 2) * np.sin(angle)) / (w / 2)
    light = 1.0 + rng.uniform(0.1, 0.45) * ramp
    radius = ((xx - w / 2) ** 2 + (yy - h / 2) ** 2) / (w / 2) ** 2
    light *= 1.0 - rng.uniform(0.05, 0.3) * radius
    if rng.random() < 0.35:
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        sx, sy = rng.uniform(80, 300), rng.uniform(80, 300)
        shadow = np.exp(-(((xx - cx) / sx) ** 2 + ((yy - cy) / sy) ** 2))
        light *= 1.0 - rng.uniform(0.25, 0.5) * shadow
    light = cv2.resize(light * rng.uniform(0.75, 1.1), (w, h), interpolation=cv2.INTER_LINEAR)
    return frame * light[..., None]


Spot = tuple[float, float, float, float]  # centre x, y and radii, frame pixels


def glare(
    frame: np.ndarray, rng: np.random.Generator, aimed: Spot | None, avoid: list[Box]
) -> np.ndarray:
    """Soft bright ellipses of a ceiling lamp on glossy thermal paper or a phone's glass.

    `aimed` is a spot placed by the caller on one symbol; the others land where they
    miss every box in `avoid`, so a frame never loses both symbols to glare.
    """
    h, w = frame.shape[:2]
    spots = [aimed] if aimed else []
    for _ in range(int(rng.integers(0 if aimed else 1, 3 if aimed else 3))):
        rx, ry = rng.uniform(20, 120), rng.uniform(15, 90)
        centre = _free_spot(rng, w, h, max(rx, ry), avoid)
        if centre is not None:
            spots.append((*centre, rx, ry))
    for cx, cy, rx, ry in spots:
        theta, strength = rng.uniform(0, np.pi), rng.uniform(0.6, 0.95)
        reach = 2 * max(rx, ry)  # beyond this the spot adds less than a grey level
        x0, x1 = max(0, int(cx - reach)), min(w, int(cx + reach) + 1)
        y0, y1 = max(0, int(cy - reach)), min(h, int(cy + reach) + 1)
        if x0 >= x1 or y0 >= y1:
            continue
        yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
        u = (xx - cx) * np.cos(theta) + (yy - cy) * np.sin(theta)
        v = -(xx - cx) * np.sin(theta) + (yy - cy) * np.cos(theta)
        # A flat-topped profile: the middle of a reflection clips to white on the sensor.
        spot = np.clip(1.6 * np.exp(-((u / rx) ** 2 + (v / ry) ** 2)), 0, 1) * strength
        window = frame[y0:y1, x0:x1]
        window += (255.0 - window) * spot[..., None]
    return frame


def _free_spot(
    rng: np.random.Generator, w: int, h: int, radius: float, avoid: list[Box]
) -> tuple[float, float] | None:
    reach = 1.5 * radius  # where the spot has faded to nothing
    for _ in range(30):
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        if all(
            cx + reach < x0 or cx - reach > x1 or cy + reach < y0 or cy - reach > y1
            for x0, y0, x1, y1 in avoid
        ):
            return cx, cy
    return None


def moire(frame: np.ndarray, rng: np.random.Generator, mask: np.ndarray) -> np.ndarray:
    """Bands from the screen's pixel grid beating against the sensor's, inside `mask`.

    A fine grid near the sensor's Nyquist frequency plus slow curved bands, with a
    different phase per colour channel, as a phone screen looks through a webcam.
    """
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    if not len(rows):
        return frame
    y0, y1, x0, x1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    angle = rng.uniform(0, np.pi)
    along = xx * np.float32(np.cos(angle)) + yy * np.float32(np.sin(angle))
    fine = np.float32(2 * np.pi * rng.uniform(0.3, 0.48)) * along
    slow = np.float32(2 * np.pi * rng.uniform(0.01, 0.04)) * along
    slow += np.float32(rng.uniform(-2e-5, 2e-5)) * (xx * yy)
    fine_amp, slow_amp = rng.uniform(0.04, 0.15), rng.uniform(0.05, 0.2)
    inside = mask[y0:y1, x0:x1]
    window = frame[y0:y1, x0:x1]
    for channel in range(3):
        phase = np.float32(rng.uniform(0, 2 * np.pi))
        pattern = 1.0 + fine_amp * np.sin(fine + phase) + slow_amp * np.sin(slow + phase)
        window[..., channel] = np.where(
            inside, window[..., channel] * pattern, window[..., channel]
        )
    return frame


def defocus(frame: np.ndarray, sigma: float) -> np.ndarray:
    if sigma < 0.3:
        return frame
    return cv2.GaussianBlur(frame, (0, 0), sigma)


def motion_blur(frame: np.ndarray, length: float, angle: float) -> np.ndarray:
    """A hand moving the receipt during the exposure: a line kernel `length` px long."""
    if length < 1.5:
        return frame
    size = int(np.ceil(length)) | 1
    kernel = np.zeros((size, size), np.float32)
    centre = size // 2
    dx, dy = np.cos(angle) * (length - 1) / 2, np.sin(angle) * (length - 1) / 2
    cv2.line(
        kernel,
        (round((centre - dx) * 16), round((centre - dy) * 16)),
        (round((centre + dx) * 16), round((centre + dy) * 16)),
        1.0,
        thickness=1,
        lineType=cv2.LINE_AA,
        shift=4,
    )
    return cv2.filter2D(frame, -1, kernel / kernel.sum())


def sensor_noise(frame: np.ndarray, rng: np.random.Generator, sigma: float) -> np.ndarray:
    """Read noise plus shot noise that grows with brightness, per channel."""
    gain = np.sqrt(np.clip(frame, 0, 255) * np.float32(1 / 255))
    gain *= np.float32(0.5 * sigma)
    gain += np.float32(0.5 * sigma)
    noise = rng.standard_normal(frame.shape, dtype=np.float32)
    noise *= gain
    noise += frame
    return noise


def jpeg(frame: np.ndarray, quality: int) -> np.ndarray:
    """Round trip through JPEG, as an IP camera or a snapshot file delivers the frame."""
    image = np.clip(frame, 0, 255).astype(np.uint8)
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return cv2.imdecode(data, cv2.IMREAD_COLOR)
