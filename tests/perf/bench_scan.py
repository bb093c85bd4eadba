"""Read rate and time per frame of the pickup decoder, next to bare pyzbar and zxing-cpp.

    .venv/bin/python tests/perf/bench_scan.py [--frames 240] [--seed 20250512] [--ablate]

Generates the synthetic photo set (tests/perf/scan_dataset.py), then times every
decoder on every frame, one after the other per frame so that load from anything else
on the machine falls on all of them alike. A read counts only when it equals the true
code. --ablate adds the pipeline with stages switched off. Prints figures; asserts
nothing.
"""

import argparse
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from hardware.scanning.codes import pickup_code  # noqa: E402
from hardware.scanning.decode import Stages, decode_frame, decode_stages  # noqa: E402
from hardware.scanning.scanner import FakeCamera, ScanLoop  # noqa: E402
from tests.perf.scan_dataset import SEED, Photo, generate_photos  # noqa: E402

Method = Callable[[np.ndarray], str | None]


def bare_pyzbar(frame: np.ndarray) -> str | None:
    from pyzbar import pyzbar

    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    for symbol in pyzbar.decode(gray):
        code = pickup_code(symbol.data.decode("latin-1"))
        if code:
            return code
    return None


def bare_zxing(frame: np.ndarray) -> str | None:
    import zxingcpp

    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    for result in zxingcpp.read_barcodes(gray):
        code = pickup_code(result.text)
        if code:
            return code
    return None


def staged(stages: Stages) -> Method:
    return lambda frame: decode_stages(frame, stages)[0]


def methods(ablate: bool) -> dict[str, Method]:
    found: dict[str, Method] = {"bare pyzbar": bare_pyzbar}
    try:
        import zxingcpp  # noqa: F401

        found["bare zxing-cpp"] = bare_zxing
    except ImportError:
        pass
    found["ours decode_frame"] = decode_frame
    if ablate:
        found |= {
            "  whole frame only": staged(Stages(bars=False, areas=False)),
            "  whole frame + bars": staged(Stages(areas=False)),
            "  whole frame + areas": staged(Stages(bars=False)),
            "  no whole-frame pass": staged(Stages(whole_frame=False)),
            "  zbar only, no zxing": staged(Stages(zxing=False)),
        }
    return found


def measure(photos: list[Photo], named: dict[str, Method]) -> dict[str, tuple[int, np.ndarray]]:
    for method in named.values():  # warm up: imports, OpenCV's thread pool, caches
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


def stage_counts(photos: list[Photo]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for photo in photos:
        code, stage = decode_stages(photo.frame, Stages())
        counts[stage if code == photo.code else "not read"] += 1
    return counts


def loop_fps(photos: list[Photo]) -> tuple[float, int]:
    camera = FakeCamera(photo.frame for photo in photos)
    codes: list[str] = []
    loop = ScanLoop(camera, codes.append)
    loop.start()
    while not camera.exhausted:
        time.sleep(0.01)
    fps = loop.fps
    loop.stop()
    return fps, len(codes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=240)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--ablate", action="store_true")
    args = parser.parse_args()

    started = time.perf_counter()
    photos = generate_photos(args.frames, args.seed)
    phones = sum(photo.shot.sheet == "phone" for photo in photos)
    print(
        f"{len(photos)} frames 1280x720 (seed {args.seed}, {phones} phone screens), "
        f"generated in {time.perf_counter() - started:.1f} s; "
        f"{threading.active_count()} thread(s), cv2 threads {cv2.getNumThreads()}"
    )
    print(f"{'method':28} {'read':>9} {'rate':>7} {'mean ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, (read, ms) in measure(photos, methods(args.ablate)).items():
        print(
            f"{name:28} {read:>4}/{len(photos):<4} {read / len(photos):>7.1%} "
            f"{ms.mean():>8.1f} {np.percentile(ms, 95):>8.1f} {ms.max():>8.1f}"
        )
    if args.ablate:
        print("frames read by stage:", dict(stage_counts(photos)))
    fps, codes = loop_fps(photos)
    print(f"ScanLoop over FakeCamera: {fps:.1f} frames/s, {codes} codes delivered")


if __name__ == "__main__":
    main()
