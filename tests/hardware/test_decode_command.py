"""`cybermarket decode FILE...`: a technician checks a snapshot; one line per file."""

import subprocess
import sys
from pathlib import Path

from hardware.receipt_layout import render_receipt
from server.services.pickup_codes import new_pickup_code
from tests.hardware.receipts import make_receipt


def test_decode_prints_each_file_and_its_code(tmp_path: Path) -> None:
    receipt = make_receipt(pickup_code=new_pickup_code())
    good = tmp_path / "receipt.png"
    render_receipt(receipt).save(good)
    blank = tmp_path / "blank.png"
    render_receipt(receipt).crop((0, 0, 50, 50)).save(blank)
    text = tmp_path / "notes.txt"
    text.write_text("not an image")

    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "server",
            "decode",
            str(good),
            str(blank),
            str(text),
            str(tmp_path / "missing.jpg"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        f"{good}\t{receipt.pickup_code}",
        f"{blank}\t",
        f"{text}\t",
        f"{tmp_path / 'missing.jpg'}\t",
    ]
