"""What one photo of a unit in repair costs: the station's JPEG and the server's checks.

    nice .venv/bin/python tests/perf/bench_repair_photos.py [--rounds 20]

The station turns the camera's 1280x720 frame (or a clerk's 4000x3000 phone picture) into
the JPEG it sends (pickup/photos.py); the server decodes, turns, resizes and re-encodes
it (server/services/repair_photos.py, here without the database). The frames are noise
over a gradient, the hardest case for JPEG. Prints the median milliseconds of each step
and the sizes sent, with the load average beside them; asserts nothing.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pickup.photos import file_jpeg, frame_jpeg  # noqa: E402
from server.services.actors import Actor  # noqa: E402
from server.services.repair_photos import add_photo  # noqa: E402


def frame(height: int, width: int) -> np.ndarray:
    rng = np.random.default_rng(16)
    ramp = np.linspace(0, 200, width, dtype=np.float32)[None, :, None]
    noisy = ramp + rng.normal(0, 25, (height, width, 3))
    return np.clip(noisy, 0, 255).astype(np.uint8)


def full_size_jpeg(pixels: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="JPEG", quality=92)
    return out.getvalue()


def median_ms(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    camera = frame(720, 1280)
    phone = full_size_jpeg(frame(3000, 4000))  # what a phone's picture file is
    sent_camera, sent_phone = frame_jpeg(camera), file_jpeg(phone)
    actor = Actor("bench")
    with tempfile.TemporaryDirectory() as folder:

        def server(data: bytes) -> None:
            repair = SimpleNamespace(number="R-00001", photos=[], updated_at=None)
            add_photo(repair, data, folder=Path(folder), max_side=1600, actor=actor, now=None)  # type: ignore[arg-type]

        figures = {
            "station: camera frame 1280x720 -> JPEG": median_ms(lambda: frame_jpeg(camera), rounds),
            "station: phone file 4000x3000 -> JPEG": median_ms(lambda: file_jpeg(phone), rounds),
            "server: check + re-encode camera JPEG": median_ms(lambda: server(sent_camera), rounds),
            "server: check + re-encode phone JPEG": median_ms(lambda: server(sent_phone), rounds),
        }
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}; rounds {rounds}")
    for name, ms in figures.items():
        print(f"{name:42s} {ms:8.1f} ms")
    sizes = {"phone file": phone, "sent: camera": sent_camera, "sent: phone": sent_phone}
    print(", ".join(f"{name} {len(data) // 1024} KB" for name, data in sizes.items()))


if __name__ == "__main__":
    main()
