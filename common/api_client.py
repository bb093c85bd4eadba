"""The devices' client for the server's JSON API.

One error type for an error answer (ApiError: code and message for people) and
another for a server that cannot be reached (ServerUnreachable), so a screen can
say "the order could not be made" apart from "the connection is down".
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests

Transport = Callable[..., tuple[int, Any]]


class ServerUnreachable(Exception):
    """The server did not answer: network down, server stopped, or too slow."""


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.details = details or {}


@dataclass
class RequestsTransport:
    """HTTP over requests; one pooled session per client."""

    timeout: tuple[float, float] = (2.0, 15.0)

    def __post_init__(self) -> None:
        self.session = requests.Session()

    def __call__(
        self, method: str, url: str, *, headers: dict[str, str], params: Any, json: Any
    ) -> tuple[int, Any]:
        try:
            answer = self.session.request(
                method, url, headers=headers, params=params, json=json, timeout=self.timeout
            )
        except requests.RequestException as exc:
            raise ServerUnreachable(str(exc)) from exc
        try:
            return answer.status_code, answer.json()
        except ValueError:
            if answer.status_code >= 500:
                raise ServerUnreachable(f"server answered {answer.status_code}") from None
            return answer.status_code, None


class ApiClient:
    def __init__(self, base_url: str, token: str, transport: Transport | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.transport = transport or RequestsTransport()

    def _call(
        self,
        method: str,
        path: str,
        *,
        lang: str = "ru",
        params: Any = None,
        body: Any = None,
        key: str | None = None,
    ) -> Any:
        headers = {"Authorization": f"Device {self.token}", "Accept-Language": lang}
        if key is not None:
            headers["Idempotency-Key"] = key
        status, data = self.transport(
            method, f"{self.base_url}/api/v1{path}", headers=headers, params=params, json=body
        )
        if status >= 500:
            raise ServerUnreachable(f"server error {status}")
        if status >= 400:
            error = (data or {}).get("error", {}) if isinstance(data, dict) else {}
            raise ApiError(
                status, error.get("code", "error"), error.get("message", ""), error.get("details")
            )
        return data

    def get(self, path: str, *, lang: str = "ru", **params: Any) -> Any:
        clean = {k: v for k, v in params.items() if v is not None}
        return self._call("GET", path, lang=lang, params=clean)

    def post(self, path: str, body: Any = None, *, key: str | None = None, lang: str = "ru") -> Any:
        return self._call("POST", path, lang=lang, body=body, key=key or new_key())


def new_key() -> str:
    return str(uuid.uuid4())
