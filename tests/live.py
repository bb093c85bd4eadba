"""The real server on a real socket: `cybermarket serve` in a child process."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def live_server(
    database_url: str,
    tmp_path: Path,
    *,
    workers: int = 2,
    threads: int = 16,
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """Start the server with several processes (extra environment in env); yield its base
    URL; stop it."""
    port = free_port()
    env = dict(
        os.environ, **(env or {}), DATABASE_URL=database_url, CYBERMARKET_MEDIA_DIR=str(tmp_path)
    )
    log = open(tmp_path / f"server-{port}.log", "w")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "server",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--threads",
            str(threads),
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError((tmp_path / f"server-{port}.log").read_text())
            try:
                # Any answer means the server is up: /health may say 503 (no worker runs in
                # tests) and may take a while on a busy machine.
                requests.get(f"{base}/health", timeout=10)
                break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start in 30 s")
            time.sleep(0.1)
        yield base
    finally:
        process.send_signal(signal.SIGINT)  # gunicorn's quick stop: tests wait for no one
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
