"""The terminal app wired to the server's test client, with a fake printer and card reader."""

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from common.api_client import ApiClient, ServerUnreachable
from hardware.card_reader import FakeCardReader
from hardware.printers.fake import FakePrinter
from terminal import create_app as create_terminal
from tests.helpers import World


class WiredTransport:
    """The terminal's API calls go to the server's test client; `down` pulls the cable."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.down = False

    def __call__(
        self, method: str, url: str, *, headers: dict[str, str], params: Any, json: Any
    ) -> tuple[int, Any]:
        if self.down:
            raise ServerUnreachable("cable pulled by the test")
        answer = self.client.open(
            urlsplit(url).path, method=method, headers=headers, query_string=params, json=json
        )
        return answer.status_code, answer.get_json(silent=True)


@pytest.fixture
def wire(client: FlaskClient) -> WiredTransport:
    return WiredTransport(client)


@pytest.fixture
def printer() -> FakePrinter:
    return FakePrinter()


@pytest.fixture
def card_reader() -> FakeCardReader:
    return FakeCardReader()


@pytest.fixture
def terminal_app(
    world: World, wire: WiredTransport, printer: FakePrinter, card_reader: FakeCardReader
) -> Iterator[Flask]:
    yield create_terminal(
        {
            "TESTING": True,
            "SERVER_URL": "http://server.test",
            "API_CLIENT": ApiClient("http://server.test", world.tokens["terminal"], wire),
            "PRINTER_OBJECT": printer,
            "CARD_READER_OBJECT": card_reader,
        }
    )


@pytest.fixture
def kiosk(terminal_app: Flask) -> FlaskClient:
    return terminal_app.test_client()
