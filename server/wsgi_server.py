"""Gunicorn for `cybermarket serve|terminal|pickup`: threaded workers, an app per process."""

from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):  # type: ignore[misc]
    def __init__(self, factory: Callable[[], Any], options: dict[str, Any]) -> None:
        self.factory = factory
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.factory()


def run(
    factory: Callable[[], Any],
    *,
    host: str,
    port: int,
    workers: int,
    threads: int,
    access_log: bool = True,
) -> None:
    _Server(
        factory,
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "accesslog": "-" if access_log else None,
            "graceful_timeout": 5,
            # A card payment can keep a request waiting for the shopper.
            "timeout": 120,
            # Several servers may run on one machine (tests, a chain's hosts): no shared socket.
            "control_socket_disable": True,
        },
    ).run()
