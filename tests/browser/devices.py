"""Other devices acting on the live server through its JSON API while a screen is watched."""

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

import requests

STORE = "MSK-1"


class DeviceApi:
    """`/api/v1` over HTTP as one device; every answer must be a success."""

    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Device {token}"

    def get(self, path: str) -> Any:
        answer = self.session.get(f"{self.base_url}/api/v1{path}", timeout=10)
        assert answer.ok, f"GET {path}: {answer.status_code} {answer.text}"
        return answer.json()

    def post(self, path: str, body: Any = None) -> Any:
        answer = self.session.post(f"{self.base_url}/api/v1{path}", json=body or {}, timeout=10)
        assert answer.ok, f"POST {path}: {answer.status_code} {answer.text}"
        return answer.json()

    def close(self) -> None:
        self.session.close()


class Devices:
    """The store's terminal, warehouse and pickup window, as the API knows them."""

    def __init__(self, terminal: DeviceApi, warehouse: DeviceApi, pickup: DeviceApi) -> None:
        self.terminal = terminal
        self.warehouse = warehouse
        self.pickup = pickup

    def order(self, number: str) -> dict[str, Any]:
        result: dict[str, Any] = self.terminal.get(f"/orders/{number}")
        return result

    def reserve(self, skus: dict[str, int], payment: str = "card") -> dict[str, Any]:
        lines = [{"sku": sku, "qty": qty} for sku, qty in skus.items()]
        order: dict[str, Any] = self.terminal.post(
            "/orders", {"store": STORE, "lines": lines, "payment": payment}
        )
        return order

    def paid_order(self, skus: dict[str, int]) -> dict[str, Any]:
        """A terminal order paid by card: it goes to the warehouse."""
        order = self.reserve(skus)
        paid: dict[str, Any] = self.terminal.post(
            f"/orders/{order['number']}/payments",
            {"method": "card", "amount_minor": order["total_minor"], "reference": "000001"},
        )
        assert paid["status"] == "paid", paid
        return paid

    def make_ready(self, number: str, window: int) -> dict[str, Any]:
        self.warehouse.post(f"/orders/{number}/picking")
        ready: dict[str, Any] = self.warehouse.post(f"/orders/{number}/ready", {"window": window})
        assert ready["status"] == "ready", ready
        return ready

    def hand_out(self, number: str) -> dict[str, Any]:
        issued: dict[str, Any] = self.pickup.post(f"/orders/{number}/hand-out", {})
        assert issued["status"] == "issued", issued
        return issued


@contextmanager
def store_devices(server_url: str, tokens: dict[str, str]) -> Iterator[Devices]:
    with ExitStack() as stack:
        apis = []
        for kind in ("terminal", "warehouse", "pickup"):
            api = DeviceApi(server_url, tokens[kind])
            stack.callback(api.close)
            apis.append(api)
        yield Devices(*apis)
