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

from common.customer_wire import BonusQuote, CustomerCard, Shopper, ShopperSummary, ToReview
from common.wire import DeviceIdentity, Order, ScanAnswer, Shift

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
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str],
        params: Any,
        json: Any,
        data: bytes | None = None,
    ) -> tuple[int, Any]:
        try:
            answer = self.session.request(
                method,
                url,
                headers=headers,
                params=params,
                json=json,
                data=data,
                timeout=self.timeout,
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
        shopper: str | None = None,
        picture: bytes | None = None,
    ) -> Any:
        headers = {"Authorization": f"Device {self.token}", "Accept-Language": lang}
        if key is not None:
            headers["Idempotency-Key"] = key
        if shopper:
            headers["X-Customer-Token"] = shopper
        url = f"{self.base_url}/api/v1{path}"
        if picture is None:
            status, data = self.transport(method, url, headers=headers, params=params, json=body)
        else:
            headers["Content-Type"] = "image/jpeg"
            status, data = self.transport(
                method, url, headers=headers, params=params, json=None, data=picture
            )
        if status >= 500:
            raise ServerUnreachable(f"server error {status}")
        if status >= 400:
            error = (data or {}).get("error", {}) if isinstance(data, dict) else {}
            raise ApiError(
                status, error.get("code", "error"), error.get("message", ""), error.get("details")
            )
        return data

    def get(self, path: str, *, lang: str = "ru", shopper: str | None = None, **params: Any) -> Any:
        clean = {name: value for name, value in params.items() if value is not None}
        return self._call("GET", path, lang=lang, params=clean, shopper=shopper)

    def post(
        self,
        path: str,
        body: Any = None,
        *,
        key: str | None = None,
        lang: str = "ru",
        shopper: str | None = None,
    ) -> Any:
        """``shopper``: the identified shopper's customer token, sent as X-Customer-Token."""
        return self._call("POST", path, lang=lang, body=body, key=key or new_key(), shopper=shopper)

    def post_picture(self, path: str, picture: bytes, *, key: str, lang: str = "ru") -> Any:
        """A JPEG as the body itself (a photo of a unit in repair), not as JSON."""
        return self._call("POST", path, lang=lang, key=key, picture=picture)

    def post_once(self, path: str, body: Any = None, *, lang: str = "ru") -> Any:
        """A POST without an Idempotency-Key: for reports whose repeat does no harm."""
        return self._call("POST", path, lang=lang, body=body)

    # ---- typed calls: each answer is parsed here once, into common/wire.py's objects

    def device(self, *, lang: str) -> DeviceIdentity:
        """Who this device is; ServerUnreachable when its token belongs to no store."""
        answer = self.get("/device", lang=lang)
        if answer.get("store") is None:
            raise ServerUnreachable("this device token belongs to no store")
        return DeviceIdentity.from_json(answer)

    def shift(self, *, lang: str) -> Shift:
        return Shift.from_json(self.get("/device/shift", lang=lang))

    def name_clerk(self, name: str, *, lang: str) -> Shift:
        return Shift.from_json(self.post("/device/shift", {"clerk": name}, lang=lang))

    def order(self, number: str, *, lang: str) -> Order:
        return Order.from_json(self.get(f"/orders/{number}", lang=lang))

    def place_order(
        self, body: dict[str, Any], *, key: str, lang: str, shopper: str | None = None
    ) -> Order:
        return Order.from_json(self.post("/orders", body, key=key, lang=lang, shopper=shopper))

    def order_action(
        self, number: str, action: str, body: Any = None, *, key: str, lang: str
    ) -> Order:
        """payments, hand-out, arrived: a change to one order, answered with the order."""
        return Order.from_json(self.post(f"/orders/{number}/{action}", body, key=key, lang=lang))

    def scan(self, code: str, *, lang: str) -> ScanAnswer:
        return ScanAnswer.from_json(self.post("/pickups/scan", {"code": code}, lang=lang))

    def look_up(self, number: str, proof: str, *, lang: str) -> ScanAnswer:
        body = {"number": number, "proof": proof}
        return ScanAnswer.from_json(self.post("/pickups/lookup", body, lang=lang))

    # ---- customers: a shopper identified by a one-time code, the card at the window

    def send_code(self, phone: str, *, lang: str) -> None:
        self.post("/customers/code", {"phone": phone, "language": lang}, lang=lang)

    def verify_code(self, phone: str, code: str, *, lang: str) -> tuple[Shopper, str]:
        """The shopper and their customer token."""
        answer = self.post("/customers/verify", {"phone": phone, "code": code}, lang=lang)
        return Shopper.from_json(answer["customer"]), answer["customer_token"]

    def forget_shopper(self, shopper: str, *, lang: str) -> None:
        self.post("/customers/forget", lang=lang, shopper=shopper)

    def report_abandoned_cart(self, lines: list[tuple[str, int, int]], *, key: str) -> None:
        """A cart the idle reset cleared: (sku, qty, price_minor) per line, for the KPIs."""
        body = {
            "lines": [{"sku": sku, "qty": qty, "price_minor": price} for sku, qty, price in lines],
            "total_minor": sum(qty * price for _sku, qty, price in lines),
        }
        self.post("/terminal/abandoned-carts", body, key=key)

    def shopper(self, shopper: str, *, lang: str) -> ShopperSummary:
        return ShopperSummary.from_json(self.get("/customers/me", lang=lang, shopper=shopper))

    def bonus_quote(self, shopper: str, lines: list[tuple[str, int]], *, lang: str) -> BonusQuote:
        body = {"lines": [{"sku": sku, "qty": qty} for sku, qty in lines]}
        answer = self.post("/customers/me/bonus-quote", body, lang=lang, shopper=shopper)
        return BonusQuote.from_json(answer)

    def to_review(self, shopper: str, *, lang: str) -> list[ToReview]:
        answer = self.get("/customers/me/reviews", lang=lang, shopper=shopper)
        return [ToReview.from_json(item) for item in answer["items"]]

    def leave_review(
        self, shopper: str, item: ToReview, rating: int, text: str, *, key: str, lang: str
    ) -> None:
        body = {"order": item.order, "sku": item.sku, "rating": rating, "text": text}
        self.post("/customers/me/reviews", body, key=key, lang=lang, shopper=shopper)

    def order_customer(self, number: str, *, lang: str) -> CustomerCard:
        return CustomerCard.from_json(self.get(f"/orders/{number}/customer", lang=lang))


def new_key() -> str:
    return str(uuid.uuid4())
