"""The apps on real sockets: a server process that can be stopped and started again on the
same port, and the terminal app in a thread of the test so the test holds its devices."""

import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from flask import Flask
from werkzeug.serving import make_server

from common.api_client import ApiClient
from hardware.card_reader import FakeCardReader
from hardware.printers.fake import FakePrinter
from terminal import create_app as create_terminal
from tests.live import free_port


class ServerProcess:
    """`python -m server serve` on one port for its whole life (tests/live.py picks a new one)."""

    def __init__(self, database_url: str, tmp_path: Path) -> None:
        self.database_url = database_url
        self.tmp_path = tmp_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        assert self.process is None, "already running"
        self.starts += 1
        log_path = self.tmp_path / f"server-{self.port}-{self.starts}.log"
        env = dict(
            os.environ, DATABASE_URL=self.database_url, CYBERMARKET_MEDIA_DIR=str(self.tmp_path)
        )
        with open(log_path, "w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "server", "serve", "--port", str(self.port)]
                + ["--workers", "1", "--threads", "8"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                self.process = None
                raise RuntimeError(log_path.read_text())
            try:
                if requests.get(f"{self.url}/health", timeout=1).ok:
                    return
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("server did not start in 30 s")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


@contextmanager
def server_process(database_url: str, tmp_path: Path) -> Iterator[ServerProcess]:
    server = ServerProcess(database_url, tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class Terminal:
    url: str
    app: Flask
    printer: FakePrinter
    card_reader: FakeCardReader


@contextmanager
def running_terminal(server_url: str, token: str, **config: Any) -> Iterator[Terminal]:
    """The terminal app on a free port of this process, talking to the server over HTTP."""
    printer, card_reader = FakePrinter(), FakeCardReader()
    api = ApiClient(server_url, token)
    folder = tempfile.TemporaryDirectory(prefix="cm-terminal-")
    pending = Path(folder.name) / "pending-payments.json"
    app = create_terminal(
        {
            "TESTING": True,
            "SERVER_URL": server_url,
            "API_CLIENT": api,
            "PRINTER": "dummy:",
            "PRINTER_OBJECT": printer,
            "CARD_READER_OBJECT": card_reader,
            "PENDING_PAYMENTS_FILE": str(pending),
            **config,
        }
    )
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.1,), name="terminal", daemon=True)
    thread.start()
    try:
        yield Terminal(f"http://127.0.0.1:{httpd.server_port}", app, printer, card_reader)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
        session = getattr(api.transport, "session", None)
        if session is not None:
            session.close()
        folder.cleanup()
