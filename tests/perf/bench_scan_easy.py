"""The older, easier single-frame set (tests/perf/scan_dataset.py), for bench_scan.py --easy.

98% of its frames were read, which hides what real hands do; it stays as a regression
check on the frames the pipeline was first built for.
"""

import time
from collections.abc import Callable

import numpy as np

from hardware.scanning.scanner import FakeCamera, ScanLoop
from tests.perf.scan_dataset import SEED, Photo, generate_photos

Method = Callable[[np.ndarray], str | None]


def run_easy(count: int, named: dict[str, Method], seed: int = SEED) -> None:
    photos = generate_photos(count, seed)
    phones = sum(photo.shot.sheet == "phone" for photo in photos)
    print(f"{len(photos)} frames 1280x720 (seed {seed}, {phones} phone screens)")
    print(f"{'method':28} {'read':>9} {'rate':>7} {'mean ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, (read, ms) in _measure(photos, named).items():
        print(
            f"{name:28} {read:>4}/{len(photos):<4} {read / len(photos):>7.1%} "
            f"{ms.mean():>8.1f} {np.percentile(ms, 95):>8.1f} {ms.max():>8.1f}"
        )
    fps, codes = _loop_fps(photos)
    print(f"ScanLoop over FakeCamera: {fps:.1f} frames/s, {codes} codes delivered")


def _measure(photos: list[Photo], named: dict[str, Method]) -> dict[str, tuple[int, np.ndarray]]:
    for method in named.values():
        method(photos[0].frame)
    reads = dict.fromkeys(named, 0)
    times: dict[str, list[float]] = {name: [] for name in named}
    for photo in photos:
        for name, method in named.items():
            started = time.perf_counter()
            code = method(photo.frame)
            times[name].append(time.perf_counter() - started)
            reads[name] += code == photo.code
    return {name: (reads[name], np.array(times[name]) * 1000) for name in named}


def _loop_fps(photos: list[Photo]) -> tuple[float, int]:
    camera = FakeCamera(photo.frame for photo in photos)
    codes: list[str] = []
    loop = ScanLoop(camera, codes.append)
    loop.start()
    while not camera.exhausted:
        time.sleep(0.01)
    fps = loop.fps
    loop.stop()
    return fps, len(codes)
