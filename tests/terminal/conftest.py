"""The terminal app wired to the server's test client, with a fake printer and card reader."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from common.api_client import ApiClient
from hardware.card_reader import FakeCardReader
from hardware.printers.fake import FakePrinter
from terminal import create_app as create_terminal
from tests.helpers import World
from tests.wired import WiredTransport


@pytest.fixture
def terminal_app(
    world: World,
    wire: WiredTransport,
    printer: FakePrinter,
    card_reader: FakeCardReader,
    tmp_path: Path,
) -> Iterator[Flask]:
    yield create_terminal(
        {
            "TESTING": True,
            "SERVER_URL": "http://server.test",
            "API_CLIENT": ApiClient("http://server.test", world.tokens["terminal"], wire),
            "PRINTER_OBJECT": printer,
            "CARD_READER_OBJECT": card_reader,
            "PENDING_PAYMENTS_FILE": str(tmp_path / "pending-payments.json"),
        }
    )


@pytest.fixture
def kiosk(terminal_app: Flask) -> FlaskClient:
    return terminal_app.test_client()
