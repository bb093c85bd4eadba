"""A device app's API client wired to the server's test client, with a cable to pull."""

from typing import Any
from urllib.parse import urlsplit

from flask.testing import FlaskClient

from common.api_client import ServerUnreachable


class WiredTransport:
    """The device's API calls go to the server's test client; `down` pulls the cable."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.down = False
        self.calls: list[tuple[str, str]] = []

    def __call__(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str],
        params: Any,
        json: Any,
        data: bytes | None = None,
    ) -> tuple[int, Any]:
        if self.down:
            raise ServerUnreachable("cable pulled by the test")
        path = urlsplit(url).path
        self.calls.append((method, path))
        answer = self.client.open(
            path, method=method, headers=headers, query_string=params, json=json, data=data
        )
        return answer.status_code, answer.get_json(silent=True)

    def count(self, path: str) -> int:
        return sum(1 for _method, called in self.calls if called.endswith(path))
